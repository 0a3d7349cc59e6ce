"""The terminology's own bookkeeping in the store: named graphs, conditional writes, a write log.

Every write the editing services make (a proposal, a review, an approval, a release) is ONE
SPARQL Update that applies only if the store is still in the state the write was computed
against, and that appends an entry to a write log (sequence number + the data version the write
started from). The state is the pair (data version, journal sequence): the data version moves
only when the graph changes (an approval, a load), so caches keyed by it survive proposals,
reviews and releases; the journal sequence moves on every logged write, so two writes computed
against the same state, from any two processes, never both apply.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict
from exportgraph.graph import deltas
from exportgraph.graph.queries import bind, load_query
from exportgraph.store import (
    DATA_VERSION,
    JOURNAL_SEQUENCE,
    META_GRAPH,
    STORE_ID,
    Store,
    sparql_term,
)

log = logging.getLogger("exportgraph.terminology")

CHANGES_GRAPH = ns.EGID + "graph/changes"
PROVENANCE_GRAPH = ns.EGID + "graph/provenance"
RELEASES_GRAPH = ns.EGID + "graph/releases"
RELEASE_STORAGE_GRAPH = ns.EGID + "graph/release-storage"
RELEASE_BASE = "https://w3id.org/exportgraph/release/"
XSD_DATETIME = NamedNode(ns.XSD + "dateTime")
XSD_INTEGER = NamedNode(ns.XSD + "integer")
RDF_TYPE = NamedNode(ns.RDF + "type")

# One writer at a time in this process; the version condition covers other processes.
write_lock = threading.RLock()


def now() -> Literal:
    """The current UTC time as an xsd:dateTime literal."""
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return Literal(stamp, datatype=XSD_DATETIME)


def agent(name: str) -> NamedNode:
    """The PROV agent of a user account."""
    return NamedNode(f"{ns.EGID}agent/{name}")


def quad(s: NamedNode, p: NamedNode, o: NamedNode | Literal, graph: str | None) -> Quad:
    return Quad(s, p, o, NamedNode(graph) if graph else DefaultGraph())


def _block(quads: Iterable[Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, DefaultGraph) else sparql_term(q.graph_name)
        line = f"{sparql_term(q.subject)} {sparql_term(q.predicate)} {sparql_term(q.object)} ."
        by_graph.setdefault(key, []).append(line)
    parts = []
    for key, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(body if not key else f"GRAPH {key} {{\n{body}\n}}")
    return "\n".join(parts)


@dataclass(frozen=True)
class LogEntry:
    """One write: its place in the order, the version it started from, what it was."""

    sequence: int
    version_before: str
    action: str
    about: str


def _entries(rows: Iterable[Mapping[str, object]]) -> list[LogEntry]:
    entries = [
        LogEntry(
            int(row["sequence"].value),  # type: ignore[attr-defined]
            row["before"].value,  # type: ignore[attr-defined]
            row["action"].value,  # type: ignore[attr-defined]
            row["about"].value,  # type: ignore[attr-defined]
        )
        for row in rows
    ]
    return sorted(entries, key=lambda e: e.sequence)


def read_log(store: Store) -> list[LogEntry]:
    """The write log, oldest first."""
    return _entries(store.select(load_query("changes_log")))


def after_version(
    store: Store, version: str, current: str, last: int | None = None
) -> list[LogEntry] | None:
    """The log entries written after the store was at `version`; None when that version is unknown.
    `last`: the journal sequence of the state `current` was read in (else it is read again).

    A version seen more than once (a rebuild from unchanged sources) counts from its last sighting.
    """
    if version == current:
        return []
    started = _started(store, version)
    if started is None:
        return None
    if last is None:
        last = read_state(store).sequence
    numbers = [{"sequence": _integer(n)} for n in range(started, last + 1)]
    return _entries(store.select(bind("changes_log_since", numbers)))


def knows_version(store: Store, version: str, current: str) -> bool:
    """Whether the store was ever at data `version` (what after_version answers None for),
    without reading the log since."""
    return version == current or _started(store, version) is not None


def _started(store: Store, version: str) -> int | None:
    """The sequence number of the last logged write that started at `version` (None: none)."""
    rows = store.select(bind("changes_log_started", [{"version": Literal(version)}]))
    started = rows[0].get("from") if rows else None
    return int(started.value) if isinstance(started, Literal) else None


T = TypeVar("T")


class WriteRaced(Conflict):
    """Another write reached the store first; the write was not applied (retry it)."""


@dataclass(frozen=True)
class JournalState:
    """What a write is computed against: the data version and the last logged write's number."""

    data_version: str
    sequence: int
    recorded: bool | None = field(default=None, compare=False)
    """Whether the store records the journal sequence (True: read from it, or written by a
    conditional write), False for a store written before it was kept (the number is then the
    log's highest), None when not known (a state built elsewhere)."""


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD_INTEGER)


