"""Read the knowledge index from a store: a dozen named queries (queries/knowledge_*.rq,
entries*.rq, jurisdictions.rq, assess_*.rq, classify_units.rq, equivalence_asserted.rq), once per
data version. Nothing here decides anything; it only assembles what the graph states."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import (
    INVERSE_RELATION,
    RELATIONS,
    SCOPES,
    AssertedMapping,
    Concept,
    Condition,
    Criterion,
    Entry,
    EntryType,
    Jurisdiction,
    Licence,
    LicenceException,
    Plot,
    Relation,
    ResearchExclusion,
    Scope,
    Source,
)
from exportgraph.knowledge.units import canonical_decimal, load_unit_catalogue
from exportgraph.numbers import in_range
from exportgraph.store import Store

log = logging.getLogger("exportgraph.knowledge")

Row = dict[str, str]
_ENTRY_TYPES: dict[str, EntryType] = {
    "HardwareEntry": "hardware",
    "MaterialEntry": "material",
    "SoftwareEntry": "software",
    "TechnologyEntry": "technology",
}
# Concepts typed with a class but not put in a scheme belong to the scheme of their class.
_CLASS_SCHEMES = {
    ns.EG + "ItemKind": "kinds",
    ns.EG + "Parameter": "parameters",
    ns.EG + "Fact": "facts",
    ns.EG + "Purpose": "purposes",
}
_CONCEPT_TEXTS = {
    ns.SKOS + "prefLabel": "pref",
    ns.SKOS + "altLabel": "alt",
    ns.SKOS + "hiddenLabel": "hidden",
    ns.SKOS + "definition": "definition",
    ns.SKOS + "scopeNote": "note",
}
_CONCEPT_LINKS = {
    ns.SKOS + "broader": "broader",
    ns.SKOS + "narrower": "narrower",
    ns.DCTERMS + "isReplacedBy": "replaced_by",
    ns.EG + "valueScheme": "value_scheme",
}


def _plain(term: object) -> str:
    if isinstance(term, NamedNode | Literal | BlankNode):
        return term.value
    return str(term)


def _rows(store: Store, name: str) -> list[Row]:
    """Rows of a named query with each term's lexical value."""
    return [
        {key: _plain(term) for key, term in solution.items()}
        for solution in store.select(load_query(name))
    ]


def _flag(value: str | None) -> bool | None:
    return None if value is None else value in ("true", "1")


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value[:10])


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _source_order(iri: str) -> tuple[int, str]:
    tail = _tail(iri)
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (int(digits) if digits else 0, tail)


def read_knowledge(store: Store) -> Knowledge:
    """The index of the store's current data."""
    version = store.data_version() or ""
    knowledge = Knowledge(
        version=version, units=load_unit_catalogue(store.select(load_query("classify_units")))
    )
    problems: list[str] = []
    _read_concepts(knowledge, store.select(load_query("knowledge_concepts")))
    _read_jurisdictions(knowledge, _rows(store, "jurisdictions"))
    _read_sources(knowledge, _rows(store, "entries_sources"))
    _read_entries(knowledge, store, problems)
    _read_exceptions(knowledge, _rows(store, "assess_exceptions"))
    _read_exclusions(knowledge, _rows(store, "assess_exclusions"))
    _read_asserted(knowledge, _rows(store, "equivalence_asserted"))
    knowledge.plots = tuple(
        Plot(r["plot"], r.get("label") or _tail(r["plot"]), r["kind"], r["x"], r["y"])
        for r in _rows(store, "knowledge_plots")
    )
    knowledge.problems = tuple(problems)
    for problem in problems:
        log.warning("data version %s: %s", version[:12], problem)
    return knowledge


# --------------------------------------------------------------------------- concepts


