"""US-EU correspondence proposals for the Wassenaar-numbered entries (issue 14 §4): proposed from
code, text and thresholds at load, shown as derived with justification and confidence, asserted
only when a reviewer approves them through the terminology workflow."""

from __future__ import annotations

import pytest
from exportgraph.loaders import correspondence
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from pyoxigraph import NamedNode

from exportgraph import namespaces as ns
from exportgraph.services.standards import mappings
from exportgraph.store import Store

SKOS_CLOSE = NamedNode(ns.SKOS + "closeMatch")


@pytest.fixture(scope="module")
def proposed(ccl: CommerceControlList, annex: AnnexI) -> dict[str, correspondence.Proposal]:
    found = correspondence.proposals([e.tree for e in ccl.entries], [e.tree for e in annex.entries])
    return {p.us: p for p in found}


def test_same_text_same_numbers_whole_subtree_is_exact(
    proposed: dict[str, correspondence.Proposal],
) -> None:
    p = proposed["3A001.a.2.a"]
    assert (p.relation, p.confidence) == ("exactMatch", 0.9)
    assert "same numbers (398, 125)" in p.comment
    assert "whole sub-tree" in p.comment


def test_same_words_but_other_notes_is_close(proposed: dict[str, correspondence.Proposal]) -> None:
    p = proposed["3A001.a.1"]
    assert p.relation == "closeMatch" and p.similarity == 1.0
    assert "sub-items or notes read differently" in p.comment


def test_a_threshold_that_differs_makes_it_related_and_names_the_numbers(
    proposed: dict[str, correspondence.Proposal],
) -> None:
    p = proposed["1A202.a"]  # inside diameter between 75 mm and 400 mm (US) / 650 mm (EU)
    assert p.relation == "relatedMatch" and p.confidence <= 0.6
    assert (p.us_only, p.eu_only) == (("400",), ("650",))
    assert "numbers differ: US only 400; EU only 650" in p.comment


def test_reserved_paragraphs_and_other_items_are_not_proposed(
    proposed: dict[str, correspondence.Proposal],
) -> None:
    assert "1A001.b" not in proposed  # US [Reserved] / EU Not used
    assert "1C111.d" not in proposed  # same number, another item (similarity 0)


def test_numbers_written_differently_are_the_same(
    proposed: dict[str, correspondence.Proposal],
) -> None:
    p = proposed["1A002.b.1.a"]  # US 10.15 x 10^6 m, EU 10,15 × 106 m (superscript lost)
    assert not p.us_only and not p.eu_only


def test_proposals_are_not_asserted_but_listed_as_derived(built: Store) -> None:
    us, eu = ns.entry_iri("US", "3A001.a.1"), ns.entry_iri("EU", "3A001.a.1")
    assert not built.ask(f"ASK {{ GRAPH ?g {{ {us} ?p {eu} }} }}")
    assert not built.ask(f"ASK {{ {us} ?p {eu} }}")
    rows = [r for r in mappings.mappings_json(built, "derived") if r["subject"] == us.value]
    assert len(mappings.proposed_mappings(built)) > 2000
    assert [(r["status"], r["predicate"], r["object"]) for r in rows] == [
        ("proposed", "skos:closeMatch", eu.value)
    ]
    assert rows[0]["justification"] == "semapv:CompositeMatching"
    assert rows[0]["confidence"] == 0.85
    assert "text similarity 1.00" in rows[0]["comment"]
    assert us.value not in {m.subject for m in mappings.asserted_mappings(built)}
    table = mappings.mappings_table(built, "derived")
    assert "US:3A001.a.1\tskos:closeMatch\tEU:3A001.a.1\tsemapv:CompositeMatching\t0.85" in table
