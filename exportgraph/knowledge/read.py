"""Read the knowledge index from a store: a dozen named queries (queries/knowledge_*.rq,
entries*.rq, jurisdictions.rq, assess_*.rq, classify_units.rq, equivalence_asserted.rq), once per
data version. Nothing here decides anything; it only assembles what the graph states."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from pyoxigraph import Quad

from exportgraph import namespaces as ns
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import (
    AssertedMapping,
    Condition,
    Jurisdiction,
    LicenceException,
    Plot,
    ResearchExclusion,
    Source,
)
from exportgraph.knowledge.read_concepts import follow_texts, read_concepts
from exportgraph.knowledge.read_entries import read_entries, relation_of
from exportgraph.knowledge.read_listed import read_listed
from exportgraph.knowledge.read_products import read_products
from exportgraph.knowledge.read_risk import read_risk
from exportgraph.knowledge.rows import Row, flag, rows, source_order, tail
from exportgraph.knowledge.units import UnitCatalogue, load_unit_catalogue
from exportgraph.store import Store

log = logging.getLogger("exportgraph.knowledge")


def read_knowledge(store: Store, sections: Collection[str] | None = None) -> Knowledge:
    """The index of the store's current data; with `sections`, only those sections (of a graph
    that holds only what they read: the other fields stay empty and report no problem)."""
    version = store.data_version() or ""
    knowledge = Knowledge(version=version, units=UnitCatalogue({}))
    problems: list[str] = []
    unknown = set(sections or ()) - {section.name for section in SECTIONS}
    if unknown:
        raise ValueError(f"no section(s) {sorted(unknown)} in the index")
    for section in SECTIONS:
        if sections is None or section.name in sections:
            section.read(knowledge, store, problems)
    return finish(knowledge, problems)


def finish(knowledge: Knowledge, problems: list[str]) -> Knowledge:
    """The index with the problems its sections reported (logged for operators)."""
    knowledge.problems = tuple(problems)
    for problem in problems:
        log.warning("data version %s: %s", knowledge.version[:12], problem)
    return knowledge


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    """One part of the index: the Knowledge fields it fills, how it reads them from a store
    (appending what it cannot read to the problems), and the parts of other sections it reads
    (section name -> that part of the index), so that it is read again when those change."""

    name: str
    fields: tuple[str, ...]
    read: Callable[[Knowledge, Store, list[str]], None]
    needs: Mapping[str, Callable[[Knowledge], object]] = field(default_factory=dict)
    follow: Callable[[Knowledge, Knowledge, Store, Sequence[Quad]], bool] | None = None
    """Fills the section of a new index (2nd) from the previous index's (1st) and the changed
    statements its queries can read, when it can do so narrowly; False: read it again."""


def _units(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    knowledge.units = load_unit_catalogue(store.select(load_query("classify_units")))


def _concepts(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    read_concepts(knowledge, store.select(load_query("knowledge_concepts")))


def _plots(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    knowledge.plots = tuple(
        Plot(r["plot"], r.get("label") or tail(r["plot"]), r["kind"], r["x"], r["y"])
        for r in rows(store, "knowledge_plots")
    )


def _risk(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    knowledge.risk = read_risk(knowledge, store)
    problems.extend(knowledge.risk.problems)


def _listed(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    knowledge.listed = read_listed(store)


def _units_of(knowledge: Knowledge) -> object:
    return knowledge.units


def _concepts_of_entries(knowledge: Knowledge) -> object:
    """What reading the entries takes from the concepts: the parameters' display order and
    which legal statuses are law (exportgraph.knowledge.read_entries)."""
    return (
        {c.notation: c.order for c in knowledge.parameters.values()},
        {n: c.has("isLaw") for n, c in knowledge.scheme("legal-statuses").items()},
    )


def _concepts_of_risk(knowledge: Knowledge) -> object:
    """What reading the risk part takes from the concepts: each one's notation and display order
    (exportgraph.knowledge.read_risk names levels, stages and states by them)."""
    return {iri: (c.notation, c.order) for iri, c in knowledge.concepts.items()}


SECTIONS: tuple[Section, ...] = (
    Section("units", ("units",), _units),
    Section(
        "concepts",
        ("concepts", "schemes", "kind_ancestors", "kind_descendants"),
        _concepts,
        follow=follow_texts,
    ),
    Section(
        "jurisdictions",
        ("jurisdictions", "_aliases"),
        lambda k, store, _: _read_jurisdictions(k, rows(store, "jurisdictions")),
    ),
    Section(
        "sources",
        ("sources",),
        lambda k, store, _: _read_sources(k, rows(store, "entries_sources")),
    ),
    Section(
        "entries",
        ("entries", "entries_by_id", "tops"),
        read_entries,
        {"units": _units_of, "concepts": _concepts_of_entries},
    ),
    Section(
        "exceptions",
        ("exceptions",),
        lambda k, store, _: _read_exceptions(k, rows(store, "assess_exceptions")),
    ),
    Section(
        "exclusions",
        ("exclusions",),
        lambda k, store, _: _read_exclusions(k, rows(store, "assess_exclusions")),
    ),
    Section(
        "asserted mappings",
        ("asserted_mappings",),
        lambda k, store, _: _read_asserted(k, rows(store, "equivalence_asserted")),
    ),
    Section("plots", ("plots",), _plots),
    Section(
        "products",
        ("products", "product_sources"),
        lambda k, store, _: read_products(k, store),
        {"units": _units_of},
    ),
    Section("risk", ("risk",), _risk, {"concepts": _concepts_of_risk}),
    Section("listed", ("listed",), _listed),
)
"""The sections in reading order (a section comes after those it needs)."""


# --------------------------------------------------------------------------- jurisdictions


def _read_jurisdictions(knowledge: Knowledge, rows: list[Row]) -> None:
    merged: dict[str, Row] = {}
    multi: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        code = row.get("code")
        if code is None:
            continue
        first = merged.setdefault(code, dict(row))
        for name, value in row.items():
            first.setdefault(name, value)
            if value not in multi[code][name]:
                multi[code][name].append(value)
    for code, row in merged.items():
        aliases = frozenset(a.upper() for a in multi[code]["alias"])
        knowledge.jurisdictions[code] = Jurisdiction(
            iri=row["jurisdiction"],
            code=code,
            label=row.get("label") or code,
            part_of=tuple(sorted(p for p in multi[code]["partOf"] if p != code)),
            deemed_export=flag(row.get("deemedExport")),
            deemed_export_basis=row.get("deemedExportBasis"),
            notes=tuple(sorted(multi[code]["note"])),
            destination_only=bool(flag(row.get("destinationOnly"))),
            aliases=aliases,
        )
        for alias in aliases:
            knowledge._aliases[alias] = code


# --------------------------------------------------------------------------- sources


def _read_sources(knowledge: Knowledge, rows: list[Row]) -> None:
    prefix = ns.EGID + "source/"
    for row in rows:
        iri = row.get("source")
        if iri is None:
            continue
        local = iri.removeprefix(prefix)
        jurisdiction, _, source_id = local.partition("/")
        public = f"{jurisdiction}:{row.get('notation') or source_id}" if source_id else local
        knowledge.sources[iri] = Source(
            iri=iri,
            id=public,
            citation=row.get("citation") or public,
            url=row.get("url"),
            evidence=row.get("evidence"),
        )


# --------------------------------------------------------------------------- exceptions, exclusions, mappings


def _grouped(rows: list[Row], key: str) -> dict[str, tuple[Row, dict[str, list[str]]]]:
    """Rows grouped by `key`, with each other column's distinct values in order."""
    grouped: dict[str, tuple[Row, dict[str, list[str]]]] = {}
    for row in rows:
        iri = row.get(key)
        if iri is None:
            continue
        _, values = grouped.setdefault(iri, (row, defaultdict(list)))
        for name, value in row.items():
            if value not in values[name]:
                values[name].append(value)
    return grouped


