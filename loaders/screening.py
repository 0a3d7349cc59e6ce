"""Restricted-party screening data → typed records.

Sources: the US Consolidated Screening List as published in ``ontology/sources/``
(``us-consolidated-screening-list-*.json``; its ``fieldKey`` explains the short keys) and the
name-matching tables of ``ontology/screening/`` (legal forms, transliteration spelling folds, the
list's own country spellings). The records are read straight from these files, on first use, into
the screening index (``exportgraph.knowledge.screening``): 25,921 parties are not terminology, so
they stay out of the reasoned graph and out of the data version (answers name the file's version
and sha256 instead).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from exportgraph.loaders.screening_countries import read_country_spellings
from exportgraph.loaders.screening_list import read_screening_list
from exportgraph.loaders.screening_model import ScreeningData
from exportgraph.loaders.screening_name_tables import read_legal_forms, read_spelling_folds

LIST_FILE_PATTERN = "us-consolidated-screening-list-*.json"
TABLES_DIR = "screening"
JURISDICTION = "US"
TABLE_FILES = ("country-spellings.csv", "legal-forms.csv", "spelling-folds.csv")


def list_files(sources_dir: Path) -> list[Path]:
    """The consolidated-list files present, oldest first (the date is in the name)."""
    return sorted(sources_dir.glob(LIST_FILE_PATTERN))


def input_files(ontology: Path) -> list[Path]:
    """The files screening reads; none when no consolidated list is present (should two versions
    be present, the newest counts: a new version replaces the file)."""
    files = list_files(ontology / "sources")
    if not files:
        return []
    tables = ontology / TABLES_DIR
    return [files[-1], *(tables / name for name in TABLE_FILES)]


def inputs_digest(files: Iterable[Path], relative: Callable[[Path], str] = str) -> str:
    """sha256 over the names and bytes of the files (length-prefixed, so no two inputs collide)."""
    digest = hashlib.sha256()
    for path in files:
        for part in (relative(path).encode("utf-8"), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def load_screening(ontology: Path, relative: Callable[[Path], str] = str) -> ScreeningData | None:
    """The screening data read from ``ontology`` (``relative`` names the files in errors and
    provenance); None when the consolidated list is absent. A malformed input raises
    SourceDataError naming the file and the place."""
    files = input_files(ontology)
    if not files:
        return None
    list_file, spellings_path, forms_path, folds_path = files
    spellings = read_country_spellings(spellings_path, relative(spellings_path))
    return ScreeningData(
        consolidated=read_screening_list(list_file, relative(list_file), spellings),
        legal_forms=tuple(read_legal_forms(forms_path, relative(forms_path))),
        spelling_folds=tuple(read_spelling_folds(folds_path, relative(folds_path))),
        inputs_digest=inputs_digest(files, relative),
    )
