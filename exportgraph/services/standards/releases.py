"""Releases: immutable, versioned snapshots of the asserted terminology, exportable in every RDF
format, and the differences between two of them.

A release `v` has the version IRI https://w3id.org/exportgraph/release/v and its description
(owl:versionIRI, owl:versionInfo, dcterms:issued, dcterms:created, owl:priorVersion, who
published it) in the graph of releases. Its statements are stored as the difference from its
prior release (named graphs `…/release/v/added` and `…/release/v/removed`), so a release of
unchanged data stores nothing but its description; when the differences since the last full copy
add up to more than the release itself, it is stored whole again (in the named graph of its
IRI, as every release was before), which bounds the work of reading one. The graph of release
storage says which is which; a release it does not mention is stored whole.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, Triple
from typing_extensions import TypedDict

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict, InvalidInput, NotFound
from exportgraph.graph.context import Context
from exportgraph.graph.journal import (
    RDF_TYPE,
    RELEASE_BASE,
    RELEASE_STORAGE_GRAPH,
    RELEASES_GRAPH,
    JournalState,
    agent,
    conditional_write,
    quad,
    read_state,
    retrying,
    write_lock,
)
from exportgraph.graph.journal import now as timestamp
from exportgraph.graph.queries import bind, load_query
from exportgraph.knowledge.rows import lexical
from exportgraph.services.standards.diff import diff_triples
from exportgraph.services.standards.diff_shapes import ReleaseDiff
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.users import User
from exportgraph.store import Store, Term, rdf_format
from exportgraph.store.pending import mark_pending

VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
CURRENT = "current"  # in a diff, the terminology as it is now (not yet released)
ONTOLOGY = "https://w3id.org/exportgraph/ontology"
OWL = ns.OWL
DCT = ns.DCTERMS


class Release(TypedDict):
    """A release's description (contract §5 GET /v1/releases/{version})."""

    version: str
    iri: str
    issued: str
    created: str
    published_by: str
    data_version: str
    triples: int
    """How many asserted statements the release holds."""
    notes: str | None
    prior_version: str | None


def release_iri(version: str) -> NamedNode:
    """The version IRI of a release."""
    return NamedNode(RELEASE_BASE + version)


def _check_version(version: str, field: str = "version") -> str:
    if not VERSION_PATTERN.match(version) or version == CURRENT:
        raise InvalidInput(
            f"version {version!r} must be 1-64 letters, digits, '.', '_' or '-' (and not "
            f"{CURRENT!r})",
            field=field,
        )
    return version


def _record(row: Mapping[str, Term]) -> Release:
    def text(name: str) -> str | None:
        return lexical(row, name)

    prior = text("prior")
    return {
        "version": text("version") or "",
        "iri": text("release") or "",
        "issued": text("issued") or "",
        "created": text("created") or "",
        "published_by": (text("creator") or "").rsplit("/", 1)[-1],
        "data_version": text("data_version") or "",
        "triples": int(text("triples") or 0),
        "notes": text("notes"),
        "prior_version": prior.removeprefix(RELEASE_BASE) if prior else None,
    }


def list_releases(store: Store) -> list[Release]:
    """Every release, oldest first."""
    return [_record(row) for row in store.select(load_query("releases"))]


def get_release(store: Store, version: str) -> Release:
    """One release's description; NotFound when there is none."""
    if not VERSION_PATTERN.match(version):
        raise NotFound(f"no release {version!r}", field="version")
    rows = store.select(bind("releases", [{"release": release_iri(version)}]))
    if not rows:
        raise NotFound(f"no release {version!r}", field="version")
    return _record(rows[0])


def _default_version(existing: set[str]) -> str:
    base = dt.datetime.now(dt.UTC).strftime("%Y.%m.%d")
    version, n = base, 1
    while version in existing:
        n += 1
        version = f"{base}.{n}"
    return version


@dataclass(frozen=True)
class Storage:
    """How a release's statements are stored: whole in `content`, or as the difference from
    `base`; `chain` counts the statements of the differences since the last whole copy."""

    content: str | None = None
    base: str | None = None
    added: str | None = None
    removed: str | None = None
    chain: int = 0


def _storage(store: Store) -> dict[str, Storage]:
    """How each release is stored, by version IRI (releases stored whole before differences
    were kept are absent: read them from the graph of their IRI)."""
    found: dict[str, Storage] = {}
    for row in store.select(load_query("releases_storage")):
        text = {name: str(getattr(term, "value", term)) for name, term in row.items()}
        found[text["release"]] = Storage(
            text.get("content"),
            text.get("base"),
            text.get("added"),
            text.get("removed"),
            int(text.get("chain", 0)),
        )
    return found


