"""A proposed US-EU correspondence (derived from the official texts, issue 14 §4) becomes an
assertion only through the terminology workflow: an editor proposes the SKOS triple, a reviewer
approves it; the asserted mapping then keeps the proposal's justification and confidence."""

from __future__ import annotations

from exportgraph.loaders import correspondence
from exportgraph.loaders.annex_i import read_annex_i
from exportgraph.loaders.ccl import read_ccl
from exportgraph.loaders.country_names import CountryNames
from pyoxigraph import DefaultGraph, Quad

from exportgraph import paths
from exportgraph.services.standards import changes, mappings
from exportgraph.services.users import User
from exportgraph.store import Store

CODE = "3A001.a.2.a"


def _real_proposal() -> correspondence.Proposal:
    """The proposal the real texts give for one paragraph (read from ontology/sources)."""
    sources = paths.ontology_dir() / "sources"
    us = read_ccl(sources / "us-ccl-15cfr774-supp1.xml").entries
    names = CountryNames(paths.ontology_dir() / "controls" / "country-names.csv")
    eu = read_annex_i(sources / "eu-2021-821-annex-i-20251115.json", names).entries
    [us_tree] = [e.tree for e in us if e.code == CODE.split(".")[0]]
    [eu_tree] = [e.tree for e in eu if e.code == CODE.split(".")[0]]
    [proposal] = [p for p in correspondence.proposals([us_tree], [eu_tree]) if p.us == CODE]
    return proposal


def test_a_reviewer_approves_a_proposed_correspondence(fresh_store: Store) -> None:
    proposal = _real_proposal()
    assert proposal.relation == "exactMatch"
    fresh_store.apply(
        insert=[
            Quad(t.subject, t.predicate, t.object, DefaultGraph())
            for t in correspondence.proposal_triples([proposal])
        ]
    )
    mapping = proposal.as_mapping()
    [shown] = [m for m in mappings.proposed_mappings(fresh_store) if m.subject == mapping.subject]
    assert (shown.justification, shown.confidence) == ("semapv:CompositeMatching", 0.9)
    assert mapping.subject not in {m.subject for m in mappings.asserted_mappings(fresh_store)}

    body = {
        "summary": f"Accept the proposed correspondence of {CODE}",
        "rationale": "Same words, numbers and notes in both lists",
        "base_version": fresh_store.data_version(),
        "add": f"<{mapping.subject}> <http://www.w3.org/2004/02/skos/core#exactMatch> "
        f"<{mapping.object}> .",
    }
    change = changes.propose(fresh_store, User("erin", "editor"), body)
    changes.approve(fresh_store, User("rita", "reviewer"), change["id"])

    [row] = [m for m in mappings.asserted_mappings(fresh_store) if m.subject == mapping.subject]
    assert (row.predicate, row.object) == ("exactMatch", mapping.object)
    assert (row.justification, row.confidence) == ("semapv:CompositeMatching", 0.9)
    assert "same numbers (398, 125)" in row.comment
    assert not [m for m in mappings.proposed_mappings(fresh_store) if m.subject == mapping.subject]
