"""What the knowledge graph says, as plain immutable values: concepts, jurisdictions, legal sources,
control entries with their criteria and licence requirements, exceptions, exclusions, mappings.

Read once per data version by exportgraph.knowledge.read and shared by every service through
exportgraph.knowledge.index.Knowledge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

DEFAULT_LANGUAGE = "en"

Relation = Literal["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"]
RELATIONS: tuple[Relation, ...] = (
    "exactMatch",
    "closeMatch",
    "broadMatch",
    "narrowMatch",
    "relatedMatch",
)
INVERSE_RELATION: Mapping[Relation, Relation] = {
    "exactMatch": "exactMatch",
    "closeMatch": "closeMatch",
    "relatedMatch": "relatedMatch",
    "broadMatch": "narrowMatch",
    "narrowMatch": "broadMatch",
}
Scope = Literal[
    "AllDestinations", "AllDestinationsExcept", "OnlyListedDestinations", "OutsideUnion"
]
SCOPES: tuple[Scope, ...] = (
    "AllDestinations",
    "AllDestinationsExcept",
    "OnlyListedDestinations",
    "OutsideUnion",
)
EntryType = Literal["hardware", "material", "software", "technology"]


@dataclass(frozen=True)
class Concept:
    """A SKOS concept of any scheme: its texts by kind (pref, alt, hidden, definition, note) and
    language, its links (broader, narrower, replaced_by), and what the data says of it beyond SKOS
    (`flags`: the eg: boolean properties that are true, e.g. releasesToPerson)."""

    iri: str
    notation: str
    scheme: str | None = None  # the scheme's local name: kinds, parameters, activities, …
    texts: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    links: Mapping[str, frozenset[str]] = field(default_factory=dict)
    deprecated: bool = False
    order: int | None = None  # eg:displayOrder
    flags: frozenset[str] = frozenset()
    canonical_unit: str | None = None  # parameters: the QUDT unit IRI

    def pick(self, kind: str, language: str = DEFAULT_LANGUAGE) -> tuple[str | None, str | None]:
        """The text of `kind` in `language`, else English, else any; with its language."""
        values = self.texts.get(kind, {})
        for lang in (language, language.split("-")[0], DEFAULT_LANGUAGE, ""):
            if values.get(lang):
                return sorted(values[lang])[0], lang or None
        for lang in sorted(values):
            if values[lang]:
                return sorted(values[lang])[0], lang or None
        return None, None

    @property
    def label(self) -> str | None:
        """The English preferred label (or any)."""
        return self.pick("pref")[0]

    def has(self, flag: str) -> bool:
        return flag in self.flags

    @property
    def broader(self) -> frozenset[str]:
        return self.links.get("broader", frozenset())

    @property
    def narrower(self) -> frozenset[str]:
        return self.links.get("narrower", frozenset())

    @property
    def value_scheme(self) -> str | None:
        """For a parameter whose values are concepts (material-form): the scheme's local name."""
        found = self.links.get("value_scheme")
        return sorted(found)[0].rstrip("/").rsplit("/", 1)[-1] if found else None


@dataclass(frozen=True)
class Source:
    """A source as cited in answers: an entry's legal text, or a publication the risk data cites
    (a method, an agency page, a statute, official data)."""

    iri: str
    id: str
    citation: str
    url: str | None
    evidence: str | None


@dataclass(frozen=True)
class Criterion:
    """One threshold of an alternative, as written and in the parameter's canonical unit."""

    iri: str
    parameter: str
    comparator: str
    threshold: Decimal  # in `unit`, as the legal text writes it
    unit: str  # unit as answers show it (µW, K, GHz, dB, count …)
    unit_iri: str
    canonical_threshold: Decimal  # in the parameter's canonical unit
    canonical_unit: str
    legal_text: str | None
    evidence: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Licence:
    """Who needs a licence for which destinations and activities under an entry."""

    scope: Scope | Literal[""]
    listed: frozenset[str]
    reasons: tuple[str, ...]
    activities: frozenset[str]
    exceptions: tuple[str, ...]  # exception IRIs


