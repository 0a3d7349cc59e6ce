"""Every term the formalize tables name (ontology/controls/formalize/*.csv) is defined in the
ontology: kinds and excluded kinds as eg:ItemKind, required facts as eg:Fact, parameters as
eg:Parameter with a canonical unit, units as qudt:Unit with the pint spelling conversions use. A
row naming a term nobody defined would load, and its criterion would be dropped at answer time
("the threshold … could not be used"): the table is refused here instead."""

from __future__ import annotations

import pytest
from exportgraph.loaders import formalize, formalize_notes, formalize_tree
from exportgraph.loaders.formalize_clauses import BAND
from pyoxigraph import NamedNode, RdfFormat, Store

from exportgraph import namespaces as ns
from exportgraph.paths import ontology_dir

ONTOLOGY = ontology_dir()
EG = "https://w3id.org/exportgraph/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def terms() -> Store:
    store = Store()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    return store


def _is(store: Store, node: NamedNode, kind: str) -> bool:
    return any(store.quads_for_pattern(node, RDF_TYPE, NamedNode(kind), None))


def _has(store: Store, node: NamedNode, predicate: str) -> bool:
    return any(store.quads_for_pattern(node, NamedNode(predicate), None, None))


def test_every_kind_fact_parameter_and_unit_of_the_tables_is_defined(terms: Store) -> None:
    rules = formalize.read_rules(ONTOLOGY, "rules.csv")
    families = formalize_tree.read_families(ONTOLOGY, "families.csv")
    notes = formalize_notes.read_notes(ONTOLOGY, "notes.csv")
    phrases = formalize_tree.read_phrases(ONTOLOGY, "phrases.csv")
    kinds = {k for row in (*rules, *families) for k in (*row.kinds, *row.excluded_kinds)}
    facts = {f for row in (*rules, *families) for f in row.requires_facts}
    facts |= {note.fact for note in notes}
    parameters = {r.parameter for r in rules if r.parameter}
    # a phrase reading a range as an overlap names two parameters (formalize_clauses.BAND)
    parameters |= {
        name for p in phrases if p.parameter != "none" for name in p.parameter.split(BAND)
    }
    units = set(formalize.read_units(ONTOLOGY, "units.csv").values())
    units |= {p.unit for p in phrases if p.unit}
    missing = [k for k in kinds if not _is(terms, ns.concept_iri("kind", k), EG + "ItemKind")]
    missing += [f for f in facts if not _is(terms, ns.concept_iri("fact", f), EG + "Fact")]
    for parameter in parameters:
        node = ns.concept_iri("parameter", parameter)
        if not (_is(terms, node, EG + "Parameter") and _has(terms, node, EG + "canonicalUnit")):
            missing.append(parameter)
    missing += [u for u in units if not _has(terms, NamedNode(u), EG + "pintUnit")]
    assert not sorted(missing), "named by the formalize tables, not defined in ontology/*.ttl"
