"""The formalized paragraphs as RDF: each a control entry of its list (eg:ControlEntry with kinds,
excluded kinds, required facts, notes, criteria as eg:Alternative nodes, dates and sources), each
criterion citing the sentence it was read from; and the text bases (texts.csv) that date them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from exportgraph.loaders.formalize import FormalCriterion, FormalEntry, read_rows
from exportgraph.loaders.tables import Row
from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns

NOT_FORMALIZED = "not formalized: read the text"
Add = Callable[[NamedNode, NamedNode, NamedNode | Literal], None]


@dataclass(frozen=True)
class TextBasis:
    """When the text of a jurisdiction's list was in force, and the source it cites."""

    jurisdiction: str
    date: str
    source: str
    note: str


def read_text_bases(ontology: Path, name: str) -> dict[str, TextBasis]:
    columns = ("jurisdiction", "text_date", "source", "note")
    bases = read_rows(ontology, "texts.csv", columns, name, _basis)
    return {basis.jurisdiction: basis for basis in bases}


def _basis(row: Row) -> TextBasis:
    return TextBasis(
        row.require("jurisdiction"),
        row.require("text_date"),
        row.require("source"),
        row.require("note"),
    )


_TYPES: dict[tuple[str, ...], str] = {
    ("software",): "SoftwareEntry",
    ("technology",): "TechnologyEntry",
}
"""The entry's class by its kinds (a hardware entry otherwise)."""


def rdf(
    add: Add,
    found: Iterable[FormalEntry],
    bases: Mapping[str, TextBasis],
    lists: Mapping[str, str],
) -> None:
    """The formalized paragraphs as control entries of their list (eg:ControlEntry with kinds,
    criteria, dates and sources), each criterion citing the sentence it was read from."""
    entries = list(found)
    groups = {(e.jurisdiction, e.code) for e in entries if e.group}
    for order, entry in enumerate(entries):
        basis = bases[entry.jurisdiction]
        node = ns.entry_iri(entry.jurisdiction, entry.code)
        source = ns.source_iri(entry.jurisdiction, basis.source)
        add(node, _RDF_TYPE, ns.eg(_TYPES.get(entry.kinds, "HardwareEntry")))
        add(node, _RDF_TYPE, ns.eg("ControlEntry"))
        # the first line, as the list's own title of an ECCN heading (US 5A101 goes on with "The
        # list of items controlled is contained in the ECCN heading."): one title per entry
        add(node, _TITLE, Literal(entry.title.split("\n", 1)[0], language="en"))
        add(node, ns.eg("jurisdiction"), ns.jurisdiction_iri(entry.jurisdiction))
        add(node, ns.eg("inList"), ns.list_iri(entry.jurisdiction, lists[entry.jurisdiction]))
        add(node, ns.eg("sortKey"), Literal(str(100_000 + order), datatype=_INTEGER))
        if entry.parent and (entry.jurisdiction, entry.parent) in groups:
            add(node, ns.eg("subEntryOf"), ns.entry_iri(entry.jurisdiction, entry.parent))
        for kind in entry.kinds:
            add(node, ns.eg("itemKind"), ns.concept_iri("kind", kind))
        for kind in entry.excluded_kinds:
            add(node, ns.eg("excludedKind"), ns.concept_iri("kind", kind))
        for fact in entry.requires_facts:
            add(node, ns.eg("requiresFact"), ns.concept_iri("fact", fact))
        for purpose in entry.purposes:
            add(node, ns.eg("purpose"), ns.concept_iri("purpose", purpose))
        for kind in entry.serves_kinds:
            add(node, ns.eg("servesKind"), ns.concept_iri("kind", kind))
        served_entries(add, entry.jurisdiction, entry.code, entry.serves, ())
        for note in entry.notes:
            add(node, ns.eg("note"), Literal(note, language="en"))
        complete = entry.text_only is None
        add(node, ns.eg("criteriaComplete"), _boolean(complete))
        add(node, ns.eg("effectiveFrom"), Literal(basis.date, datatype=_DATE))
        add(node, ns.eg("effectiveDateNote"), Literal(basis.note, language="en"))
        add(node, ns.eg("evidence"), Literal("primary"))
        add(node, _SOURCE, source)
        if not complete:
            why = f"{NOT_FORMALIZED} ({entry.text_only})" if entry.text_only else NOT_FORMALIZED
            add(node, ns.eg("gap"), Literal(why, language="en"))
        _criteria(add, node, entry, source)


