"""The control catalogue: entries, jurisdictions and vocabulary, read by SPARQL once per data version.

`catalogue(context)` returns an immutable in-memory index built from the results of the
queries/entries*.rq, jurisdictions.rq, classify_*.rq and assess_*.rq queries; it is rebuilt when
the store's data version changes. Classification, assessment and the read endpoints
(`GET /v1/jurisdictions`, `/v1/entries`, `/v1/entries/{id}`) all read it.

Public functions (stable; other services call them):

- `catalogue(context) -> Catalogue`
- `list_jurisdictions(context) -> list[dict]`
- `list_entries(context, jurisdiction=None, kind=None, as_of=None) -> list[dict]`
- `get_entry(context, entry_id) -> dict` (NotFound for an unknown id)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput, NotFound
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.units import (
    UnitCatalogue,
    canonical_decimal,
    convert,
    load_unit_catalogue,
)

if TYPE_CHECKING:
    from exportgraph.graph.context import Context
    from exportgraph.store import Store

JURISDICTION_ALIASES = {"UK": "GB"}
MAPPING_RELATIONS = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
_INVERSE = {"broadMatch": "narrowMatch", "narrowMatch": "broadMatch"}
_ENTRY_TYPES = {
    "HardwareEntry": "hardware",
    "MaterialEntry": "material",
    "SoftwareEntry": "software",
    "TechnologyEntry": "technology",
}
_SCOPES = ("AllDestinations", "AllDestinationsExcept", "OnlyListedDestinations", "OutsideUnion")


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class Source:
    """A legal source as cited in answers."""

    iri: str
    id: str
    citation: str
    url: str | None
    evidence: str | None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "citation": self.citation}
        if self.url:
            out["url"] = self.url
        if self.evidence:
            out["evidence"] = self.evidence
        return out


@dataclass(frozen=True)
class Criterion:
    """One threshold of an alternative, as written and in the parameter's canonical unit."""

    iri: str
    parameter: str
    comparator: str
    threshold: Decimal  # in `unit`, as the legal text writes it
    unit: str  # unit label as written (QUDT local name rendered by pint: µW, K, GHz, dB, …)
    canonical_threshold: Decimal  # in the parameter's canonical unit
    canonical_unit: str
    legal_text: str | None
    evidence: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Licence:
    """Who needs a licence for which destinations and activities under an entry."""

    scope: str  # one of _SCOPES
    listed: frozenset[str]
    reasons: tuple[str, ...]
    activities: frozenset[str]
    exceptions: tuple[str, ...]  # exception IRIs


@dataclass
class Entry:
    """A control entry (or sub-entry) with everything classification and assessment need."""

    iri: str
    id: str
    code: str
    jurisdiction: str
    type: str  # hardware | material | software | technology
    title: str
    parent: str | None
    list_title: str | None
    effective_from: dt.date | None
    effective_until: dt.date | None
    effective_date_note: str | None
    evidence: str
    criteria_complete: bool
    provisional: bool
    code_provisional: bool
    sort_key: int
    exclusion_note: str | None
    licence: Licence | None = None
    kinds: frozenset[str] = frozenset()
    excluded_kinds: frozenset[str] = frozenset()
    requires_facts: tuple[str, ...] = ()
    serves: tuple[str, ...] = ()
    purposes: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    alternatives: tuple[tuple[Criterion, ...], ...] = ()
    children: tuple[str, ...] = ()
    mappings: tuple[tuple[str, str], ...] = ()  # (relation, other entry IRI)
    # Derived once per catalogue, for speed:
    subtree_kinds: frozenset[str] = (
        frozenset()
    )  # kinds and excluded kinds of it and its sub-entries
    served_kinds: frozenset[str] = frozenset()  # kinds of the served entries and their sub-entries

    def in_force(self, on: dt.date) -> bool:
        """In force on `on`: effective_from <= on < effective_until."""
        if self.effective_from is None or self.effective_from > on:
            return False
        return self.effective_until is None or on < self.effective_until


