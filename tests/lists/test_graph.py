"""The whole lists in the built store: listed entries, curated ones left the authority, notes,
chart rows, country groups, defined terms, provenance of each source file."""

from __future__ import annotations

import hashlib

from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns
from exportgraph.graph.queries import bind
from exportgraph.store import Solutions, Store
from tests.lists.conftest import source_path


def _select(store: Store, query: str, **values: NamedNode) -> Solutions:
    return store.select(bind(query, [dict(values)]))


def _text(term: object) -> str:
    assert isinstance(term, Literal | NamedNode)
    return term.value


def test_uncurated_paragraph_is_text_only_with_provenance(built: Store) -> None:
    rows = _select(built, "listed_entry", entry=ns.entry_iri("US", "3A001.a.1"))
    assert len(rows) == 1
    row = rows[0]
    assert _text(row["id"]) == "US:3A001.a.1"
    assert _text(row["formalized"]) == "false"
    assert row["parent"] == ns.entry_iri("US", "3A001.a")
    assert _text(row["text"]).startswith("Integrated circuits designed or rated as radiation")
    data = source_path("us-ccl-15cfr774-supp1.xml").read_bytes()
    assert _text(row["sha256"]) == hashlib.sha256(data).hexdigest()
    assert _text(row["file"]) == "ontology/sources/us-ccl-15cfr774-supp1.xml"


def test_curated_entry_keeps_its_own_title_and_sort_key(built: Store) -> None:
    entry = ns.entry_iri("US", "4A906.a.2")
    rows = _select(built, "listed_entry", entry=entry)
    assert len(rows) == 1 and _text(rows[0]["formalized"]) == "true"
    assert "100 or more, but fewer than 200" in _text(rows[0]["text"])
    single = f"SELECT (COUNT(?t) AS ?n) (COUNT(?k) AS ?m) WHERE {{ {{ {entry} <{ns.DCTERMS}title> ?t }} UNION {{ {entry} <{ns.EG}sortKey> ?k }} }}"
    counts = built.select(single)[0]
    assert (_text(counts["n"]), _text(counts["m"])) == ("1", "1")
    # no criteria come from the text: the curated ones are the only ones
    criteria = f"SELECT ?c WHERE {{ {entry} <{ns.EG}alternative>/<{ns.EG}criterion> ?c }}"
    assert len(built.select(criteria)) == 3


def test_every_entry_has_one_title_and_at_most_one_sort_key(built: Store) -> None:
    """EU 7A008 had two titles (the listed text whole, the formalized entry its first line) and US
    6E201 two sort keys (two served rows): a reader picks either, so a what-if read the US and EU
    lists as changed by any change."""
    for predicate in (f"<{ns.DCTERMS}title>", f"<{ns.EG}sortKey>"):
        twice = built.select(
            f"SELECT ?e WHERE {{ ?e a <{ns.EG}ControlEntry> ; {predicate} ?v }} "
            "GROUP BY ?e HAVING (COUNT(DISTINCT ?v) > 1)"
        )
        assert [_text(row["e"]) for row in twice] == [], predicate


def test_eu_note_1_of_4a506_on_the_entry(built: Store) -> None:
    rows = _select(built, "listed_notes", entry=ns.entry_iri("EU", "4A506"))
    note = next(r for r in rows if _text(r["heading"]) == "Note 1:")
    assert "gate-based" in _text(note["text"]) and "annealing" in _text(note["text"])


def test_chart_rows_name_their_columns(built: Store) -> None:
    rows = _select(built, "listed_chart_rows", entry=ns.entry_iri("US", "6A005"))
    assert [(_text(r["reason"]), _text(r["column"])) for r in rows] == [
        ("NS", "NS2"),
        ("NP", "NP1"),
        ("AT", "AT1"),
    ]
    china = _select(built, "chart_row", destination=ns.jurisdiction_iri("CN"))
    assert {"NS2", "RS1"} <= {_text(r["column"]) for r in china}


