"""Turn the control tables of ontology/controls/ into RDF (see docs/data-model.md)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from exportgraph.loaders.controls_criteria import load_criteria
from exportgraph.loaders.controls_entries import load_entries
from exportgraph.loaders.controls_framework import (
    load_exceptions,
    load_exclusions,
    load_jurisdictions,
    load_lists,
    load_sources,
)
from exportgraph.loaders.controls_graph import ControlGraph
from exportgraph.loaders.tables import SourceDataError
from exportgraph.loaders.vocabulary import scheme_notations
from pyoxigraph import Triple

from exportgraph import namespaces as ns


def load_controls(root: Path) -> list[Triple]:
    """Read jurisdictions.csv and every jurisdiction folder below root; return the RDF triples.
    The activities and evidence grades the tables may use come from the ontology's vocabulary."""
    graph = ControlGraph(
        activities=scheme_notations(root.parent, "activities"),
        evidence=scheme_notations(root.parent, "evidence-grades"),
        material_forms=scheme_notations(root.parent, "material-forms"),
        date_bases=scheme_notations(root.parent, "date-bases"),
        legal_statuses=scheme_notations(root.parent, "legal-statuses"),
    )
    jurisdictions = load_jurisdictions(root, graph)
    for code in sorted(jurisdictions):
        folder = root / code
        if folder.is_dir():
            _load_jurisdiction_folder(root, folder, code, jurisdictions, graph)
    return graph.triples


def _load_jurisdiction_folder(
    root: Path, folder: Path, code: str, jurisdictions: set[str], graph: ControlGraph
) -> None:
    jur = ns.jurisdiction_iri(code)
    sources = load_sources(root, folder, code, graph)
    lists = load_lists(root, folder, code, sources, jur, graph)
    exceptions = load_exceptions(root, folder, code, sources, jurisdictions, graph)
    load_exclusions(root, folder, code, sources, jur, graph)
    entries = load_entries(root, folder, code, sources, lists, exceptions, jurisdictions, graph)
    load_criteria(root, folder, code, sources, entries, graph)


def triples_to_ntriples(triples: Iterable[Triple]) -> bytes:
    """Serialize triples as N-Triples (one statement per line)."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode()


__all__ = ["SourceDataError", "load_controls", "triples_to_ntriples"]
