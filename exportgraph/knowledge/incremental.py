"""The knowledge index of a data version from the previous version's index and the statements that
changed in between: each section of the index (exportgraph.knowledge.read.SECTIONS) whose queries
cannot read any changed statement, and whose needs from the sections read again are unchanged,
keeps its objects; the others are read again from the store, narrowly where the section knows
how (Section.follow: the texts of the concepts a label change touched). The result equals
`read_knowledge(store)` (tests/knowledge/test_incremental.py checks it on real change sets).

What each section can read is derived from the query texts it actually ran when it was last read
(recorded here, parsed by exportgraph.knowledge.query_reads), so it cannot drift from the queries.
Values derived from an index (Knowledge.derived, scopes, in-force sets) start empty in the new
index: they are computed again on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from pyoxigraph import DefaultGraph, NamedNode, Quad

from exportgraph.graph.queries import bind
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.query_reads import InstanceOf, reads
from exportgraph.knowledge.read import SECTIONS, Section, finish
from exportgraph.knowledge.same_answers import same_answers
from exportgraph.knowledge.units import UnitCatalogue
from exportgraph.store import QueryResult, Store


@dataclass(frozen=True)
class SectionRead:
    """What one section read: the query texts it ran and the problems it reported."""

    queries: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Indexed:
    """An index and, per section, what it was read from."""

    knowledge: Knowledge
    sections: dict[str, SectionRead]
    reread: tuple[str, ...] = ()
    """The sections read from the store for this index (all of them for a full read)."""
    followed: tuple[str, ...] = ()
    """Those of `reread` that were read narrowly, for what changed only (Section.follow)."""


class _Recording(Store):
    """A store that notes the text of every query run through it (reads only)."""

    def __init__(self, store: Store) -> None:
        self.inner = store
        self.queries: list[str] = []

    def _query(self, sparql: str) -> QueryResult:
        self.queries.append(sparql)
        return self.inner.query(sparql)

    def _update(self, sparql_update: str) -> None:
        raise TypeError("reading the index never writes")

    def close(self) -> None:
        """The wrapped store stays open."""


def _read(section: Section, knowledge: Knowledge, store: Store) -> SectionRead:
    recording, problems = _Recording(store), list[str]()
    section.read(knowledge, recording, problems)
    return SectionRead(tuple(recording.queries), tuple(problems))


def index(store: Store) -> Indexed:
    """The whole index of the store's current data, every section read. What its queries read is
    worked out in the background (parsing them takes a moment), ready for the first write."""
    indexed = _assemble(store, store.data_version() or "", None, ())
    texts = {text for read in indexed.sections.values() for text in read.queries}
    with _queued_lock:
        new = texts - _queued
        _queued.update(new)
    if new:  # a full read of another version asks mostly the same queries: parse those once
        threading.Thread(target=_parse, args=(new,), daemon=True, name="query-reads").start()
    return indexed


_queued: set[str] = set()  # query texts already handed to a background parse
_queued_lock = threading.Lock()


def _parse(texts: Iterable[str]) -> None:
    for text in texts:
        reads(text)


def advance(previous: Indexed, store: Store, version: str, changed: Iterable[Quad]) -> Indexed:
    """The index of the store's data at `version` (its current one), which differs from
    `previous`'s data by the `changed` statements (added or removed, with their graphs)."""
    return _assemble(store, version, previous, _readable(previous, changed))


def _readable(previous: Indexed, changed: Iterable[Quad]) -> tuple[Quad, ...]:
    """Those of `changed` in a graph some query of `previous` reads: no section's query can read
    the others (Reads.touches asks that first). An approval's status, review and provenance
    statements are most of what it changes, and an index some writes behind follows them all."""
    found = [reads(text) for read in previous.sections.values() for text in read.queries]
    if any(r.any_graph for r in found):
        return tuple(changed)
    graphs = set().union(*(r.graphs for r in found))
    return tuple(
        quad
        for quad in changed
        if isinstance(quad.graph_name, DefaultGraph)
        or (isinstance(quad.graph_name, NamedNode) and quad.graph_name.value in graphs)
    )


def _touched(read: SectionRead, changed: Sequence[Quad], instance_of: InstanceOf) -> bool:
    return any(reads(text).touches(quad, instance_of) for text in read.queries for quad in changed)


def _instances(store: Store) -> InstanceOf:
    """Whether a subject is an instance of one of some classes in the store (asked once each)."""
    asked: dict[tuple[object, frozenset[str]], bool] = {}

    def instance_of(subject: object, classes: Set[str]) -> bool:
        if not isinstance(subject, NamedNode):
            return True  # a blank node cannot be named in a query: assume it is one
        key = (subject, frozenset(classes))
        if key not in asked:
            rows = [{"subject": subject, "class": NamedNode(c)} for c in sorted(classes)]
            asked[key] = store.ask(bind("knowledge_typed_subject", rows))
        return asked[key]

    return instance_of


def _needs_changed(
    section: Section, previous: Indexed, knowledge: Knowledge, reread: Sequence[str]
) -> bool:
    """Whether what a section takes from a section read again differs from before."""
    return any(
        upstream in reread and part(previous.knowledge) != part(knowledge)
        for upstream, part in section.needs.items()
    )


def _followed(
    section: Section,
    kept: SectionRead,
    changed: Sequence[Quad],
    previous: Indexed,
    knowledge: Knowledge,
    store: Store,
    instance_of: InstanceOf,
) -> bool:
    """Whether the section's follow (if any) filled it narrowly from the changed statements its
    queries can read."""
    if section.follow is None:
        return False
    read = [quad for quad in changed if _touched(kept, (quad,), instance_of)]
    return section.follow(previous.knowledge, knowledge, store, read)


def _assemble(
    store: Store, version: str, previous: Indexed | None, changed: Sequence[Quad]
) -> Indexed:
    knowledge = Knowledge(version=version, units=UnitCatalogue({}))
    sections: dict[str, SectionRead] = {}
    reread: list[str] = []
    instance_of = _instances(store)
    followed: list[str] = []
    for section in SECTIONS:
        kept = previous.sections.get(section.name) if previous else None
        if previous is None or kept is None or _needs_changed(section, previous, knowledge, reread):
            sections[section.name] = _read(section, knowledge, store)
            reread.append(section.name)
        elif _touched(kept, changed, instance_of):
            reread.append(section.name)
            if _followed(section, kept, changed, previous, knowledge, store, instance_of):
                followed.append(section.name)
                sections[section.name] = kept  # what its queries read is the same
            else:
                sections[section.name] = _read(section, knowledge, store)
        else:
            for name in section.fields:
                setattr(knowledge, name, getattr(previous.knowledge, name))
            sections[section.name] = kept
    problems = [p for section in SECTIONS for p in sections[section.name].problems]
    if previous is not None and same_answers(previous.knowledge, knowledge, reread, followed):
        knowledge._answers_from = previous.knowledge.answers_version
    return Indexed(finish(knowledge, problems), sections, tuple(reread), tuple(followed))
