"""The process that runs user SPARQL: an in-memory pyoxigraph store and a loop over a pipe.

Kept free of project imports so a spawned worker starts fast. The parent
(services/query/pool.py) checks every query before sending it (checks.py: no update, SERVICE, LOAD
or remote FROM), kills a worker that overruns its deadline, and respawns it. The worker holds one
state of the store (data version and journal sequence): when it is told of another, and it holds
a state the parent has steps from, it applies the statements each write since deleted and
inserted (services/query/copies.py); otherwise it loads the whole N-Quads dump and every step.
The parent sends what to load in a message without a query before the first query of a new state;
a query names only the state it is for. Results are serialized here, with a row limit.
Its memory is capped (first argument, MiB): an allocation over the cap ends the process (the
engine aborts; a Python MemoryError exits with OUT_OF_MEMORY), and the parent answers 413.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NotRequired, TypeAlias, TypedDict, TypeVar, final
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
)

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
OUT_OF_MEMORY = 75
"""Exit status of a worker that ran out of its memory allowance in Python code."""
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = NamedNode | BlankNode | Literal | Triple
_Item = TypeVar("_Item")

# --------------------------------------------------------------------------- messages

StepRow: TypeAlias = tuple[str, str, bytes, bytes]
"""One write to apply: the state before it, the state after it, the statements it deleted and
those it inserted (N-Quads)."""


class Held(TypedDict):
    """Names the state of the store a message is for (data version and journal sequence)."""

    state: str


@final
class Load(Held):
    """Bring the copy to `state`: from the worker's own state by the steps that follow it, else
    from the whole dump (`dump`, written in `dump_state`) and every step. Sent without a query."""

    steps: list[StepRow]
    dump: NotRequired[str]
    dump_state: NotRequired[str]
    query: NotRequired[None]


@final
class Query(Held):
    """Run `query` on the copy, already brought to `state`, and serialize its result."""

    query: str
    results_type: str
    graph_type: str
    max_rows: int


Message: TypeAlias = Load | Query
"""What the parent sends (None ends the worker)."""

# SPARQL 1.1 Query Results JSON (and SPARQL-star's triple terms)
JsonTerm = TypedDict(
    "JsonTerm",
    {
        "type": str,
        "value": "str | JsonTriple",
        "xml:lang": NotRequired[str],
        "datatype": NotRequired[str],
    },
)


class JsonTriple(TypedDict):
    subject: JsonTerm
    predicate: JsonTerm
    object: JsonTerm


class TooLarge(Exception):
    """The result has more rows or triples than allowed."""


# --------------------------------------------------------------------------- serializers


def _json_term(term: Term) -> JsonTerm:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: JsonTerm = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _xml_term(term: Term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def serialize_solutions(
    variables: Sequence[str], rows: Sequence[Sequence[Term | None]], kind: str
) -> bytes:
    """SELECT results as SPARQL JSON, XML, CSV or TSV."""
    if kind == "json":
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(variables, row, strict=True)
                if term is not None
            }
            for row in rows
        ]
        return json.dumps(
            {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        ).encode()
    if kind == "xml":
        parts = [
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        ]
        parts += [f"<variable name={quoteattr(name)}/>" for name in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(variables, row, strict=True)
                if term is not None
            ]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(term) for term in row] for row in rows)
        return buffer.getvalue().encode()
    lines = ["\t".join("?" + name for name in variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def serialize_boolean(value: bool, kind: str) -> bytes:
    """ASK results."""
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    if kind == "csv":
        return ("_askResult\r\n" + ("true" if value else "false") + "\r\n").encode()
    return ("?_askResult\n" + ("true" if value else "false") + "\n").encode()


def _limited(items: Iterable[_Item], limit: int) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        out.append(item)
        if len(out) > limit:
            raise TooLarge(f"more than {limit} results")
    return out


def run_query(
    store: pyoxigraph.Store, query: str, results_type: str, graph_type: str, max_rows: int
) -> tuple[str, bytes]:
    """Evaluate and serialize one query; returns (media type, body)."""
    result = store.query(query)
    if isinstance(result, QueryBoolean):
        return results_type, serialize_boolean(bool(result), RESULT_TYPES[results_type])
    if isinstance(result, QuerySolutions):
        variables = [variable.value for variable in result.variables]
        rows = _limited(([solution[name] for name in variables] for solution in result), max_rows)
        return results_type, serialize_solutions(variables, rows, RESULT_TYPES[results_type])
    triples = _limited(result, max_rows)
    data = pyoxigraph.serialize(triples, format=GRAPH_TYPES[graph_type])
    return graph_type, data or b""


# --------------------------------------------------------------------------- the loop


def read_frame(fd: int) -> Any:
    """One length-prefixed pickle frame from a file descriptor (EOFError at end of stream)."""
    header = _read_exactly(fd, 8)
    return pickle.loads(_read_exactly(fd, int.from_bytes(header, "big")))


def write_frame(fd: int, value: Any) -> None:
    """Write one length-prefixed pickle frame."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def serve(read_fd: int, write_fd: int) -> None:
    """Answer requests until the parent sends None or closes the stream."""
    store = pyoxigraph.Store()
    state: str | None = None
    while True:
        try:
            message: Message | None = read_frame(read_fd)
        except (EOFError, OSError):
            return
        if message is None:
            return
        try:
            if message["state"] != state:
                reached, state = state, None  # loaded again if this fails
                store, state = _follow(store, reached, message)
            if "results_type" not in message:
                reply: tuple[object, ...] = ("loaded", state)
            else:
                media, body = run_query(
                    store,
                    message["query"],
                    message["results_type"],
                    message["graph_type"],
                    message["max_rows"],
                )
                reply = ("ok", media, body)
        except TooLarge as error:
            reply = ("too-large", str(error))
        except MemoryError:
            os._exit(OUT_OF_MEMORY)
        except SyntaxError as error:
            reply = ("syntax", str(error))
        except Exception as error:  # evaluation errors are the user's query's
            reply = ("error", f"{type(error).__name__}: {error}")
        write_frame(write_fd, reply)