def _read_exceptions(knowledge: Knowledge, rows: list[Row]) -> None:
    for iri, (row, values) in _grouped(rows, "exception").items():
        knowledge.exceptions[iri] = LicenceException(
            iri=iri,
            id=row.get("id") or iri,
            title=row.get("title") or "",
            destinations_known=flag(row.get("known")) is True,
            eligible=frozenset(values.get("eligible", ())),
            evidence=row.get("evidence"),
            notes=tuple(sorted(values.get("note", ()))),
            sources=tuple(sorted(values.get("source", ()), key=source_order)),
        )


def _conditions(rows: list[Row], exclusion: str) -> tuple[Condition, ...]:
    found: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        node, field, value = row.get("condition"), row.get("field"), row.get("allowed")
        if row.get("exclusion") == exclusion and node and field and value is not None:
            _, values = found.setdefault(node, (field, []))
            if value not in values:
                values.append(value)
    return tuple(
        Condition(field, tuple(sorted(values))) for _, (field, values) in sorted(found.items())
    )


def _read_exclusions(knowledge: Knowledge, rows: list[Row]) -> None:
    knowledge.exclusions = tuple(
        ResearchExclusion(
            iri=iri,
            id=row.get("id") or iri,
            jurisdiction=row.get("jurisdiction") or "",
            title=row.get("title") or "",
            applies_to=frozenset(values.get("appliesTo", ())),
            conditions=_conditions(rows, iri),
            evidence=row.get("evidence"),
            notes=tuple(sorted(values.get("note", ()))),
            sources=tuple(sorted(values.get("source", ()), key=source_order)),
        )
        for iri, (row, values) in sorted(_grouped(rows, "exclusion").items())
    )


def _read_asserted(knowledge: Knowledge, rows: list[Row]) -> None:
    mappings = []
    for row in rows:
        relation = relation_of(row.get("relation") or "")
        if relation is None:
            continue
        confidence = row.get("confidence")
        try:
            score = float(confidence) if confidence is not None else None
        except ValueError:
            score = None
        mappings.append(
            AssertedMapping(
                subject=row["subject"],
                relation=relation,
                object=row["object"],
                justification=row.get("justification"),
                confidence=score,
                comment=row.get("comment"),
            )
        )
    knowledge.asserted_mappings = tuple(mappings)