@dataclass
class _ConceptDraft:
    notation: str
    scheme: str | None = None
    texts: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    flags: set[str] = field(default_factory=set)
    order: int | None = None
    deprecated: bool = False
    unit: str | None = None

    def add(self, prop: str, value: object) -> None:
        """Take one (property, value) row of queries/knowledge_concepts.rq."""
        if prop in _CONCEPT_TEXTS and isinstance(value, Literal):
            values = self.texts[_CONCEPT_TEXTS[prop]][value.language or ""]
            if value.value not in values:
                values.append(value.value)
        elif prop in _CONCEPT_LINKS and isinstance(value, NamedNode):
            self.links[_CONCEPT_LINKS[prop]].add(value.value)
        elif prop == ns.OWL + "deprecated":
            self.deprecated = _plain(value) in ("true", "1")
        elif prop == ns.EG + "canonicalUnit" and isinstance(value, NamedNode):
            self.unit = value.value
        elif prop == ns.EG + "displayOrder" and isinstance(value, Literal):
            with contextlib.suppress(ValueError):
                self.order = int(value.value)
        elif prop.startswith(ns.EG) and isinstance(value, Literal) and value.value in ("true", "1"):
            self.flags.add(prop.removeprefix(ns.EG))

    def concept(self, iri: str) -> Concept:
        return Concept(
            iri=iri,
            notation=self.notation,
            scheme=self.scheme,
            texts={k: {lang: tuple(v) for lang, v in ls.items()} for k, ls in self.texts.items()},
            links={k: frozenset(v) for k, v in self.links.items()},
            deprecated=self.deprecated,
            order=self.order,
            flags=frozenset(self.flags),
            canonical_unit=self.unit,
        )


def _read_concepts(knowledge: Knowledge, solutions: Iterable[Mapping[str, object]]) -> None:
    drafts: dict[str, _ConceptDraft] = {}
    for row in solutions:
        iri, notation = row.get("concept"), row.get("notation")
        if not isinstance(iri, NamedNode) or not isinstance(notation, Literal):
            continue
        draft = drafts.setdefault(iri.value, _ConceptDraft(notation.value))
        scheme, kind = row.get("scheme"), row.get("type")
        if isinstance(scheme, NamedNode):
            draft.scheme = _tail(scheme.value)
        elif draft.scheme is None and isinstance(kind, NamedNode):
            draft.scheme = _CLASS_SCHEMES.get(kind.value)
        prop, value = row.get("property"), row.get("value")
        if isinstance(prop, NamedNode) and value is not None:
            draft.add(prop.value, value)
    concepts = {iri: draft.concept(iri) for iri, draft in drafts.items()}
    # broader/narrower stated either way
    broader: dict[str, set[str]] = defaultdict(set)
    for iri, concept in concepts.items():
        broader[iri].update(concept.broader)
        for child in concept.narrower:
            broader[child].add(iri)
    narrower: dict[str, set[str]] = defaultdict(set)
    for child, parents in broader.items():
        for parent in parents:
            narrower[parent].add(child)
    for iri, concept in list(concepts.items()):
        links = dict(concept.links)
        links["broader"] = frozenset(p for p in broader[iri] if p in concepts)
        links["narrower"] = frozenset(narrower[iri])
        concepts[iri] = replace(concept, links=links)
    knowledge.concepts = concepts
    for concept in sorted(concepts.values(), key=lambda c: c.iri):
        if concept.scheme:
            knowledge.schemes.setdefault(concept.scheme, {}).setdefault(concept.notation, concept)
    for kind in knowledge.kinds.values():
        knowledge.kind_ancestors[kind.iri] = _closure(kind.iri, broader)
        knowledge.kind_descendants[kind.iri] = _closure(kind.iri, narrower)


def _closure(start: str, edges: Mapping[str, set[str]]) -> frozenset[str]:
    seen = {start}
    stack = list(edges.get(start, ()))
    while stack:
        iri = stack.pop()
        if iri not in seen:
            seen.add(iri)
            stack.extend(edges.get(iri, ()))
    return frozenset(seen)


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
            deemed_export=_flag(row.get("deemedExport")),
            deemed_export_basis=row.get("deemedExportBasis"),
            notes=tuple(multi[code]["note"]),
            destination_only=bool(_flag(row.get("destinationOnly"))),
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


# --------------------------------------------------------------------------- entries


