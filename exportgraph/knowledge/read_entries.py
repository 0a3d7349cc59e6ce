"""The control entries: their scope, criteria in canonical units, licence requirements, sub-entry
tree and SKOS mappings, assembled from the entries*.rq queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import (
    INVERSE_RELATION,
    RELATIONS,
    SCOPES,
    Criterion,
    Entry,
    EntryType,
    Licence,
    Relation,
    Scope,
)
from exportgraph.knowledge.pint_units import canonical_decimal
from exportgraph.knowledge.rows import Row, date, flag, rows, source_order, tail
from exportgraph.numbers import in_range
from exportgraph.store import Store

_ENTRY_TYPES: dict[str, EntryType] = {
    "HardwareEntry": "hardware",
    "MaterialEntry": "material",
    "SoftwareEntry": "software",
    "TechnologyEntry": "technology",
}


def read_entries(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    base: dict[str, Entry] = {}
    licence_nodes: set[str] = set()
    for row in rows(store, "entries"):
        iri = row.get("entry")
        if iri is None or iri in base:
            continue
        sort_key = row.get("sortKey") or ""
        base[iri] = Entry(
            iri=iri,
            id=row.get("id") or iri,
            code=row.get("code") or iri,
            jurisdiction=row.get("jurisdiction") or "",
            type=_ENTRY_TYPES.get((row.get("type") or "").removeprefix(ns.EG), "hardware"),
            title=row.get("title") or "",
            parent=row.get("parent"),
            list_title=row.get("listTitle"),
            effective_from=date(row.get("effectiveFrom")),
            effective_until=date(row.get("effectiveUntil")),
            effective_date_note=row.get("effectiveDateNote"),
            evidence=row.get("evidence") or "primary",
            criteria_complete=flag(row.get("criteriaComplete")) is not False,
            provisional=bool(flag(row.get("provisional"))),
            code_provisional=bool(flag(row.get("codeProvisional"))),
            sort_key=int(sort_key) if sort_key.lstrip("-").isdigit() else 0,
            exclusion_note=row.get("exclusionNote"),
            date_basis=tail(row["dateBasis"]) if row.get("dateBasis") else None,
            legal_status=tail(row["legalStatus"]) if row.get("legalStatus") else None,
        )
        if row.get("licence"):
            licence_nodes.add(iri)
    links = _links(base, rows(store, "entries_links"))
    alternatives, incomplete = _criteria(knowledge, base, rows(store, "entries_criteria"), problems)
    licences = _licences(base, rows(store, "entries_licences"))
    mappings = _mappings(base, rows(store, "entries_mappings"))
    children: dict[str, list[Entry]] = defaultdict(list)
    for entry in base.values():
        if entry.parent in base:
            children[entry.parent].append(entry)
    entries: dict[str, Entry] = {}
    for iri, entry in base.items():
        found = links.get(iri, {})
        if not _is_law(knowledge, entry):  # a proposal never controls: at most 'unknown'
            incomplete[iri].append(
                "a proposed control, not law as read: an item meeting it is answered 'unknown', "
                "never 'controlled'"
            )
        gaps = tuple(sorted(found.get("gap", ()))) + tuple(incomplete.get(iri, ()))
        entries[iri] = replace(
            entry,
            kinds=frozenset(found.get("itemKind", ())),
            excluded_kinds=frozenset(found.get("excludedKind", ())),
            requires_facts=tuple(sorted(tail(f) for f in found.get("requiresFact", ()))),
            serves=tuple(sorted(found.get("servesEntry", ()))),
            served_kinds=frozenset(found.get("servesKind", ())),  # the kinds it names itself
            purposes=frozenset(tail(p) for p in found.get("purpose", ())),
            material_forms=frozenset(tail(f) for f in found.get("materialForm", ())),
            sources=tuple(sorted(found.get("source", ()), key=source_order)),
            notes=tuple(sorted(found.get("note", ()))),
            open_questions=tuple(sorted(found.get("openQuestion", ()))),
            gaps=gaps,
            criteria_complete=entry.criteria_complete and iri not in incomplete,
            alternatives=alternatives.get(iri, ()),
            licence=licences.get(iri),
            mappings=mappings.get(iri, ()),
            children=tuple(
                kid.iri for kid in sorted(children.get(iri, ()), key=lambda e: (e.sort_key, e.code))
            ),
        )
    # derived once, for speed: kinds of each subtree and of what an entry serves
    subtree: dict[str, frozenset[str]] = {}

    def kinds_below(iri: str, trail: frozenset[str] = frozenset()) -> frozenset[str]:
        if iri in subtree:
            return subtree[iri]
        entry = entries[iri]
        found = entry.kinds | entry.excluded_kinds
        for child in entry.children:
            if child not in trail:
                found |= kinds_below(child, trail | {iri})
        subtree[iri] = found
        return found

    def kinds_of(iri: str) -> frozenset[str]:
        below = [entries[d.iri].kinds for d in _walk(entries, iri)]
        return frozenset().union(*below)

    for iri, entry in entries.items():
        entries[iri] = replace(
            entry,
            subtree_kinds=kinds_below(iri),
            served_kinds=entry.served_kinds.union(
                *(kinds_of(s) for s in entry.serves if s in entries)
            ),
            serves=_each_subtree_once(entries, entry.serves),
        )
    knowledge.entries = entries
    knowledge.entries_by_id = {entry.id: entry for entry in entries.values()}
    tops: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.parent not in entries:
            tops[entry.jurisdiction].append(entry)
    knowledge.tops = {
        j: tuple(sorted(es, key=lambda e: (e.sort_key, e.code))) for j, es in tops.items()
    }


def _is_law(knowledge: Knowledge, entry: Entry) -> bool:
    """Whether the entry's legal status is law (an entry without a status is law as read)."""
    status = knowledge.scheme("legal-statuses").get(entry.legal_status or "")
    return status is None or status.has("isLaw")


