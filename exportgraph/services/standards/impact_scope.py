"""What a change can move: the jurisdictions whose rules it touches and the kinds of item whose
answers read what it touches — so that a what-if decides the "after" side only there and keeps
the "before" answers everywhere else (they are the same answers, not an approximation).

A batch answer of one item in one jurisdiction reads only (exportgraph.services.partners.
batch_walker): the vocabulary the item is read in (kinds and their hierarchy, parameters, facts,
purposes, units), the jurisdiction and its unions, and the entries of their lists reached from
the top-level entries through sub-entries and served entries — and of those, only the entries
whose kinds (with their sub-entries') meet the item's kind, its broader or narrower kinds (or,
for the item served, the served item's). So where the vocabulary and the jurisdictions are the
same in both indexes, an answer moves only if
- its jurisdiction reaches an entry that differs between the indexes (any field: criteria,
  dates, kinds, served entries, notes … — compared whole), and
- its item's chain of kinds meets the kinds of such an entry, before or after the change.
Anything else (a vocabulary or jurisdiction change) leaves no shortcut: every answer is decided
again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry


def same_vocabulary(before: Knowledge, after: Knowledge) -> bool:
    """Whether items read the same in both indexes: the same kinds (and their hierarchy),
    parameters, facts, purposes and units."""

    def terms(knowledge: Knowledge) -> object:
        return {
            scheme: {
                n: (c.iri, c.flags, c.canonical_unit) for n, c in knowledge.scheme(scheme).items()
            }
            for scheme in ("kinds", "parameters", "facts", "purposes")
        }

    return (
        terms(before) == terms(after)
        and before.kind_ancestors == after.kind_ancestors
        and before.units == after.units
    )


@dataclass
class Scope:
    """The answers a change can move (see the module docstring)."""

    codes: tuple[str, ...]
    """The jurisdictions asked about that reach a changed entry, in the order asked."""
    kinds: frozenset[str]
    """The kinds (and excluded kinds) of the changed entries and their sub-entries, before and
    after the change."""
    knowledge: Knowledge
    """Either index: their kind hierarchies are the same."""
    _reach: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def moves(self, chain: Sequence[str]) -> bool:
        """Whether the answers of an item with this chain of kinds (its kind, then the kinds of
        the items it serves) can move."""
        return bool(self.codes) and any(not self.kinds.isdisjoint(self._of(k)) for k in chain)

    def _of(self, kind: str) -> frozenset[str]:
        """The kinds an item of `kind` is tested against: itself, broader and narrower kinds
        (batch_walker.Walker.reach)."""
        found = self._reach.get(kind)
        if found is None:
            index = self.knowledge
            found = self._reach[kind] = index.ancestors_of_kind(kind) | index.descendants_of_kind(
                kind
            )
        return found


def scope(before: Knowledge, after: Knowledge, codes: Sequence[str]) -> Scope | None:
    """What the change from `before` to `after` can move among the jurisdictions `codes`; None
    when any answer can (the vocabulary or the jurisdictions differ)."""
    if (
        not same_vocabulary(before, after)
        or before.kind_descendants != after.kind_descendants
        or before.jurisdictions != after.jurisdictions
    ):
        return None
    changed = _changed(before, after)
    lists = {
        code
        for code in before.tops.keys() | after.tops.keys()
        if [e.iri for e in before.tops.get(code, ())] != [e.iri for e in after.tops.get(code, ())]
    }
    touched = tuple(
        code
        for code in codes
        if lists.intersection(before.governing(code))
        or any(
            not changed.isdisjoint(_reached(index, index.top_level(index.governing(code))))
            for index in (before, after)
        )
    )
    kinds = frozenset().union(
        *(
            index.entries[iri].subtree_kinds
            for iri in changed
            for index in (before, after)
            if iri in index.entries
        ),
        *(  # a list whose top-level entries changed order: every item of their kinds
            entry.subtree_kinds
            for code in lists
            for index in (before, after)
            for entry in index.tops.get(code, ())
        ),
    )
    return Scope(touched, kinds, before)


def _changed(before: Knowledge, after: Knowledge) -> frozenset[str]:
    """IRIs of the entries that differ (or exist in one index only)."""
    if before.entries is after.entries:
        return frozenset()
    old, new = before.entries, after.entries
    return frozenset(
        iri
        for iri in old.keys() | new.keys()
        if (a := old.get(iri)) is not (b := new.get(iri)) and a != b
    )


def _reached(knowledge: Knowledge, tops: Iterable[Entry]) -> set[str]:
    """The IRIs of the entries reached from `tops` through sub-entries and served entries."""
    return {entry.iri for entry in knowledge.reached((t.iri for t in tops), served=True)}
