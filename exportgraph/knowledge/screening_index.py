"""The restricted-party index: every party name keyed, a trigram block index and word weights,
and the two scorers (token alignment, compact ratio) over the blocked candidates; the method is
described in ``exportgraph.knowledge.screening``."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from exportgraph.knowledge.screening_names import Fold, NameKey, NameKeys
from exportgraph.knowledge.screening_words import FloatArray, trigrams, word_similarity
from exportgraph.loaders.screening_model import Party, PartyList, ScreeningData, SourceFile

CANDIDATES = 256
"""Names per query that blocking passes to the scorers."""
QUERY_SHARE = 0.6
COMPACT_PREFILTER = 60.0
"""compact-ratio compares the rest of a name only when its whole compact form scores this."""

_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ListedName:
    """A name a party is listed under, keyed."""

    party: int
    text: str
    kind: str
    """``name`` or ``alternative name``."""
    derived: str | None
    """How the keyed text was derived from the list's text, if it was (``without "(Huawei)"``)."""
    key: NameKey


@dataclass(frozen=True)
class WordMatch:
    """A query word and the list-name word it was paired with."""

    query: str
    listed: str | None
    similarity: float
    """0–100."""
    weight: float
    """The query word's rarity weight (inverse document frequency in the lists)."""


@dataclass(frozen=True)
class NameScores:
    token_alignment: float
    compact_ratio: float


@dataclass(frozen=True)
class Scored:
    """A party's best-scoring name for one query."""

    party: Party
    listed: ListedName
    score: float
    scorer: str
    scores: NameScores
    words: tuple[WordMatch, ...]