def _each_subtree_once(entries: Mapping[str, Entry], serves: tuple[str, ...]) -> tuple[str, ...]:
    """The served entries without those a served entry's subtree holds already (a curated row
    naming 3A504.b, its text 3A504 as a whole): each is evaluated once, through its group."""
    named = set(serves)

    def held(iri: str) -> bool:
        parent = entries[iri].parent if iri in entries else None
        while parent is not None:
            if parent in named:
                return True
            parent = entries[parent].parent if parent in entries else None
        return False

    return tuple(iri for iri in serves if not held(iri))


def _walk(entries: Mapping[str, Entry], iri: str) -> list[Entry]:
    out: list[Entry] = []
    seen: set[str] = set()
    stack = [iri]
    while stack:
        current = stack.pop()
        if current in seen or current not in entries:
            continue
        seen.add(current)
        out.append(entries[current])
        stack.extend(entries[current].children)
    return out


def _links(entries: Mapping[str, Entry], rows: list[Row]) -> dict[str, dict[str, list[str]]]:
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        subject, link, target = row.get("entry", ""), row.get("link"), row.get("target")
        if subject in entries and link and target is not None:
            local = link.removeprefix(ns.EG).removeprefix(ns.DCTERMS)
            if target not in links[subject][local]:
                links[subject][local].append(target)
    return links


