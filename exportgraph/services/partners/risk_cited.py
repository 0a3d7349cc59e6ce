"""Sources cited and measures explained as risk and plan answers show them, kept per data version."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.memo import BoundedMemo
from exportgraph.knowledge.risk_model import Level, RiskModel
from exportgraph.services.partners.risk_answers import MeasureExplained, SourceCited


def _cited(knowledge: Knowledge, iri: str) -> SourceCited | None:
    reference = knowledge.risk.references.get(iri)
    found = reference or knowledge.sources.get(iri)
    if found is None:
        return None
    cited: SourceCited = {"id": found.id, "citation": found.citation, "url": found.url}
    if found.evidence:
        cited["evidence"] = found.evidence
    return cited


def cite(knowledge: Knowledge, iris: Sequence[str] | tuple[str, ...]) -> list[SourceCited]:
    """Sources as answers show them — references of the risk data or legal sources of entries —
    in order, once each (kept per data version: the same lists recur in every answer)."""
    memo: dict[tuple[str, ...], list[SourceCited]] = knowledge.derived(
        "risk:citations", lambda _: {}
    )
    key = tuple(iris)
    found = memo.get(key)
    if found is None:
        found = [c for iri in dict.fromkeys(key) if (c := _cited(knowledge, iri)) is not None]
        if len(memo) < 10_000:
            memo[key] = found
    return found  # shared between answers: never mutated


def measures_of(
    knowledge: Knowledge, model: RiskModel, levels: Sequence[Level], band: str
) -> list[MeasureExplained]:
    """The levels' measures, then the band's, once each (kept per data version)."""
    memo: BoundedMemo[Hashable, list[MeasureExplained]] = knowledge.derived(
        "risk:measures", lambda _: BoundedMemo(1024)
    )
    key = (model.iri, tuple(level.iri for level in levels), band)
    return memo.get(key, lambda: _collect_measures(knowledge, model, levels, band))


def _collect_measures(
    knowledge: Knowledge, model: RiskModel, levels: Sequence[Level], band: str
) -> list[MeasureExplained]:
    wanted: list[str] = [m for level in levels for m in level.measures]
    for model_band in model.bands:
        if model_band.band == band:
            wanted.extend(model_band.measures)
    out: list[MeasureExplained] = []
    for iri in dict.fromkeys(wanted):
        measure = knowledge.risk.measures.get(iri)
        if measure is not None:
            out.append(
                {
                    "id": measure.id,
                    "text": measure.text,
                    "basis": measure.basis,
                    "sources": cite(knowledge, measure.sources),
                }
            )
    return out
