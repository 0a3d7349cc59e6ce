"""Check the curated rows (ontology/controls/{J}/entries.csv and criteria.csv) against the
official text, and report every difference found.

- Every curated entry code must be a paragraph of the official text (check ``paragraph``).
- Every criterion's number and unit must occur in the official text of its entry (the paragraph
  and the paragraphs below it): "4.5 K", "4,5 K" (EU decimal comma), "1,100" (US thousands
  separator), "600 µW", "10^-4" (US superscript) and "10-4" (the EU extraction lost the
  superscript), "2 × 10-3" (check ``value``).
- Where the number is found, the words the text puts next to it ("or more", "fewer than", "less
  than or equal to", "from … to … inclusive") must say the curated comparator (check
  ``comparator``): a range, or a number with no comparing words, is reported too.

What differs is for a reviewer, listed with a one-line explanation in
ontology/controls/official-text-differences.csv (tests/lists/test_official_text.py keeps that
list and the findings equal, and prints them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
NUMBER = re.compile(
    r"(?:(?P<mantissa>\d+(?:[.,]\d+)?)\s*[×x]\s*)?(?P<base>\d+(?:[.,]\d+)*)"
    r"(?:\s*\^\s*(?P<power>[−–-]?\s*\d+)|\s*(?P<exponent>[−–-]\s*\d+))?"
)
_FLAT_POWER = re.compile(r"10(\d{1,2})")
"""``× 106``: a power of ten whose superscript the EU extraction flattened (10^6)."""


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
    """A curated row that the official text does not bear out as written."""

    criterion: Criterion
    finding: str
    """In words: "no such paragraph in the official text", "value not in the text of …",
    "the text of … writes 'fewer than 100' (<), not <=" …"""
    check: str = "value"
    """Which check found it: ``paragraph``, ``value`` or ``comparator``."""

    @property
    def key(self) -> tuple[str, str, str, str, str, str, str]:
        c = self.criterion
        value = "" if c.parameter == "" else format(c.value, "f")
        return (c.jurisdiction, c.code, c.parameter, c.comparator, value, c.unit, self.check)


# The words a text writes before (or, for "or more", after) a number, and the comparator they
# say; the longest phrases first so "less than or equal to" is not read as "less than".
_BEFORE: tuple[tuple[str, str], ...] = (
    ("at or below a temperature of", "<="),
    ("at or above a temperature of", ">="),
    ("at or below", "<="),
    ("at or above", ">="),
    ("up to and including", "<="),
    ("less than or equal to", "<="),
    ("equal to or less than", "<="),
    ("equal to or lower than", "<="),
    ("not exceeding", "<="),
    ("not more than", "<="),
    ("up to", "<="),
    ("greater than or equal to", ">="),
    ("equal to or greater than", ">="),
    ("equal to or more than", ">="),
    ("not less than", ">="),
    ("at least", ">="),
    ("less than", "<"),
    ("fewer than", "<"),
    ("lower than", "<"),
    ("below", "<"),
    ("greater than", ">"),
    ("more than", ">"),
    ("higher than", ">"),
    ("exceeding", ">"),
    ("in excess of", ">"),
    ("above", ">"),
    ("≤", "<="),
    ("≥", ">="),
    ("<", "<"),
    (">", ">"),
)
_AFTER: tuple[tuple[str, str], ...] = (
    ("or more", ">="),
    ("or greater", ">="),
    ("or above", ">="),
    ("or less", "<="),
    ("or below", "<="),
    ("or fewer", "<="),
)
_RANGE = "range"
_ASIDE = re.compile(r"\((?:better|worse|lower|higher)\)\s*")


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


def read_entry_codes(controls: Path, jurisdiction: str) -> list[Criterion]:
    """The curated entry codes of a jurisdiction, as rows without a threshold (for the
    ``paragraph`` check)."""
    path = controls / jurisdiction / "entries.csv"
    return [
        Criterion(jurisdiction, row.require("code"), "", "", Decimal(0), "", row.line)
        for row in read_table(path, ("code",))
    ]


def check_entries(entries: list[Criterion], trees: dict[str, TextNode]) -> list[Difference]:
    """The curated entry codes that are no paragraph of the official text."""
    return [
        Difference(entry, "no such paragraph in the official text", "paragraph")
        for entry in entries
        if _node(entry.code, trees) is None
    ]


def check(criteria: list[Criterion], trees: dict[str, TextNode]) -> list[Difference]:
    """Every difference between the criteria and the text of their paragraph (or subtree): the
    paragraph missing, the value and unit not written, or written with other comparing words.
    ``trees`` maps each entry code (``3A901``) to its tree."""
    differences = []
    for criterion in criteria:
        node = _node(criterion.code, trees)
        if node is None:
            differences.append(Difference(criterion, "no such paragraph in the official text"))
            continue
        text = subtree_text(node)
        written = comparators(criterion.value, criterion.unit, text)
        if not written:
            differences.append(Difference(criterion, f"value not in the text of {node.code}"))
        elif criterion.comparator not in {comparator for comparator, _ in written}:
            said = "; ".join(f"'{words}' ({comparator})" for comparator, words in written)
            differences.append(
                Difference(
                    criterion,
                    f"the text of {node.code} writes {said}, not {criterion.comparator}",
                    "comparator",
                )
            )
    return differences


def _node(code: str, trees: dict[str, TextNode]) -> TextNode | None:
    tree = trees.get(code.split(".", 1)[0])
    return tree.find(code) if tree else None


def subtree_text(node: TextNode) -> str:
    return "\n".join(n.text for n in node.walk())


def found(value: Decimal, unit: str, text: str) -> bool:
    """Whether the text writes the value (in any of the spellings above) followed by the unit."""
    return any(True for _ in _occurrences(value, unit, text))


def comparators(value: Decimal, unit: str, text: str) -> list[tuple[str, str]]:
    """Each place the text writes the value and unit: the comparator its words say (``range``
    for "from 2 GHz to 15 GHz", ``none`` when no comparing words stand next to it) and the words
    themselves, once each."""
    said: list[tuple[str, str]] = []
    for match, end in _occurrences(value, unit, text):
        before = _ASIDE.sub("", text[max(0, match.start() - 60) : match.start()]).rstrip().lower()
        after = text[end : end + 40].lstrip().lower()
        number = text[match.start() : end]
        reading = next(
            ((c, f"{number} {w}") for w, c in _AFTER if after.startswith(w)),
            None,
        ) or next(((c, f"{w} {number}") for w, c in _BEFORE if before.endswith(w)), None)
        if reading is None and (
            re.search(r"\b(?:from|between)$", before) or re.match(r"(?:to|and)\s+\d", after)
        ):
            reading = (_RANGE, f"{before.rsplit(' ', 1)[-1]} {number} {after[:20]}".strip())
        if reading is None:
            reading = ("none", number)
        if reading not in said:
            said.append(reading)
    return said


def _occurrences(value: Decimal, unit: str, text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each match of the value followed by the unit, with where the unit ends."""
    words = UNIT_WORDS[unit]
    for match in NUMBER.finditer(text):
        if value not in readings(match):
            continue
        gap = len(text[match.end() :]) - len(text[match.end() :].lstrip())
        after = text[match.end() + gap :]
        if not words:
            yield match, match.end()
            continue
        word = next((w for w in words if _starts_with_word(after, w)), None)
        if word is not None:
            yield match, match.end() + gap + len(word)


def _starts_with_word(text: str, word: str) -> bool:
    if not text.startswith(word):
        return False
    rest = text[len(word) :]
    return not rest or not rest[0].isalnum()


def readings(match: re.Match[str]) -> set[Decimal]:
    """Every value a written number may mean (decimal comma or thousands separator)."""
    bases = _decimals(match.group("base"))
    mantissas = _decimals(match.group("mantissa")) if match.group("mantissa") else {Decimal(1)}
    exponent = match.group("power") or match.group("exponent")
    readings = set(bases)
    if exponent:
        power = int(re.sub(r"[−–]", "-", re.sub(r"\s", "", exponent)))
        if bases == {Decimal(10)}:
            readings |= {m * Decimal(10) ** power for m in mantissas}
    elif match.group("mantissa") and (flat := _FLAT_POWER.fullmatch(match.group("base"))):
        readings |= {m * Decimal(10) ** int(flat.group(1)) for m in mantissas}
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
