"""A JSON arrangement whose members have another shape than the source's fails the load naming
the file (a string where a list stands is not read letter by letter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exportgraph.loaders.annex_i import read_annex_i
from exportgraph.loaders.country_chart import read_country_chart, read_country_groups
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.tables import SourceDataError

from tests.lists.conftest import SOURCES

CHART = "us-15cfr738-country-chart.json"


def _rewritten(tmp_path: Path, name: str, change: dict[str, object]) -> Path:
    document = json.loads((SOURCES / name).read_text(encoding="utf-8"))
    document.update(change)
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_footnotes_written_as_a_string_are_refused(tmp_path: Path, names: CountryNames) -> None:
    document = json.loads((SOURCES / CHART).read_text(encoding="utf-8"))
    country, row = next((c, r) for c, r in document["countries"].items() if r["footnotes"])
    row["footnotes"] = str(row["footnotes"][0])  # "10" would read as footnotes 1 and 0
    path = _rewritten(tmp_path, CHART, {"countries": {country: row}})
    with pytest.raises(SourceDataError) as caught:
        read_country_chart(path, names, "chart.json")
    assert caught.value.file == "chart.json"
    assert "unexpected structure" in caught.value.message and "JSON array" in caught.value.message


def test_groups_that_are_not_an_object_are_refused(tmp_path: Path, names: CountryNames) -> None:
    path = _rewritten(tmp_path, "us-15cfr740-country-groups.json", {"groups": ["A:1"]})
    with pytest.raises(SourceDataError, match="expected a JSON object, found list"):
        read_country_groups(path, names, "groups.json")


def test_entry_count_that_is_no_number_is_refused(tmp_path: Path, names: CountryNames) -> None:
    path = _rewritten(tmp_path, "eu-2021-821-annex-i-20251115.json", {"entry_count": None})
    with pytest.raises(SourceDataError, match="expected a JSON number, found null"):
        read_annex_i(path, names, "annex.json")