def _read_entries(knowledge: Knowledge, store: Store, problems: list[str]) -> None:
    base: dict[str, Entry] = {}
    licence_nodes: set[str] = set()
    for row in _rows(store, "entries"):
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
            effective_from=_date(row.get("effectiveFrom")),
            effective_until=_date(row.get("effectiveUntil")),
            effective_date_note=row.get("effectiveDateNote"),
            evidence=row.get("evidence") or "primary",
            criteria_complete=_flag(row.get("criteriaComplete")) is not False,
            provisional=bool(_flag(row.get("provisional"))),
            code_provisional=bool(_flag(row.get("codeProvisional"))),
            sort_key=int(sort_key) if sort_key.lstrip("-").isdigit() else 0,
            exclusion_note=row.get("exclusionNote"),
        )
        if row.get("licence"):
            licence_nodes.add(iri)
    links = _links(base, _rows(store, "entries_links"))
    alternatives, incomplete = _criteria(
        knowledge, base, _rows(store, "entries_criteria"), problems
    )
    licences = _licences(base, _rows(store, "entries_licences"))
    mappings = _mappings(base, _rows(store, "entries_mappings"))
    children: dict[str, list[Entry]] = defaultdict(list)
    for entry in base.values():
        if entry.parent in base:
            children[entry.parent].append(entry)
    entries: dict[str, Entry] = {}
    for iri, entry in base.items():
        found = links.get(iri, {})
        gaps = tuple(found.get("gap", ())) + tuple(incomplete.get(iri, ()))
        entries[iri] = replace(
            entry,
            kinds=frozenset(found.get("itemKind", ())),
            excluded_kinds=frozenset(found.get("excludedKind", ())),
            requires_facts=tuple(sorted(_tail(f) for f in found.get("requiresFact", ()))),
            serves=tuple(sorted(found.get("servesEntry", ()))),
            purposes=frozenset(_tail(p) for p in found.get("purpose", ())),
            material_forms=frozenset(_tail(f) for f in found.get("materialForm", ())),
            sources=tuple(sorted(found.get("source", ()), key=_source_order)),
            notes=tuple(found.get("note", ())),
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
            served_kinds=frozenset().union(*(kinds_of(s) for s in entry.serves if s in entries)),
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


def _criterion_order(criterion: Criterion, order: Mapping[str, int]) -> tuple[int, str, int]:
    """Display order: the parameters' order in the data, then lower bounds before upper bounds."""
    rank = order.get(criterion.parameter, len(order) + 1000)
    return (rank, criterion.parameter, _COMPARATOR_ORDER.get(criterion.comparator, 9))


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
        sources=tuple(sorted(sources, key=_source_order)),
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
            listed=frozenset(_tail(j) for j in values.get("listedDestination", ())),
            reasons=tuple(sorted(set(values.get("reasonForControl", ())))),
            activities=frozenset(values.get("coversActivity", ())),
            exceptions=tuple(sorted(set(values.get("exceptionAvailable", ())))),
        )
    return licences


def _relation(iri: str) -> Relation | None:
    local = iri.removeprefix(ns.SKOS)
    return next((r for r in RELATIONS if r == local), None)


def _mappings(
    entries: Mapping[str, Entry], rows: list[Row]
) -> dict[str, tuple[tuple[Relation, str], ...]]:
    """Both directions of every SKOS mapping between entries; the strongest relation per pair."""
    found: dict[str, set[tuple[Relation, str]]] = defaultdict(set)
    for row in rows:
        entry, other = row.get("entry"), row.get("other")
        relation = _relation(row.get("relation") or "")
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


# --------------------------------------------------------------------------- exceptions, exclusions


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
            destinations_known=_flag(row.get("known")) is True,
            eligible=frozenset(values.get("eligible", ())),
            evidence=row.get("evidence"),
            notes=tuple(values.get("note", ())),
            sources=tuple(sorted(values.get("source", ()), key=_source_order)),
        )


def _conditions(rows: list[Row], exclusion: str) -> tuple[Condition, ...]:
    found: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        node, field, value = row.get("condition"), row.get("field"), row.get("allowed")
        if row.get("exclusion") == exclusion and node and field and value is not None:
            _, values = found.setdefault(node, (field, []))
            if value not in values:
                values.append(value)
    return tuple(Condition(field, tuple(values)) for _, (field, values) in sorted(found.items()))


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
            notes=tuple(values.get("note", ())),
            sources=tuple(sorted(values.get("source", ()), key=_source_order)),
        )
        for iri, (row, values) in sorted(_grouped(rows, "exclusion").items())
    )


def _read_asserted(knowledge: Knowledge, rows: list[Row]) -> None:
    mappings = []
    for row in rows:
        relation = _relation(row.get("relation") or "")
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
