"""The terminology's own bookkeeping in the store: named graphs, conditional writes, a write log.

Every write the editing services make (a proposal, a review, a release) is ONE SPARQL Update
that applies only if the store is still at the data version the write was computed against, and
that appends an entry to a write log (sequence number + the version the write started from).
The log orders versions, so "which changes were approved after version V" has an answer even
though every write moves the data version on.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict
from exportgraph.graph.queries import bind, load_query
from exportgraph.store import DATA_VERSION, META_GRAPH, STORE_ID, Store, sparql_term

log = logging.getLogger("exportgraph.terminology")

CHANGES_GRAPH = ns.EGID + "graph/changes"
PROVENANCE_GRAPH = ns.EGID + "graph/provenance"
RELEASES_GRAPH = ns.EGID + "graph/releases"
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


def read_log(store: Store) -> list[LogEntry]:
    """The write log, oldest first."""
    rows = store.select(load_query("changes_log"))
    entries = [
        LogEntry(
            int(row["sequence"].value),  # type: ignore[union-attr]
            row["before"].value,  # type: ignore[union-attr]
            row["action"].value,  # type: ignore[union-attr]
            row["about"].value,  # type: ignore[union-attr]
        )
        for row in rows
    ]
    return sorted(entries, key=lambda e: e.sequence)


def after_version(store: Store, version: str, current: str) -> list[LogEntry] | None:
    """The log entries written after the store was at `version`; None when that version is unknown.

    A version seen more than once (a rebuild from unchanged sources) counts from its last sighting.
    """
    entries = read_log(store)
    if version == current:
        return []
    starts = [i for i, entry in enumerate(entries) if entry.version_before == version]
    if not starts:
        return None
    return entries[starts[-1] :]


def _pause_for_tests(stage: str) -> None:
    """Honoured only when EXPORTGRAPH_TEST_PAUSE_IN_APPLY is set, and only while approving:
    "before:SECONDS" pauses just before the atomic write, "after:SECONDS" just after it (a bare
    number means before). The file named by EXPORTGRAPH_TEST_PAUSE_FILE is written when the pause
    starts, so a test can kill the process at that point."""
    setting = os.environ.get("EXPORTGRAPH_TEST_PAUSE_IN_APPLY")
    if not setting:
        return
    where, _, seconds = setting.rpartition(":") if ":" in setting else ("before", "", setting)
    if where != stage:
        return
    marker = os.environ.get("EXPORTGRAPH_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(stage, encoding="utf-8")
    log.warning("test hook: pausing %s s %s the atomic write", seconds, stage)
    time.sleep(float(seconds))


def conditional_write(
    store: Store,
    expected_version: str,
    action: str,
    about: NamedNode,
    delete: Sequence[Quad] = (),
    insert: Sequence[Quad] = (),
) -> str:
    """Apply `delete` then `insert` atomically if the store is still at `expected_version`,
    logging the write; returns the new data version. Conflict if another write came first."""
    sequence = next_sequence(store)
    entry = NamedNode(f"{ns.EGID}log/{uuid.uuid4().hex}")
    logged = [
        quad(entry, RDF_TYPE, ns.eg("WriteLogEntry"), CHANGES_GRAPH),
        quad(entry, ns.eg("sequence"), Literal(str(sequence), datatype=XSD_INTEGER), CHANGES_GRAPH),
        quad(entry, ns.eg("versionBefore"), Literal(expected_version), CHANGES_GRAPH),
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
    meta = (
        f"GRAPH {sparql_term(NamedNode(META_GRAPH))} {{ {sparql_term(NamedNode(STORE_ID))} "
        f"{sparql_term(NamedNode(DATA_VERSION))} {sparql_term(Literal(expected_version))} }}"
    )
    text = (
        f"DELETE {{\n{_block(removable)}\n}}\n"
        f"INSERT {{\n{_block([*insert, *logged])}\n}}\n"
        f"WHERE {{ {meta} }}"
    )
    if action == "approve":
        _pause_for_tests("before")
    version = store.update(text)
    if action == "approve":
        _pause_for_tests("after")
    if not store.ask(bind("changes_log_entry_exists", [{"entry": entry}])):
        raise Conflict("the terminology changed while this was being written; please retry")
    return version


def next_sequence(store: Store) -> int:
    """One more than the highest sequence number in the write log."""
    rows = store.select(load_query("changes_next_sequence"))
    value = rows[0].get("max") if rows else None
    return int(value.value) + 1 if isinstance(value, Literal) else 1
