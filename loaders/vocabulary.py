"""The closed sets the control tables may use (activities, evidence grades, request fields of
exclusion conditions), read from the ontology's own data (ontology/vocabulary.ttl), so a standards
body extends them with a change to the data, not to the loader."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from exportgraph.loaders.tables import SourceDataError

from exportgraph import namespaces as ns

VOCABULARY = "vocabulary.ttl"
_NOTATIONS = f"""
PREFIX skos: <{ns.SKOS}>
SELECT ?notation WHERE {{ ?concept skos:inScheme ?scheme ; skos:notation ?notation }}
"""


def scheme_notations(ontology: Path, scheme: str) -> frozenset[str]:
    """The notations of one concept scheme (`activities`, `evidence-grades`, `material-forms` …)
    of the ontology folder's vocabulary; SourceDataError when the vocabulary is missing or names
    no such scheme."""
    path = ontology / VOCABULARY
    if not path.is_file():
        raise SourceDataError(str(path), 0, None, "the vocabulary of the control tables is missing")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    query = _NOTATIONS.replace("?scheme", f"<{ns.EGID}scheme/{scheme}>")
    result = store.query(query)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    found = frozenset(str(row["notation"].value) for row in result)
    if not found:
        raise SourceDataError(str(path), 0, None, f"the vocabulary defines no {scheme}")
    return found
