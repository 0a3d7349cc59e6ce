"""Terminal tables (rich) of the partners' answers, for the CLI."""

from __future__ import annotations

from rich.table import Table

from exportgraph.presentation.text import shorten as _short
from exportgraph.services.partners.answers import AssessAnswer, ClassifyAnswer, EntryAnswer


def _cell(value: object) -> str:
    if value is True:
        return "[bold red]yes[/]"
    if value is False:
        return "[green]no[/]"
    return "[yellow]unknown[/]"


def _criteria_line(entry: EntryAnswer) -> str:
    """The criteria that made the most specific entry match, e.g. `physical-qubits 120 >= 100`."""
    parts = [
        f"{c['parameter']} {c['value']} {c['comparator']} {c['threshold']} "
        f"{'' if c['unit'] in ('1', 'count') else c['unit']}".rstrip()
        for c in entry["criteria"]
        if c.get("satisfied") is True
    ]
    return f"{entry['id']}: " + ("; ".join(parts) or "no thresholds of its own")


def classify_table(answer: ClassifyAnswer) -> Table:
    """A readable table of a classification answer."""
    table = Table(
        "jurisdiction", "controlled", "entries", "why / missing", title=f"as of {answer['as_of']}"
    )
    for result in answer["results"]:
        entries = ", ".join(entry["id"] for entry in result["entries"]) or "-"
        why = [_criteria_line(result["entries"][0])] if result["entries"] else []
        if result.get("missing"):
            why.append("missing: " + ", ".join(result["missing"]))
        if result.get("missing_facts"):
            why.append("missing facts: " + ", ".join(result["missing_facts"]))
        why += [_short(note) for note in result["notes"][:3]]
        table.add_row(result["jurisdiction"], _cell(result["controlled"]), entries, "\n".join(why))
    return table


def assess_table(answer: AssessAnswer) -> Table:
    """A readable table of an assessment answer."""
    table = Table(
        "jurisdiction",
        "licence required",
        "entries",
        "reasons / missing",
        "exclusions / exceptions",
        title=f"{answer['activity']} from {answer['from']} as of {answer['as_of']}",
    )
    for result in answer["results"]:
        reasons = [_short(reason) for reason in result["reasons"]]
        if result.get("missing_facts"):
            reasons.append("missing: " + ", ".join(result["missing_facts"]))
        extras = [f"{x['id']}: {x['applies']}" for x in result["exclusions"]]
        extras += [f"{x['id']} available: {x['available']}" for x in result["exceptions"]]
        table.add_row(
            result["jurisdiction"],
            _cell(result["licence_required"]),
            ", ".join(result["entries"]) or "-",
            "\n".join(reasons),
            "\n".join(extras),
        )
    return table
