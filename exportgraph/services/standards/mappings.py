"""Mappings as SSSOM tables: the asserted SKOS mappings of the graph, and the derived ones."""

from __future__ import annotations

from collections.abc import Mapping as MappingOf
from typing import Literal

import yaml
from typing_extensions import TypedDict

from exportgraph import namespaces as ns
from exportgraph import paths
from exportgraph.errors import InvalidInput
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.current import of_store
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.rows import lexical
from exportgraph.loaders.sssom import Mapping, write_sssom
from exportgraph.services.standards.equivalence_derive import Derivation, derive
from exportgraph.services.standards.equivalence_regions import index_for
from exportgraph.store import Store, Term

Source = Literal["asserted", "derived"]
SOURCES: tuple[Source, ...] = ("asserted", "derived")
MANUAL = "semapv:ManualMappingCuration"
DERIVED = "semapv:LogicalReasoning"
SEMAPV = "https://w3id.org/semapv/vocab/"
MappingStatus = Literal["asserted", "proposed", "derived"]


class MappingRow(TypedDict):
    """One mapping as JSON (GET /v1/mappings?format=json), IRIs in full."""

    status: MappingStatus
    """asserted; proposed (awaiting a reviewer's approval); or derived (from thresholds)."""
    subject: str
    predicate: str
    object: str
    justification: str
    confidence: float | None
    comment: str | None
    author: str | None


def _declared_license() -> str | None:
    """The license the source mapping tables declare (the first one found)."""
    for path in sorted((paths.ontology_dir() / "mappings").glob("*.sssom.tsv")):
        header = [
            line[1:]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        ]
        try:
            meta = yaml.safe_load("\n".join(header)) or {}
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and isinstance(meta.get("license"), str):
            return str(meta["license"])
    return None


def _curie_map(mappings: list[Mapping]) -> dict[str, str]:
    curies = {"egid": ns.EGID, "semapv": SEMAPV}
    entry_base = ns.EGID + "entry/"
    for mapping in mappings:
        for iri in (mapping.subject, mapping.object):
            if iri.startswith(entry_base):
                jurisdiction = iri[len(entry_base) :].split("/", 1)[0]
                curies[jurisdiction] = f"{entry_base}{jurisdiction}/"
    return curies


def asserted_mappings(store: Store) -> list[Mapping]:
    """Every asserted SKOS mapping with its justification, confidence, comment and author."""
    return _table_rows(store, "mappings_asserted")


def proposed_mappings(store: Store) -> list[Mapping]:
    """The mappings exportgraph proposes (eg:ProposedMapping: the US-EU correspondences of the
    Wassenaar-numbered entries) that no reviewer has approved yet."""
    return _table_rows(store, "mappings_proposed")


def _table_rows(store: Store, query: str) -> list[Mapping]:
    rows = store.select(load_query(query))
    found = []
    for row in rows:

        def text(name: str, row: MappingOf[str, Term] = row) -> str:
            return lexical(row, name) or ""

        confidence = text("confidence")
        found.append(
            Mapping(
                subject=text("subject"),
                predicate=text("relation").removeprefix(ns.SKOS),
                object=text("object"),
                justification=text("justification") or MANUAL,
                confidence=float(confidence) if confidence else None,
                comment=text("comment"),
                author=text("author"),
            )
        )
    return found


def derived_mappings(store: Store) -> list[Mapping]:
    """The proposed mappings not yet approved, then one row per pair of curated entries of
    different jurisdictions whose thresholds relate."""
    return proposed_mappings(store) + threshold_mappings(store)


def threshold_mappings(store: Store) -> list[Mapping]:
    """One row per pair of entries of different jurisdictions whose thresholds relate (computed
    once per data version: comparing every pair of regions takes seconds on the real data)."""
    return list(of_store(store).derived("threshold_mappings", _threshold_mappings))


def _threshold_mappings(knowledge: Knowledge) -> tuple[Mapping, ...]:
    index = index_for(knowledge)
    entries = sorted(index.entries.values(), key=lambda e: e.id)
    found = []
    for i, a in enumerate(entries):
        for b in entries[i + 1 :]:
            if a.jurisdiction == b.jurisdiction:
                continue
            result = derive(a, b)
            if isinstance(result, Derivation) and result.relation is not None:
                found.append(
                    Mapping(
                        a.iri, result.relation, b.iri, DERIVED, None, result.basis, "exportgraph"
                    )
                )
    return tuple(found)


def mappings_table(store: Store, source: str = "asserted") -> str:
    """The asserted (or derived) mappings as SSSOM TSV."""
    if source not in SOURCES:
        raise InvalidInput(f"source must be one of {', '.join(SOURCES)}", field="source")
    mappings = asserted_mappings(store) if source == "asserted" else derived_mappings(store)
    metadata: dict[str, str] = {
        "mapping_set_id": f"https://w3id.org/exportgraph/mappings/{source}",
        "mapping_set_description": (
            "SKOS mappings between control entries asserted in the exportgraph terminology"
            if source == "asserted"
            else "SKOS mappings derived by exportgraph, not asserted: US-EU correspondences of "
            "the Wassenaar-numbered entries proposed from code, text similarity and thresholds "
            "(semapv:CompositeMatching, until a reviewer approves them as a change), and "
            "relations derived from the curated entries' formal thresholds "
            "(semapv:LogicalReasoning)"
        ),
        "mapping_set_version": store.data_version() or "",
    }
    license_iri = _declared_license()
    if license_iri:
        metadata["license"] = license_iri
    return write_sssom(mappings, _curie_map(mappings), metadata)


def mappings_json(store: Store, source: str = "asserted") -> list[MappingRow]:
    """The same rows as JSON objects (IRIs in full)."""
    if source not in SOURCES:
        raise InvalidInput(f"source must be one of {', '.join(SOURCES)}", field="source")
    mappings = asserted_mappings(store) if source == "asserted" else derived_mappings(store)
    return [
        {
            "status": _status(source, m),
            "subject": m.subject,
            "predicate": "skos:" + m.predicate,
            "object": m.object,
            "justification": m.justification,
            "confidence": m.confidence,
            "comment": m.comment or None,
            "author": m.author or None,
        }
        for m in mappings
    ]


def _status(source: str, mapping: Mapping) -> MappingStatus:
    """asserted; proposed (awaiting a reviewer's approval); or derived (from thresholds)."""
    if source == "asserted":
        return "asserted"
    return "derived" if mapping.justification == DERIVED else "proposed"


__all__ = [
    "MappingRow",
    "asserted_mappings",
    "derived_mappings",
    "mappings_json",
    "mappings_table",
    "proposed_mappings",
    "threshold_mappings",
]