@dataclass(frozen=True)
class Entry:
    """A control entry (or sub-entry) with everything classification and assessment need."""

    iri: str
    id: str
    code: str
    jurisdiction: str
    type: EntryType
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
    material_forms: frozenset[str] = frozenset()  # notations of the material forms it covers
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    alternatives: tuple[tuple[Criterion, ...], ...] = ()
    date_basis: str | None = None  # notation of the date-bases concept; None: date as read
    legal_status: str | None = None  # notation of the legal-statuses concept; None: law as read
    open_questions: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    mappings: tuple[tuple[Relation, str], ...] = ()  # (relation, other entry IRI), both directions
    subtree_kinds: frozenset[str] = frozenset()
    """Kinds and excluded kinds of the entry and its sub-entries (derived, for speed)."""
    served_kinds: frozenset[str] = frozenset()
    """Kinds of the served entries and their sub-entries (derived)."""

    @property
    def names_served_kinds(self) -> bool:
        """Software or technology for items of `served_kinds` only (the kinds of the entries it
        serves, or those it names itself: eg:servesKind)."""
        return bool(self.serves or self.served_kinds)

    def serves_one_of(
        self, kinds: frozenset[str] | None, narrower: frozenset[str] = frozenset()
    ) -> bool | None:
        """Whether the item it is for is of one of `kinds` (the served item's kind and its
        broader kinds; None: not given) as far as this entry asks: always True for an entry
        not limited to served kinds, None when it is limited and the served kind is not given,
        or when only kinds `narrower` than the one given are served (which is the item?)."""
        if not self.names_served_kinds:
            return True
        if kinds is None:
            return None
        if not self.served_kinds.isdisjoint(kinds):
            return True
        return None if not self.served_kinds.isdisjoint(narrower) else False

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
    aliases: frozenset[str] = frozenset()  # other codes accepted on input (UK for GB)


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
class Condition:
    """A condition an exclusion puts on the request: the field (published, project_stage …) and
    the values for which it holds."""

    field: str
    values: tuple[str, ...]

    @property
    def text(self) -> str:
        """The compact form the tables use: `field=value` or `field in a|b`."""
        if len(self.values) == 1:
            return f"{self.field}={self.values[0]}"
        return f"{self.field} in {'|'.join(self.values)}"


@dataclass(frozen=True)
class ResearchExclusion:
    iri: str
    id: str
    jurisdiction: str
    title: str
    applies_to: frozenset[str]  # kind IRIs
    conditions: tuple[Condition, ...]
    evidence: str | None
    notes: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AssertedMapping:
    """A SKOS mapping stated in the data (not inferred), seen from its subject, with the SSSOM
    justification and confidence where the mapping table gives them."""

    subject: str
    relation: Relation
    object: str
    justification: str | None = None
    confidence: float | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Plot:
    """A plane of two parameters on which the control regions of a kind are drawn."""

    iri: str
    label: str
    kind: str  # kind IRI
    x: str  # parameter notation
    y: str


@dataclass(frozen=True)
class ProductSource:
    """Where a product figure was read: a datasheet, paper, announcement or documentation page."""

    iri: str
    id: str
    title: str
    publisher: str | None
    type: str | None
    url: str | None
    date: str | None


@dataclass(frozen=True)
class Figure:
    """One published figure of a product (None value: not published)."""

    parameter: str
    value: Decimal | bool | str | None  # as published; None = unknown
    unit: str | None  # as published
    canonical: Decimal | None  # in the parameter's canonical unit, when numeric and convertible
    benchmark: str | None
    source: str | None  # ProductSource IRI
    source_date: str | None
    quote: str | None
    note: str | None
    problem: str | None = None  # why a published number could not be put in canonical units


@dataclass(frozen=True)
class Product:
    """A real product or component of the corpus (contract §9a)."""

    iri: str
    id: str
    name: str
    manufacturer: str | None
    kind: str  # kind IRI
    category: str | None
    modality: str | None
    status: str | None
    announced: str | None
    description: str | None
    source: str | None
    figures: tuple[Figure, ...] = ()
