"""Turn the control tables of ontology/controls/ into RDF (see docs/data-model.md)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from exportgraph.loaders.tables import Row, SourceDataError, read_table
from exportgraph.loaders.vocabulary import scheme_notations
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

COMPARATORS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}
ENTRY_TYPES = {
    "hardware": "HardwareEntry",
    "material": "MaterialEntry",
    "software": "SoftwareEntry",
    "technology": "TechnologyEntry",
}
SCOPES = {
    "all": "AllDestinations",
    "all-except": "AllDestinationsExcept",
    "only": "OnlyListedDestinations",
    "outside-union": "OutsideUnion",
}
# Cells a sub-entry takes from its parent when they are empty.
INHERITED = (
    "list",
    "entry_type",
    "kinds",
    "excluded_kinds",
    "exclusion_note",
    "material_forms",
    "effective_from",
    "effective_until",
    "effective_date_note",
    "date_basis",
    "legal_status",
    "open_questions",
    "evidence",
    "sources",
    "licence_scope",
    "licence_activities",
    "reasons",
    "exceptions",
)

RDF_TYPE = ns.iri(ns.RDF, "type")
RDFS_LABEL = ns.iri(ns.RDFS, "label")
SKOS_NOTATION = ns.iri(ns.SKOS, "notation")
DCT_IDENTIFIER = ns.iri(ns.DCTERMS, "identifier")
DCT_TITLE = ns.iri(ns.DCTERMS, "title")
DCT_SOURCE = ns.iri(ns.DCTERMS, "source")
DCT_CITATION = ns.iri(ns.DCTERMS, "bibliographicCitation")
XSD_DATE = ns.iri(ns.XSD, "date")
XSD_DECIMAL = ns.iri(ns.XSD, "decimal")
XSD_BOOLEAN = ns.iri(ns.XSD, "boolean")
XSD_ANYURI = ns.iri(ns.XSD, "anyURI")
XSD_INTEGER = ns.iri(ns.XSD, "integer")


@dataclass
class _Graph:
    activities: frozenset[str]
    evidence: frozenset[str]
    material_forms: frozenset[str]
    date_bases: frozenset[str]
    legal_statuses: frozenset[str]
    triples: list[Triple] = field(default_factory=list)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples.append(Triple(s, p, o))

    def text(self, s: NamedNode, p: NamedNode, value: str, lang: str | None = None) -> None:
        if value:
            self.add(s, p, Literal(value, language=lang) if lang else Literal(value))

    def flag(self, s: NamedNode, p: NamedNode, value: bool) -> None:
        self.add(s, p, Literal("true" if value else "false", datatype=XSD_BOOLEAN))


def load_controls(root: Path) -> list[Triple]:
    """Read jurisdictions.csv and every jurisdiction folder below root; return the RDF triples.
    The activities and evidence grades the tables may use come from the ontology's vocabulary."""
    graph = _Graph(
        activities=scheme_notations(root.parent, "activities"),
        evidence=scheme_notations(root.parent, "evidence-grades"),
        material_forms=scheme_notations(root.parent, "material-forms"),
        date_bases=scheme_notations(root.parent, "date-bases"),
        legal_statuses=scheme_notations(root.parent, "legal-statuses"),
    )
    jurisdictions = _load_jurisdictions(root, graph)
    for code in sorted(jurisdictions):
        folder = root / code
        if folder.is_dir():
            _load_jurisdiction_folder(root, folder, code, jurisdictions, graph)
    return graph.triples


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent.parent))
    except ValueError:
        return str(path)


def _load_jurisdictions(root: Path, graph: _Graph) -> set[str]:
    path = root / "jurisdictions.csv"
    rows = read_table(path, ("code", "label_en"), name=_rel(root, path))
    codes = {row.require("code") for row in rows}
    for row in rows:
        code = row.require("code")
        node = ns.jurisdiction_iri(code)
        graph.add(node, RDF_TYPE, ns.eg("Jurisdiction"))
        graph.text(node, SKOS_NOTATION, code)
        graph.text(node, RDFS_LABEL, row.require("label_en"), "en")
        for parent in row.words("part_of"):
            if parent not in codes:
                raise row.error("part_of", f"unknown jurisdiction {parent!r}")
            graph.add(node, ns.eg("partOf"), ns.jurisdiction_iri(parent))
        if row.flag("destination_only", False):
            graph.flag(node, ns.eg("destinationOnly"), True)
        if row.get("deemed_export"):
            graph.flag(node, ns.eg("deemedExportRule"), row.flag("deemed_export", False))
        if row.get("deemed_export_source"):
            graph.add(
                node,
                ns.eg("deemedExportBasis"),
                ns.source_iri(code, row.get("deemed_export_source")),
            )
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return codes


