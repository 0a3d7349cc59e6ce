"""How screening compares names: normalisation that survives transliteration, legal forms set
aside, spelling folds (the tables come from ontology/screening/).

A name goes through four explained steps:

1. **normalised** — transliterated to ASCII (unidecode: Cyrillic, Chinese, Arabic script and
   diacritics: ``Газпром`` → ``gazprom``, ``Müller`` → ``muller``), case-folded; dots and
   apostrophes dropped (``L.L.C.`` → ``llc``, ``Xi'an`` → ``xian``), ``&`` read as ``and``, every
   other punctuation mark a space;
2. **legal forms** — written forms of a legal form (``LLC``, ``OOO``, ``Co., Ltd.``, ``GmbH``,
   ``JSC``, ``AO`` …, each a SKOS concept with its variants) are recognised at the start and the end
   of the name, longest first, reported, and set aside: ``OOO Kaspersky Group`` and ``Kaspersky
   Group LLC`` compare as ``kaspersky group``;
3. **folded** — connecting words (``of``, ``for``, ``the``, ``and``) are set aside and spelling
   differences between transliterations folded, in order, in every word (``ks`` → ``x``, ``kh`` →
   ``h``, ``y`` → ``i``, doubled letters once …): ``Yevgeniy`` and ``Evgeny`` both become
   ``evgeni``;
4. **compact** — the folded words without spaces, for names written with or without them
   (``Hua Wei`` / ``Huawei``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unidecode import unidecode

_JOINED = re.compile(r"['`´’‘.]")  # dropped: L.L.C. → llc, Xi'an → xian
_AND = re.compile(r"&")
_OTHER = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Step 1: ASCII transliteration, case folding, punctuation (see the module docstring)."""
    ascii_text = unidecode(text).casefold()
    ascii_text = _AND.sub(" and ", _JOINED.sub("", ascii_text))
    return " ".join(_OTHER.sub(" ", ascii_text).split())


@dataclass(frozen=True)
class LegalFormMatch:
    """A legal form found at the start or end of a name."""

    notation: str
    label: str
    written: str
    """As it appears in the normalised name (``co ltd``)."""


@dataclass(frozen=True)
class Fold:
    pattern: str
    replacement: str
    position: str  # any | start | end | word (the whole word)


@dataclass(frozen=True)
class NameKey:
    """A name after every step: what the matcher compares and what the explanation shows."""

    original: str
    normalised: str
    legal_forms: tuple[LegalFormMatch, ...]
    tokens: tuple[str, ...]
    """Folded words, legal forms set aside."""

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def compact(self) -> str:
        return "".join(self.tokens)


class NameKeys:
    """Turns names into keys with the legal forms and spelling folds of the screening tables."""

    def __init__(
        self, legal_forms: Iterable[tuple[str, str, str]], folds: Sequence[Fold] = ()
    ) -> None:
        """legal_forms: (notation, label, written variant) rows."""
        self._forms: dict[tuple[str, ...], tuple[str, str]] = {}
        for notation, label, variant in legal_forms:
            words = tuple(normalise(variant).split())
            if words:
                self._forms.setdefault(words, (notation, label))
        self._longest = max((len(words) for words in self._forms), default=0)
        self._folds = tuple(folds)
        self._folded: dict[str, str] = {}

    def key(self, name: str) -> NameKey:
        normalised = normalise(name)
        words = normalised.split()
        core, forms = self._strip_legal_forms(words)
        tokens = tuple(folded for word in core if (folded := self.fold(word)))
        # a name that is nothing but connecting words keeps them
        return NameKey(name, normalised, forms, tokens or tuple(core))

    def fold(self, word: str) -> str:
        """Step 3 for one word."""
        folded = self._folded.get(word)
        if folded is None:
            folded = self._folded[word] = self._fold(word)
        return folded

    def _fold(self, word: str) -> str:
        for fold in self._folds:
            if fold.position == "word":
                word = fold.replacement if word == fold.pattern else word
            elif fold.position == "any":
                word = word.replace(fold.pattern, fold.replacement)
            elif fold.position == "start" and word.startswith(fold.pattern):
                word = fold.replacement + word[len(fold.pattern) :]
            elif fold.position == "end" and word.endswith(fold.pattern):
                word = word[: len(word) - len(fold.pattern)] + fold.replacement
        return word

    def _strip_legal_forms(self, words: list[str]) -> tuple[list[str], tuple[LegalFormMatch, ...]]:
        """Step 2: set aside legal forms at either end, longest written form first; a name that
        is nothing but legal forms keeps its words."""
        start, end = 0, len(words)
        leading: list[LegalFormMatch] = []
        trailing: list[LegalFormMatch] = []
        changed = True
        while changed and start < end:
            changed = False
            for size in range(min(self._longest, end - start), 0, -1):
                found = self._forms.get(tuple(words[start : start + size]))
                if found:
                    leading.append(LegalFormMatch(*found, " ".join(words[start : start + size])))
                    start += size
                    changed = True
                    break
            for size in range(min(self._longest, end - start), 0, -1):
                found = self._forms.get(tuple(words[end - size : end]))
                if found:
                    trailing.insert(0, LegalFormMatch(*found, " ".join(words[end - size : end])))
                    end -= size
                    changed = True
                    break
        if start >= end:
            return words, ()
        return words[start:end], (*leading, *trailing)
