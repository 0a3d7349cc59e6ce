"""A new version of an official source file becomes a release whose diff says what changed in
the law's words and thresholds, and which file changed (its checksum): nothing about where the
file was read from."""

from __future__ import annotations

import shutil
from pathlib import Path

from exportgraph.graph.build import build
from exportgraph.paths import ontology_dir
from exportgraph.services.standards.releases import create_release, diff_releases
from exportgraph.services.users import User
from tests.real_graph import real_store

EU_FILE = "eu-2021-821-annex-i-20251115.json"
WAS = "3A002.g.2 Non-rubidium and having a long-term stability less (better) than 1 × 10-11/month"
NOW = WAS.replace("than 1 × 10-11", "than 2 × 10-11")


def test_a_new_source_version_becomes_a_release_whose_diff_names_the_change(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    shutil.copytree(ontology_dir(), root)
    annex = root / "sources" / EU_FILE
    text = annex.read_text(encoding="utf-8")
    assert text.count(WAS) == 1
    annex.write_text(text.replace(WAS, NOW), encoding="utf-8")
    admin = User("ada", "admin")
    store = real_store()
    try:
        create_release(store, admin, {"version": "2026.12.01"})
        build(store, root=root)  # what `exportgraph load` does with the new file in place
        create_release(store, admin, {"version": "2026.12.02"})
        diff = diff_releases(store, "2026.12.01", "2026.12.02")
    finally:
        store.close()
    (entry,) = diff["entries"]["changed"]
    assert entry["id"] == "EU:3A002.g.2"
    assert {c["property"] for c in entry["changes"]} >= {"eg:officialText"}
    (criterion,) = diff["criteria"]["changed"]
    assert criterion["id"].startswith("EU:3A002.g.2 ")
    value = next(c for c in criterion["changes"] if c["property"] == "eg:thresholdValue")
    assert [float(v.split("^^")[0]) for v in (*value["before"], *value["after"])] == [1e-11, 2e-11]
    assert not diff["entries"]["added"] and not diff["entries"]["removed"]
    files = {row["id"]: row for row in diff["other"]["changed"] if "sources/" in row["id"]}
    assert list(files) == [f"ontology/sources/{EU_FILE}"]
    assert [c["property"] for c in files[f"ontology/sources/{EU_FILE}"]["changes"]] == ["eg:sha256"]
