"""The control-table loader: correct RDF from good tables, located errors from bad ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exportgraph.loaders.controls import load_controls
from exportgraph.loaders.tables import SourceDataError
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from exportgraph import namespaces as ns
from exportgraph import paths

JURISDICTIONS = "code,label_en,part_of,deemed_export,deemed_export_source,notes\nXX,Testland,,true,S1,\nYY,Other,,,,\n"
SOURCES = "id,citation,url,evidence,notes\nS1,Test Act s. 1,https://example.org/act,primary,\n"
LISTS = "id,title,sources,notes\nL,Test list,S1,\n"
ENTRY_HEADER = (
    "code,parent,list,entry_type,title,kinds,excluded_kinds,exclusion_note,requires_facts,serves,"
    "purposes,criteria_complete,effective_from,effective_until,effective_date_note,evidence,"
    "code_provisional,sources,licence_scope,licence_activities,reasons,exceptions,notes,gaps\n"
)
ENTRIES = ENTRY_HEADER + (
    "1A001,,L,hardware,Quantum things,,,,,,,,2024-01-01,,,primary,,S1,all-except:YY,export,NS,,,\n"
    "1A001.a,1A001,,,Big quantum things,quantum-computer,quantum-annealer,not annealers,,,,,,,,,,,,,,,A note,\n"
)
CRITERIA = (
    "code,alternative,parameter,comparator,value,unit,legal_text,source,evidence\n"
    "1A001.a,1,physical-qubits,>=,34,NUM,34 or more,S1,\n"
    "1A001.a,1,cnot-error,<=,1e-4,UNITLESS,,S1,\n"
)


def write_tree(root: Path, entries: str = ENTRIES, criteria: str = CRITERIA) -> Path:
    controls = root / "ontology" / "controls"
    (controls / "XX").mkdir(parents=True)
    shutil.copy(paths.ontology_dir() / "vocabulary.ttl", root / "ontology" / "vocabulary.ttl")
    (controls / "jurisdictions.csv").write_text(JURISDICTIONS)
    (controls / "XX" / "sources.csv").write_text(SOURCES)
    (controls / "XX" / "lists.csv").write_text(LISTS)
    (controls / "XX" / "entries.csv").write_text(entries)
    (controls / "XX" / "criteria.csv").write_text(criteria)
    return controls


def as_store(controls: Path) -> Store:
    store = Store()
    for triple in load_controls(controls):
        store.add(Quad(triple.subject, triple.predicate, triple.object, DefaultGraph()))
    return store


def test_sub_entry_inherits_and_carries_its_criteria(tmp_path: Path) -> None:
    store = as_store(write_tree(tmp_path))
    entry = ns.entry_iri("XX", "1A001.a")
    parameter = ns.concept_iri("parameter", "cnot-error")
    query = (
        f"SELECT ?from ?scope ?value WHERE {{ {entry} eg:effectiveFrom ?from ; eg:licenceRequirement ?l ;"
        " eg:alternative/eg:criterion ?c . ?l eg:destinationScope ?scope . ?c eg:thresholdValue ?value ;"
        f" eg:parameter {parameter} }}"
    )
    rows = list(store.query(ns.sparql_prefixes() + query))
    assert len(rows) == 1
    assert rows[0]["from"].value == "2024-01-01"
    assert rows[0]["scope"] == NamedNode(ns.EG + "AllDestinationsExcept")
    assert float(rows[0]["value"].value) == pytest.approx(1e-4)


def test_public_identifier_and_exclusion_are_recorded(tmp_path: Path) -> None:
    store = as_store(write_tree(tmp_path))
    entry = ns.entry_iri("XX", "1A001.a")
    identifiers = [
        q.object for q in store.quads_for_pattern(entry, NamedNode(ns.DCTERMS + "identifier"), None)
    ]
    assert identifiers == [Literal("XX:1A001.a")]
    excluded = [q.object for q in store.quads_for_pattern(entry, ns.eg("excludedKind"), None)]
    assert excluded == [ns.concept_iri("kind", "quantum-annealer")]


@pytest.mark.parametrize(
    ("criteria", "line", "column", "words"),
    [
        ("1A001.a,1,physical-qubits,=>,34,NUM,,S1,\n", 2, "comparator", "expected one of"),
        ("1A001.a,1,physical-qubits,>=,lots,NUM,,S1,\n", 2, "value", "expected a number"),
        ("1A001.b,1,physical-qubits,>=,34,NUM,,S1,\n", 2, "code", "unknown entry"),
        ("1A001.a,1,physical-qubits,>=,34,NUM,,S9,\n", 2, "source", "unknown source"),
    ],
)
def test_bad_criterion_names_file_line_and_column(
    tmp_path: Path, criteria: str, line: int, column: str, words: str
) -> None:
    header = CRITERIA.splitlines(keepends=True)[0]
    controls = write_tree(tmp_path, criteria=header + criteria)
    with pytest.raises(SourceDataError) as caught:
        load_controls(controls)
    assert caught.value.file.endswith("XX/criteria.csv")
    assert caught.value.line == line
    assert caught.value.column == column
    assert words in caught.value.message


def test_unknown_parent_and_bad_date_are_located(tmp_path: Path) -> None:
    entries = (
        ENTRY_HEADER + "1A002,1A999,L,hardware,Orphan,,,,,,,,2024-01-01,,,primary,,S1,all,,,,,\n"
    )
    with pytest.raises(SourceDataError, match="unknown parent") as caught:
        load_controls(
            write_tree(
                tmp_path / "a", entries=entries, criteria="code,parameter,comparator,value,unit\n"
            )
        )
    assert caught.value.line == 2
    entries = ENTRY_HEADER + "1A002,,L,hardware,Dated,,,,,,,,2024-13-01,,,primary,,S1,all,,,,,\n"
    with pytest.raises(SourceDataError, match="ISO date"):
        load_controls(
            write_tree(
                tmp_path / "b", entries=entries, criteria="code,parameter,comparator,value,unit\n"
            )
        )


def test_ragged_row_is_refused(tmp_path: Path) -> None:
    controls = write_tree(tmp_path, criteria=CRITERIA + "1A001.a,1,cnot-error\n")
    with pytest.raises(SourceDataError, match="cells where the header has") as caught:
        load_controls(controls)
    assert caught.value.line == 4


EXCLUSIONS = (
    "id,title,applies_to,conditions,sources,evidence,notes\n"
    "fr,Research,technology,intended_for_publication=true ; project_stage in basic-research|applied-research,S1,primary,\n"
)


def test_exclusion_conditions_become_data(tmp_path: Path) -> None:
    controls = write_tree(tmp_path)
    (controls / "XX" / "exclusions.csv").write_text(EXCLUSIONS)
    store = as_store(controls)
    query = (
        "SELECT ?field ?value WHERE { ?x a eg:ResearchExclusion ; eg:hasCondition ?c . "
        "?c a eg:Condition ; eg:onRequestField ?field ; eg:allowedValue ?value }"
    )
    found = {
        (r["field"].value, r["value"].value) for r in store.query(ns.sparql_prefixes() + query)
    }
    assert found == {
        ("intended_for_publication", "true"),
        ("project_stage", "basic-research"),
        ("project_stage", "applied-research"),
    }


def test_a_malformed_condition_is_located(tmp_path: Path) -> None:
    controls = write_tree(tmp_path)
    (controls / "XX" / "exclusions.csv").write_text(
        EXCLUSIONS.replace("project_stage in", "stage ~")
    )
    with pytest.raises(SourceDataError, match="field=value") as caught:
        load_controls(controls)
    assert (caught.value.line, caught.value.column) == (2, "conditions")


def test_the_vocabulary_decides_which_activities_tables_may_use(tmp_path: Path) -> None:
    entries = ENTRIES.replace("all-except:YY,export,", "all-except:YY,brokering,")
    with pytest.raises(SourceDataError, match="unknown activity 'brokering'"):
        load_controls(write_tree(tmp_path / "a", entries=entries))
    controls = write_tree(tmp_path / "b", entries=entries)
    vocabulary = controls.parent / "vocabulary.ttl"
    vocabulary.write_text(
        vocabulary.read_text()
        + "\nactivity:brokering a skos:Concept , eg:Activity ; skos:inScheme scheme:activities ;"
        ' skos:notation "brokering" ; skos:prefLabel "brokering"@en .\n'
    )
    assert load_controls(controls)
    vocabulary.unlink()
    with pytest.raises(SourceDataError, match="vocabulary"):
        load_controls(controls)


STANDING_HEADER = ENTRY_HEADER.replace(
    "effective_date_note,", "effective_date_note,date_basis,legal_status,open_questions,"
)


def _standing(basis: str, status: str, questions: str) -> str:
    return STANDING_HEADER + (
        f"1A001,,L,hardware,Quantum things,,,,,,,,2024-01-01,,note,{basis},{status},{questions},"
        "primary,,S1,all,export,,,,\n"
        "1A001.a,1A001,,,Big,quantum-computer,,,,,,,,,,,,,,,,,,,,,\n"
    )


def test_date_basis_status_and_open_questions_are_data_inherited(tmp_path: Path) -> None:
    entries = _standing("lower-bound", "proposed", "Was it amended? | Is it in force?")
    store = as_store(write_tree(tmp_path, entries=entries, criteria=CRITERIA))
    sub = ns.entry_iri("XX", "1A001.a")
    query = (
        f"SELECT ?basis ?status ?q WHERE {{ {sub} eg:dateBasis ?basis ; eg:legalStatus ?status ;"
        " eg:openQuestion ?q }"
    )
    rows = list(store.query(query, prefixes={"eg": ns.EG}))
    assert {(r["basis"].value, r["status"].value) for r in rows} == {
        (
            ns.concept_iri("date-basis", "lower-bound").value,
            ns.concept_iri("legal-status", "proposed").value,
        )
    }
    assert {r["q"].value for r in rows} == {"Was it amended?", "Is it in force?"}


@pytest.mark.parametrize(
    ("basis", "status", "column"),
    [("guessed", "", "date_basis"), ("", "rumoured", "legal_status")],
)
def test_an_unknown_date_basis_or_status_is_located(
    tmp_path: Path, basis: str, status: str, column: str
) -> None:
    with pytest.raises(SourceDataError, match="expected one of") as caught:
        load_controls(write_tree(tmp_path, entries=_standing(basis, status, "")))
    assert (caught.value.line, caught.value.column) == (2, column)
