"""Terminal tables (rich) of risk scores and plan evaluations, for the CLI."""

from __future__ import annotations

from rich.table import Table

from exportgraph.presentation.text import shorten
from exportgraph.services.partners.plan_answers import PlanAnswer
from exportgraph.services.partners.risk_answers import RiskAnswer

BAND_STYLE = {
    "low": "green",
    "elevated": "yellow",
    "high": "bold red",
    "prohibited": "bold white on red",
}


_REQUIRED = {"True": "licence", "False": "no licence"}


def band(text: str) -> str:
    return f"[{BAND_STYLE.get(text, 'bold')}]{text}[/]"


def risk_table(answer: RiskAnswer) -> Table:
    """Each factor's input, level and points, under the score and band."""
    model = answer["model"]
    table = Table(
        "factor",
        "input",
        "level",
        "points",
        "why",
        title=f"score {answer['score']} — {band(answer['band'])} "
        f"({model['id']} {model['version']}, {answer['from']} → {answer['to']}, as of {answer['as_of']})",
        caption=answer["note"],
    )
    for factor in answer["factors"]:
        table.add_row(
            factor["label"],
            factor["input"],
            factor["level_label"],
            f"{factor['points']} / {factor['max']}",
            shorten(factor["why"]),
        )
    return table


def measures_table(answer: RiskAnswer) -> Table:
    table = Table("what to do", title="measures")
    for text in answer["measures"]:
        table.add_row(text)
    return table


def plan_table(answer: PlanAnswer) -> Table:
    """One row per activity: stage, licences with their latest date to apply, band, conflicts."""
    table = Table(
        "activity",
        "date",
        "stage / gate",
        "licences (apply by)",
        "band",
        "conflicts",
        title=f"{answer['project'] or 'plan'} as of {answer['as_of']}",
    )
    for activity in answer["activities"]:
        licences = [
            f"{n['jurisdiction']}: {_REQUIRED.get(str(n['required']), 'unknown')}"
            + (f" (apply by {n['apply_by']})" if n["apply_by"] != "unknown" else "")
            for n in activity["licences"]
        ]
        table.add_row(
            f"{activity['id']} {activity['type']}",
            activity["date"],
            f"{activity['stage'] or '-'}\n{activity['gate'] or ''}",
            "\n".join(licences) or "-",
            band(activity["risk"]["band"]),
            "\n".join(shorten(c["message"]) for c in activity["conflicts"]) or "-",
        )
    return table
