"""A diff indexes only the statements about what it shows (the subjects that differ, the objects
of changed mappings, and their owners): on random changes of the fixture terminology it is the
diff of the two whole versions."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.services.standards import diff
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.store import Store


def _whole(before: Iterable[Triple], after: Iterable[Triple]) -> tuple[set[Triple], ...]:
    return set(before), set(after)


def _changed(base: list[Triple], seed: int) -> list[Triple]:
    """`base` with statements removed, values changed and mappings added at random."""
    chosen = random.Random(seed)
    removed = set(chosen.sample(base, 40))
    after = [t for t in base if t not in removed]
    after += [
        Triple(t.subject, t.predicate, Literal(f"changed {seed}")) for t in list(removed)[:20]
    ]
    subjects = sorted({t.subject.value for t in base if isinstance(t.subject, NamedNode)})
    close = NamedNode(ns.SKOS + "closeMatch")
    after += [
        Triple(NamedNode(chosen.choice(subjects)), close, NamedNode(chosen.choice(subjects)))
        for _ in range(10)
    ]
    return after


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_diff_of_what_differs_is_the_diff_of_the_whole_versions(
    fixture_store: Store, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = list(asserted_triples(fixture_store))
    after = _changed(base, seed)
    found = diff.diff_triples(base, after)
    assert any(count for counts in found["summary"].values() for count in counts.values())
    monkeypatch.setattr(diff, "_concerned", _whole)
    assert found == diff.diff_triples(base, after)