@dataclass(frozen=True)
class Jurisdiction:
    iri: str
    code: str
    label: str
    part_of: tuple[str, ...]  # codes of the unions it belongs to (transitively)
    deemed_export: bool | None
    deemed_export_basis: str | None
    notes: tuple[str, ...]
    destination_only: bool = False  # known only as a destination: not answered for by default


@dataclass(frozen=True)
class LicenceException:
    iri: str
    id: str
    title: str
    destinations_known: bool
    eligible: frozenset[str]
    evidence: str | None
    notes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ResearchExclusion:
    iri: str
    id: str
    jurisdiction: str
    title: str
    applies_to: frozenset[str]  # kind IRIs
    conditions: tuple[str, ...]
    evidence: str | None
    notes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    iri: str
    notation: str
    label: str | None


@dataclass
class Catalogue:
    """Everything read from the store for one data version."""

    version: str
    units: UnitCatalogue
    kinds: dict[str, Concept] = field(default_factory=dict)  # notation → concept
    facts: dict[str, Concept] = field(default_factory=dict)
    purposes: dict[str, Concept] = field(default_factory=dict)
    parameters: dict[str, Concept] = field(default_factory=dict)
    kind_ancestors: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # kind IRI → {itself, broader…}
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)  # code → …
    entries: dict[str, Entry] = field(default_factory=dict)  # IRI → entry
    entries_by_id: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    exceptions: dict[str, LicenceException] = field(default_factory=dict)  # IRI → …
    exclusions: list[ResearchExclusion] = field(default_factory=list)
    tops: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # jurisdiction → top entries
    _scopes: dict[str, dict[str, tuple[bool, bool]]] = field(default_factory=dict, repr=False)
    _in_force: dict[dt.date, frozenset[str]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ lookups

    def kind_notation(self, iri: str) -> str:
        """The notation of a kind concept IRI (its last path segment when not in the vocabulary)."""
        for concept in self.kinds.values():
            if concept.iri == iri:
                return concept.notation
        return iri.rsplit("/", 1)[-1]  # a kind used by an entry but missing from concepts.ttl

    def ancestors_of_kind(self, kind_iri: str) -> frozenset[str]:
        """The kind and all its broader kinds (reflexive, transitive)."""
        return self.kind_ancestors.get(kind_iri, frozenset({kind_iri}))

    def scope(self, kind_iri: str) -> dict[str, tuple[bool, bool]]:
        """Entry IRI → (kind scope includes the kind, an excluded kind applies), cached per kind."""
        found = self._scopes.get(kind_iri)
        if found is None:
            kinds = self.ancestors_of_kind(kind_iri)
            found = {
                iri: (bool(entry.kinds & kinds), bool(entry.excluded_kinds & kinds))
                for iri, entry in self.entries.items()
            }
            self._scopes[kind_iri] = found
        return found

    def in_force(self, on: dt.date) -> frozenset[str]:
        """IRIs of the entries in force on a date (cached for recent dates)."""
        found = self._in_force.get(on)
        if found is None:
            found = frozenset(iri for iri, entry in self.entries.items() if entry.in_force(on))
            if len(self._in_force) > 256:
                self._in_force.clear()
            self._in_force[on] = found
        return found

    def jurisdiction(self, code: str, field: str) -> Jurisdiction:
        """A jurisdiction by code (`UK` accepted for `GB`); InvalidInput naming `field` otherwise."""
        if not isinstance(code, str):
            raise InvalidInput(f"{field}: expected a jurisdiction code, got {code!r}", field=field)
        normal = code.strip().upper()
        normal = JURISDICTION_ALIASES.get(normal, normal)
        found = self.jurisdictions.get(normal)
        if found is None:
            known = ", ".join(sorted(self.jurisdictions))
            raise InvalidInput(
                f"{field}: unknown jurisdiction {code!r} (known: {known})", field=field
            )
        return found

    def governing(self, code: str) -> list[str]:
        """The jurisdiction and the unions it is part of, itself first (FR → [FR, EU])."""
        return [code, *self.jurisdictions[code].part_of]

    def ancestors(self, entry: Entry) -> list[Entry]:
        """The entry's parents up to the top-level entry, nearest first."""
        chain: list[Entry] = []
        parent = entry.parent
        while parent is not None and parent in self.entries and len(chain) < 50:
            chain.append(self.entries[parent])
            parent = self.entries[parent].parent
        return chain

    def descendants(self, entry_iri: str) -> list[Entry]:
        """The entry and all its sub-entries (depth first)."""
        out: list[Entry] = []
        stack = [entry_iri]
        while stack:
            iri = stack.pop()
            entry = self.entries.get(iri)
            if entry is None or entry in out:
                continue
            out.append(entry)
            stack.extend(reversed(entry.children))
        return out

    def equivalents(self, entry: Entry) -> list[dict[str, str]]:
        """Mapped entries in other lists, both directions (`{"id", "relation"}`), sorted by id."""
        seen: dict[str, str] = {}
        for relation, other in entry.mappings:
            target = self.entries.get(other)
            if target is not None and target.id not in seen:
                seen[target.id] = relation
        return [{"id": key, "relation": seen[key]} for key in sorted(seen)]


# --------------------------------------------------------------------------- building


def _text(row: Mapping[str, Any], name: str) -> str | None:
    term = row.get(name)
    return None if term is None else str(term.value)


def _bool(row: Mapping[str, Any], name: str) -> bool | None:
    value = _text(row, name)
    return None if value is None else value in ("true", "1")


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value[:10])


