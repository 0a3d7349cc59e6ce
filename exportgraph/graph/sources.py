"""The inputs of the graph: the ontology's Turtle files, the control tables and the SSSOM mapping
tables (through the loaders), named by their place in the ontology folder (`ontology/sources/…`),
wherever that folder is: a checkout, a wheel or a folder given to build() (a new version of the
data) name the same file alike, so the same data give the same data version and a release diff
shows what changed, not where it was read; parsed with errors naming source and line."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph import paths
from exportgraph.loaders.controls import load_controls, triples_to_ntriples
from exportgraph.loaders.products import load_products
from exportgraph.loaders.sssom import load_sssom
from exportgraph.loaders.tables import SourceDataError
from exportgraph.loaders.whole_lists import whole_lists_ntriples
from exportgraph.store import LoadError, RdfSource

TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"


ONTOLOGY = Path("ontology")


def collect_sources(root: Path | None = None) -> list[RdfSource]:
    """Every RDF input of the graph: ontology Turtle files, control tables, SSSOM mappings, the
    whole official lists of ontology/sources/ with the destination groupings they define
    (loaders/whole_lists.py), and the products corpus."""
    ontology = root or paths.ontology_dir()

    def _relative(path: Path) -> str:
        return (ONTOLOGY / path.relative_to(ontology)).as_posix()

    sources = [
        RdfSource(_relative(path), path.read_bytes(), TURTLE)
        for path in sorted(ontology.glob("*.ttl"))
    ]
    try:
        controls = load_controls(ontology / "controls")
        sources.append(
            RdfSource(_relative(ontology / "controls"), triples_to_ntriples(controls), NTRIPLES)
        )
        for path in sorted((ontology / "mappings").glob("*.sssom.tsv")):
            mapped = load_sssom(path, _relative(path))
            sources.append(RdfSource(_relative(path), triples_to_ntriples(mapped), NTRIPLES))
        if (ontology / "sources").is_dir():
            whole = whole_lists_ntriples(ontology, _relative)
            sources.append(RdfSource(_relative(ontology / "sources"), whole, NTRIPLES))
        products = load_products(ontology / "products")
        if products:
            sources.append(
                RdfSource(_relative(ontology / "products"), triples_to_ntriples(products), NTRIPLES)
            )
    except SourceDataError as error:
        where = f"column '{error.column}': " if error.column else ""
        raise LoadError(error.file, error.line, None, where + error.message) from error
    return sources


def parse_sources(sources: list[RdfSource]) -> list[Triple]:
    """Parse every source; a syntax error raises LoadError naming the source and line."""
    triples: list[Triple] = []
    for source in sources:
        try:
            rdf_format = pyoxigraph.RdfFormat.from_media_type(source.format)
            triples.extend(q.triple for q in pyoxigraph.parse(source.data, rdf_format))
        except SyntaxError as error:
            raise LoadError(
                source.name, error.lineno or 0, error.offset or 0, str(error)
            ) from error
    return triples


def inferred_copy(inferred: list[Triple]) -> RdfSource:
    """The inferred triples again, in the named graph INFERRED_GRAPH: the default graph holds
    asserted + inferred triples, and this copy is what lets the asserted part be recovered
    (and the closure recomputed after a change set)."""
    graph = f"<{ns.INFERRED_GRAPH}>"
    data = "".join(f"{t.subject} {t.predicate} {t.object} {graph} .\n" for t in inferred)
    return RdfSource("inferred (named graph copy)", data.encode(), NQUADS)
