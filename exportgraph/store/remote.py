"""Any SPARQL 1.1 Query/Update server over HTTP (Oxigraph server, Fuseki, GraphDB, …).

Queries and updates are POSTed directly (``application/sparql-query`` /
``application/sparql-update``, SPARQL 1.1 Protocol): form encoding would make a large load
about 50 % bigger. Queries ask for SPARQL JSON results or N-Triples, both parsed with
pyoxigraph, so callers get the same pyoxigraph terms as from the embedded store. Every write of
the base class is ONE update request, which a SPARQL 1.1 server applies atomically. Every
request has a timeout.

Never point this at, or run, an Oxigraph server reachable from outside the host: ``oxigraph
serve`` has no authentication, accepts any update and executes SERVICE and LOAD (see
docs/deployment.md).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from exportgraph.store.base import Store
from exportgraph.store.terms import (
    QueryError,
    QueryResult,
    StoreError,
    StoreUnavailableError,
    Triples,
    solutions_from,
)

__all__ = ["RemoteStore"]

_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, "
    "application/sparql-results+xml;q=0.5, text/turtle;q=0.5, application/rdf+xml;q=0.4"
)
_QUERY_TYPE = "application/sparql-query; charset=utf-8"
_UPDATE_TYPE = "application/sparql-update; charset=utf-8"
_RESULT_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_MAX_MESSAGE = 2000


def _redact(url: str) -> str:
    """The URL without user info, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint; writes need an update URL (argument or EXPORTGRAPH_UPDATE_URL)."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        timeout: float = 30.0,
        update_timeout: float = 600.0,
        client: httpx.Client | None = None,
    ) -> None:
        """``timeout`` applies to queries, ``update_timeout`` to writes (large loads take longer).

        Credentials may be given in the URLs (``https://user:pass@host/…``, HTTP Basic); they are
        never echoed in error messages.
        """
        for url in (query_url, update_url):
            if url is not None and urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"not an http(s) URL: {_redact(url)!r}")
        self.query_url = query_url
        self.update_url = (
            update_url
            if update_url is not None
            else os.environ.get("EXPORTGRAPH_UPDATE_URL") or None
        )
        self.timeout = timeout
        self.update_timeout = update_timeout
        self._client: httpx.Client | None = client or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            headers={"User-Agent": "exportgraph-store"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"RemoteStore({_redact(self.query_url)!r})"

    def _http(self) -> httpx.Client:
        if self._client is None:
            raise StoreError("the store is closed")
        return self._client

    def _post(self, url: str, body: str, *, update: bool, timeout: float) -> httpx.Response:
        """POST a query or update directly (SPARQL 1.1 Protocol), no form encoding."""
        headers = {
            "Content-Type": _UPDATE_TYPE if update else _QUERY_TYPE,
            **({} if update else {"Accept": _ACCEPT}),
        }
        try:
            response = self._http().post(
                url, content=body.encode("utf-8"), headers=headers, timeout=timeout
            )
        except httpx.TimeoutException:
            outcome = (
                " (a write is all-or-nothing, but whether this one was applied is unknown:"
                " check data_version())"
                if update
                else ""
            )
            raise StoreUnavailableError(
                f"SPARQL server {_redact(url)} did not answer within {timeout:g} s{outcome}"
            ) from None
        except httpx.HTTPError as error:
            raise StoreUnavailableError(
                f"SPARQL server {_redact(url)} unreachable: {error}"
            ) from None
        if response.status_code >= 400:
            message = response.text.strip()[:_MAX_MESSAGE] or response.reason_phrase
            kind = QueryError if 400 <= response.status_code < 500 else StoreError
            raise kind(f"SPARQL server {_redact(url)} answered {response.status_code}: {message}")
        return response

    def _query(self, sparql: str) -> QueryResult:
        response = self._post(self.query_url, sparql, update=False, timeout=self.timeout)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            results_format = _RESULT_FORMATS.get(media_type)
            if results_format is not None:
                return solutions_from(
                    pyoxigraph.parse_query_results(response.content, results_format)
                )
            rdf_format = RdfFormat.from_media_type(media_type) if media_type else None
            if rdf_format is not None:
                return Triples(
                    quad.triple for quad in pyoxigraph.parse(response.content, rdf_format)
                )
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"unreadable {media_type} answer from {_redact(self.query_url)}: {error}"
            ) from None
        raise StoreError(f"unexpected content type {media_type!r} from {_redact(self.query_url)}")

    def _update(self, sparql_update: str) -> None:
        if self.update_url is None:
            raise StoreError(
                f"{self!r} is read-only: set EXPORTGRAPH_UPDATE_URL to its SPARQL Update URL"
            )
        self._post(self.update_url, sparql_update, update=True, timeout=self.update_timeout)

    def close(self) -> None:
        """Close the HTTP connection pool (idempotent)."""
        client, self._client = self._client, None
        if client is not None:
            client.close()
