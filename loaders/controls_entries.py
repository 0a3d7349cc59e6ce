"""The entries table (sub-entries inherit their parent's empty cells) and each entry's licence
requirement, as RDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exportgraph.loaders.controls_graph import (
    DCT_IDENTIFIER,
    DCT_TITLE,
    RDF_TYPE,
    SKOS_NOTATION,
    XSD_DATE,
    XSD_INTEGER,
    ControlGraph,
    common,
    rel,
)
from exportgraph.loaders.tables import Row, read_table
from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns

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


def resolve_inheritance(rows: list[Row]) -> dict[str, Row]:
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


def load_entries(
    root: Path,
    folder: Path,
    code: str,
    sources: set[str],
    lists: set[str],
    exceptions: set[str],
    jurisdictions: set[str],
    graph: ControlGraph,
) -> set[str]:
    path = folder / "entries.csv"
    rows = read_table(
        path, ("code", "parent", "title", "effective_from", "evidence"), name=rel(root, path)
    )
    resolved = resolve_inheritance(rows)
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
        common(row, node, code, sources, graph)
        if not row.words("sources"):
            raise row.error("sources", "every entry needs at least one source id")
        _licence(row, node, code, exceptions, jurisdictions, graph)
    return set(resolved)


def _status(row: Row, node: NamedNode, graph: ControlGraph) -> None:
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
    graph: ControlGraph,
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
