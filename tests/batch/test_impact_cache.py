"""What the what-if keeps between requests (the asserted graph per data version, its subject
index) is not reused where it must not be: an edit never leaks into the next what-if, and an
index of another version reads the store anew."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from exportgraph.errors import LimitExceeded
from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards.impact import current_asserted, impact
from exportgraph.services.standards.impact_before import corpus_key, kept
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


def test_the_before_side_is_kept_per_corpus_content_date_and_jurisdictions(
    context: Context, knowledge: Knowledge
) -> None:
    """The same corpus again reuses its "before" side; a corpus that differs in one value, other
    jurisdictions or another date do not; a kept corpus is still held to the item limit."""
    corpus = _corpus()
    body = {"change": TIGHTER, "corpus": corpus, "jurisdictions": ["EU", "US"], "as_of": AS_OF}
    first = impact(context.store, knowledge, body, max_items=999)
    key = (dt.date.fromisoformat(AS_OF), ("EU", "US"), corpus_key(corpus, None))
    assert key[2] is not None
    kept_before = kept(knowledge, key)
    assert kept_before is not None
    assert impact(context.store, knowledge, copy.deepcopy(body), max_items=999) == first
    assert kept(knowledge, key) is kept_before
    moved = first["migrations"][0]
    changed = copy.deepcopy(corpus)
    item = next(c for c in changed if c["id"] == moved["id"])
    item["item"]["parameters"]["cnot-error"] = 2e-4  # now below both bounds: it does not move
    other = impact(context.store, knowledge, {**body, "corpus": changed}, max_items=999)
    assert (moved["id"], "EU") not in {(m["id"], m["jurisdiction"]) for m in other["migrations"]}
    assert len(other["migrations"]) == len(first["migrations"]) - 1
    only_us = impact(context.store, knowledge, {**body, "jurisdictions": ["US"]}, max_items=999)
    assert only_us["jurisdictions"] == ["US"] and only_us["migrations"] == []
    earlier = impact(context.store, knowledge, {**body, "as_of": "2020-01-01"}, max_items=999)
    assert earlier["as_of"] == "2020-01-01" and earlier["migrations"] != first["migrations"]
    with pytest.raises(LimitExceeded):
        impact(context.store, knowledge, body, max_items=10)


def test_a_corpus_is_known_by_its_content_however_its_objects_are_shared() -> None:
    corpus = _corpus()
    key = corpus_key(corpus, None)
    held = [entry["item"] for entry in corpus]  # its objects also held elsewhere (a kept run)
    assert corpus_key(copy.deepcopy(corpus), None) == key
    assert corpus_key(json.loads(json.dumps(corpus)), None) == key
    changed = copy.deepcopy(corpus)
    changed[0]["item"]["kind"] = "another"
    assert corpus_key(changed, None) != key
    assert corpus_key(corpus, "products") == "products"
    assert corpus_key([object()], None) is None
    assert held
