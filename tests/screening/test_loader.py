"""loaders/screening.py: the consolidated list read into typed records and N-Triples, every
malformed value named."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from exportgraph.loaders.screening import LIST_FILE_PATTERN, input_files, load_screening
from exportgraph.loaders.screening_countries import read_country_spellings
from exportgraph.loaders.screening_list import read_screening_list
from exportgraph.loaders.screening_model import ScreeningList
from exportgraph.loaders.screening_name_tables import read_legal_forms, read_spelling_folds
from exportgraph.loaders.tables import SourceDataError
from hypothesis import given
from hypothesis import strategies as st

from exportgraph import paths

from .conftest import LIST_FILE, sample_document

ONTOLOGY = paths.ontology_dir()
SPELLINGS = read_country_spellings(ONTOLOGY / "screening" / "country-spellings.csv", "spellings")


ONE_ENTRY = sample_document(("AO Kaspersky Lab",))


@pytest.fixture(scope="module")
def real() -> ScreeningList:
    return read_screening_list(ONTOLOGY / "sources" / LIST_FILE, "list.json", SPELLINGS)


def test_the_whole_list_is_read_with_its_provenance(real: ScreeningList) -> None:
    path = ONTOLOGY / "sources" / LIST_FILE
    assert real.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert real.source.version == "2026-07-31T13:15:00.015113+00:00"
    assert len(real.parties) == 25921 == real.source.entry_count
    assert len({p.id for p in real.parties}) == len(real.parties)
    assert {party_list.code for party_list in real.lists} >= {"EL", "DPL", "UVL", "MEU", "SDN"}
    by_code = {party_list.code: party_list for party_list in real.lists}
    assert by_code["EL"].citation.startswith("15 C.F.R. § 744.16")
    assert by_code["EL"].url == "https://www.bis.gov/regulations/ear/744#supplement-4-744"


def test_an_entity_list_party_keeps_its_entry_as_listed(real: ScreeningList) -> None:
    origin = next(p for p in real.parties if p.name.startswith("Origin Quantum Computing"))
    assert origin.list_code == "EL" and origin.id.startswith("EL:")
    assert origin.federal_register == "89 FR 41888"
    assert origin.countries == ("CN",)
    assert "Origin Quantum" in origin.alt_names
    assert (
        origin.licence_requirement and "all items subject to the EAR" in origin.licence_requirement
    )
    assert origin.entity_number is None  # BIS lists carry no entity numbers
    sdn = next(p for p in real.parties if p.name == "PRIGOZHIN, Yevgeniy Viktorovich")
    assert sdn.id == f"SDN:{sdn.entity_number}" and sdn.party_type == "Individual"


def test_country_spellings_become_iso_codes_and_regions_stay_verbatim(real: ScreeningList) -> None:
    turkish = next(p for p in real.parties if p.name == "Ozkanlar Grup Makine AS")
    assert turkish.countries == ("TR",) and turkish.regions == ()  # the list writes TURKIYE
    regions = {r for p in real.parties for r in p.regions}
    assert "REGION: WEST BANK" in regions and "TURKIYE" not in regions
    assert all(len(c) == 2 for p in real.parties for c in p.countries)


@given(st.text(min_size=1).filter(str.strip))
def test_any_name_is_read_as_written(text: str) -> None:
    document = copy.deepcopy(ONE_ENTRY)
    document["entries"][0]["n"] = text
    (party,) = _read(document).parties
    assert party.name == text.strip()


def _read(document: dict[str, Any], tmp: Path | None = None) -> ScreeningList:
    import tempfile

    folder = Path(tmp or tempfile.mkdtemp())
    path = folder / LIST_FILE
    path.write_text(json.dumps(document), encoding="utf-8")
    return read_screening_list(path, "list.json", SPELLINGS)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["entries"][0].update(x=1), "entries[0]"),
        (lambda d: d["entries"][0].update(s=99), "entries[0].s"),
        (lambda d: d["entries"][0].update(lr=999), "entries[0].lr"),
        (lambda d: d["entries"][0].update(n=""), "entries[0].n"),
        (lambda d: d["entries"][0].update(c="CN"), "entries[0].c"),
        (lambda d: d.update(entryCount=7), "entryCount"),
        (lambda d: d["fieldKey"].update(zz="new field"), "fieldKey"),
        (lambda d: d.pop("tables"), "tables"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_value(
    change: object, where: str, tmp_path: Path
) -> None:
    document = copy.deepcopy(ONE_ENTRY)
    change(document)  # type: ignore[operator]
    with pytest.raises(SourceDataError) as raised:
        _read(document, tmp_path)
    assert raised.value.column == where, raised.value


def test_tables_are_checked(tmp_path: Path) -> None:
    folds = tmp_path / "folds.csv"
    folds.write_text("pattern,replacement,position\nks,x,middle\n", encoding="utf-8")
    with pytest.raises(SourceDataError) as raised:
        read_spelling_folds(folds, "folds.csv")
    assert (raised.value.line, raised.value.column) == (2, "position")
    forms = tmp_path / "forms.csv"
    forms.write_text(
        "notation,label_en,variants\nllc,limited liability company,\n", encoding="utf-8"
    )
    with pytest.raises(SourceDataError) as raised:
        read_legal_forms(forms, "forms.csv")
    assert raised.value.column == "variants"
    spellings = tmp_path / "spellings.csv"
    spellings.write_text("spelling,country\nNARNIA,XX\n", encoding="utf-8")
    with pytest.raises(SourceDataError) as raised:
        read_country_spellings(spellings, "spellings.csv")
    assert raised.value.column == "country"


def test_without_a_list_there_is_nothing_to_load(tmp_path: Path) -> None:
    assert input_files(tmp_path) == [] and load_screening(tmp_path) is None
    (tmp_path / "sources").mkdir()
    for name in ("us-consolidated-screening-list-20250101.json", LIST_FILE):
        (tmp_path / "sources" / name).write_text("{}", encoding="utf-8")
    assert input_files(tmp_path)[0].name == LIST_FILE  # the newest version counts
    assert LIST_FILE_PATTERN.startswith("us-consolidated-screening-list-")
