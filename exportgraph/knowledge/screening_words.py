"""How alike the words of two names are: character trigrams for blocking, rapidfuzz word
similarity (with word beginnings), and whether two names' legal forms agree."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from exportgraph.knowledge.screening_names import LegalFormMatch

PARTIAL_WEIGHT = 0.8
PARTIAL_MIN_LENGTH = 4
WORD_FLOOR = 0.7
"""Word similarities below this count as no similarity (unrelated words share letters too)."""

FloatArray = npt.NDArray[np.float64]


def trigrams(tokens: Sequence[str]) -> set[str]:
    """Character trigrams of each word padded with a space: order of words does not matter."""
    grams: set[str] = set()
    for token in tokens:
        padded = f" {token} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def word_similarity(query: Sequence[str], words: Sequence[str]) -> FloatArray:
    """0–1 similarity of each query word to each word: rapidfuzz ``ratio``, or, where one word
    begins the other and the shorter has PARTIAL_MIN_LENGTH letters or more (``tech`` /
    ``technologi``), the ratio of the shorter to the other's beginning at PARTIAL_WEIGHT; below
    WORD_FLOOR, none."""
    similarity = process.cdist(query, words, scorer=fuzz.ratio, dtype=np.float64) / 100.0
    query_length = np.array([len(q) for q in query])[:, None]
    word_length = np.array([len(w) for w in words])[None, :]
    # only pairs that begin alike (two letters) can have one word begin the other
    query_start = np.array([q[:2] for q in query])[:, None]
    word_start = np.array([w[:2] for w in words])[None, :]
    rows, columns = np.nonzero(
        (query_start == word_start)
        & (np.minimum(query_length, word_length) >= PARTIAL_MIN_LENGTH)
        & (query_length != word_length)
    )
    if len(rows):
        shorter, beginning = [], []
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            q, w = query[row], words[column]
            if len(q) < len(w):
                shorter.append(q)
                beginning.append(w[: len(q)])
            else:
                shorter.append(w)
                beginning.append(q[: len(w)])
        prefix = process.cpdist(shorter, beginning, scorer=fuzz.ratio, dtype=np.float64) / 100.0
        similarity[rows, columns] = np.maximum(similarity[rows, columns], PARTIAL_WEIGHT * prefix)
    result: FloatArray = np.where(similarity >= WORD_FLOOR, similarity, 0.0)
    return result


def legal_forms_agree(
    query: Sequence[LegalFormMatch], listed: Sequence[LegalFormMatch]
) -> bool | None:
    """True when both name the same legal form, False when both name one and they differ, None
    when either names none."""
    if not query or not listed:
        return None
    return bool({f.notation for f in query} & {f.notation for f in listed})