def read_state(store: Store) -> JournalState:
    """The store's current data version and journal sequence (one consistent read; kept by a
    store that sees every write until its next one: every SPARQL request reads it, and after
    thousands of writes the statements it reads sit among as many deleted ones)."""
    return store.until_write("journal_state", lambda: _read_state(store))


def known_state(store: Store) -> JournalState | None:
    """The state `read_state` keeps, when the store keeps it and no write came since; None
    otherwise (never queries: safe on an event loop)."""
    found = store.peek("journal_state")
    return found if isinstance(found, JournalState) else None


def _read_state(store: Store) -> JournalState:
    rows = store.select(load_query("journal_state"))
    row = rows[0] if rows else {}
    version, sequence = row.get("version"), row.get("sequence")
    # a store written before the journal sequence was kept: the log's highest number
    if isinstance(sequence, Literal):
        number, recorded = int(sequence.value), True
    else:
        number, recorded = next_sequence(store) - 1, False
    return JournalState(version.value if isinstance(version, Literal) else "", number, recorded)


def conditional_write(
    store: Store,
    expected: JournalState,
    action: str,
    about: NamedNode,
    delete: Sequence[Quad] = (),
    insert: Sequence[Quad] = (),
    *,
    changes_data: bool = False,
    bulk_inserted: Sequence[Quad] = (),
) -> JournalState:
    """Apply `delete` then `insert` atomically if the store is still in the `expected` state,
    logging the write; returns the state after it. A write that `changes_data` (statements of
    the terminology) moves the data version; any other leaves it. WriteRaced (a Conflict) if
    another write came first: nothing was applied. `bulk_inserted`: quads of graphs the caller has
    just bulk-inserted (Store.insert_graphs) that this write makes part of the data; they
    follow it to the SPARQL workers' copies."""
    sequence = expected.sequence + 1
    entry = NamedNode(f"{ns.EGID}log/{uuid.uuid4().hex}")
    number = _integer(sequence)
    logged = [
        quad(entry, RDF_TYPE, ns.eg("WriteLogEntry"), CHANGES_GRAPH),
        quad(entry, ns.eg("sequence"), number, CHANGES_GRAPH),
        quad(entry, ns.eg("versionBefore"), Literal(expected.data_version), CHANGES_GRAPH),
        quad(entry, ns.eg("action"), Literal(action), CHANGES_GRAPH),
        quad(entry, ns.eg("about"), about, CHANGES_GRAPH),
        quad(entry, ns.iri(ns.DCTERMS, "created"), now(), CHANGES_GRAPH),
    ]
    removable = []
    for q in delete:
        if any(isinstance(t, BlankNode) for t in (q.subject, q.object)):
            log.warning("cannot delete a statement with a blank node, left in place: %s", q)
            continue
        removable.append(q)
    meta, store_id = sparql_term(NamedNode(META_GRAPH)), sparql_term(NamedNode(STORE_ID))
    version_p, sequence_p = (
        sparql_term(NamedNode(DATA_VERSION)),
        sparql_term(NamedNode(JOURNAL_SEQUENCE)),
    )
    last = sparql_term(_integer(expected.sequence))
    changes, sequence_of = sparql_term(NamedNode(CHANGES_GRAPH)), sparql_term(ns.eg("sequence"))
    same_sequence = f"{{ GRAPH {meta} {{ {store_id} {sequence_p} ?last }} FILTER(?last = {last}) }}"
    if not expected.recorded:  # or a store from before the journal sequence: no higher log entry
        # (both filters are evaluated, the second a scan of the whole write log: a state read
        # from a store that records the sequence needs only the first branch, which alone can
        # match there, and every write would otherwise cost as much as the log is long)
        same_sequence += (
            f"\n  UNION\n"
            f"  {{ FILTER NOT EXISTS {{ GRAPH {meta} {{ {store_id} {sequence_p} ?any }} }}\n"
            f"    FILTER NOT EXISTS {{ GRAPH {changes} {{ ?e {sequence_of} ?s FILTER(?s > {last}) }} }} }}"
        )
    text = (
        f"DELETE {{\n{_block(removable)}\nGRAPH {meta} {{ {store_id} {sequence_p} ?last }}\n}}\n"
        f"INSERT {{\n{_block([*insert, *logged])}\n"
        f"GRAPH {meta} {{ {store_id} {sequence_p} {sparql_term(number)} }}\n}}\n"
        f"WHERE {{\n"
        f"  GRAPH {meta} {{ {store_id} {version_p} {sparql_term(Literal(expected.data_version))} }}\n"
        f"  {same_sequence}\n"
        f"}}"
    )
    written = f"GRAPH {changes} {{ {sparql_term(entry)} {sequence_of} {sparql_term(number)} }}"
    with deltas.writing(store):  # a reader seeing this write waits for its deltas, not the store
        version = store.update(text, bookkeeping=not changes_data, guard=written)
        if not store.ask(bind("changes_log_entry_exists", [{"entry": entry}])):
            raise WriteRaced("the terminology changed while this was being written; please retry")
        after = expected.data_version
        if changes_data:  # what follows the data version (indexes) follows this write
            after = deltas.chained_version(expected.data_version, "update", text.encode())
            deltas.remember(store, expected.data_version, after, removable, insert)
        # what follows the journal state (the SPARQL workers' copies) follows every logged write
        kept, moved = _bookkeeping(expected, after, sequence)
        deltas.remember_state(
            store,
            deltas.state_of(expected.data_version, expected.sequence),
            deltas.state_of(after, sequence),
            [*removable, *kept],
            [*bulk_inserted, *insert, *logged, *moved],
        )
    return JournalState(version, sequence, recorded=True)


