"""Load-time reasoning: reasonable (used) agrees with owlrl (reference) where the queries read."""

from __future__ import annotations

import pyoxigraph
import pytest

from exportgraph import namespaces as ns
from exportgraph.graph.reasoning import materialize
from exportgraph.graph.reasoning_compare import instance_level
from exportgraph.graph.sources import collect_sources, parse_sources


@pytest.fixture(scope="module")
def asserted() -> list[pyoxigraph.Triple]:
    return parse_sources(collect_sources())


def test_reasonable_matches_owlrl_on_instances(asserted: list[pyoxigraph.Triple]) -> None:
    fast = materialize(asserted, "reasonable")
    reference = materialize(asserted, "owlrl")
    assert fast.inferred, "the closure of the real graph is not empty"
    assert instance_level(fast.inferred) == instance_level(reference.inferred)


def test_closure_spreads_membership_and_mappings(asserted: list[pyoxigraph.Triple]) -> None:
    inferred = set(materialize(asserted, "reasonable").inferred)
    eu = ns.jurisdiction_iri("EU")
    fr = ns.jurisdiction_iri("FR")
    assert pyoxigraph.Triple(eu, ns.eg("hasMember"), fr) in inferred
    # symmetric exactMatch: every asserted exactMatch gets its inverse
    exact = pyoxigraph.NamedNode(ns.SKOS + "exactMatch")
    asserted_exact = [t for t in asserted if t.predicate == exact]
    assert asserted_exact
    everything = set(asserted) | inferred
    for triple in asserted_exact:
        assert pyoxigraph.Triple(triple.object, exact, triple.subject) in everything


def test_closure_adds_no_copies_of_asserted_triples(asserted: list[pyoxigraph.Triple]) -> None:
    # reasonable re-types plain literals as xsd:string; normalised, they must not reappear as new
    inferred = materialize(asserted, "reasonable").inferred
    assert not set(inferred) & set(asserted)
    assert all(not isinstance(t.subject, pyoxigraph.Literal) for t in inferred)
