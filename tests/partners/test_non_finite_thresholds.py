"""A threshold that is not a finite number (NaN, INF) may reach a store by another route than the
control tables (a Turtle file loaded as is, a remote store): the terminology shapes reject it
(TERM-CRITERION-VALUE-FINITE), and the knowledge index skips it with a logged reason, so the entry
answers 'unknown' (never 'controlled') on both evaluation paths instead of failing."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph import namespaces as ns
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.classify import classify
from exportgraph.services.standards.terminology_check import shape_results
from tests.real_graph import real_store

ENTRY = ns.EGID + "entry/US/3A904.a"
CRITERION = NamedNode(ENTRY + "/alt/1/base-temperature/lt")
NON_FINITE = ("INF", "-INF", "NaN")
FRIDGE = {
    "kind": "dilution-refrigerator",
    "parameters": {
        "cooling-power": "800 uW",
        "cooling-power-temperature": "100 mK",
        "continuous-operation": "168 h",
        "base-temperature": "10 mK",
    },
}


def _criterion(value: Literal, criterion: NamedNode = CRITERION) -> list[Quad]:
    """One more criterion of US 3A904.a, on base temperature, with the given threshold."""
    alternative = NamedNode(ENTRY + "/alt/1")
    return [
        Quad(alternative, NamedNode(ns.EG + "criterion"), criterion),
        Quad(criterion, NamedNode(ns.RDF + "type"), NamedNode(ns.EG + "Criterion")),
        Quad(
            criterion,
            NamedNode(ns.EG + "parameter"),
            NamedNode(ns.EGID + "parameter/base-temperature"),
        ),
        Quad(criterion, NamedNode(ns.EG + "comparator"), Literal("<")),
        Quad(criterion, NamedNode(ns.EG + "thresholdValue"), value),
        Quad(criterion, NamedNode(ns.EG + "unit"), NamedNode("http://qudt.org/vocab/unit/K")),
    ]


@pytest.fixture(params=NON_FINITE)
def broken(request: pytest.FixtureRequest, context: Context) -> Iterator[Context]:
    """A copy of the real graph with one threshold that is not a finite number."""
    store = real_store()
    value = Literal(request.param, datatype=NamedNode(ns.XSD + "double"))
    store.apply(insert=_criterion(value))
    ctx = Context(replace(context.settings), store=store)
    yield ctx
    ctx.close()


def test_the_index_skips_it_with_a_logged_reason(
    broken: Context, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="exportgraph.knowledge"):
        knowledge = current(broken)
    (problem,) = [p for p in knowledge.problems if "US:3A904.a" in p]
    assert "base-temperature" in problem and "not a finite number" in problem
    assert any("US:3A904.a" in record.getMessage() for record in caplog.records)
    entry = knowledge.entries[ENTRY]
    assert not entry.criteria_complete
    assert all(c.iri != CRITERION.value for alt in entry.alternatives for c in alt)


def test_the_entry_then_answers_unknown_on_both_paths(broken: Context) -> None:
    answers = [
        classify(broken, FRIDGE, ["US"], "2025-12-01", engine=engine)
        for engine in ("index", "sparql")
    ]
    assert answers[0] == answers[1]
    (result,) = answers[0]["results"]
    assert result["controlled"] == "unknown"
    assert "complete criteria of US:3A904.a" in result["missing_facts"]


def test_the_terminology_shapes_reject_each_and_pass_the_finite_thresholds_of_the_data() -> None:
    """One validation of the whole real graph holding one criterion per non-finite value: the
    rule names exactly those criteria (every threshold of the data is finite)."""
    store = real_store()
    criteria = {value: NamedNode(f"{ENTRY}/alt/1/base-temperature/{value}") for value in NON_FINITE}
    for value, criterion in criteria.items():
        store.apply(
            insert=_criterion(Literal(value, datatype=NamedNode(ns.XSD + "double")), criterion)
        )
    results = shape_results(list(store.triples()))
    store.close()
    found = {r.focus for r in results if r.rule == "TERM-CRITERION-VALUE-FINITE"}
    assert found == {criterion.value for criterion in criteria.values()}