def test_country_group_members_and_no_new_jurisdictions(built: Store) -> None:
    rows = _select(built, "country_group_members", group=ns.country_group_iri("US", "E:1"))
    assert {r["member"] for r in rows} == {ns.jurisdiction_iri(code) for code in ("IR", "KP", "SY")}
    # destinations of the chart are not typed as the data's jurisdictions (no inference either)
    typed = f"ASK {{ {ns.jurisdiction_iri('SY')} a <{ns.EG}Jurisdiction> }}"
    assert not built.ask(typed)


def test_defined_term_linked_from_the_entry_quoting_it(built: Store) -> None:
    rows = _select(built, "defined_terms_quoted", entry=ns.entry_iri("EU", "4A506"))
    labels = {_text(r["label"]) for r in rows}
    assert "Electronic assembly" in labels
    assert all(_text(r["scheme"]).endswith("scheme/defined-terms/EU") for r in rows)


def test_every_source_file_recorded_with_its_sha256(built: Store) -> None:
    query = (
        f"SELECT ?file ?sha WHERE {{ ?f a <{ns.PROV}Entity> ; "
        f"<{ns.DCTERMS}identifier> ?file ; <{ns.EG}sha256> ?sha }}"
    )
    found = {_text(r["file"]): _text(r["sha"]) for r in built.select(query)}
    for name in (
        "us-ccl-15cfr774-supp1.xml",
        "eu-2021-821-annex-i-20251115.json",
        "us-15cfr738-country-chart.json",
        "us-15cfr740-country-groups.json",
    ):
        digest = hashlib.sha256(source_path(name).read_bytes()).hexdigest()
        assert found[f"ontology/sources/{name}"] == digest


def test_coverage_counts_entries_and_formalized_thresholds(built: Store) -> None:
    from exportgraph.knowledge.current import of_store
    from exportgraph.services.standards.coverage import coverage

    answer = coverage(of_store(built), built, "v")
    found = {j["jurisdiction"]: j for j in answer["jurisdictions"]}
    us, eu = found["US"], found["EU"]
    assert (us["entries"], eu["entries"]) == (638, 384)
    for whole in (us, eu):
        assert whole["whole_list"] is True
        assert whole["thresholds_stated"] and whole["thresholds_stated"] > 1000
        assert whole["share_formalized"] == round(
            whole["thresholds_formalized"] / whole["thresholds_stated"], 4
        )
        six = next(c for c in whole["categories"] if c["category"] == "6")
        assert six["entries_with_formalized_criteria"] >= 1  # 6A007.a (and US 6A006)
        assert six["thresholds_formalized"] >= 100  # the 6A005 laser families (families.csv)
        three = next(c for c in whole["categories"] if c["category"] == "3")
        assert three["thresholds_formalized"] >= 50  # 3A001.a.5.a, a.13, d; 3A002.f, h
        assert six["paragraphs_text_only"] >= 3
        assert sum(c["entries"] for c in whole["categories"]) == whole["entries"]
    assert found["GB"]["thresholds_stated"] is None and found["GB"]["whole_list"] is False


def test_coverage_never_counts_more_formalized_than_stated(built: Store) -> None:
    """The stated and formalized counts use the same words (loaders/formalize_words.py): in
    every jurisdiction and category, formalized ≤ stated — the EU's curated 4A506 bands (an
    upper bound the text implies through the next band) and the fixed phrases a note defines
    ("single transverse mode": M² < 1.3) are data, not thresholds the paragraphs state."""
    from exportgraph.knowledge.current import of_store
    from exportgraph.services.standards.coverage import coverage

    answer = coverage(of_store(built), built, "v")
    whole = [j for j in answer["jurisdictions"] if j["whole_list"]]
    assert {j["jurisdiction"] for j in whole} == {"US", "EU"}
    for jurisdiction in whole:
        for counts in (jurisdiction, *jurisdiction["categories"]):
            stated, formalized = counts["thresholds_stated"], counts["thresholds_formalized"]
            assert stated is not None and formalized <= stated, (
                jurisdiction["jurisdiction"],
                counts,
            )
        four = next(c for c in jurisdiction["categories"] if c["category"] == "4")
        assert four["thresholds_formalized"] >= 15  # 4A506.a.1-.a.7 (EU) / 4A906 (US), 4A003.b
