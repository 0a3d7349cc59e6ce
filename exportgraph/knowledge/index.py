"""The knowledge index: everything the services read from the graph, for one data version.

Built by exportgraph.knowledge.read and obtained through exportgraph.knowledge.current (one per
data version, shared by classification, assessment, equivalence, agreements, the comparison
matrix, plots and the read endpoints).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from exportgraph.errors import CONCEPTS_LISTED_AT, InvalidInput, shown, unknown_name
from exportgraph.knowledge.listed import ListedData
from exportgraph.knowledge.model import (
    AssertedMapping,
    Concept,
    Entry,
    Jurisdiction,
    LicenceException,
    Plot,
    Product,
    ProductSource,
    Relation,
    ResearchExclusion,
    Source,
)
from exportgraph.knowledge.risk_model import RiskData
from exportgraph.knowledge.units import UnitCatalogue

T = TypeVar("T")
_IN_FORCE_DATES = 256  # dates whose in-force sets are kept (requests mostly ask about today)


@dataclass
class Knowledge:
    """The graph of one data version, indexed for the services (read-only after build)."""

    version: str
    units: UnitCatalogue
    concepts: dict[str, Concept] = field(default_factory=dict)  # IRI → concept
    schemes: dict[str, dict[str, Concept]] = field(default_factory=dict)  # scheme → notation → …
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)  # code → …
    entries: dict[str, Entry] = field(default_factory=dict)  # IRI → entry
    entries_by_id: dict[str, Entry] = field(default_factory=dict)
    tops: dict[str, tuple[Entry, ...]] = field(default_factory=dict)  # jurisdiction → top entries
    sources: dict[str, Source] = field(default_factory=dict)  # IRI → source
    exceptions: dict[str, LicenceException] = field(default_factory=dict)  # IRI → …
    exclusions: tuple[ResearchExclusion, ...] = ()
    asserted_mappings: tuple[AssertedMapping, ...] = ()
    plots: tuple[Plot, ...] = ()
    products: dict[str, Product] = field(default_factory=dict)  # product id → product
    product_sources: dict[str, ProductSource] = field(default_factory=dict)  # IRI → source
    risk: RiskData = field(default_factory=RiskData)
    """Risk models, destination groupings, stage gates and criteria, processing times."""
    listed: ListedData = field(default_factory=ListedData)
    """The whole lists: every paragraph, US licence-requirement rows, Country Chart, general
    authorisations."""
    kind_ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    """Kind IRI → the kind and all its broader kinds."""
    kind_descendants: dict[str, frozenset[str]] = field(default_factory=dict)
    """Kind IRI → the kind and all its narrower kinds."""
    problems: tuple[str, ...] = ()
    """What could not be read (e.g. a threshold that is not a usable number), for operators."""
    _answers_from: str | None = field(default=None, repr=False)
    """The earlier data version whose classification and assessment answers this one gives word
    for word but for the version it names (knowledge/same_answers.py); None: its own."""
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)
    _scopes: dict[str, dict[str, tuple[bool | None, bool]]] = field(
        default_factory=dict, repr=False
    )
    _in_force: dict[dt.date, frozenset[str]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _derived: dict[str, object] = field(default_factory=dict, repr=False)
    _building: dict[str, threading.RLock] = field(default_factory=dict, repr=False)

    def derived(self, name: str, build: Callable[[Knowledge], T]) -> T:
        """A value computed from this index once (e.g. the entries' regions for equivalence),
        kept with it: it lives exactly as long as this data version's index. A second thread
        asking while it is computed waits for it (the what-if base takes seconds: a review page
        opened while the background preparation runs used to compute it a second time)."""
        found = self._derived.get(name)
        if found is None:
            with self._lock:
                building = self._building.setdefault(name, threading.RLock())
            with building:
                found = self._derived.get(name)
                if found is None:
                    found = build(self)
                    with self._lock:
                        self._derived[name] = found
        return found  # type: ignore[return-value]

    # ------------------------------------------------------------------ concepts

    def scheme(self, name: str) -> dict[str, Concept]:
        """The concepts of a scheme by notation (empty when the data has no such scheme)."""
        return self.schemes.get(name, {})

    @property
    def kinds(self) -> dict[str, Concept]:
        return self.scheme("kinds")

    @property
    def parameters(self) -> dict[str, Concept]:
        return self.scheme("parameters")

    @property
    def facts(self) -> dict[str, Concept]:
        return self.scheme("facts")

    @property
    def fact_negations(self) -> dict[str, str]:
        """Each fact that negates another (eg:negationOf) and that other, both ways, by
        notation: stating one states the other with the opposite value."""
        return self.derived("facts:negations", _fact_negations)

    @property
    def purposes(self) -> dict[str, Concept]:
        return self.scheme("purposes")

    def ordered(self, scheme: str) -> list[Concept]:
        """A scheme's concepts in display order (then by notation)."""
        return sorted(
            self.scheme(scheme).values(),
            key=lambda c: (c.order is None, c.order or 0, c.notation),
        )

    def notations(self, scheme: str, flag: str | None = None) -> tuple[str, ...]:
        """A scheme's notations in display order, optionally only those carrying `flag`."""
        return tuple(c.notation for c in self.ordered(scheme) if flag is None or c.has(flag))

    def assessed_as(self, activity: str) -> str:
        """The activity the law sees (an equipment trial is an export: eg:assessedAs)."""
        return self.risk.assessed_as.get(activity, activity)

    def leaves_jurisdiction(self, activity: str) -> bool:
        """An export or reexport (eg:leavesJurisdiction): what the Country Chart and Art. 3(1)
        of Reg. (EU) 2021/821 state licence requirements for."""
        concept = self.scheme("activities").get(activity)
        return concept is not None and concept.has("leavesJurisdiction")

    def product_group_kind(self, code: str) -> str:
        """The kind every entry of a code's product group is about (eg:entriesAbout: 4D001, of
        group D, is about software), as a kind notation; "" when the data names none."""
        group = self.scheme("product-groups").get(code[1:2])
        kinds = sorted(group.links.get("entries_about", ())) if group is not None else []
        return self.kind_notation(kinds[0]) if kinds else ""

    def concept(self, scheme: str, notation: object, field: str, what: str) -> Concept:
        """A concept by notation; InvalidInput naming `field` and the known notations otherwise."""
        table = self.scheme(scheme)
        if not isinstance(notation, str) or notation not in table:
            raise unknown_name(
                field,
                what,
                notation,
                self.notations(scheme),
                CONCEPTS_LISTED_AT.format(scheme=scheme),
            )
        return table[notation]

    def kind_notation(self, iri: str) -> str:
        """The notation of a kind IRI (its last path segment when not in the vocabulary)."""
        concept = self.concepts.get(iri)
        return concept.notation if concept else iri.rsplit("/", 1)[-1]

    def ancestors_of_kind(self, kind_iri: str) -> frozenset[str]:
        """The kind and all its broader kinds (reflexive, transitive)."""
        return self.kind_ancestors.get(kind_iri, frozenset({kind_iri}))

    def descendants_of_kind(self, kind_iri: str) -> frozenset[str]:
        """The kind and all its narrower kinds (reflexive, transitive)."""
        return self.kind_descendants.get(kind_iri, frozenset({kind_iri}))

    def narrower_kinds(self, kind_iri: str | None) -> frozenset[str]:
        """The kind's narrower kinds, without itself (none for no kind)."""
        if kind_iri is None:
            return frozenset()
        return self.descendants_of_kind(kind_iri) - {kind_iri}

    def serves_another_kind(self, kind_iri: str) -> bool:
        """Whether items of the kind (software, technology, or narrower) serve another kind."""
        return any(
            self.concepts[k].has("servesAnotherKind")
            for k in self.ancestors_of_kind(kind_iri)
            if k in self.concepts
        )

    # ------------------------------------------------------------------ jurisdictions

    @property
    def answers_version(self) -> str:
        """The data version whose answers this index gives (itself unless set by an incremental build)."""
        return self._answers_from or self.version

    @property
    def aliases(self) -> Mapping[str, str]:
        """The data's aliases of jurisdiction codes (UK → GB)."""
        return self._aliases

    def canonical_code(self, code: str) -> str:
        """A code with the data's aliases applied (UK → GB), upper case."""
        normal = code.strip().upper()
        return self._aliases.get(normal, normal)

    def jurisdiction(self, code: object, field: str) -> Jurisdiction:
        """A jurisdiction by code or alias; InvalidInput naming `field` otherwise."""
        if not isinstance(code, str):
            raise InvalidInput(
                f"{field}: expected a jurisdiction code, got {shown(code)}", field=field
            )
        found = self.jurisdictions.get(self.canonical_code(code))
        if found is None:
            raise unknown_name(
                field, "jurisdiction", code, self.jurisdictions, "GET /v1/jurisdictions lists them"
            )
        return found

    def governing(self, code: str) -> list[str]:
        """The jurisdiction and the unions it is part of, itself first (FR → [FR, EU])."""
        return [code, *self.jurisdictions[code].part_of]

    def members(self, union: str) -> frozenset[str]:
        """The jurisdictions part of a union."""
        return frozenset(c for c, j in self.jurisdictions.items() if union in j.part_of)

    def answered_jurisdictions(self) -> list[str]:
        """Every jurisdiction with a list of its own or of a union it is in (not destination-only)."""
        return [
            code
            for code, info in sorted(self.jurisdictions.items())
            if not info.destination_only and any(self.tops.get(g) for g in self.governing(code))
        ]

    # ------------------------------------------------------------------ entries

    def entry(self, entry_id: str) -> Entry | None:
        """An entry by public id (`US:4A906.a.2`), the jurisdiction part by code or alias."""
        found = self.entries_by_id.get(entry_id)
        if found is None and ":" in entry_id:
            prefix, _, code = entry_id.partition(":")
            found = self.entries_by_id.get(f"{self.canonical_code(prefix)}:{code}")
        return found

    def public_id(self, entry_id: str) -> str | None:
        """The id of an entry or whole-list paragraph as the data writes it, from any spelling
        (`uk:5b002` → `GB:5B002`: jurisdiction aliases and letter case do not matter; codes
        differ by more than case); None when no list of the data has it."""
        prefix, colon, code = entry_id.partition(":")
        wanted = f"{self.canonical_code(prefix)}:{code}" if colon else entry_id
        if wanted in self.entries_by_id or wanted in self.listed.paragraphs:
            return wanted
        folded = self.derived(
            "public-ids",
            lambda k: {i.casefold(): i for i in (*k.entries_by_id, *k.listed.paragraphs)},
        )
        return folded.get(wanted.casefold())

    def ancestors(self, entry: Entry) -> list[Entry]:
        """The entry's parents up to the top-level entry, nearest first."""
        chain: list[Entry] = []
        parent = entry.parent
        while parent is not None and parent in self.entries and len(chain) < 50:
            chain.append(self.entries[parent])
            parent = self.entries[parent].parent
        return chain

    def top(self, entry: Entry) -> Entry:
        """The top-level entry the entry belongs to (itself when it is one)."""
        chain = self.ancestors(entry)
        return chain[-1] if chain else entry

    def descendants(self, entry_iri: str) -> Iterator[Entry]:
        """The entry and all its sub-entries (depth first)."""
        return self.reached([entry_iri])

    def reached(self, entry_iris: Iterable[str], *, served: bool = False) -> Iterator[Entry]:
        """The entries named and all their sub-entries, and with `served` also the entries they
        serve and theirs (depth first, each once)."""
        seen: set[str] = set()
        stack = list(reversed(list(entry_iris)))
        while stack:
            iri = stack.pop()
            entry = self.entries.get(iri)
            if entry is None or iri in seen:
                continue
            seen.add(iri)
            yield entry
            stack.extend(reversed([*entry.children, *(entry.serves if served else ())]))

    def top_level(self, codes: Iterable[str]) -> list[Entry]:
        """The top-level entries of the jurisdictions' lists, in the order of `codes`."""
        return [top for code in dict.fromkeys(codes) for top in self.tops.get(code, ())]

    def tops_reaching(self, codes: Iterable[str], kinds: Collection[str]) -> list[Entry]:
        """The top-level entries (as `top_level` orders them) whose subtree names one of
        `kinds`, in scope or excluded: with whole lists loaded most entries concern other kinds,
        and this looks up the few that may concern an item instead of testing them all."""
        index = self.derived("tops:by-kind", _tops_by_kind)
        found: list[Entry] = []
        for code in dict.fromkeys(codes):
            tops, by_kind = self.tops.get(code, ()), index.get(code, {})
            places = sorted({place for kind in kinds for place in by_kind.get(kind, ())})
            found += [tops[place] for place in places]
        return found

    def equivalents(self, entry: Entry) -> list[tuple[str, Relation]]:
        """Mapped entries in other lists, both directions: (public id, relation), sorted by id."""
        seen: dict[str, Relation] = {}
        for relation, other in entry.mappings:
            target = self.entries.get(other)
            if target is not None and target.id not in seen:
                seen[target.id] = relation
        return sorted(seen.items())

    def scope(self, kind_iri: str) -> dict[str, tuple[bool | None, bool]]:
        """Entry IRI → (kind scope includes the kind, an excluded kind applies), cached per kind;
        in scope None where the entry names only narrower kinds (an item of the broad kind may
        be one of them)."""
        found = self._scopes.get(kind_iri)
        if found is None:
            kinds = self.ancestors_of_kind(kind_iri)
            narrower = self.descendants_of_kind(kind_iri) - {kind_iri}

            def names(named: frozenset[str]) -> bool | None:
                return True if named & kinds else None if named & narrower else False

            found = {
                iri: (names(entry.kinds), bool(entry.excluded_kinds & kinds))
                for iri, entry in self.entries.items()
            }
            with self._lock:
                self._scopes[kind_iri] = found
        return found

    def in_force(self, on: dt.date) -> frozenset[str]:
        """IRIs of the entries in force on a date (kept for recent dates)."""
        found = self._in_force.get(on)
        if found is None:
            found = frozenset(iri for iri, entry in self.entries.items() if entry.in_force(on))
            with self._lock:
                if len(self._in_force) >= _IN_FORCE_DATES:
                    self._in_force.clear()
                self._in_force[on] = found
        return found


def _tops_by_kind(knowledge: Knowledge) -> dict[str, dict[str, tuple[int, ...]]]:
    """Per jurisdiction, each kind's top-level entries (their places in `tops`) whose subtree
    names it."""
    index: dict[str, dict[str, tuple[int, ...]]] = {}
    for code, tops in knowledge.tops.items():
        by_kind: dict[str, list[int]] = {}
        for place, top in enumerate(tops):
            for kind in top.subtree_kinds:
                by_kind.setdefault(kind, []).append(place)
        index[code] = {kind: tuple(places) for kind, places in by_kind.items()}
    return index


def _fact_negations(knowledge: Knowledge) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for fact in knowledge.facts.values():
        for other in fact.links.get("negation_of", ()):
            negated = knowledge.concepts.get(other)
            if negated is not None:
                pairs[fact.notation] = negated.notation
                pairs[negated.notation] = fact.notation
    return pairs
