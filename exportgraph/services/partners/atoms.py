"""The elementary facts about one entry and one item (in force, in scope, excluded, each criterion,
each required fact, purpose, material form, served kind), evaluated in Python over the knowledge
index. exportgraph.services.partners.atoms_sparql evaluates the same atoms in SPARQL."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple, Protocol, TypeVar

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry
from exportgraph.services.partners.items import Item
from exportgraph.services.partners.logic import Tri

_COMPARATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


class Atoms(NamedTuple):
    """The elementary facts about one entry and one item, from either evaluation path."""

    in_force: bool
    in_scope: Tri  # None: the entry names only narrower kinds than the item's (which is it?)
    excluded: bool
    serves_ok: Tri  # a served entry covers the served kind (None: the kind is not stated)
    purpose_ok: Tri  # None: the item states no purpose and the entry has purposes
    form_ok: Tri  # None: the item states no material form and the entry names forms
    criteria: Mapping[str, Tri]  # criterion IRI → satisfied (None: parameter not stated)
    facts: Mapping[str, Tri]  # required fact notation → stated value (None: not stated)


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class LeafAtoms(Protocol[T_co]):
    """The atoms a leaf entry's status joins, as three-valued statuses of any representation
    (Tri here; small integers over rows of items in batch_walker)."""

    @property
    def in_scope(self) -> T_co: ...
    @property
    def serves_ok(self) -> T_co: ...
    @property
    def purpose_ok(self) -> T_co: ...
    @property
    def form_ok(self) -> T_co: ...


def leaf_conjuncts(atoms: LeafAtoms[T], criteria: T, served: T, facts: Iterable[T]) -> list[T]:
    """What a leaf entry's status is the Kleene AND of (once it is in force and not excluded):
    in scope, its criteria, serving the stated kind, the served item's status, the purpose, the
    material form and every required fact. The one list both evaluation paths use
    (decision.py per item, batch_walker.py over rows)."""
    return [
        atoms.in_scope,
        criteria,
        atoms.serves_ok,
        served,
        atoms.purpose_ok,
        atoms.form_ok,
        *facts,
    ]


AtomSource = Callable[[Entry], Atoms]
AtomFactory = Callable[[Item], AtomSource]
"""The atoms of any item on one date by one evaluation path (the served item of software or
technology is evaluated by the same path as the item asked about)."""


def one_of(value: str | None, allowed: frozenset[str]) -> Tri:
    """Whether a stated value is one the entry allows; True when the entry names none, None when
    it names some and the item states none."""
    if not allowed:
        return True
    return None if value is None else value in allowed


def compare(value: Decimal | None, criterion: Criterion) -> Tri:
    """Whether a canonical value meets a criterion; None when the value is missing."""
    if value is None:
        return None
    return _COMPARATORS[criterion.comparator](value, criterion.canonical_threshold)


_INAPPLICABLE = {
    (in_force, in_scope, excluded): Atoms(in_force, in_scope, excluded, False, False, False, {}, {})
    for in_force in (False, True)
    for in_scope in (False, None, True)
    for excluded in (False, True)
}


def may_apply(in_force: bool, in_scope: Tri, excluded: bool) -> bool:
    """Whether an entry can match the item by itself: in force, its kind scope (possibly) the
    item's and no excluded kind applying."""
    return in_force and in_scope is not False and not excluded


def index_atoms(knowledge: Knowledge, item: Item, on: dt.date) -> AtomSource:
    """Atoms evaluated in Python over the knowledge index (memoized per entry for one item)."""
    scope = knowledge.scope(item.kind_iri)
    in_force_now = knowledge.in_force(on)
    for_kinds = knowledge.ancestors_of_kind(item.for_kind_iri) if item.for_kind_iri else None
    for_narrower = knowledge.narrower_kinds(item.for_kind_iri)
    memo: dict[str, Atoms] = {}

    def atoms(entry: Entry) -> Atoms:
        found = memo.get(entry.iri)
        if found is not None:
            return found
        in_force = entry.iri in in_force_now
        in_scope, excluded = scope.get(entry.iri, (False, False))
        applicable = may_apply(in_force, in_scope, excluded)
        if not applicable and not entry.requires_facts:
            # only these three flags are read for an entry that cannot match by itself
            found = _INAPPLICABLE[(in_force, in_scope, excluded)]
            memo[entry.iri] = found
            return found
        serves = entry.serves_one_of(for_kinds, for_narrower)
        criteria: dict[str, Tri] = {}
        if applicable:  # criteria decide nothing otherwise
            value = item.parameters.get
            criteria = {
                c.iri: compare(value(c.parameter), c)
                for alternative in entry.alternatives
                for c in alternative
            }
        found = Atoms(
            in_force,
            in_scope,
            excluded,
            serves,
            one_of(item.purpose, entry.purposes),
            one_of(item.material_form, entry.material_forms),
            criteria,
            {fact: item.facts.get(fact) for fact in entry.requires_facts}
            if entry.requires_facts
            else {},
        )
        memo[entry.iri] = found
        return found

    return atoms