class ScreeningIndex:
    """Parties, their keyed names, a trigram block index and word weights, for one set of screening files."""

    def __init__(
        self,
        inputs_digest: str,
        source: SourceFile,
        lists: Sequence[PartyList],
        parties: Sequence[Party],
        keys: NameKeys,
    ) -> None:
        self.inputs_digest = inputs_digest
        self.source = source
        self.lists = {party_list.code: party_list for party_list in lists}
        self.parties = tuple(parties)
        self.keys = keys
        self.names: list[ListedName] = []
        for number, party in enumerate(self.parties):
            for kind, text in [("name", party.name)] + [
                ("alternative name", alias) for alias in party.alt_names
            ]:
                self._add_name(number, kind, text, None)
                stripped = _PARENTHETICAL.sub("", text)
                if stripped and stripped != text:
                    removed = text[len(stripped) :].strip()
                    self._add_name(number, kind, text, f"without {removed!r}", stripped)
        self._compile()

    def _add_name(
        self, party: int, kind: str, text: str, derived: str | None, keyed: str | None = None
    ) -> None:
        key = self.keys.key(keyed or text)
        if key.tokens:
            self.names.append(ListedName(party, text, kind, derived, key))

    def _compile(self) -> None:
        vocabulary: dict[str, int] = {}
        token_grams: list[list[int]] = []
        gram_ids: dict[str, int] = {}
        name_tokens: list[int] = []
        offsets = [0]
        pair_names: list[int] = []
        pair_grams: list[int] = []
        for number, listed in enumerate(self.names):
            grams: set[int] = set()
            for token in listed.key.tokens:
                index = vocabulary.get(token)
                if index is None:
                    index = vocabulary[token] = len(vocabulary)
                    token_grams.append(
                        [gram_ids.setdefault(g, len(gram_ids)) for g in trigrams([token])]
                    )
                name_tokens.append(index)
                grams.update(token_grams[index])
            offsets.append(len(name_tokens))
            pair_grams.extend(grams)
            pair_names.extend([number] * len(grams))
        count = max(len(self.names), 1)
        self.vocabulary = vocabulary
        self.words = list(vocabulary)
        self.name_tokens = np.array(name_tokens, dtype=np.int64)
        self.name_offsets = np.array(offsets, dtype=np.int64)
        # document frequency: names a word occurs in (once per name)
        per_name = np.unique(
            np.repeat(np.arange(len(self.names)), np.diff(self.name_offsets)) * len(vocabulary)
            + self.name_tokens
        ) % max(len(vocabulary), 1)
        frequency = np.bincount(per_name, minlength=len(vocabulary)).astype(np.float64)
        self.word_weight = np.log1p(count / (1.0 + frequency))
        self.unknown_weight = math.log1p(count)
        self.name_party = np.array([n.party for n in self.names], dtype=np.int64)
        self.compacts = [n.key.compact for n in self.names]
        self.gram_ids = gram_ids
        grams_array = np.array(pair_grams, dtype=np.int64)
        names_array = np.array(pair_names, dtype=np.int64)
        order = np.argsort(grams_array, kind="stable")
        sizes = np.bincount(grams_array, minlength=len(gram_ids))
        self.gram_weight = np.log1p(count / (1.0 + sizes.astype(np.float64)))
        self.gram_offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        self.gram_postings = names_array[order]
        self.name_gram_norm = np.sqrt(
            np.bincount(names_array, weights=self.gram_weight[grams_array], minlength=count)
        )
        self.country_parties: dict[str, IntArray] = {}
        by_country: dict[str, list[int]] = {}
        without: list[int] = []
        for number, party in enumerate(self.parties):
            for country in party.countries:
                by_country.setdefault(country, []).append(number)
            if not party.countries:
                without.append(number)
        self.country_parties = {c: np.array(p, dtype=np.int64) for c, p in by_country.items()}
        self.parties_without_country = np.array(without, dtype=np.int64)

    # ------------------------------------------------------------------ querying

    def candidates(self, key: NameKey, country: str | None = None) -> IntArray:
        """Blocking: the CANDIDATES names sharing the most (rarity-weighted) trigrams."""
        ids = [self.gram_ids[g] for g in trigrams(key.tokens) if g in self.gram_ids]
        if not ids:
            return np.zeros(0, dtype=np.int64)
        chunks = [self.gram_postings[self.gram_offsets[i] : self.gram_offsets[i + 1]] for i in ids]
        weights = np.repeat(self.gram_weight[ids], [len(c) for c in chunks])
        shared = np.bincount(np.concatenate(chunks), weights=weights, minlength=len(self.names))
        query_norm = math.sqrt(float(self.gram_weight[ids].sum()))
        similarity = shared / (self.name_gram_norm * query_norm + 1e-12)
        if country is not None:
            similarity[~self.country_mask(country)] = 0.0
        found = np.flatnonzero(similarity > 0)
        if len(found) > CANDIDATES:
            top = np.argpartition(-similarity[found], CANDIDATES)[:CANDIDATES]
            found = found[top]
        return found

    def country_mask(self, country: str) -> npt.NDArray[np.bool_]:
        """Names of parties at an address in the country, or listing no country at all."""
        allowed = np.zeros(len(self.parties), dtype=bool)
        allowed[self.parties_without_country] = True
        allowed[self.country_parties.get(country, np.zeros(0, dtype=np.int64))] = True
        mask: npt.NDArray[np.bool_] = allowed[self.name_party]
        return mask

    def score(self, key: NameKey, names: IntArray) -> tuple[FloatArray, FloatArray]:
        """(token-alignment, compact-ratio) scores, 0–100, of the query against names."""
        if len(names) == 0 or not key.tokens:
            empty = np.zeros(len(names), dtype=np.float64)
            return empty, empty
        starts = self.name_offsets[names]
        ends = self.name_offsets[names + 1]
        lengths = ends - starts
        segment_start = np.cumsum(lengths) - lengths
        positions = np.arange(int(lengths.sum())) + np.repeat(starts - segment_start, lengths)
        flat = self.name_tokens[positions]
        columns, inverse = np.unique(flat, return_inverse=True)
        similarity = word_similarity(key.tokens, [self.words[c] for c in columns])
        paired = similarity[:, inverse]  # query words × all words of all candidate names
        segment = segment_start
        query_weight = self.query_weights(key.tokens)
        best_for_query = np.maximum.reduceat(paired, segment, axis=1)
        found_in_name = query_weight @ best_for_query / query_weight.sum()
        name_weight = self.word_weight[flat]
        best_for_name = paired.max(axis=0)
        found_in_query = np.add.reduceat(name_weight * best_for_name, segment) / np.add.reduceat(
            name_weight, segment
        )
        alignment = 100.0 * (QUERY_SHARE * found_in_name + (1 - QUERY_SHARE) * found_in_query)
        return alignment, self.compact_ratio(key, names, lengths)

    def compact_ratio(self, key: NameKey, names: IntArray, lengths: IntArray) -> FloatArray:
        """The compact-ratio scorer: for names split into a different number of words than the
        query, the words both share are set aside and the rest of each, written together, is
        compared (``hua vei technologies`` / ``huavei technologies`` → ``huavei`` / ``huavei``)."""
        scores = np.zeros(len(names), dtype=np.float64)
        query = set(key.tokens)
        split_otherwise = np.flatnonzero(lengths != len(key.tokens))
        if not len(split_otherwise):
            return scores
        # a name whose whole compact form is far from the query's is not compared further
        whole = process.cpdist(
            [key.compact] * len(split_otherwise),
            [self.compacts[int(n)] for n in names[split_otherwise]],
            scorer=fuzz.ratio,
            dtype=np.float64,
        )
        for position in split_otherwise[whole >= COMPACT_PREFILTER]:
            listed = self.names[int(names[position])].key.tokens
            shared = query.intersection(listed)
            rest_query = "".join(t for t in key.tokens if t not in shared)
            rest_listed = "".join(t for t in listed if t not in shared)
            if rest_query and rest_listed:
                scores[position] = fuzz.ratio(rest_query, rest_listed)
        return scores

    def query_weights(self, tokens: Sequence[str]) -> FloatArray:
        return np.array(
            [
                self.word_weight[self.vocabulary[t]]
                if t in self.vocabulary
                else self.unknown_weight
                for t in tokens
            ],
            dtype=np.float64,
        )

    def search(
        self, key: NameKey, threshold: float, country: str | None = None, limit: int | None = None
    ) -> list[Scored]:
        """Parties whose best name scores at least the threshold, best first."""
        names = self.candidates(key, country)
        alignment, compact = self.score(key, names)
        best = np.maximum(alignment, compact)
        by_party: dict[int, int] = {}
        for position in np.flatnonzero(best >= threshold):
            party = int(self.name_party[names[position]])
            if party not in by_party or best[position] > best[by_party[party]]:
                by_party[party] = int(position)
        ranked = sorted(
            by_party.items(), key=lambda item: (-best[item[1]], self.parties[item[0]].id)
        )
        if limit is not None:
            ranked = ranked[:limit]
        return [
            self._scored(key, names[position], alignment[position], compact[position])
            for _party, position in ranked
        ]

    def _scored(self, key: NameKey, name: int, alignment: float, compact: float) -> Scored:
        listed = self.names[int(name)]
        scorer = "token-alignment" if alignment >= compact else "compact-ratio"
        return Scored(
            party=self.parties[listed.party],
            listed=listed,
            score=round(float(max(alignment, compact)), 1),
            scorer=scorer,
            scores=NameScores(round(float(alignment), 1), round(float(compact), 1)),
            words=self.word_matches(key, listed.key),
        )

    def word_matches(self, query: NameKey, listed: NameKey) -> tuple[WordMatch, ...]:
        """Each query word with the list-name word it pairs with (for the explanation)."""
        similarity = word_similarity(query.tokens, list(listed.tokens))
        weights = self.query_weights(query.tokens)
        matches = []
        for row, word in enumerate(query.tokens):
            column = int(similarity[row].argmax())
            value = float(similarity[row, column])
            matches.append(
                WordMatch(
                    word,
                    listed.tokens[column] if value > 0 else None,
                    round(100 * value, 1),
                    round(float(weights[row]), 2),
                )
            )
        return tuple(matches)


# ---------------------------------------------------------------------------- building


def build_index(data: ScreeningData) -> ScreeningIndex:
    """Key every name of the screening data (seconds: done once per input digest)."""
    consolidated = data.consolidated
    file = consolidated.source
    source = file
    lists = list(consolidated.lists)
    parties = sorted(
        (
            replace(
                p,
                alt_names=tuple(sorted(p.alt_names)),
                countries=tuple(sorted(p.countries)),
                regions=tuple(sorted(p.regions)),
                programmes=tuple(sorted(p.programmes)),
            )
            for p in consolidated.parties
        ),
        key=lambda party: party.id,
    )
    forms = [
        (form.notation, form.label, variant)
        for form in data.legal_forms
        for variant in form.variants
    ]
    folds = [Fold(f.pattern, f.replacement, f.position) for f in data.spelling_folds]
    return ScreeningIndex(data.inputs_digest, source, lists, parties, NameKeys(forms, folds))
