"""A broken official source fails the load naming the file, the entry and the line, and the
store keeps serving its previous data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exportgraph.loaders.annex_i import read_annex_i
from exportgraph.loaders.ccl import read_ccl
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.tables import SourceDataError

from exportgraph.graph.build import build
from exportgraph.paths import ontology_dir
from exportgraph.store import LoadError, Store
from tests.lists.conftest import source_path

CCL = "us-ccl-15cfr774-supp1.xml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / CCL
    path.write_text(text, encoding="utf-8")
    return path


def test_truncated_xml_names_line_and_last_entry(tmp_path: Path) -> None:
    lines = source_path(CCL).read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("<FP-2><B>4A906 ")) + 20
    path = _write(tmp_path, "".join(lines[:cut]))
    with pytest.raises(SourceDataError) as caught:
        read_ccl(path, "ccl.xml")
    assert caught.value.file == "ccl.xml"
    assert caught.value.line >= cut
    assert "not well-formed" in caught.value.message and "ECCN 4A906" in caught.value.message


def test_renamed_heading_element_is_named(tmp_path: Path) -> None:
    text = source_path(CCL).read_text(encoding="utf-8")
    start = text.index("<FP-2><B>3A901 ")
    end = text.index("</FP-2>", start)
    broken = text[:start] + "<FP-3>" + text[start + 6 : end] + "</FP-3>" + text[end + 7 :]
    line = broken[: broken.index("<FP-3>")].count("\n") + 1
    with pytest.raises(SourceDataError) as caught:
        read_ccl(_write(tmp_path, broken), "ccl.xml")
    assert caught.value.line == line
    assert "<FP-3>" in caught.value.message and "ECCN 3A" in caught.value.message


def test_heading_without_its_bold_element(tmp_path: Path) -> None:
    text = source_path(CCL).read_text(encoding="utf-8")
    start = text.index("<FP-2><B>4A906 ")
    end = text.index("</B>", start)
    broken = text[:start] + "<FP-2>" + text[start + 9 : end] + text[end + 4 :]
    with pytest.raises(SourceDataError) as caught:
        read_ccl(_write(tmp_path, broken), "ccl.xml")
    assert caught.value.line == text[:start].count("\n") + 1
    assert "4A906" in caught.value.message and "<B>" in caught.value.message


def test_eu_entry_that_fails_to_parse(tmp_path: Path) -> None:
    text = source_path("eu-2021-821-annex-i-20251115.json").read_text(encoding="utf-8")
    broken = text.replace("\\n4A506.b Qubit devices", "\\n4A5O6.b Qubit devices", 1)
    path = tmp_path / "annex.json"
    path.write_text(broken, encoding="utf-8")
    names = CountryNames(ontology_dir() / "controls" / "country-names.csv")
    with pytest.raises(SourceDataError) as caught:
        read_annex_i(path, names, "annex.json")
    assert "entry 4A506" in caught.value.message
    assert caught.value.line == broken[: broken.index('"entry_code": "4A506"')].count("\n") + 1


def test_a_broken_list_fails_the_load_and_the_store_keeps_serving(
    built: Store, tmp_path: Path
) -> None:
    before = built.data_version()
    root = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), root)
    whole = (root / "sources" / CCL).read_text(encoding="utf-8")
    (root / "sources" / CCL).write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        build(built, root=root)
    assert CCL in caught.value.source_name and caught.value.line
    assert "not well-formed" in caught.value.message
    assert built.data_version() == before
    assert built.ask("ASK { ?e a <https://w3id.org/exportgraph/ontology#ListedEntry> }")
