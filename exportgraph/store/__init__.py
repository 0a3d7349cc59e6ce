"""The store layer: one interface (:class:`Store`), three backends chosen by a URI.

=====================  ====================================================================
``oxigraph:DIR``       embedded Oxigraph, RocksDB in DIR (default: ``data/store`` in the
                       working directory from a checkout, the per-user data folder from a
                       wheel, see exportgraph.paths); one process at a time; opening it
                       drops what a write that died left half done (store/pending.py)
``memory:``            embedded Oxigraph in memory (tests, throwaway runs)
``sparql:URL``         any SPARQL 1.1 server; URL is its query endpoint, writes go to
                       ``EXPORTGRAPH_UPDATE_URL`` (or ``update_url=``)
=====================  ====================================================================
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import pyoxigraph
from pyoxigraph import Triple

from exportgraph import paths
from exportgraph.store.base import Store
from exportgraph.store.rdf import RdfSource, compute_data_version, rdf_format
from exportgraph.store.sparql_text import sparql_term, sparql_values, sparql_values_rows
from exportgraph.store.terms import (
    DATA_VERSION,
    JOURNAL_SEQUENCE,
    META_GRAPH,
    STORE_ID,
    GraphName,
    LoadError,
    QueryError,
    QueryResult,
    Solutions,
    StoreError,
    StoreUnavailableError,
    Term,
    Triples,
    solutions_from,
)

__all__ = [
    "DATA_VERSION",
    "JOURNAL_SEQUENCE",
    "META_GRAPH",
    "STORE_ID",
    "GraphName",
    "LoadError",
    "QueryError",
    "QueryResult",
    "RdfSource",
    "Solutions",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "Term",
    "Triples",
    "compute_data_version",
    "memory_store_of",
    "open_store",
    "rdf_format",
    "solutions_from",
    "sparql_term",
    "sparql_values",
    "sparql_values_rows",
]


def open_store(uri: str | None = None, *, update_url: str | None = None) -> Store:
    """Open the store named by ``uri``, else by EXPORTGRAPH_STORE, else the default data folder's.

    ``update_url`` (else EXPORTGRAPH_UPDATE_URL) is the SPARQL Update endpoint of a
    ``sparql:`` store; without it that store is read-only. Raises ``ValueError`` for an
    unknown scheme and :class:`StoreError` if the store cannot be opened.
    """
    chosen = (uri or os.environ.get("EXPORTGRAPH_STORE") or paths.default_store_uri()).strip()
    scheme, sep, rest = chosen.partition(":")
    if sep and scheme == "oxigraph":
        if not rest:
            raise ValueError("oxigraph: needs a directory, e.g. oxigraph:data/store")
        from exportgraph.store.embedded import EmbeddedStore
        from exportgraph.store.pending import drop_pending

        opened = EmbeddedStore(rest)
        try:
            drop_pending(opened)  # what a write that died left half done, before anyone reads
        except BaseException:
            opened.close()
            raise
        return opened
    if sep and scheme == "memory":
        if rest:
            raise ValueError(f"memory: takes no argument, got {chosen!r}")
        from exportgraph.store.embedded import EmbeddedStore

        return EmbeddedStore()
    if sep and scheme == "sparql":
        if not rest.startswith(("http://", "https://")):
            raise ValueError(
                "sparql: needs an http(s) query URL, e.g. sparql:http://127.0.0.1:7878/query"
            )
        from exportgraph.store.remote import RemoteStore

        return RemoteStore(rest, update_url or os.environ.get("EXPORTGRAPH_UPDATE_URL") or None)
    raise ValueError(
        f"unknown store URI {chosen!r}: use oxigraph:DIR, memory: or sparql:URL "
        "(with EXPORTGRAPH_UPDATE_URL for writes)"
    )


def memory_store_of(triples: Iterable[Triple]) -> Store:
    """A scratch memory store holding `triples` in its default graph (the caller closes it)."""
    listed = list(triples)
    data = pyoxigraph.serialize(listed, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    version = compute_data_version([RdfSource("graph", data, "application/n-triples")])
    from exportgraph.store.embedded import EmbeddedStore

    return EmbeddedStore.holding(listed, version, data)  # the version replace_all would record