def _bookkeeping(
    expected: JournalState, version: str, sequence: int
) -> tuple[list[Quad], list[Quad]]:
    """The statements of the bookkeeping graph a logged write replaces, and their replacements:
    the journal sequence, and the data version when the write moved it."""
    meta, store_id = NamedNode(META_GRAPH), NamedNode(STORE_ID)
    sequence_p, version_p = NamedNode(JOURNAL_SEQUENCE), NamedNode(DATA_VERSION)
    old = [Quad(store_id, sequence_p, _integer(expected.sequence), meta)]
    new = [Quad(store_id, sequence_p, _integer(sequence), meta)]
    if version != expected.data_version:
        old.append(Quad(store_id, version_p, Literal(expected.data_version), meta))
        new.append(Quad(store_id, version_p, Literal(version), meta))
    return old, new


def retrying(write: Callable[[], T], attempts: int = 4) -> T:
    """Run `write` again when another process's write came first (WriteRaced), up to `attempts`
    times: each attempt recomputes what it writes from the store as it is then."""
    for _ in range(attempts - 1):
        try:
            return write()
        except WriteRaced:
            log.info("a concurrent write came first; recomputing")
    return write()


def next_sequence(store: Store) -> int:
    """One more than the highest sequence number in the write log."""
    rows = store.select(load_query("changes_next_sequence"))
    value = rows[0].get("max") if rows else None
    return int(value.value) + 1 if isinstance(value, Literal) else 1
