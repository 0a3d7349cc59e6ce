"""The words the official texts state numeric thresholds with, in one place: the comparators the
readers (loaders/formalize.py, loaders/formalize_clauses.py) turn into signs, and the count of the
thresholds a paragraph states (``stated_thresholds``: the denominator of ``GET /v1/coverage``),
made of the same words plus the few the readers never formalize, so that no paragraph can have
more thresholds formalized than it states.

Before the number (any case: "More than 1,500 terminals", "Less (better) than 4 V"):
"less/lower/shorter/smaller than" ``<``, "more/greater/higher/longer/larger than", "exceeding",
"in excess of" ``>`` ("equal to or in excess of" ``>=``, US 8A992.l), each with "(better)" (or
written "better (less) than", "better (greater) than"), "equal to or …", "… or equal to" (US 3B001.c.4.b
once drops the "to": "less than or equal 2 percent"); "not exceeding",
"not more than" ``<=``; "up to and including" ``<=`` (closing a range: "exceeding 2,7 GHz up to
and including 6,8 GHz"); "not less than", "at least" ``>=``; "above" ``>`` and "below" ``<``,
exclusive as written:
the texts say "equal to or below", "below or equal to" (US 3B001.a.4.b, 3B993.f.4.b) when the value
itself is included. After the number and its unit: "or more", "or greater" ``>=``; "or less",
"or less (better)" ``<=``. Of a length that is finer when smaller (a resolution, precision or
positioning accuracy in micrometres, US 3B991/3B992): "finer than" ``<`` before the number, "or
finer" ``<=`` after it. Not read nor counted: "no better than" (whether more or less is better
is the quantity's). A signed tolerance ("finer than ±0.25 micrometer", "less than ±1 micrometer")
is counted, and read only by a phrase whose parameter is the tolerance's half-width
(loaders/formalize_clauses.py ``TOLERANCE``).

Counted but never formalized: "between X and Y" (two thresholds; whether the ends are included is
not written), "under", "over", "up to" (the same). "from X to Y inclusive" is two thresholds, both
ends included (read by loaders/formalize_clauses.py); "from X to Y" without "inclusive" is neither
counted nor read."""

from __future__ import annotations

import re

_BETTER = r"(?: \(better\))?"
_LESS = r"(?:less|lower|shorter|smaller)"
_MORE = r"(?:more|greater|higher|longer|larger)"
_BETTER_LESS = rf"(?:{_LESS}{_BETTER}|better \({_LESS}\))"
"""Less, "less (better)" or "better (less)" (US/EU 6A005.g.4 "better (less) than 1 nm")."""
_BETTER_MORE = rf"(?:{_MORE}{_BETTER}|better \({_MORE}\))"
LOWER: tuple[tuple[str, str], ...] = (
    (
        rf"equal to or {_BETTER_LESS} than|equal to or below|at or below",
        "<=",
    ),
    (
        rf"{_BETTER_LESS} than or equal(?: to)?|below or equal to"
        r"|not exceeding|not more than|up to and including",
        "<=",
    ),
    (rf"{_BETTER_LESS} than|below|finer than", "<"),
)
"""Comparators bounding a value from above, most specific first ("below or equal to" before
"below")."""
HIGHER: tuple[tuple[str, str], ...] = (
    (
        rf"equal to or {_BETTER_MORE} than|equal to or exceeding|equal to or above|at or above"
        r"|equal to or in excess of",
        ">=",
    ),
    (
        rf"{_BETTER_MORE} than or equal(?: to)?|above or equal to|not less than|at least",
        ">=",
    ),
    (rf"{_BETTER_MORE} than|exceeding|above|in excess of", ">"),
)
SIGNS = (*LOWER, *HIGHER)
ANY_COMPARATOR = "(?i:" + "|".join(f"(?:{words})" for words, _ in SIGNS) + ")"
"""Any comparator written before a number, in any case."""
UPPER_COMPARATOR = "(?i:" + "|".join(f"(?:{words})" for words, _ in LOWER) + ")"
"""A comparator closing a range ("… but not exceeding 37 GHz", "… and below or equal to
2.4 nm")."""
AT_LEAST_AFTER = r"or (?:more|greater)"
"""Written after the number and its unit: the value or more (``>=``)."""
AT_MOST_AFTER = r"or less(?: \(better\))?|or finer|or lower"
"""Written after the number and its unit: the value or less (``<=``); "or finer", of a length
finer when smaller (US 3B991.b.2.e.1 "A resolution of 0.25 micrometer or finer"); "or lower"
(EU 0B001.j.3 "designed to operate at pressures of 0,1 Pa or lower")."""

_SIGNED = r"\(?(?:[+−–-]|±\s?)?(?:\s?\()?\d"
"""A number, perhaps signed, or a formula's bracket opening on a number ("less (better) than
−(126 + 20log10F − 20log10f)", 3A001.b.10 and 3A002.d.4: the bracket's first term is the
threshold; US 3A001.b.10 writes "− (126")."""
_COUNTED_ONLY = r"under|over|up to"
_NOT_A_CODE = r"(?!\d[A-E]\d{3}\b)"
"""Not an entry's code after the words: "controlled under 7A003 or 7A103" (US 7A994) states no
threshold."""
_STATED = re.compile(
    rf"(?:\b(?:{ANY_COMPARATOR}|{_COUNTED_ONLY})\s+{_NOT_A_CODE}{_SIGNED}"
    rf"|\d[\d.,]*(?:\s*[^\s;,.]+){{0,3}}?\s+(?:{AT_LEAST_AFTER}|or less|or finer|or lower)\b)"
)
"""One stated threshold: a comparator (or a word of ``_COUNTED_ONLY``) followed by a number, or a
number (with its unit, up to three words: "10 µrad (microradians) or less") followed by "or more",
"or greater", "or less" or "or finer"."""
_BETWEEN = re.compile(rf"\b[Bb]etween\s+{_SIGNED}[^;:]*?\s+and\s+{_SIGNED}")
"""Two stated thresholds: "between 500 nm and 600 nm"."""
_FROM_TO_INCLUSIVE = re.compile(
    rf"\b[Ff]rom\s+{_SIGNED}[^;:]*?\s+to\s+{_SIGNED}[^;:]*?\s+inclusive\b"
)
"""Two stated thresholds, both ends included: "from 0.1 to 5 mm inclusive" (US 2B998.b.2)."""


def sign(words: str) -> str:
    """The sign of a comparator written before a number ("Equal to or more than" → ``>=``)."""
    folded = " ".join(words.split()).casefold()
    return next(sign for pattern, sign in SIGNS if re.fullmatch(pattern, folded))


def sign_after(words: str) -> str:
    """The sign of words written after a number ("or greater" → ``>=``)."""
    return ">=" if re.fullmatch(AT_LEAST_AFTER, words) else "<="


def stated_thresholds(text: str) -> int:
    """How many numeric thresholds a paragraph's own words state (see ``_STATED``, ``_BETWEEN``,
    ``_FROM_TO_INCLUSIVE``)."""
    ranges = len(_BETWEEN.findall(text)) + len(_FROM_TO_INCLUSIVE.findall(text))
    return len(_STATED.findall(text)) + 2 * ranges
