"""The reasoner leaves out triples no axiom can use, and infers the same as before."""

from __future__ import annotations

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.build import collect_sources, parse_sources
from exportgraph.graph.reasoning import materialize

EX = "https://example.org/"


def _n(local: str) -> NamedNode:
    return NamedNode(EX + local)


def test_a_property_gains_its_inferences_once_an_axiom_mentions_it() -> None:
    data = [
        Triple(_n("x"), _n("p"), _n("y")),
        Triple(_n("x"), _n("text"), Literal("words\nover two lines")),
    ]
    assert not [t for t in materialize(data).inferred if t.subject == _n("x")]
    domain = Triple(_n("p"), NamedNode(ns.RDFS + "domain"), _n("C"))
    superclass = Triple(_n("C"), NamedNode(ns.RDFS + "subClassOf"), _n("D"))
    inferred = set(materialize([*data, domain, superclass]).inferred)
    rdf_type = NamedNode(ns.RDF + "type")
    assert {Triple(_n("x"), rdf_type, _n("C")), Triple(_n("x"), rdf_type, _n("D"))} <= inferred


def test_the_whole_lists_add_no_inference_but_the_notes_scope_note_and_formalized_entries() -> None:
    sources = collect_sources()
    asserted = parse_sources(sources)
    with_lists = set(materialize(asserted).inferred)
    curated = [s for s in sources if s.name != "ontology/sources"]
    assert len(curated) == len(sources) - 1
    curated_triples = parse_sources(curated)
    without = set(materialize(curated_triples).inferred)
    # what the curated data infers alone the lists infer too, or state (a grouping's type)
    assert without <= with_lists | set(asserted)
    added = with_lists - without
    # paragraphs formalized from the text (loaders/formalize.py) are control entries: they
    # (and their alternatives and criteria) gain what curated entries gain
    curated_ids = {t.subject for t in curated_triples}
    control_entry = NamedNode(ns.EG + "ControlEntry")
    formalized = {
        t.subject.value
        for t in asserted
        if t.object == control_entry and t.subject not in curated_ids
    }
    assert formalized
    added = {t for t in added if not t.subject.value.startswith(tuple(formalized))}
    scope_note = pyoxigraph.NamedNode(ns.SKOS + "scopeNote")
    assert added and all(t.predicate == scope_note for t in added)  # eg:note ⊑ skos:scopeNote