def served_entries(
    add: Add, jurisdiction: str, code: str, serves: Iterable[str], kinds: Iterable[str]
) -> None:
    """The entries a software or technology entry serves (eg:servesEntry), by their codes, and
    the kinds they concern (eg:servesKind: all of them, sub-entries' too — what the index derives
    from the entries, written out so that SPARQL need not walk the sub-entries)."""
    node = ns.entry_iri(jurisdiction, code)
    for served in serves:
        add(node, ns.eg("servesEntry"), ns.entry_iri(jurisdiction, served))
    for kind in kinds:
        add(node, ns.eg("servesKind"), ns.concept_iri("kind", kind))


def _criteria(add: Add, node: NamedNode, entry: FormalEntry, source: NamedNode) -> None:
    """The entry's ways as eg:Alternative nodes; a criterion read from one paragraph is one node,
    shared by every alternative it is part of."""
    written: set[str] = set()
    for number, way in enumerate(entry.ways, start=1):
        alternative = NamedNode(f"{node.value}/alt/{number}")
        add(node, ns.eg("alternative"), alternative)
        add(alternative, _RDF_TYPE, ns.eg("Alternative"))
        for criterion in way:
            item = _criterion_iri(node, entry, criterion, alternative)
            add(alternative, ns.eg("criterion"), item)
            if item.value in written:
                continue
            written.add(item.value)
            add(item, _RDF_TYPE, ns.eg("Criterion"))
            add(item, ns.eg("parameter"), ns.concept_iri("parameter", criterion.parameter))
            add(item, ns.eg("comparator"), Literal(criterion.comparator))
            value = Literal(format(criterion.value, "f"), datatype=_DECIMAL)
            add(item, ns.eg("thresholdValue"), value)
            add(item, ns.eg("unit"), NamedNode(criterion.unit))
            add(item, ns.eg("legalText"), Literal(criterion.source_text, language="en"))
            add(item, ns.eg("formalizedFromText"), _boolean(True))
            add(item, _SOURCE, source)
            if criterion.paragraph:
                paragraph = ns.entry_iri(entry.jurisdiction, criterion.paragraph)
                add(item, ns.eg("statedIn"), paragraph)
                add(item, ns.eg("statedPhrase"), Literal(criterion.phrase, language="en"))
            if criterion.defined_by:
                add(item, ns.eg("definedBy"), Literal(criterion.defined_by, language="en"))


_SIGN_NAMES = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def _criterion_iri(
    node: NamedNode, entry: FormalEntry, criterion: FormalCriterion, alternative: NamedNode
) -> NamedNode:
    if not criterion.paragraph:  # a rule's one criterion (rules.csv)
        return NamedNode(f"{alternative.value}/{criterion.parameter}/formalized")
    own = criterion.paragraph.removeprefix(entry.code).lstrip(".") or "self"
    sign = _SIGN_NAMES[criterion.comparator]
    return NamedNode(f"{node.value}/criterion/{own}/{criterion.parameter}/{sign}")


def _boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=_BOOLEAN)


_RDF_TYPE = ns.iri(ns.RDF, "type")
_TITLE = ns.iri(ns.DCTERMS, "title")
_SOURCE = ns.iri(ns.DCTERMS, "source")
_INTEGER = ns.iri(ns.XSD, "integer")
_DECIMAL = ns.iri(ns.XSD, "decimal")
_DATE = ns.iri(ns.XSD, "date")
_BOOLEAN = ns.iri(ns.XSD, "boolean")