def _content(
    store: Store, iri: str, storage: dict[str, Storage], read: dict[str, set[Triple]] | None = None
) -> set[Triple]:
    """The statements of the release `iri`, rebuilt from its last whole copy and differences —
    or from a release of its chain already in `read` (two releases of one chain, as a diff
    reads them, cost one whole read and the differences between them)."""
    read = {} if read is None else read
    chain: list[tuple[str, Storage]] = []
    at, kept = iri, storage.get(iri, Storage(content=iri))
    while kept.content is None and at not in read:
        chain.append((at, kept))
        assert kept.base is not None
        at, kept = kept.base, storage.get(kept.base, Storage(content=kept.base))
    if at not in read:
        assert kept.content is not None
        read[at] = set(store.triples(kept.content))
    statements = read[at]
    for at, step in reversed(chain):
        assert step.added is not None and step.removed is not None
        statements = (statements - set(store.triples(step.removed))) | set(
            store.triples(step.added)
        )
        read[at] = statements
    return statements


def _stored(node: NamedNode, snapshot: set[Triple], prior: str | None, store: Store) -> list[Quad]:
    """The quads that store a release: the difference from its prior release, or all of it."""
    g = RELEASE_STORAGE_GRAPH
    storage = _storage(store) if prior else {}
    if prior is not None:
        before = _content(store, prior, storage)
        added, removed = snapshot - before, before - snapshot
        chain = storage.get(prior, Storage(content=prior)).chain + len(added) + len(removed)
        if chain <= len(snapshot):
            into_added = NamedNode(node.value + "/added")
            into_removed = NamedNode(node.value + "/removed")
            return [
                quad(node, ns.eg("releaseBase"), NamedNode(prior), g),
                quad(node, ns.eg("releaseAdded"), into_added, g),
                quad(node, ns.eg("releaseRemoved"), into_removed, g),
                quad(node, ns.eg("releaseChain"), _integer(chain), g),
                *_into(added, into_added),
                *_into(removed, into_removed),
            ]
    return [quad(node, ns.eg("releaseContent"), node, g), *_into(snapshot, node)]


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=ns.iri(ns.XSD, "integer"))


def _into(triples: set[Triple], graph: NamedNode) -> list[Quad]:
    return [Quad(t.subject, t.predicate, t.object, graph) for t in sorted(triples, key=str)]


def create_release(store: Store, user: User, body: object = None) -> Release:
    """Publish the current asserted terminology as an immutable release (admin).

    Body (optional): {"version": "…", "notes": "…"}; the version defaults to today's date
    (YYYY.MM.DD, then .2, .3 …). Conflict (409) when the version exists already. Publishing
    changes no statement of the terminology (the data version stays)."""
    if body is None:
        body = {}
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    unknown = sorted(set(body) - {"version", "notes"})
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    requested, notes = body.get("version"), body.get("notes")
    if requested is not None and not isinstance(requested, str):
        raise InvalidInput("version must be a string", field="version")
    if notes is not None and not isinstance(notes, str):
        raise InvalidInput("notes must be a string", field="notes")

    def attempt() -> str:
        with write_lock:
            state = read_state(store)
            releases = list_releases(store)
            existing = {r["version"] for r in releases}
            version = _check_version(requested) if requested else _default_version(existing)
            if version in existing:
                raise Conflict(
                    f"release {version} exists already; releases are immutable", field="version"
                )
            snapshot = set(asserted_triples(store))
            node = release_iri(version)
            prior = releases[-1]["iri"] if releases else None
            header = _header(node, version, user, state.data_version, len(snapshot), notes)
            if prior:
                header.append(
                    quad(node, ns.iri(OWL, "priorVersion"), NamedNode(prior), RELEASES_GRAPH)
                )
            stored = _stored(node, snapshot, prior, store)
            if store.bulk_writes:
                _write_bulk(store, state, node, header, stored, {r["iri"] for r in releases})
            else:
                conditional_write(store, state, "release", node, insert=[*header, *stored])
            return version

    return get_release(store, retrying(attempt))


