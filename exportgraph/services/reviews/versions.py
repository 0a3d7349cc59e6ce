"""The knowledge index as it was at a recorded data version, for re-computing a contested answer.

Every write moves the data version on, but only approved change sets change the terminology. A
version is retrievable when it is:

- the current one;
- in the write log (graph.journal): the terminology then is the current one with the change sets
  approved since undone, newest first (when none was approved since, it IS the current one);
- the data version a release was published from: the release keeps its statements.

A rebuilt index is kept for the few most recent versions asked for (building one reasons over the
whole graph again).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

from pyoxigraph import Triple

from exportgraph.errors import InvalidInput
from exportgraph.graph.changeset import parse_turtle, resolve_removals
from exportgraph.graph.journal import after_version, read_log
from exportgraph.graph.reasoning import materialize
from exportgraph.knowledge.current import of_store, of_triples
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards.changes import get_change
from exportgraph.services.standards.releases import list_releases, release_triples
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.store import Store

KEPT = 4  # rebuilt indexes kept in memory (each is the size of the current one)
SHOWN = 8  # retrievable versions named in an error
_built: OrderedDict[tuple[int, str], Knowledge] = OrderedDict()
_lock = threading.Lock()
_building = threading.Lock()


def retrievable(store: Store) -> list[str]:
    """The data versions an answer can be re-computed at, newest first."""
    current = store.data_version() or ""
    logged = [entry.version_before for entry in reversed(read_log(store))]
    released = [r["data_version"] for r in reversed(list_releases(store)) if r["data_version"]]
    return list(dict.fromkeys([current, *logged, *released]))


def _unknown(store: Store, version: str) -> InvalidInput:
    versions = retrievable(store)
    listed = ", ".join(versions[:SHOWN]) + (
        f" and {len(versions) - SHOWN} more" if len(versions) > SHOWN else ""
    )
    return InvalidInput(
        f"data_version {version!r} is not a data version of this service that can be retrieved; "
        f"answers can be re-computed at the current version ({versions[0]}, GET /healthz), at "
        f"the versions written since the store was built and at released versions: {listed}",
        field="data_version",
    )


def _undo(store: Store, version: str, current: str) -> list[Triple] | None:
    """The asserted terminology at `version` (from the write log), or None when the change sets
    approved since cannot be undone cleanly (the sources were rebuilt since)."""
    later = after_version(store, version, current)
    if later is None:
        return None
    approved = [entry for entry in later if entry.action == "approve"]
    if not approved:
        return []
    graph = set(asserted_triples(store))
    for entry in reversed(approved):
        change = get_change(store, entry.about.rsplit("/", 1)[-1])
        added = resolve_removals(parse_turtle(change["add"] or "", "add"), graph)
        removed = parse_turtle(change["remove"] or "", "remove")
        if any(triple not in graph for triple in added):
            return None
        graph.difference_update(added)
        graph.update(removed)
    return sorted(graph, key=str)


def _released(store: Store, version: str) -> list[Triple] | None:
    for release in reversed(list_releases(store)):
        if release["data_version"] == version:
            return release_triples(store, release["version"])
    return None


def _index(asserted: list[Triple], version: str) -> Knowledge:
    closure = materialize(asserted)
    return replace(of_triples([*asserted, *closure.inferred]), version=version)


def knowledge_at(store: Store, version: str) -> Knowledge:
    """The knowledge index at data version `version`; InvalidInput (422, field data_version)
    naming the retrievable versions when it cannot be rebuilt."""
    current = of_store(store)
    if version == current.version:
        return current
    key = (id(store), version)
    found = _kept(key)
    if found is not None:
        return found
    with _building:  # one rebuild at a time: two reviews of one old version build it once
        found = _kept(key)
        return found if found is not None else _rebuild(store, version, current, key)


def _kept(key: tuple[int, str]) -> Knowledge | None:
    with _lock:
        found = _built.get(key)
        if found is not None:
            _built.move_to_end(key)
        return found


def _rebuild(store: Store, version: str, current: Knowledge, key: tuple[int, str]) -> Knowledge:
    asserted = _undo(store, version, current.version)
    if asserted == []:  # nothing approved since: the terminology is the current one
        return replace(current, version=version)
    released = _released(store, version)
    if released is not None:  # a release keeps exactly what was asserted then
        asserted = released
    if asserted is None:
        raise _unknown(store, version)
    built = _index(asserted, version)
    with _lock:
        _built[key] = built
        while len(_built) > KEPT:
            _built.popitem(last=False)
    return built