def _follow(
    store: pyoxigraph.Store, state: str | None, message: Message
) -> tuple[pyoxigraph.Store, str]:
    """Bring the copy to the message's state: apply the writes since its own state when they
    are among the message's steps (N-Quads), else load the whole dump and apply every step."""
    if "steps" not in message:
        raise ValueError("the query is for a state the worker was not brought to")
    steps = message["steps"]
    start = next((i for i, step in enumerate(steps) if step[0] == state), None)
    if start is None:
        if "dump" not in message or "dump_state" not in message:
            raise ValueError("the steps do not start from the worker's state and no dump is given")
        store = pyoxigraph.Store()
        store.bulk_load(path=message["dump"], format=RdfFormat.N_QUADS)
        state, start = message["dump_state"], 0
    for _, after, deleted, inserted in steps[start:]:
        for quad in pyoxigraph.parse(deleted, RdfFormat.N_QUADS):
            store.remove(quad)
        store.extend(pyoxigraph.parse(inserted, RdfFormat.N_QUADS))
        state = after
    if state != message["state"]:
        raise ValueError("the steps do not lead to the state asked for")
    return store, message["state"]


def limit_memory(megabytes: int) -> None:
    """Cap the process's writable memory (RLIMIT_DATA: heap and anonymous mappings, not the
    address space merely reserved, which thread arenas inflate) where the platform allows it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    kind = getattr(resource, "RLIMIT_DATA", None) or getattr(resource, "RLIMIT_AS", None)
    if kind is None or megabytes <= 0:  # pragma: no cover
        return
    size = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(kind, (size, size))


if __name__ == "__main__":
    # Requests on stdin, replies on stdout; anything printed by accident goes to stderr.
    limit_memory(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    _in, _out = sys.stdin.buffer.fileno(), os.dup(sys.stdout.buffer.fileno())
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(_in, _out)
