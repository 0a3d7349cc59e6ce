"""A write validates and reasons over what it touches: the local check finds exactly what the
whole-graph check finds, and the local closure is exactly the whole closure, for injected
defects and for a sample of the graph's own statements changed."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.graph import closure
from exportgraph.graph.closure import (
    asserted_triples,
    closure_delta,
    local_delta,
    read_vocabulary,
)
from exportgraph.services.standards import change_check, changes
from exportgraph.services.standards.terminology_check import check_graph
from exportgraph.store import RdfSource, Store, open_store

E = "https://w3id.org/exportgraph/id/"
COOL = f"<{E}entry/XX/COOL-1/alt/1/base-temperature/le>"
QUBITS = f"<{E}entry/US/4A906.a.1/alt/1/physical-qubits/ge>"
QK = "<http://qudt.org/schema/qudt/hasQuantityKind>"
EXACT = "US:4A906.a.1 skos:exactMatch EU:4A506.a.1 ."

# name: (statements the graph is given first, statements to add, statements to remove)
CASES: dict[str, tuple[str, str, str]] = {
    "a unit of another quantity": (
        "",
        f"{COOL} eg:unit unit:NUM .",
        f"{COOL} eg:unit unit:MilliK .",
    ),
    "a canonical unit loses its quantity kind (two statements from the criteria)": (
        "",
        "",
        f"unit:K {QK} <http://qudt.org/vocab/quantitykind/ThermodynamicTemperature> .",
    ),
    "a second preferred label in one language": (
        "",
        'kind:quantum-annealer skos:prefLabel "recuit"@fr .',
        "",
    ),
    "an entry that ends before it starts": (
        "",
        'US:4A906.a.1 eg:effectiveUntil "2020-01-01"^^xsd:date .',
        "",
    ),
    "an evidence grade outside the list": (
        "",
        'US:4A906.a.1 eg:evidence "tertiary" .',
        'US:4A906.a.1 eg:evidence "primary" .',
    ),
    "a jurisdiction that is no longer one (what entries point at)": (
        "",
        "",
        f"<{E}jurisdiction/XX> a eg:Jurisdiction .",
    ),
    "an exactMatch that is also a broadMatch": (
        "",
        f"{EXACT} US:4A906.a.1 skos:broadMatch EU:4A506.a.1 .",
        "",
    ),
    "a mapping the thresholds contradict": (
        "",
        f"US:4A906.a.1 skos:exactMatch <{E}entry/XX/QC-WIDE> .",
        "",
    ),
    "a threshold change that contradicts an asserted mapping": (
        EXACT,
        f"{QUBITS} eg:thresholdValue 40 .",
        f"{QUBITS} eg:thresholdValue 34 .",
    ),
    "a criterion without a comparator": ("", "", f'{QUBITS} eg:comparator ">=" .'),
    "a source without a citation": (
        "",
        "",
        f'<{E}source/US/S2> dcterms:bibliographicCitation "15 CFR Part 774, Supp. No. 1 '
        '(Commerce Control List)" .',
    ),
    "a second canonical unit": (
        "",
        "parameter:base-temperature eg:canonicalUnit unit:MilliK .",
        "",
    ),
    "a schema change (hardware entries become legal sources)": (
        "",
        "eg:HardwareEntry rdfs:subClassOf eg:LegalSource .",
        "",
    ),
    "a new entry with little of what an entry needs": (
        "",
        f'<{E}entry/XX/NEW> a eg:ControlEntry ; dcterms:identifier "XX:NEW" ; '
        f"eg:jurisdiction <{E}jurisdiction/XX> .",
        "",
    ),
    "an alternative label (no shape reads it)": (
        "",
        'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
        "",
    ),
    "fixing a defect": (
        'US:4A906.a.1 eg:evidence "tertiary" .',
        "",
        'US:4A906.a.1 eg:evidence "tertiary" .',
    ),
}


def copy_with(source: Store, extra: str, uri: str = "memory:") -> Store:
    """A copy of `source` (every graph; in memory unless `uri` says where) with the statements
    of `extra` asserted too."""
    store = open_store(uri)
    dump = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in source.triples())
    dump += "".join(f"{t} .\n" for t in changes.parse_turtle(extra, "extra"))
    sources = [RdfSource("copy", dump.encode(), "application/n-triples")]
    for graph in source.named_graphs():
        data = "".join(
            f"{t.subject} {t.predicate} {t.object} <{graph}> .\n" for t in source.triples(graph)
        )
        sources.append(RdfSource(graph, data.encode(), "application/n-quads"))
    store.replace_all(sources)
    return store


def change_of(store: Store, add: str, remove: str) -> changes.Effect:
    request = changes.parse_request(
        {"summary": "s", "rationale": "r", "base_version": "v", "add": add, "remove": remove}
    )
    return changes.effect(request, changes.current_statements(store, request))


@pytest.fixture(scope="module")
def base_stores(fixture_store: Store) -> Iterator[dict[str, Store]]:
    stores = {given: copy_with(fixture_store, given) for given, _, _ in CASES.values()}
    yield stores
    for store in stores.values():
        store.close()


@pytest.mark.parametrize("name", list(CASES))
def test_the_local_check_finds_what_the_whole_check_finds(
    name: str, base_stores: dict[str, Store]
) -> None:
    given, add, remove = CASES[name]
    store = base_stores[given]
    effect = change_of(store, add, remove)
    assert effect.added or effect.removed
    asserted = set(asserted_triples(store))
    before = check_graph(asserted)
    assert change_check.state_for(store).report == before
    result = (asserted - set(effect.removed)) | set(effect.added)
    whole = check_graph(result)
    local = change_check.check_change(store, effect.added, effect.removed)
    assert local.report.as_dict() == whole.as_dict()
    new = set(whole.results) - set(before.results)
    fixed = set(before.results) - set(whole.results)
    if name.startswith(("an alternative label",)):
        assert not new and not fixed
    elif name.startswith("fixing"):
        assert fixed and whole.conforms
    else:
        assert new, "the defect was not found at all"


def test_labels_and_other_statements_no_shape_reads_touch_no_focus_node(
    fixture_store: Store,
) -> None:
    effect = change_of(fixture_store, CASES["an alternative label (no shape reads it)"][1], "")
    assert change_check.affected_focus(fixture_store, effect.added, effect.removed) == set()
    effect = change_of(
        fixture_store,
        *CASES["a canonical unit loses its quantity kind (two statements from the criteria)"][1:],
    )
    focus = change_check.affected_focus(fixture_store, effect.added, effect.removed)
    assert COOL.strip("<>") in focus  # a criterion on a temperature, two statements away


def sample_changes(store: Store, count: int, seed: int) -> list[tuple[list[Triple], list[Triple]]]:
    """Asserted statements removed, and statements added to asserted subjects (a new literal
    or a new node), drawn from the graph itself."""
    rng = random.Random(seed)
    asserted = sorted(asserted_triples(store), key=str)
    found: list[tuple[list[Triple], list[Triple]]] = []
    for triple in rng.sample(asserted, count):
        found.append(([], [triple]))
        other = (
            NamedNode(f"{E}sample/{rng.randrange(10**6)}")
            if isinstance(triple.object, NamedNode)
            else Literal(f"sample {rng.randrange(10**6)}")
        )
        found.append(([Triple(triple.subject, triple.predicate, other)], []))
    return found


DESIGNED = [
    ([], ['parameter:cnot-error skos:altLabel "errore C-NOT"@it .']),
    ([f"{COOL} eg:thresholdValue 150 ."], [f'{COOL} eg:thresholdValue "100"^^xsd:decimal .']),
    (['US:4A906.a.1 eg:note "a note"@en .'], []),  # eg:note is a sub-property of skos:scopeNote
    ([f"<{E}entry/XX/NEW> a eg:HardwareEntry ."], []),  # a subclass of eg:ControlEntry
    ([], ["US:4A906.a.1 a eg:HardwareEntry ."]),  # still a control entry? the closure says
    ([f"{COOL} eg:unit unit:K ."], [f"{COOL} eg:unit unit:MilliK ."]),
]


def test_the_local_closure_is_the_whole_closure(fixture_store: Store) -> None:
    vocabulary = read_vocabulary(fixture_store)
    asserted = set(asserted_triples(fixture_store))
    inferred = set(fixture_store.triples(ns.INFERRED_GRAPH))
    cases = sample_changes(fixture_store, 20, seed=7)
    for add, remove in DESIGNED:
        effect = change_of(fixture_store, " ".join(add), " ".join(remove))
        cases.append((effect.added, effect.removed))
    local = 0
    for added, removed in cases:
        if not vocabulary.is_local_change([*added, *removed]):
            continue
        local += 1
        result = (asserted - set(removed)) | set(added)
        whole = closure_delta(asserted, inferred, result)
        mine = local_delta(fixture_store, vocabulary, added, removed)
        assert (set(mine[0]), set(mine[1])) == (set(whole[0]), set(whole[1])), (added, removed)
    assert local >= len(cases) * 3 // 4  # most changes are local
    inert = [c for c in cases if all(vocabulary.is_inert(t) for t in (*c[0], *c[1]))]
    assert 0 < len(inert) < local  # both ways of computing a local change were compared


def test_a_change_no_rule_reads_is_applied_without_reasoning(
    fixture_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    vocabulary = read_vocabulary(fixture_store)
    label = change_of(fixture_store, 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .', "")
    note = change_of(fixture_store, 'US:4A906.a.1 eg:note "a note"@en .', "")
    assert all(vocabulary.is_inert(t) for t in [*label.added, *label.removed])
    assert not vocabulary.is_inert(note.added[0])  # a sub-property of skos:scopeNote

    def no_reasoning(*_: object) -> None:
        raise AssertionError("the reasoner ran")

    monkeypatch.setattr(closure, "materialize", no_reasoning)
    delete, insert = local_delta(fixture_store, vocabulary, label.added, label.removed)
    assert (delete, insert) == ([], [Quad(*label.added[0], DefaultGraph())])
    with pytest.raises(AssertionError, match="the reasoner ran"):
        local_delta(fixture_store, vocabulary, note.added, note.removed)


@pytest.mark.parametrize(
    "statement",
    [
        EXACT,  # skos:exactMatch is transitive
        f"US:4A906.a.1 eg:jurisdiction <{E}jurisdiction/XX> .",  # functional
        "eg:HardwareEntry rdfs:subClassOf eg:LegalSource .",  # the schema itself
    ],
)
def test_changes_the_rules_join_across_nodes_are_not_local(
    fixture_store: Store, statement: str
) -> None:
    vocabulary = read_vocabulary(fixture_store)
    effect = change_of(fixture_store, statement, "")
    assert not vocabulary.is_local_change(effect.added)
