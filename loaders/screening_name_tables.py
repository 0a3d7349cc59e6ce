"""The name-matching tables of ``ontology/screening/``: legal forms and transliteration
spelling folds."""

from __future__ import annotations

from pathlib import Path

from exportgraph.loaders.screening_model import LegalForm, SpellingFold
from exportgraph.loaders.tables import read_table

FOLD_POSITIONS = ("any", "start", "end", "word")


def read_legal_forms(path: Path, name: str) -> list[LegalForm]:
    forms = []
    for row in read_table(path, ("notation", "label_en", "variants"), name=name):
        variants = tuple(row.texts("variants"))
        if not variants:
            raise row.error("variants", "a legal form needs at least one written variant")
        forms.append(
            LegalForm(row.require("notation"), row.require("label_en"), variants, row.get("note"))
        )
    return forms


def read_spelling_folds(path: Path, name: str) -> list[SpellingFold]:
    folds = []
    columns = ("pattern", "replacement", "position")
    for order, row in enumerate(read_table(path, columns, name=name), start=1):
        pattern = row.require("pattern")
        if not (pattern.isascii() and pattern.isalpha() and pattern.islower()):
            raise row.error("pattern", f"expected lower-case ASCII letters, got {pattern!r}")
        replacement = row.get("replacement")
        if replacement and not (replacement.isascii() and replacement.isalpha()):
            raise row.error("replacement", f"expected ASCII letters, got {replacement!r}")
        position = row.require("position")
        if position not in FOLD_POSITIONS:
            raise row.error("position", f"expected one of {', '.join(FOLD_POSITIONS)}")
        folds.append(
            SpellingFold(order, pattern, replacement, position, row.get("example"), row.get("note"))
        )
    return folds