def _write_bulk(
    store: Store,
    state: JournalState,
    node: NamedNode,
    header: list[Quad],
    stored: list[Quad],
    published: set[str],
) -> None:
    """Write a release on a store this process alone writes: its statement graphs by the
    store's bulk insert first (marked pending), then its description and log entry in one
    update that also deletes the marks. The release exists only once that update is in: a crash
    before it leaves marked graphs, which the next opening of the store drops (store/pending.py;
    graphs left by a crash before marks were written are removed here)."""
    content = [q for q in stored if q.graph_name != RELEASE_STORAGE_GRAPH]
    described = [q for q in stored if q.graph_name == RELEASE_STORAGE_GRAPH]
    orphans = [  # a graph of a release is named by its IRI, or that IRI + /added, /removed
        g
        for g in store.graphs_under(RELEASE_BASE)
        if g not in published and g.rsplit("/", 1)[0] not in published
    ]
    store.drop_graphs(orphans)
    names = {q.graph_name.value for q in content if isinstance(q.graph_name, NamedNode)}
    marks = mark_pending(store, names)
    store.insert_graphs(content)
    try:
        conditional_write(
            store,
            state,
            "release",
            node,
            delete=marks,
            insert=[*header, *described],
            bulk_inserted=content,
        )
    except BaseException:
        if node.value in {r["iri"] for r in list_releases(store)}:
            raise  # it was written (a later step failed): its graphs are the release's
        store.drop_graphs(sorted(names))  # their marks go when the store is next opened
        raise


def _header(
    node: NamedNode, version: str, user: User, data_version: str, count: int, notes: object
) -> list[Quad]:
    created = timestamp()
    g = RELEASES_GRAPH
    header = [
        quad(node, RDF_TYPE, ns.eg("Release"), g),
        quad(node, RDF_TYPE, ns.iri(OWL, "Ontology"), g),
        quad(node, ns.iri(OWL, "versionIRI"), node, g),
        quad(node, ns.iri(OWL, "versionInfo"), Literal(version), g),
        quad(node, ns.iri(DCT, "isVersionOf"), NamedNode(ONTOLOGY), g),
        quad(
            node,
            ns.iri(DCT, "title"),
            Literal(f"exportgraph terminology {version}", language="en"),
            g,
        ),
        quad(
            node,
            ns.iri(DCT, "issued"),
            Literal(created.value[:10], datatype=ns.iri(ns.XSD, "date")),
            g,
        ),
        quad(node, ns.iri(DCT, "created"), created, g),
        quad(node, ns.iri(ns.PROV, "wasAttributedTo"), agent(user.name), g),
        quad(node, ns.eg("dataVersion"), Literal(data_version), g),
        quad(node, ns.eg("tripleCount"), _integer(count), g),
    ]
    if notes:
        header.append(quad(node, ns.iri(DCT, "description"), Literal(str(notes)), g))
    return header


def release_triples(store: Store, version: str) -> list[Triple]:
    """The statements of a release (or of the current terminology for "current")."""
    return releases_triples(store, [version])[0]


def releases_triples(store: Store, versions: Sequence[str]) -> list[list[Triple]]:
    """The statements of several releases (or "current"), each release of a chain read once."""
    storage: dict[str, Storage] | None = None
    read: dict[str, set[Triple]] = {}
    found = []
    for version in versions:
        if version == CURRENT:
            found.append(list(asserted_triples(store)))
            continue
        get_release(store, version)
        storage = _storage(store) if storage is None else storage
        found.append(list(_content(store, release_iri(version).value, storage, read)))
    return found


def release_document(store: Store, version: str) -> list[Triple]:
    """A release as published: its description (and the ontology's versionIRI), its statements."""
    get_release(store, version)
    node = release_iri(version)
    header = list(store.construct(bind("releases_header", [{"release": node}])))
    header += [
        Triple(NamedNode(ONTOLOGY), ns.iri(OWL, "versionIRI"), node),
    ]
    return [*header, *release_triples(store, version)]


def serialize(triples: list[Triple], media_type: str) -> bytes:
    """Triples in a stable order as Turtle, JSON-LD, N-Triples or RDF/XML."""
    try:
        fmt = rdf_format(media_type)
    except ValueError:
        raise InvalidInput(f"cannot write RDF as {media_type!r}", field="format") from None
    data = pyoxigraph.serialize(
        sorted(set(triples), key=str), format=fmt, prefixes=dict(ns.PREFIXES)
    )
    assert data is not None
    return data


def export_release(context: Context, version: str, media_type: str) -> bytes:
    """A release serialized as `media_type` (used by `exportgraph export --release V`)."""
    return serialize(release_document(context.store, version), media_type)


def diff_releases(store: Store, a: str, b: str) -> ReleaseDiff:
    """What changed from release a to release b ("current" for the unreleased terminology)."""
    for version, field in ((a, "a"), (b, "b")):
        if version != CURRENT and not VERSION_PATTERN.match(version):
            raise NotFound(f"no release {version!r}", field=field)
    diff = diff_triples(*releases_triples(store, [a, b]))
    return {"from": a, "to": b, **diff}
