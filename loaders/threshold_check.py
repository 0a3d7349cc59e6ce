"""Check the curated thresholds (ontology/controls/{J}/criteria.csv) against the official text.

Every criterion's number and unit must occur in the official text of its entry (the paragraph and
the paragraphs below it): "4.5 K", "4,5 K" (EU decimal comma), "1,100" (US thousands separator),
"600 µW", "10^-4" (US superscript) and "10-4" (the EU extraction lost the superscript), "2 × 10-3".
What is not found is a difference for a reviewer, listed with a one-line explanation in
ontology/controls/official-text-differences.csv (tests/knowledge/test_official_text.py keeps that
list and the findings equal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import read_table

UNIT_WORDS = {
    "K": ("K",),
    "MilliK": ("mK",),
    "GigaHZ": ("GHz",),
    "MegaHZ": ("MHz",),
    "DeciB": ("dB",),
    "MicroW": ("µW", "μW"),
    "MilliW": ("mW",),
    "W": ("W",),
    "MilliM": ("mm",),
    "PERCENT": ("%", "percent"),
    "HR": ("hours", "hour", "h"),
    "DAY": ("days", "day"),
    "NUM": (),
    "UNITLESS": (),
}
"""How the texts write each QUDT unit of ontology/units.ttl; empty = a bare number."""
_NUMBER = re.compile(
    r"(?:(?P<mantissa>\d+(?:[.,]\d+)?)\s*[×x]\s*)?(?P<base>\d+(?:[.,]\d+)*)"
    r"(?:\s*\^?\s*(?P<exponent>[−–-]\s*\d+))?"
)


@dataclass(frozen=True)
class Criterion:
    jurisdiction: str
    code: str
    parameter: str
    comparator: str
    value: Decimal
    unit: str
    line: int


@dataclass(frozen=True)
class Difference:
    """A curated criterion whose number and unit the official text does not show."""

    criterion: Criterion
    finding: str
    """"no such paragraph in the official text" or "value not in the text of …"."""

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        c = self.criterion
        return (c.jurisdiction, c.code, c.parameter, c.comparator, format(c.value, "f"), c.unit)


def read_criteria(controls: Path, jurisdiction: str) -> list[Criterion]:
    path = controls / jurisdiction / "criteria.csv"
    columns = ("code", "parameter", "comparator", "value", "unit")
    return [
        Criterion(
            jurisdiction,
            row.require("code"),
            row.require("parameter"),
            row.require("comparator"),
            Decimal(row.require("value")),
            row.require("unit"),
            row.line,
        )
        for row in read_table(path, columns)
    ]


def check(criteria: list[Criterion], trees: dict[str, TextNode]) -> list[Difference]:
    """The criteria whose value and unit are not in the text of their paragraph (or subtree).
    ``trees`` maps each entry code (``3A901``) to its tree."""
    differences = []
    for criterion in criteria:
        tree = trees.get(criterion.code.split(".", 1)[0])
        node = tree.find(criterion.code) if tree else None
        if node is None:
            differences.append(Difference(criterion, "no such paragraph in the official text"))
        elif not found(criterion.value, criterion.unit, subtree_text(node)):
            differences.append(Difference(criterion, f"value not in the text of {node.code}"))
    return differences


def subtree_text(node: TextNode) -> str:
    return "\n".join(n.text for n in node.walk())


def found(value: Decimal, unit: str, text: str) -> bool:
    """Whether the text writes the value (in any of the spellings above) followed by the unit."""
    words = UNIT_WORDS[unit]
    for match in _NUMBER.finditer(text):
        if value not in _readings(match):
            continue
        after = text[match.end() :].lstrip()
        if not words or any(_starts_with_word(after, word) for word in words):
            return True
    return False


def _starts_with_word(text: str, word: str) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word) :]
    return not rest or not rest[0].isalnum()


def _readings(match: re.Match[str]) -> set[Decimal]:
    """Every value a written number may mean (decimal comma or thousands separator)."""
    bases = _decimals(match.group("base"))
    mantissas = _decimals(match.group("mantissa")) if match.group("mantissa") else {Decimal(1)}
    exponent = match.group("exponent")
    readings = set(bases)
    if exponent:
        power = int(re.sub(r"[−–\s]", "-", exponent).replace("--", "-"))
        if bases == {Decimal(10)}:
            readings |= {m * Decimal(10) ** power for m in mantissas}
    return readings


def _decimals(written: str) -> set[Decimal]:
    candidates = {written.replace(",", ""), written.replace(",", ".")}
    values = set()
    for candidate in candidates:
        try:
            values.add(Decimal(candidate))
        except InvalidOperation:
            continue
    return values
