"""The screening service: answers name list, entry, Federal Register citation, source and data
version; the Entity List flag; input errors name their field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exportgraph.loaders.screening_countries import read_country_spellings
from exportgraph.loaders.screening_list import read_screening_list

from exportgraph import paths
from exportgraph.errors import DataUnavailable, InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.screening import screening_index
from exportgraph.services.partners.screening import NOTE, screen, screen_party
from exportgraph.services.partners.screening_matches import covers_all_items, is_qualified

from .conftest import LIST_FILE


def test_a_match_names_list_entry_notice_source_and_version(knowledge: Knowledge) -> None:
    result = screen(knowledge, "Origin Quantum Computing Technology Co Ltd", "CN")
    best = result.matches[0]
    assert best.name == "Origin Quantum Computing Technology (Hefei) Co., Ltd."
    assert best.list_code == "EL" and best.list.startswith("Entity List")
    assert best.entry.startswith("EL:") and best.federal_register == "89 FR 41888"
    assert best.all_items_subject_to_ear and not best.licence_requirement_qualified
    assert result.entity_list_all_items and best in result.entity_list_matches
    kinds = [source.kind for source in best.sources]
    assert kinds == ["list", "federal-register", "source-file"]
    assert "744.16" in best.sources[0].citation
    assert result.source.sha256 in best.sources[2].citation
    assert result.data_version == knowledge.version and result.note == NOTE
    assert result.source.version.startswith("2026-07-31")
    explained = best.explanations.name
    assert explained.legal_forms.query == ("limited company",)
    assert explained.scorer in ("token-alignment", "compact-ratio") and best.score >= 85
    assert [w.query for w in explained.words] == explained.query_key.split()
    assert best.explanations.country.agreement == "match"


def test_a_non_match_still_says_it_is_no_clearance(knowledge: Knowledge) -> None:
    result = screen(knowledge, "Stanford University", "US")
    assert result.matches == () and not result.matched and not result.entity_list_all_items
    assert "not a clearance" in result.note and result.data_version


def test_the_country_filter_keeps_parties_listing_no_country(knowledge: Knowledge) -> None:
    assert screen(knowledge, "Origin Quantum", "DE").matches == ()  # listed in CN only
    assert screen(knowledge, "ISIL-Yemen", "YE").matches  # listed in YE
    unplaced = screen(knowledge, "Quantum Star", "DE").matches  # the list names no country
    assert unplaced and unplaced[0].explanations.country.agreement == "party lists no country"


def test_party_screening_compares_the_country_without_leaving_anyone_out(
    knowledge: Knowledge,
) -> None:
    result = screen_party(knowledge, "Origin Quantum", "DE")
    assert result.matches[0].entry.startswith("EL:") and result.entity_list_all_items
    assert result.matches[0].explanations.country.agreement == "mismatch"
    assert len(result.matches) <= 5


def test_a_lower_threshold_finds_more(knowledge: Knowledge) -> None:
    strict = screen(knowledge, "Shanghai Institute of Applied Physics")
    loose = screen(knowledge, "Shanghai Institute of Applied Physics", threshold=80)
    assert len(loose.matches) > len(strict.matches) and loose.threshold == 80


def test_every_licence_requirement_of_the_list_is_read() -> None:
    spellings = read_country_spellings(
        paths.ontology_dir() / "screening" / "country-spellings.csv", "spellings"
    )
    listed = read_screening_list(paths.ontology_dir() / "sources" / LIST_FILE, "list", spellings)
    texts = {p.licence_requirement for p in listed.parties if p.licence_requirement}
    meu = {p.licence_requirement for p in listed.parties if p.list_code == "MEU"}
    el = {p.licence_requirement for p in listed.parties if p.list_code == "EL"} - {None}
    assert meu and not any(covers_all_items(t) for t in meu)  # items of Supp. 2 to part 744 only
    partial = {t for t in el if t and t.startswith("For items on the CCL")}
    assert partial and not any(covers_all_items(t) for t in partial)
    assert all(covers_all_items(t) for t in el - partial)
    assert len(texts) > 80
    assert is_qualified("All items subject to the EAR except for: crude oil …")
    assert is_qualified("For all items subject to the EAR when used in projects specified in …")
    assert not is_qualified("For all items subject to the EAR. (See §744.11 of the EAR).")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "!!! ???"}, "name"),
        ({"name": "Origin", "country": "XX"}, "country"),
        ({"name": "Origin", "country": "CHN"}, "country"),
        ({"name": "Origin", "threshold": 0}, "threshold"),
        ({"name": "Origin", "threshold": 100.5}, "threshold"),
        ({"name": "Origin", "threshold": float("nan")}, "threshold"),
        ({"name": "Origin", "limit": 0}, "limit"),
    ],
)
def test_bad_input_names_its_field(
    knowledge: Knowledge, arguments: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        screen(knowledge, **arguments)  # type: ignore[arg-type]
    assert raised.value.field == field and field in raised.value.detail


def test_uk_is_read_as_gb(knowledge: Knowledge) -> None:
    assert screen(knowledge, "Kaspersky Labs Limited", "uk").country == "GB"


def test_without_a_list_screening_refuses_rather_than_clears(
    knowledge: Knowledge, make_root: Callable[[dict[str, Any] | None], Path], monkeypatch: Any
) -> None:
    root = make_root(None)
    monkeypatch.setattr(
        "exportgraph.services.partners.screening.screening_index", lambda: screening_index(root)
    )
    with pytest.raises(DataUnavailable) as raised:
        screen(knowledge, "Origin Quantum")
    assert "us-consolidated-screening-list" in raised.value.detail