def _load_jurisdiction_folder(
    root: Path, folder: Path, code: str, jurisdictions: set[str], graph: _Graph
) -> None:
    jur = ns.jurisdiction_iri(code)
    sources = _load_sources(root, folder, code, graph)
    lists = _load_lists(root, folder, code, sources, jur, graph)
    exceptions = _load_exceptions(root, folder, code, sources, jurisdictions, graph)
    _load_exclusions(root, folder, code, sources, jur, graph)
    entries = _load_entries(root, folder, code, sources, lists, exceptions, jurisdictions, graph)
    _load_criteria(root, folder, code, sources, entries, graph)


def _optional_table(folder: Path, name: str) -> Path | None:
    path = folder / name
    return path if path.exists() else None


def _load_sources(root: Path, folder: Path, code: str, graph: _Graph) -> set[str]:
    path = folder / "sources.csv"
    ids: set[str] = set()
    for row in read_table(path, ("id", "citation", "evidence"), name=_rel(root, path)):
        source_id = row.require("id")
        if source_id in ids:
            raise row.error("id", f"duplicate source id {source_id!r}")
        ids.add(source_id)
        node = ns.source_iri(code, source_id)
        graph.add(node, RDF_TYPE, ns.eg("LegalSource"))
        graph.text(node, SKOS_NOTATION, source_id)
        graph.text(node, DCT_CITATION, row.require("citation"))
        if row.get("url"):
            graph.add(node, ns.eg("url"), Literal(row.get("url"), datatype=XSD_ANYURI))
        graph.text(node, ns.eg("evidence"), _evidence(row, graph))
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return ids


def _evidence(row: Row, graph: _Graph, column: str = "evidence") -> str:
    value = row.require(column)
    if value not in graph.evidence:
        known = " or ".join(sorted(graph.evidence))
        raise row.error(column, f"evidence must be {known}, got {value!r}")
    return value


def _source_refs(row: Row, column: str, code: str, sources: set[str]) -> list[NamedNode]:
    refs = []
    for source_id in row.words(column):
        if source_id not in sources:
            raise row.error(column, f"unknown source id {source_id!r} (not in {code}/sources.csv)")
        refs.append(ns.source_iri(code, source_id))
    return refs


