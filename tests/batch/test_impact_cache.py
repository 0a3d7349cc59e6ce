"""What the what-if keeps between requests (the asserted graph per data version, its subject
index) is not reused where it must not be: an edit never leaks into the next what-if, and an
index of another version reads the store anew."""

from __future__ import annotations

from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards.impact import current_asserted, impact
from tests.batch.test_impact import AS_OF, TIGHTER, _corpus


def test_the_asserted_graph_is_kept_only_for_the_store_version(
    context: Context, knowledge: Knowledge
) -> None:
    kept = current_asserted(context.store, knowledge)
    assert current_asserted(context.store, knowledge) is kept
    assert kept == frozenset(asserted_triples(context.store))
    body = {"change": TIGHTER, "corpus": _corpus()[:5], "as_of": AS_OF}
    run = impact(context.store, knowledge, body, max_items=5)
    assert run["before_version"] == knowledge.version
    other = Knowledge.__new__(Knowledge)
    other.__dict__.update(knowledge.__dict__, version="another version")
    fresh = current_asserted(context.store, other)
    assert fresh is not kept and fresh == kept


def test_an_edit_does_not_leak_into_the_next_what_if(
    context: Context, knowledge: Knowledge
) -> None:
    corpus = _corpus()
    common = {"corpus": corpus, "jurisdictions": ["EU"], "as_of": AS_OF}
    tighter = impact(context.store, knowledge, {"change": TIGHTER, **common}, max_items=999)
    assert tighter["migrations"], "the tighter bound moves some items"
    assert tighter["change"]["removed"] == 1
    same = {"edits": [{**TIGHTER["edits"][0], "threshold": 0.001}]}  # the bound as it stands
    unchanged = impact(context.store, knowledge, {"change": same, **common}, max_items=999)
    assert unchanged["migrations"] == []
    assert unchanged["change"]["added"] == unchanged["change"]["removed"] == 0
    again = impact(context.store, knowledge, {"change": TIGHTER, **common}, max_items=999)
    assert again == tighter
