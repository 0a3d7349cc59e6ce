"""The answer of a what-if (contract §9): its shape, the migrations it lists, the counts per
jurisdiction, and the harmonization index (exportgraph.services.standards.impact computes it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.services.partners.batch_compiled import Results
from exportgraph.services.standards.impact_agreements import AgreementMove, AgreementsAssessed


class Migration(TypedDict):
    """One item in one jurisdiction whose answer the change moves."""

    id: object
    jurisdiction: str
    before: bool | str
    after: bool | str  # "invalid": the item no longer reads under the changed vocabulary
    entries_before: list[str]
    entries_after: list[str]
    problem: NotRequired[str]


class Harmonization(TypedDict):
    before: float | None
    after: float | None


class CorpusShown(TypedDict):
    source: str  # products, request
    items: int


class ImpactAnswer(TypedDict):
    before_version: str
    as_of: str
    jurisdictions: list[str]
    corpus: CorpusShown
    change: dict[str, object]
    migrations: list[Migration]
    summary: dict[str, dict[str, int]]
    harmonization: Harmonization
    agreements: list[AgreementMove]
    agreements_assessed: AgreementsAssessed
    notes: list[str]


def invalid(item_id: object, verdict: Mapping[str, object], problem: str) -> Migration:
    """An item that no longer reads under the changed vocabulary, in one jurisdiction."""
    return {
        "id": item_id,
        "jurisdiction": str(verdict["jurisdiction"]),
        "before": verdict["controlled"],  # type: ignore[typeddict-item]
        "after": "invalid",
        "entries_before": list(verdict["entries"]),  # type: ignore[call-overload]
        "entries_after": [],
        "problem": problem,
    }


def _name(verdict: bool | str) -> str:
    return str(verdict).lower()


def count(summary: dict[str, dict[str, int]], code: str, was: bool | str, now: bool | str) -> None:
    """Count one migration in the summary ("true->false": 3)."""
    key = f"{_name(was)}->{_name(now)}"
    summary[code][key] = summary[code].get(key, 0) + 1


def harmonization(results: Sequence[Results | None]) -> float | None:
    """The share of items (that read) on which every jurisdiction gives the same decided answer."""
    lists = {id(found): found for found in results if found is not None}
    count = agreeing = 0
    for key, times in Counter(id(found) for found in results if found is not None).items():
        verdicts = {verdict["controlled"] for verdict in lists[key]}
        count += times
        agreeing += times if len(verdicts) == 1 and "unknown" not in verdicts else 0
    return round(agreeing / count, 6) if count else None