def _load_lists(
    root: Path, folder: Path, code: str, sources: set[str], jur: NamedNode, graph: _Graph
) -> set[str]:
    path = folder / "lists.csv"
    ids: set[str] = set()
    for row in read_table(path, ("id", "title"), name=_rel(root, path)):
        list_id = row.require("id")
        ids.add(list_id)
        node = ns.list_iri(code, list_id)
        graph.add(node, RDF_TYPE, ns.eg("ControlList"))
        graph.add(node, ns.eg("jurisdiction"), jur)
        graph.text(node, SKOS_NOTATION, list_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        for ref in _source_refs(row, "sources", code, sources):
            graph.add(node, DCT_SOURCE, ref)
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return ids


def _load_exceptions(
    root: Path, folder: Path, code: str, sources: set[str], jurisdictions: set[str], graph: _Graph
) -> set[str]:
    path = _optional_table(folder, "exceptions.csv")
    if path is None:
        return set()
    ids: set[str] = set()
    for row in read_table(path, ("id", "title", "eligible_destinations"), name=_rel(root, path)):
        exception_id = row.require("id")
        ids.add(exception_id)
        node = ns.exception_iri(code, exception_id)
        graph.add(node, RDF_TYPE, ns.eg("LicenceException"))
        graph.add(node, ns.eg("jurisdiction"), ns.jurisdiction_iri(code))
        graph.text(node, DCT_IDENTIFIER, f"{code}:{exception_id}")
        graph.text(node, SKOS_NOTATION, exception_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        destinations = row.words("eligible_destinations")
        known = destinations != ["unknown"]
        graph.flag(node, ns.eg("eligibleDestinationsKnown"), known)
        for destination in destinations if known else []:
            if destination not in jurisdictions:
                raise row.error("eligible_destinations", f"unknown jurisdiction {destination!r}")
            graph.add(node, ns.eg("eligibleDestination"), ns.jurisdiction_iri(destination))
        _common(row, node, code, sources, graph)
    return ids


def _load_exclusions(
    root: Path, folder: Path, code: str, sources: set[str], jur: NamedNode, graph: _Graph
) -> None:
    path = _optional_table(folder, "exclusions.csv")
    if path is None:
        return
    for row in read_table(path, ("id", "title", "applies_to", "conditions"), name=_rel(root, path)):
        exclusion_id = row.require("id")
        node = ns.exclusion_iri(code, exclusion_id)
        graph.add(node, RDF_TYPE, ns.eg("ResearchExclusion"))
        graph.add(node, ns.eg("exclusionOf"), jur)
        graph.text(node, DCT_IDENTIFIER, f"{code}:{exclusion_id}")
        graph.text(node, SKOS_NOTATION, exclusion_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        for kind in row.words("applies_to"):
            graph.add(node, ns.eg("appliesToKind"), ns.concept_iri("kind", kind))
        for index, text in enumerate(row.require("conditions").split(";"), start=1):
            if text.strip():
                _condition(row, NamedNode(f"{node.value}/condition/{index}"), text, node, graph)
        _common(row, node, code, sources, graph)


_CONDITION = re.compile(
    r"^\s*(?P<field>[a-z_]+)\s*(?:=\s*(?P<value>\S+)|\s+in\s+(?P<values>\S+))\s*$"
)


def _condition(row: Row, node: NamedNode, text: str, exclusion: NamedNode, graph: _Graph) -> None:
    """One condition of the table's compact form (`field=value`, `field in a|b`) as data: the
    request field and the values for which it holds."""
    match = _CONDITION.match(text)
    if not match:
        raise row.error("conditions", f"expected field=value or field in a|b, got {text.strip()!r}")
    graph.add(exclusion, ns.eg("hasCondition"), node)
    graph.add(node, RDF_TYPE, ns.eg("Condition"))
    graph.text(node, ns.eg("onRequestField"), match["field"])
    values = [match["value"]] if match["value"] is not None else match["values"].split("|")
    for value in values:
        graph.text(node, ns.eg("allowedValue"), value)


def _common(row: Row, node: NamedNode, code: str, sources: set[str], graph: _Graph) -> None:
    """Sources, evidence, notes and gaps, shared by exceptions, exclusions and entries."""
    for ref in _source_refs(row, "sources", code, sources):
        graph.add(node, DCT_SOURCE, ref)
    if row.get("evidence"):
        graph.text(node, ns.eg("evidence"), _evidence(row, graph))
    for note in row.texts("notes"):
        graph.text(node, ns.eg("note"), note, "en")
    for gap in row.texts("gaps"):
        graph.text(node, ns.eg("gap"), gap, "en")


def _resolve_inheritance(rows: list[Row]) -> dict[str, Row]:
    by_code: dict[str, Row] = {}
    for row in rows:
        code = row.require("code")
        if code in by_code:
            raise row.error("code", f"duplicate entry code {code!r}")
        by_code[code] = row
    resolved: dict[str, Row] = {}

    def resolve(code: str, trail: tuple[str, ...]) -> Row:
        if code in resolved:
            return resolved[code]
        row = by_code[code]
        parent_code = row.get("parent")
        if not parent_code:
            resolved[code] = row
            return row
        if parent_code not in by_code:
            raise row.error("parent", f"unknown parent entry {parent_code!r}")
        if parent_code in trail:
            raise row.error("parent", f"entry hierarchy loops through {parent_code!r}")
        parent = resolve(parent_code, (*trail, code))
        cells = dict(row.cells)
        for column in INHERITED:
            if not (cells.get(column) or "").strip():
                cells[column] = parent.cells.get(column, "")
        resolved[code] = Row(row.file, row.line, cells)
        return resolved[code]

    for code in by_code:
        resolve(code, ())
    return resolved


def _date(row: Row, column: str) -> Literal | None:
    value = row.get(column)
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise row.error(column, f"expected an ISO date YYYY-MM-DD, got {value!r}") from None
    return Literal(value, datatype=XSD_DATE)


def _load_entries(
    root: Path,
    folder: Path,
    code: str,
    sources: set[str],
    lists: set[str],
    exceptions: set[str],
    jurisdictions: set[str],
    graph: _Graph,
) -> set[str]:
    path = folder / "entries.csv"
    rows = read_table(
        path, ("code", "parent", "title", "effective_from", "evidence"), name=_rel(root, path)
    )
    resolved = _resolve_inheritance(rows)
    jur = ns.jurisdiction_iri(code)
    for order, (entry_code, row) in enumerate(resolved.items()):
        node = ns.entry_iri(code, entry_code)
        entry_type = row.require("entry_type")
        if entry_type not in ENTRY_TYPES:
            raise row.error(
                "entry_type", f"expected one of {', '.join(ENTRY_TYPES)}, got {entry_type!r}"
            )
        graph.add(node, RDF_TYPE, ns.eg(ENTRY_TYPES[entry_type]))
        graph.add(node, RDF_TYPE, ns.eg("ControlEntry"))
        graph.text(node, DCT_IDENTIFIER, f"{code}:{entry_code}")
        graph.text(node, SKOS_NOTATION, entry_code)
        graph.text(node, DCT_TITLE, row.require("title"), "en")
        graph.add(node, ns.eg("jurisdiction"), jur)
        graph.add(node, ns.eg("sortKey"), Literal(str(order), datatype=XSD_INTEGER))
        list_id = row.require("list")
        if list_id not in lists:
            raise row.error("list", f"unknown list {list_id!r} (not in {code}/lists.csv)")
        graph.add(node, ns.eg("inList"), ns.list_iri(code, list_id))
        if row.get("parent"):
            graph.add(node, ns.eg("subEntryOf"), ns.entry_iri(code, row.get("parent")))
        for kind in row.words("kinds"):
            graph.add(node, ns.eg("itemKind"), ns.concept_iri("kind", kind))
        for kind in row.words("excluded_kinds"):
            graph.add(node, ns.eg("excludedKind"), ns.concept_iri("kind", kind))
        graph.text(node, ns.eg("exclusionNote"), row.get("exclusion_note"), "en")
        for fact in row.words("requires_facts"):
            graph.add(node, ns.eg("requiresFact"), ns.concept_iri("fact", fact))
        for served in row.words("serves"):
            served_jur, _, served_code = served.rpartition(":")
            if served_jur and served_jur not in jurisdictions:
                raise row.error("serves", f"unknown jurisdiction in {served!r}")
            graph.add(node, ns.eg("servesEntry"), ns.entry_iri(served_jur or code, served_code))
        for purpose in row.words("purposes"):
            graph.add(node, ns.eg("purpose"), ns.concept_iri("purpose", purpose))
        for form in row.words("material_forms"):
            if form not in graph.material_forms:
                known = ", ".join(sorted(graph.material_forms))
                raise row.error("material_forms", f"unknown material form {form!r} ({known})")
            graph.add(node, ns.eg("materialForm"), ns.concept_iri("material-form", form))
        graph.flag(node, ns.eg("criteriaComplete"), row.flag("criteria_complete", True))
        graph.flag(node, ns.eg("codeProvisional"), row.flag("code_provisional", False))
        effective_from = _date(row, "effective_from")
        if effective_from is None:
            raise row.error("effective_from", "a value is required")
        graph.add(node, ns.eg("effectiveFrom"), effective_from)
        effective_until = _date(row, "effective_until")
        if effective_until is not None:
            graph.add(node, ns.eg("effectiveUntil"), effective_until)
        graph.text(node, ns.eg("effectiveDateNote"), row.get("effective_date_note"), "en")
        _status(row, node, graph)
        if row.get("evidence") == "secondary" or row.flag("code_provisional", False):
            graph.flag(node, ns.eg("provisional"), True)
        _common(row, node, code, sources, graph)
        if not row.words("sources"):
            raise row.error("sources", "every entry needs at least one source id")
        _licence(row, node, code, exceptions, jurisdictions, graph)
    return set(resolved)


def _status(row: Row, node: NamedNode, graph: _Graph) -> None:
    """How the effective date was established, whether the entry is law or a proposal, and the
    open questions on it, as data (concepts of the date-bases and legal-statuses schemes)."""
    for column, known, scheme, prop in (
        ("date_basis", graph.date_bases, "date-basis", "dateBasis"),
        ("legal_status", graph.legal_statuses, "legal-status", "legalStatus"),
    ):
        value = row.get(column)
        if not value:
            continue
        if value not in known:
            raise row.error(column, f"expected one of {', '.join(sorted(known))}, got {value!r}")
        graph.add(node, ns.eg(prop), ns.concept_iri(scheme, value))
    for question in row.texts("open_questions"):
        graph.text(node, ns.eg("openQuestion"), question, "en")


def _licence(
    row: Row,
    entry: NamedNode,
    code: str,
    exceptions: set[str],
    jurisdictions: set[str],
    graph: _Graph,
) -> None:
    scope = row.get("licence_scope")
    if not scope:
        return
    kind, _, listed = scope.partition(":")
    if kind not in SCOPES:
        raise row.error("licence_scope", f"expected one of {', '.join(SCOPES)}, got {kind!r}")
    node = NamedNode(entry.value + "/licence")
    graph.add(entry, ns.eg("licenceRequirement"), node)
    graph.add(node, RDF_TYPE, ns.eg("LicenceRequirement"))
    graph.add(node, ns.eg("destinationScope"), ns.eg(SCOPES[kind]))
    for destination in listed.split():
        if destination not in jurisdictions:
            raise row.error("licence_scope", f"unknown jurisdiction {destination!r}")
        graph.add(node, ns.eg("listedDestination"), ns.jurisdiction_iri(destination))
    for reason in row.words("reasons"):
        graph.text(node, ns.eg("reasonForControl"), reason)
    activities = row.words("licence_activities") or ["export"]
    for activity in activities:
        if activity not in graph.activities:
            raise row.error("licence_activities", f"unknown activity {activity!r}")
        graph.text(node, ns.eg("coversActivity"), activity)
    for exception_id in row.words("exceptions"):
        if exception_id not in exceptions:
            raise row.error(
                "exceptions", f"unknown exception {exception_id!r} (not in {code}/exceptions.csv)"
            )
        graph.add(node, ns.eg("exceptionAvailable"), ns.exception_iri(code, exception_id))


def _load_criteria(
    root: Path, folder: Path, code: str, sources: set[str], entries: set[str], graph: _Graph
) -> None:
    path = folder / "criteria.csv"
    if not path.exists():
        return
    columns = ("code", "parameter", "comparator", "value", "unit")
    seen: set[str] = set()
    for row in read_table(path, columns, name=_rel(root, path)):
        entry_code = row.require("code")
        if entry_code not in entries:
            raise row.error("code", f"unknown entry {entry_code!r} (not in {code}/entries.csv)")
        comparator = row.require("comparator")
        if comparator not in COMPARATORS:
            raise row.error(
                "comparator", f"expected one of {' '.join(COMPARATORS)}, got {comparator!r}"
            )
        value = _decimal(row, "value")
        parameter = row.require("parameter")
        alternative = row.get("alternative") or "1"
        entry = ns.entry_iri(code, entry_code)
        alt = NamedNode(f"{entry.value}/alt/{alternative}")
        node = NamedNode(f"{alt.value}/{parameter}/{COMPARATORS[comparator]}")
        if node.value in seen:
            raise row.error(
                "comparator", f"a second {comparator} criterion on {parameter} in {entry_code}"
            )
        seen.add(node.value)
        graph.add(entry, ns.eg("alternative"), alt)
        graph.add(alt, RDF_TYPE, ns.eg("Alternative"))
        graph.add(alt, ns.eg("criterion"), node)
        graph.add(node, RDF_TYPE, ns.eg("Criterion"))
        graph.add(node, ns.eg("parameter"), ns.concept_iri("parameter", parameter))
        graph.text(node, ns.eg("comparator"), comparator)
        graph.add(node, ns.eg("thresholdValue"), Literal(format(value, "f"), datatype=XSD_DECIMAL))
        graph.add(node, ns.eg("unit"), ns.iri(ns.QUDT_UNIT, row.require("unit")))
        graph.text(node, ns.eg("legalText"), row.get("legal_text"), "en")
        for ref in _source_refs(row, "source", code, sources):
            graph.add(node, DCT_SOURCE, ref)
        if row.get("evidence"):
            graph.text(node, ns.eg("evidence"), _evidence(row, graph))


def _decimal(row: Row, column: str) -> Decimal:
    text = row.require(column)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise row.error(column, f"expected a number, got {text!r}") from None
    if not value.is_finite():
        raise row.error(column, f"expected a finite number, got {text!r}")
    return value


def triples_to_ntriples(triples: Iterable[Triple]) -> bytes:
    """Serialize triples as N-Triples (one statement per line)."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode()


__all__ = ["SourceDataError", "load_controls", "triples_to_ntriples"]