def _criteria(
    knowledge: Knowledge, entries: Mapping[str, Entry], rows: list[Row], problems: list[str]
) -> tuple[dict[str, tuple[tuple[Criterion, ...], ...]], dict[str, list[str]]]:
    """Each entry's alternatives; and, per entry, why some criterion could not be used (its
    threshold not a usable number, or its unit not convertible): such an entry is incomplete."""
    grouped: dict[str, dict[str, dict[str, tuple[Row, set[str]]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for row in rows:
        entry, alt, crit = row.get("entry", ""), row.get("alternative"), row.get("criterion")
        if entry not in entries or alt is None or crit is None:
            continue
        _, sources = grouped[entry][alt].setdefault(crit, (row, set()))
        if row.get("source"):
            sources.add(row["source"])
    order = {c.notation: c.order for c in knowledge.parameters.values() if c.order is not None}
    alternatives: dict[str, tuple[tuple[Criterion, ...], ...]] = {}
    incomplete: dict[str, list[str]] = defaultdict(list)
    for iri, alts in grouped.items():
        built = []
        for alt in sorted(alts):
            criteria = []
            for crit, (row, sources) in alts[alt].items():
                try:
                    criteria.append(_criterion(knowledge, crit, row, sources))
                except (InvalidInput, InvalidOperation, ValueError) as error:
                    reason = str(getattr(error, "detail", error))
                    text = (
                        f"the threshold on {row.get('parameter')} could not be used ({reason}); "
                        "read the legal text"
                    )
                    incomplete[iri].append(text)
                    problems.append(f"{entries[iri].id}: {text}")
            criteria.sort(key=lambda c: _criterion_order(c, order))
            built.append(tuple(criteria))
        alternatives[iri] = tuple(built)
    return alternatives, incomplete


_COMPARATOR_ORDER = {">=": 0, ">": 1, "=": 2, "<": 3, "<=": 4}


def _criterion_order(criterion: Criterion, order: Mapping[str, int]) -> tuple[int, str, int, str]:
    """Display order: the parameters' order in the data, then lower bounds before upper bounds,
    then the IRI — two bounds on one side of one parameter (a heading's range and a
    sub-paragraph's, 3A001.b.2.a) keep one order whatever order the store returns them in, so
    an index read twice from the same data is equal (the what-if compares entries whole)."""
    rank = order.get(criterion.parameter, len(order) + 1000)
    sign = _COMPARATOR_ORDER.get(criterion.comparator, 9)
    return (rank, criterion.parameter, sign, criterion.iri)


def _criterion(knowledge: Knowledge, iri: str, row: Row, sources: Iterable[str]) -> Criterion:
    parameter = row.get("parameter") or ""
    threshold = Decimal(row.get("threshold") or "NaN")
    if not in_range(threshold):
        raise ValueError(f"{row.get('threshold')} is not a finite number of a usable size")
    threshold = canonical_decimal(threshold)
    where = f"criterion {iri}"
    unit = knowledge.units.unit_info(row.get("unit") or "", where)
    target = knowledge.units.canonical_info(parameter, where)
    canonical = knowledge.units.between(threshold, unit, target, where)
    return Criterion(
        iri=iri,
        parameter=parameter,
        comparator=row.get("comparator") or "",
        threshold=threshold,
        unit=unit.display,
        unit_iri=unit.iri,
        canonical_threshold=canonical,
        canonical_unit=target.display,
        legal_text=row.get("legalText"),
        evidence=row.get("evidence"),
        sources=tuple(sorted(sources, key=source_order)),
    )


def _licences(entries: Mapping[str, Entry], rows: list[Row]) -> dict[str, Licence]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        subject, link, target = row.get("entry", ""), row.get("link"), row.get("target")
        if subject in entries and link and target is not None:
            found[subject][link.removeprefix(ns.EG)].append(target)
    licences: dict[str, Licence] = {}
    for iri, values in found.items():
        stated = {s.removeprefix(ns.EG) for s in values.get("destinationScope", ())}
        scope: Scope | None = next((s for s in SCOPES if s in stated), None)
        if scope is None:  # a licence node without a scope says nothing
            continue
        licences[iri] = Licence(
            scope=scope,
            listed=frozenset(tail(j) for j in values.get("listedDestination", ())),
            reasons=tuple(sorted(set(values.get("reasonForControl", ())))),
            activities=frozenset(values.get("coversActivity", ())),
            exceptions=tuple(sorted(set(values.get("exceptionAvailable", ())))),
        )
    return licences


def relation_of(iri: str) -> Relation | None:
    local = iri.removeprefix(ns.SKOS)
    return next((r for r in RELATIONS if r == local), None)


def _mappings(
    entries: Mapping[str, Entry], rows: list[Row]
) -> dict[str, tuple[tuple[Relation, str], ...]]:
    """Both directions of every SKOS mapping between entries; the strongest relation per pair."""
    found: dict[str, set[tuple[Relation, str]]] = defaultdict(set)
    for row in rows:
        entry, other = row.get("entry"), row.get("other")
        relation = relation_of(row.get("relation") or "")
        if entry in entries and other in entries and relation:
            assert entry is not None and other is not None
            found[entry].add((relation, other))
            found[other].add((INVERSE_RELATION[relation], entry))
    rank = {name: index for index, name in enumerate(RELATIONS)}
    result: dict[str, tuple[tuple[Relation, str], ...]] = {}
    for iri, links in found.items():
        best: dict[str, Relation] = {}
        for relation, other in links:
            if other not in best or rank[relation] < rank[best[other]]:
                best[other] = relation
        result[iri] = tuple(
            sorted(((rel, other) for other, rel in best.items()), key=lambda x: entries[x[1]].id)
        )
    return result
