"""Replaying approved change sets on a rebuilt terminology (`exportgraph load`).

Approved changes live in the store, not in the tables, and a rebuild starts again from the
tables; so every rebuild replays the approved changes, in approval order, on the freshly parsed
asserted graph before the closure is computed. Per change:

- **applied** — every statement it removes is still there (a number in any spelling); statements
  it adds that the sources already hold are fine (counted in the detail);
- **in the sources** — everything it removes is gone and everything it adds is there: it was
  carried into the tables, nothing to do;
- **conflict** — otherwise, when a statement it removes is gone: the sources changed what the
  change changed. The load fails naming the change and writes nothing, unless `drop_conflicting`,
  which leaves that change out entirely (never half-applied) and reports it as **dropped**.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal as OneOf

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph.errors import ExportgraphError
from exportgraph.graph.changeset import (
    TURTLE_PREFIX_MAP,
    ApprovedChange,
    approved_changes,
    parse_turtle,
    resolve_removals,
)
from exportgraph.graph.sources import collect_sources, parse_sources
from exportgraph.store import LoadError, Store

Status = OneOf["applied", "in-sources", "conflict", "dropped"]
WHERE = "replaying approved changes"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)")
_BY_LENGTH = sorted(TURTLE_PREFIX_MAP.items(), key=lambda item: -len(item[1]))
STATUS_NOTES = {
    "applied": "included",
    "in-sources": "already in the sources",
    "dropped": "CONFLICT, not included",
}
STATUS_LABELS = {
    "applied": "applied",
    "in-sources": "already in the sources",
    "dropped": "dropped as conflicting",
}


@dataclass(frozen=True)
class Outcome:
    """What replaying one approved change did, and why."""

    change: str
    summary: str
    status: Status
    detail: str = ""

    def describe(self) -> str:
        text = f"change {self.change} ({self.summary!r})"
        return f"{text} {self.detail}" if self.detail else text


@dataclass(frozen=True)
class Replay:
    """The asserted graph after the replay, its net difference from the sources, the outcomes."""

    graph: list[Triple]
    added: list[Triple]
    removed: list[Triple]
    outcomes: tuple[Outcome, ...] = ()


def summarize(outcomes: Sequence[Outcome]) -> str:
    """One line for `exportgraph load`, plus one per dropped change."""
    counts = [
        f"{n} {label}"
        for status, label in STATUS_LABELS.items()
        if (n := sum(1 for o in outcomes if o.status == status))
    ]
    head = f"replayed {len(outcomes)} approved change(s)"
    lines = [head + (f": {', '.join(counts)}" if counts else "")]
    lines += [f"  dropped {o.describe()}" for o in outcomes if o.status == "dropped"]
    return "\n".join(lines)


class ReplayConflict(LoadError):
    """Approved changes that no longer apply to the sources; nothing was loaded."""

    def __init__(self, conflicts: Sequence[Outcome]) -> None:
        self.conflicts = list(conflicts)
        reasons = "; ".join(outcome.describe() for outcome in conflicts)
        super().__init__(
            WHERE,
            None,
            None,
            f"{reasons}. Nothing was loaded; the store keeps its previous data. Carry the "
            "change into ontology/ (`exportgraph changes export` shows the net effect), or run "
            "`exportgraph load --drop-conflicting` to rebuild without it",
        )


def _statements(change: ApprovedChange) -> tuple[list[Triple], list[Triple]]:
    try:
        return parse_turtle(change.add, "add"), parse_turtle(change.remove, "remove")
    except ExportgraphError as error:
        raise LoadError(WHERE, None, None, f"change {change.id}: {error.detail}") from None


def _replay_one(change: ApprovedChange, current: set[Triple]) -> Outcome:
    """Apply one change to `current` in place when it applies; say what happened."""
    add, remove = _statements(change)
    removals = resolve_removals(remove, current)
    additions = resolve_removals(add, current)  # the spelling the graph already has, if any
    gone = [t for t in removals if t not in current]
    new = [t for t in additions if t not in current]
    if len(gone) == len(removals) and not new:
        return Outcome(change.id, change.summary, "in-sources")
    if gone:
        more = f" (and {len(gone) - 1} more)" if len(gone) > 1 else ""
        detail = f"removes {statement(gone[0])}{more}, which the sources no longer contain"
        return Outcome(change.id, change.summary, "conflict", detail)
    current.difference_update(removals)
    current.update(new)
    present = len(additions) - len(new)
    detail = f"({present} added statement(s) already in the sources)" if present else ""
    return Outcome(change.id, change.summary, "applied", detail)


def replay(
    asserted: Sequence[Triple],
    changes: Sequence[ApprovedChange],
    *,
    drop_conflicting: bool = False,
) -> Replay:
    """Replay `changes` in order on the asserted graph; ReplayConflict names every change that
    no longer applies (unless `drop_conflicting`, which leaves them out and reports them)."""
    sources = set(asserted)
    current = set(sources)
    outcomes = [_replay_one(change, current) for change in changes]
    conflicts = [outcome for outcome in outcomes if outcome.status == "conflict"]
    if conflicts and not drop_conflicting:
        raise ReplayConflict(conflicts)
    outcomes = [replace(o, status="dropped") if o.status == "conflict" else o for o in outcomes]
    added, removed = current - sources, sources - current
    graph = sorted(current, key=str) if added or removed else list(asserted)
    return Replay(graph, sorted(added, key=str), sorted(removed, key=str), tuple(outcomes))


def _abbreviate(iri: str, used: dict[str, str]) -> str:
    for prefix, space in _BY_LENGTH:
        local = iri[len(space) :]
        if iri.startswith(space) and _LOCAL.fullmatch(local):
            used[prefix] = space
            return f"{prefix}:{local}"
    return f"<{iri}>"


def _term(term: object, used: dict[str, str]) -> str:
    if isinstance(term, NamedNode):
        return _abbreviate(term.value, used)
    if isinstance(term, Literal) and not term.language and term.datatype.value != XSD_STRING:
        return f"{Literal(term.value)}^^{_abbreviate(term.datatype.value, used)}"
    return str(term)


def statement(triple: Triple, used: dict[str, str] | None = None) -> str:
    """A statement as change sets write it (`<…/le> eg:thresholdValue "100"^^xsd:decimal`);
    the prefixes it uses are added to `used`."""
    used = {} if used is None else used
    return " ".join(_term(term, used) for term in (triple.subject, triple.predicate, triple.object))


def turtle(triples: Sequence[Triple]) -> str:
    """Turtle text of statements, one a line, with the prefixes change sets predeclare (those it
    uses are declared, so the text stands alone and pastes into a change set)."""
    used: dict[str, str] = {}
    lines = "".join(f"{statement(triple, used)} .\n" for triple in triples)
    return "".join(f"@prefix {p}: <{space}> .\n" for p, space in sorted(used.items())) + lines


def net_effect(store: Store, root: Path | None = None) -> Replay:
    """The approved changes of `store` replayed on the current sources (ontology/, or `root`);
    the ones that conflict are left out and reported as dropped."""
    asserted = parse_sources(collect_sources(root))
    return replay(asserted, approved_changes(store), drop_conflicting=True)


def export_text(replayed: Replay, output_format: str = "turtle") -> str:
    """The net effect as Turtle (an add section, then a remove section, each standalone) or as
    JSON {changes, add, remove}, for an editor to carry into the tables."""
    add, remove = turtle(replayed.added), turtle(replayed.removed)
    if output_format == "json":
        changes = [asdict(outcome) for outcome in replayed.outcomes]
        return json.dumps({"changes": changes, "add": add, "remove": remove}, indent=2) + "\n"
    notes = [f"# {o.describe()}: {STATUS_NOTES[o.status]}\n" for o in replayed.outcomes]
    return (
        "# Net effect of the approved changes on the sources (exportgraph changes export).\n"
        "# Carry it into the tables; the next `exportgraph load` then finds it in the sources.\n"
        + "".join(notes)
        + "\n# ---- statements to add\n"
        + add
        + "\n# ---- statements to remove\n"
        + remove
    )
