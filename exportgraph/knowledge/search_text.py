"""Words for the search index: tokens (lower case, light English stemming, list codes kept whole)
and highlighted fragments (HTML-escaped, matched words in <mark>)."""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from functools import lru_cache

# A word, or a code of dotted parts (3A001.a.1, 0.5); hyphens and slashes split words.
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "being",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "other",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "these",
        "this",
        "to",
        "under",
        "which",
        "with",
    ]
)
FRAGMENT_CHARS = 180
"""About how many characters of text a highlighted fragment shows."""


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer (plurals only): enough for list texts, never merges two roots
    that the lists use differently ("glass" stays, "systems" → "system", "frequencies" →
    "frequency")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ys")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    """The stems a lower-case word yields: none (stop word), its stem, or a dotted code's leading
    parts and itself (the whole code last)."""
    if word in _STOP:
        return ()
    if "." in word:
        parts = word.split(".")
        return tuple(".".join(parts[:n]) for n in range(1, len(parts) + 1))
    return (stem(word),)


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(the stems of a text's words in order, a dotted code counted once whole; every indexed
    stem, the leading parts of dotted codes included)."""
    ordered: list[str] = []
    every: list[str] = []
    for word in _TOKEN.findall(text.lower()):
        found = _word_terms(word)
        if found:
            ordered.append(found[-1])
            every.extend(found)
    return ordered, every


def terms(text: str) -> list[str]:
    """The stems of a text's words, in order (a dotted code counted once, whole)."""
    return analyse(text)[0]


def all_terms(text: str) -> list[str]:
    """Every indexed stem of a text, the leading parts of dotted codes included."""
    return analyse(text)[1]


@lru_cache(maxsize=256)
def _starting(starts: tuple[str, ...]) -> re.Pattern[str]:
    """Where a word starting with one of `starts` begins (case-insensitive)."""
    alternatives = "|".join(re.escape(start) for start in sorted(starts, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)


def highlight(text: str, matched: Collection[str], limit: int = 2) -> list[str]:
    """Up to `limit` fragments of `text` around the words whose stem is in `matched`, HTML-escaped,
    each matched word wrapped in <mark>; fragments start and end at word boundaries."""
    lowered = text.lower()
    starts = [word[:-1] or word for word in matched]  # every word with such a stem starts so
    if not any(start in lowered for start in starts):
        return []
    spans = sorted(
        {
            (token.start(), token.end())
            for candidate in _starting(tuple(sorted(starts))).finditer(text)
            if (token := _TOKEN.match(text, candidate.start())) is not None
            and any(t in matched for t in _word_terms(token.group().lower()))
        }
    )
    if not spans:
        return []
    fragments: list[str] = []
    used_until = -1
    for start, _ in spans:
        if start < used_until:
            continue
        begin = _word_start(text, max(0, start - FRAGMENT_CHARS // 3))
        finish = _word_end(text, min(len(text), begin + FRAGMENT_CHARS))
        inside = [(s, e) for s, e in spans if s >= begin and e <= finish]
        fragments.append(_marked(text, begin, finish, inside))
        used_until = finish
        if len(fragments) >= limit:
            break
    return fragments


def _marked(text: str, begin: int, finish: int, spans: list[tuple[int, int]]) -> str:
    parts: list[str] = ["…" if begin > 0 else ""]
    at = begin
    for start, end in spans:
        if start < at:
            continue
        parts.append(html.escape(text[at:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:finish]))
    parts.append("…" if finish < len(text) else "")
    return "".join(parts).strip()


def _word_start(text: str, at: int) -> int:
    if at == 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space < at + 20 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", at - 20, at)
    return space if space > 0 else at