def _rows(store: Store, name: str) -> list[dict[str, Any]]:
    result = store.query(load_query(name))
    assert isinstance(result, list)
    return result  # type: ignore[return-value]


def build_catalogue(store: Store, version: str) -> Catalogue:
    """Read the catalogue from the store (about ten SPARQL queries)."""
    units = load_unit_catalogue(_rows(store, "classify_units"))
    cat = Catalogue(version=version, units=units)
    _read_concepts(cat, _rows(store, "classify_concepts"))
    _read_jurisdictions(cat, _rows(store, "jurisdictions"))
    _read_sources(cat, _rows(store, "entries_sources"))
    _read_entries(cat, store)
    _read_exceptions(cat, _rows(store, "assess_exceptions"))
    _read_exclusions(cat, _rows(store, "assess_exclusions"))
    return cat


_SCHEMES = {
    ns.EGID + "scheme/kinds": "kinds",
    ns.EGID + "scheme/facts": "facts",
    ns.EGID + "scheme/purposes": "purposes",
    ns.EGID + "scheme/parameters": "parameters",
}


def _read_concepts(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    broader: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        iri, scheme, notation = _text(row, "concept"), _text(row, "scheme"), _text(row, "notation")
        if iri is None or scheme not in _SCHEMES or notation is None:
            continue
        table: dict[str, Concept] = getattr(cat, _SCHEMES[scheme])
        if notation not in table:
            table[notation] = Concept(iri, notation, _text(row, "label"))
        parent = _text(row, "broader")
        if parent is not None and _SCHEMES[scheme] == "kinds":
            broader[iri].add(parent)
    for concept in cat.kinds.values():
        seen = {concept.iri}
        stack = list(broader.get(concept.iri, ()))
        while stack:
            iri = stack.pop()
            if iri not in seen:
                seen.add(iri)
                stack.extend(broader.get(iri, ()))
        cat.kind_ancestors[concept.iri] = frozenset(seen)


def _read_jurisdictions(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        code = _text(row, "code")
        if code is None:
            continue
        info = grouped.setdefault(
            code,
            {
                "iri": _text(row, "jurisdiction"),
                "label": None,
                "part_of": set(),
                "deemed": None,
                "basis": None,
                "notes": [],
                "destination_only": False,
            },
        )
        if row.get("destinationOnly") is not None:
            info["destination_only"] = _bool(row, "destinationOnly")
        info["label"] = info["label"] or _text(row, "label")
        if _text(row, "partOf"):
            info["part_of"].add(_text(row, "partOf"))
        if row.get("deemedExport") is not None:
            info["deemed"] = _bool(row, "deemedExport")
        info["basis"] = info["basis"] or _text(row, "deemedExportBasis")
        note = _text(row, "note")
        if note and note not in info["notes"]:
            info["notes"].append(note)
    for code, info in grouped.items():
        part_of = sorted(p for p in info["part_of"] if p != code)
        cat.jurisdictions[code] = Jurisdiction(
            iri=info["iri"],
            code=code,
            label=info["label"] or code,
            part_of=tuple(part_of),
            deemed_export=info["deemed"],
            deemed_export_basis=info["basis"],
            notes=tuple(info["notes"]),
            destination_only=bool(info["destination_only"]),
        )


def _read_sources(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    prefix = ns.EGID + "source/"
    for row in rows:
        iri = _text(row, "source")
        if iri is None:
            continue
        local = iri.removeprefix(prefix)
        jurisdiction, _, source_id = local.partition("/")
        public = f"{jurisdiction}:{_text(row, 'notation') or source_id}" if source_id else local
        cat.sources[iri] = Source(
            iri=iri,
            id=public,
            citation=_text(row, "citation") or public,
            url=_text(row, "url"),
            evidence=_text(row, "evidence"),
        )


def _read_entries(cat: Catalogue, store: Store) -> None:
    for row in _rows(store, "entries"):
        iri = _text(row, "entry")
        if iri is None or iri in cat.entries:
            continue
        type_iri = _text(row, "type") or ""
        sort_key = _text(row, "sortKey")
        cat.entries[iri] = Entry(
            iri=iri,
            id=_text(row, "id") or iri,
            code=_text(row, "code") or iri,
            jurisdiction=_text(row, "jurisdiction") or "",
            type=_ENTRY_TYPES.get(type_iri.removeprefix(ns.EG), "hardware"),
            title=_text(row, "title") or "",
            parent=_text(row, "parent"),
            list_title=_text(row, "listTitle"),
            effective_from=_date(_text(row, "effectiveFrom")),
            effective_until=_date(_text(row, "effectiveUntil")),
            effective_date_note=_text(row, "effectiveDateNote"),
            evidence=_text(row, "evidence") or "primary",
            criteria_complete=_bool(row, "criteriaComplete") is not False,
            provisional=bool(_bool(row, "provisional")),
            code_provisional=bool(_bool(row, "codeProvisional")),
            sort_key=int(sort_key) if sort_key and sort_key.lstrip("-").isdigit() else 0,
            exclusion_note=_text(row, "exclusionNote"),
        )
        licence = _text(row, "licence")
        if licence:
            cat.entries[iri].licence = Licence("", frozenset(), (), frozenset(), (licence,))
    _read_links(cat, _rows(store, "entries_links"))
    _read_criteria(cat, _rows(store, "entries_criteria"))
    _read_licences(cat, _rows(store, "entries_licences"))
    _read_mappings(cat, _rows(store, "entries_mappings"))
    children: dict[str, list[Entry]] = defaultdict(list)
    for entry in cat.entries.values():
        if entry.parent in cat.entries:
            children[entry.parent].append(entry)
    for parent, kids in children.items():
        cat.entries[parent].children = tuple(
            kid.iri for kid in sorted(kids, key=lambda e: (e.sort_key, e.code))
        )
    cat.entries_by_id = {entry.id: entry for entry in cat.entries.values()}
    for entry in cat.entries.values():
        subtree = cat.descendants(entry.iri)
        entry.subtree_kinds = frozenset().union(*(d.kinds | d.excluded_kinds for d in subtree))
        entry.served_kinds = frozenset().union(
            *(d.kinds for served in entry.serves for d in cat.descendants(served))
        )
    tops: dict[str, list[Entry]] = defaultdict(list)
    for entry in cat.entries.values():
        if entry.parent not in cat.entries:
            tops[entry.jurisdiction].append(entry)
    cat.tops = {j: tuple(sorted(es, key=lambda e: (e.sort_key, e.code))) for j, es in tops.items()}


def _read_links(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        subject, link, target = _text(row, "entry"), _text(row, "link"), _text(row, "target")
        if subject is not None and subject in cat.entries and link and target is not None:
            local = link.removeprefix(ns.EG).removeprefix(ns.DCTERMS)
            if target not in links[subject][local]:
                links[subject][local].append(target)
    for iri, found in links.items():
        entry: Entry = cat.entries[iri]
        entry.kinds = frozenset(found.get("itemKind", ()))
        entry.excluded_kinds = frozenset(found.get("excludedKind", ()))
        entry.requires_facts = tuple(sorted(_tail(f) for f in found.get("requiresFact", ())))
        entry.serves = tuple(sorted(found.get("servesEntry", ())))
        entry.purposes = frozenset(_tail(p) for p in found.get("purpose", ()))
        entry.sources = tuple(sorted(found.get("source", ()), key=_source_order))
        entry.notes = tuple(found.get("note", ()))
        entry.gaps = tuple(found.get("gap", ()))


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _source_order(iri: str) -> tuple[int, str]:
    tail = _tail(iri)
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (int(digits) if digits else 0, tail)


def _read_criteria(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    alternatives: dict[str, dict[str, dict[str, dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for row in rows:
        entry, alt, crit = _text(row, "entry"), _text(row, "alternative"), _text(row, "criterion")
        if entry not in cat.entries or alt is None or crit is None:
            continue
        info = alternatives[entry][alt].setdefault(crit, {"row": row, "sources": set()})
        if _text(row, "source"):
            info["sources"].add(_text(row, "source"))
    for iri, alts in alternatives.items():
        built = []
        for alt in sorted(alts):
            criteria = [
                _criterion(cat, crit, info["row"], info["sources"])
                for crit, info in alts[alt].items()
            ]
            criteria.sort(key=_criterion_order)
            built.append(tuple(criteria))
        cat.entries[iri].alternatives = tuple(built)


# Display order only (the contract's parameter table), then lower bounds before upper bounds.
_PARAMETER_ORDER = (
    "physical-qubits",
    "cnot-error",
    "operating-temperature",
    "frequency-min",
    "frequency-max",
    "noise-figure",
    "cooling-power",
    "cooling-power-temperature",
    "continuous-operation",
    "base-temperature",
    "test-temperature",
    "wafer-diameter",
    "isotopic-impurity",
)
_COMPARATOR_ORDER = {">=": 0, ">": 1, "=": 2, "<": 3, "<=": 4}


def _criterion_order(criterion: Criterion) -> tuple[int, str, int]:
    parameter = criterion.parameter
    rank = (
        _PARAMETER_ORDER.index(parameter)
        if parameter in _PARAMETER_ORDER
        else len(_PARAMETER_ORDER)
    )
    return (rank, parameter, _COMPARATOR_ORDER.get(criterion.comparator, 9))


def _criterion(
    cat: Catalogue, iri: str, row: Mapping[str, Any], sources: Iterable[str]
) -> Criterion:
    parameter = _text(row, "parameter") or ""
    unit_iri = _text(row, "unit") or ""
    threshold = canonical_decimal(Decimal(_text(row, "threshold") or "0"))
    field_name = f"criterion {iri}"
    unit = cat.units.unit_info(unit_iri, field_name)
    target = cat.units.canonical_info(parameter, field_name)
    canonical = (
        threshold
        if unit.iri == target.iri
        else convert(threshold, unit.unit, target.unit, field_name)
    )
    return Criterion(
        iri=iri,
        parameter=parameter,
        comparator=_text(row, "comparator") or "",
        threshold=threshold,
        unit=unit.display,
        canonical_threshold=canonical,
        canonical_unit=target.display,
        legal_text=_text(row, "legalText"),
        evidence=_text(row, "evidence"),
        sources=tuple(sorted(sources, key=_source_order)),
    )


def _read_licences(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        subject, link, target = _text(row, "entry"), _text(row, "link"), _text(row, "target")
        if subject is not None and subject in cat.entries and link and target is not None:
            found[subject][link.removeprefix(ns.EG)].append(target)
    for iri, values in found.items():
        scopes = [s.removeprefix(ns.EG) for s in values.get("destinationScope", ())]
        scope = next((s for s in _SCOPES if s in scopes), "")
        listed = frozenset(_tail(j) for j in values.get("listedDestination", ()))
        cat.entries[iri].licence = Licence(
            scope=scope,
            listed=listed,
            reasons=tuple(sorted(set(values.get("reasonForControl", ())))),
            activities=frozenset(values.get("coversActivity", ())),
            exceptions=tuple(sorted(set(values.get("exceptionAvailable", ())))),
        )
    for item in cat.entries.values():  # a licence node without statements says nothing
        if item.licence is not None and not item.licence.scope:
            item.licence = None


def _read_mappings(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        entry, relation, other = _text(row, "entry"), _text(row, "relation"), _text(row, "other")
        if entry in cat.entries and other in cat.entries and relation:
            local = relation.removeprefix(ns.SKOS)
            assert other is not None and entry is not None
            found[entry].add((local, other))
            found[other].add((_INVERSE.get(local, local), entry))
    order = {name: index for index, name in enumerate(MAPPING_RELATIONS)}
    for iri, links in found.items():
        best: dict[str, str] = {}
        for relation, other in links:
            if other not in best or order.get(relation, 9) < order.get(best[other], 9):
                best[other] = relation
        cat.entries[iri].mappings = tuple(
            sorted(
                ((rel, other) for other, rel in best.items()), key=lambda x: cat.entries[x[1]].id
            )
        )


def _read_exceptions(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = _text(row, "exception")
        if iri is None:
            continue
        info = grouped.setdefault(
            iri, {"row": row, "eligible": set(), "notes": [], "sources": set()}
        )
        if _text(row, "eligible"):
            info["eligible"].add(_text(row, "eligible"))
        note = _text(row, "note")
        if note and note not in info["notes"]:
            info["notes"].append(note)
        if _text(row, "source"):
            info["sources"].add(_text(row, "source"))
    for iri, info in grouped.items():
        row = info["row"]
        cat.exceptions[iri] = LicenceException(
            iri=iri,
            id=_text(row, "id") or iri,
            title=_text(row, "title") or "",
            destinations_known=_bool(row, "known") is True,
            eligible=frozenset(info["eligible"]),
            evidence=_text(row, "evidence"),
            notes=tuple(info["notes"]),
            sources=tuple(sorted(info["sources"], key=_source_order)),
        )


def _read_exclusions(cat: Catalogue, rows: list[dict[str, Any]]) -> None:
    grouped: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = _text(row, "exclusion")
        if iri is None:
            continue
        info = grouped.setdefault(
            iri, {"row": row, "applies": set(), "conditions": [], "notes": [], "sources": set()}
        )
        for name, key in (("appliesTo", "applies"), ("source", "sources")):
            if _text(row, name):
                info[key].add(_text(row, name))
        for name, key in (("condition", "conditions"), ("note", "notes")):
            value = _text(row, name)
            if value and value not in info[key]:
                info[key].append(value)
    for iri, info in sorted(grouped.items()):
        row = info["row"]
        cat.exclusions.append(
            ResearchExclusion(
                iri=iri,
                id=_text(row, "id") or iri,
                jurisdiction=_text(row, "jurisdiction") or "",
                title=_text(row, "title") or "",
                applies_to=frozenset(info["applies"]),
                conditions=tuple(info["conditions"]),
                evidence=_text(row, "evidence"),
                notes=tuple(info["notes"]),
                sources=tuple(sorted(info["sources"], key=_source_order)),
            )
        )


# --------------------------------------------------------------------------- cache


class _Cache:
    """One catalogue per (context, data version); rebuilt when the version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_context: dict[int, Catalogue] = {}

    def get(self, context: Context) -> Catalogue:
        version = context.data_version()
        key = id(context)
        current = self._by_context.get(key)
        if current is not None and current.version == version:
            return current
        with self._lock:
            current = self._by_context.get(key)
            if current is None or current.version != version:
                current = build_catalogue(context.store, version)
                self._by_context[key] = current
            return current

    def is_warm(self, context: Context) -> bool:
        """Whether the catalogue is built and known current without touching the store."""
        version = context.cached_data_version()
        current = self._by_context.get(id(context))
        return version is not None and current is not None and current.version == version


_CACHE = _Cache()


def catalogue(context: Context) -> Catalogue:
    """The catalogue of the context's current data version (built on first use per version)."""
    return _CACHE.get(context)


def catalogue_is_warm(context: Context) -> bool:
    """Whether `catalogue(context)` answers from memory: built for the data version the store
    caches in process. Never opens, builds or queries the store (safe on an event loop); False
    when unsure (a remote store, a version not read since the last write)."""
    return _CACHE.is_warm(context)


# --------------------------------------------------------------------------- read endpoints


def parse_date(value: dt.date | str | None, field: str) -> dt.date:
    """An ISO date (`2025-12-01`); today when None; InvalidInput naming `field` otherwise."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(f"{field}: expected an ISO date YYYY-MM-DD, got {value!r}", field=field)


def criterion_dict(criterion: Criterion) -> dict[str, Any]:
    """A criterion as answers show it (threshold as the legal text writes it)."""
    out: dict[str, Any] = {
        "parameter": criterion.parameter,
        "comparator": criterion.comparator,
        "threshold": number(criterion.threshold),
        "unit": criterion.unit,
    }
    if (
        criterion.canonical_unit != criterion.unit
        or criterion.canonical_threshold != criterion.threshold
    ):
        out["canonical_threshold"] = number(criterion.canonical_threshold)
        out["canonical_unit"] = criterion.canonical_unit
    if criterion.legal_text:
        out["legal_text"] = criterion.legal_text
    return out


def number(value: Decimal) -> int | float:
    """A JSON number for a Decimal (int when integral)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def entry_summary(cat: Catalogue, entry: Entry) -> dict[str, Any]:
    """The common fields of an entry in every answer."""
    out: dict[str, Any] = {
        "id": entry.id,
        "code": entry.code,
        "jurisdiction": entry.jurisdiction,
        "title": entry.title,
        "type": entry.type,
        "effective_from": entry.effective_from.isoformat() if entry.effective_from else None,
    }
    if entry.effective_until:
        out["effective_until"] = entry.effective_until.isoformat()
    if entry.effective_date_note:
        out["effective_date_note"] = entry.effective_date_note
    out["sources"] = [cat.sources[s].as_dict() for s in entry.sources if s in cat.sources]
    out["evidence"] = entry.evidence
    if entry.provisional:
        out["provisional"] = True
    if entry.code_provisional:
        out["code_provisional"] = True
    return out


def licence_dict(cat: Catalogue, licence: Licence | None) -> dict[str, Any] | None:
    if licence is None:
        return None
    return {
        "destination_scope": licence.scope,
        "listed_destinations": sorted(licence.listed),
        "reasons": list(licence.reasons),
        "activities": sorted(licence.activities),
        "exceptions": [
            cat.exceptions[e].id if e in cat.exceptions else e for e in licence.exceptions
        ],
    }


def entry_detail(cat: Catalogue, entry: Entry) -> dict[str, Any]:
    """Everything known about an entry (GET /v1/entries/{id})."""
    out = entry_summary(cat, entry)
    out["iri"] = entry.iri
    if entry.list_title:
        out["list"] = entry.list_title
    out["parent"] = cat.entries[entry.parent].id if entry.parent in cat.entries else None
    out["sub_entries"] = [cat.entries[c].id for c in entry.children]
    out["kinds"] = sorted(cat.kind_notation(k) for k in entry.kinds)
    if entry.excluded_kinds:
        out["excluded_kinds"] = sorted(cat.kind_notation(k) for k in entry.excluded_kinds)
        out["exclusion_note"] = entry.exclusion_note
    if entry.requires_facts:
        out["requires_facts"] = list(entry.requires_facts)
    if entry.serves:
        out["serves"] = [cat.entries[s].id for s in entry.serves if s in cat.entries]
    if entry.purposes:
        out["purposes"] = sorted(entry.purposes)
    out["criteria_complete"] = entry.criteria_complete
    out["alternatives"] = [[criterion_dict(c) for c in alt] for alt in entry.alternatives]
    out["notes"] = list(entry.notes)
    out["gaps"] = list(entry.gaps)
    out["licence"] = licence_dict(cat, entry.licence)
    exceptions = entry.licence.exceptions if entry.licence else ()
    out["exceptions"] = [
        exception_dict(cat.exceptions[e]) for e in exceptions if e in cat.exceptions
    ]
    out["equivalents"] = cat.equivalents(entry)
    return out


def exception_dict(exception: LicenceException) -> dict[str, Any]:
    return {
        "id": exception.id,
        "title": exception.title,
        "eligible_destinations": sorted(exception.eligible)
        if exception.destinations_known
        else "unknown",
        "notes": list(exception.notes),
    }


def list_jurisdictions(context: Context) -> list[dict[str, Any]]:
    """Every jurisdiction with its unions, deemed-export rule and entry count."""
    cat = catalogue(context)
    counts: dict[str, int] = defaultdict(int)
    for entry in cat.entries.values():
        counts[entry.jurisdiction] += 1
    return [
        {
            "code": j.code,
            "label": j.label,
            "part_of": list(j.part_of),
            "deemed_export_rule": j.deemed_export,
            "destination_only": j.destination_only,
            "entries": counts[j.code],
            "notes": list(j.notes),
        }
        for j in sorted(cat.jurisdictions.values(), key=lambda j: j.code)
    ]


def list_entries(
    context: Context,
    jurisdiction: str | None = None,
    kind: str | None = None,
    as_of: dt.date | str | None = None,
) -> list[dict[str, Any]]:
    """Entries, optionally of one jurisdiction (with its unions' lists for a member state), whose
    kind scope includes `kind` (through the hierarchy), in force on `as_of` when given."""
    cat = catalogue(context)
    codes: list[str] | None = None
    if jurisdiction is not None:
        codes = cat.governing(cat.jurisdiction(jurisdiction, "jurisdiction").code)
    kind_iri: str | None = None
    if kind is not None:
        kind_iri = kind_concept(cat, kind, "kind").iri
    on = parse_date(as_of, "as_of") if as_of is not None else None
    chosen = []
    for entry in sorted(cat.entries.values(), key=lambda e: (e.jurisdiction, e.sort_key, e.code)):
        if codes is not None and entry.jurisdiction not in codes:
            continue
        if on is not None and not entry.in_force(on):
            continue
        if kind_iri is not None and not any(
            bool(cat.ancestors_of_kind(kind_iri) & d.kinds) for d in cat.descendants(entry.iri)
        ):
            continue
        summary = entry_summary(cat, entry)
        summary["parent"] = cat.entries[entry.parent].id if entry.parent in cat.entries else None
        summary["kinds"] = sorted(cat.kind_notation(k) for k in entry.kinds)
        chosen.append(summary)
    return chosen


def kind_concept(cat: Catalogue, notation: object, field: str) -> Concept:
    """A kind by notation; InvalidInput naming `field` (and the known kinds) otherwise."""
    if not isinstance(notation, str) or notation not in cat.kinds:
        known = ", ".join(sorted(cat.kinds))
        raise InvalidInput(f"{field}: unknown kind {notation!r} (known: {known})", field=field)
    return cat.kinds[notation]


def get_entry(context: Context, entry_id: str) -> dict[str, Any]:
    """One entry by public id (`US:4A906.a.2`); `UK:` is accepted for `GB:`. NotFound otherwise."""
    cat = catalogue(context)
    entry = cat.entries_by_id.get(entry_id)
    if entry is None and ":" in entry_id:
        prefix, _, code = entry_id.partition(":")
        prefix = JURISDICTION_ALIASES.get(prefix.upper(), prefix.upper())
        entry = cat.entries_by_id.get(f"{prefix}:{code}")
    if entry is None:
        raise NotFound(f"entry {entry_id!r} not found", field="id")
    return entry_detail(cat, entry)


__all__ = [
    "Catalogue",
    "Criterion",
    "Entry",
    "Jurisdiction",
    "Licence",
    "LicenceException",
    "ResearchExclusion",
    "catalogue",
    "get_entry",
    "list_entries",
    "list_jurisdictions",
    "parse_date",
]
