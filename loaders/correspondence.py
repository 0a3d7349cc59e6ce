"""Proposed US↔EU correspondences for the Wassenaar-numbered entries of the whole lists (issue 14
§4), derived from the official texts at load time.

Both lists number their Wassenaar-based entries alike (category, group, number: ``3A001``) and
their sub-items by the same letter path (``3A001.a.1``). For every paragraph code present in both
texts the proposal compares:

- the **code** (the same code is the reason the pair is looked at at all);
- the **text**: similarity of the paragraphs' own words (0–1, word sequences after folding case,
  quotes, decimal commas and British/American spellings);
- the **thresholds**: the numbers the two paragraphs write (``4.5 K``, ``10^-4``), matched one to
  one; a number on one side only is a difference.

Relation and confidence follow from these (see :func:`propose`): ``exactMatch`` only when the
whole subtree (sub-items and notes) reads the same and every number matches; ``closeMatch`` when
the own text is close and every number matches; ``relatedMatch`` otherwise, and no proposal when
the texts share too little (the same number then names another item) or one side is reserved.

The proposals are data, not assertions: each is an ``eg:ProposedMapping`` (SSSOM row: subject,
predicate, object, justification ``semapv:CompositeMatching``, confidence, comment) without the
SKOS triple. A reviewer makes one an assertion by approving a change set that adds the SKOS triple
(contract §5); until then answers show it as derived. They are computed at load, not kept in a
file: they can never be stale against the source texts, the load stays cached per input state
(loaders/whole_lists.py), and ~2,800 pairs take well under a second.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.sssom import Mapping as SssomMapping
from exportgraph.loaders.sssom import mapping_node
from exportgraph.loaders.threshold_check import NUMBER, readings
from pyoxigraph import Triple

from exportgraph import namespaces as ns

JUSTIFICATION = "semapv:CompositeMatching"
AUTHOR = "exportgraph correspondence (derived from the official texts, not reviewed)"
EXACT_CONFIDENCE = 0.9
CLOSE_SIMILARITY = 0.75
RELATED_SIMILARITY = 0.5
_RESERVED = re.compile(r"^\s*\[?\s*(reserved|not used)\b", re.IGNORECASE)
_CODE = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*\.?", re.IGNORECASE)
_SPELLING = (
    (re.compile(r"is(e|ed|es|ing|ation|ations)\b"), r"iz\1"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"(met|cent|lit|fib)re(s?)\b"), r"\1er\2"),
)
XSD_DOUBLE = ns.iri(ns.XSD, "double")


@dataclass(frozen=True)
class Proposal:
    """One proposed correspondence with what it rests on."""

    us: str  # full code, same on both sides
    relation: str  # exactMatch, closeMatch, relatedMatch
    confidence: float
    similarity: float
    same_numbers: tuple[str, ...]
    us_only: tuple[str, ...]
    eu_only: tuple[str, ...]
    own_text_same: bool = False

    @property
    def comment(self) -> str:
        parts = [
            f"same code {self.us} in the CCL and in EU Annex I",
            f"text similarity {self.similarity:.2f}",
        ]
        if self.us_only or self.eu_only:
            differ = []
            if self.us_only:
                differ.append(f"US only {', '.join(self.us_only)}")
            if self.eu_only:
                differ.append(f"EU only {', '.join(self.eu_only)}")
            parts.append(f"numbers differ: {'; '.join(differ)}")
        elif self.same_numbers:
            parts.append(f"same numbers ({', '.join(self.same_numbers)})")
        else:
            parts.append("no numbers on either side")
        if self.relation == "exactMatch":
            parts.append("the whole sub-tree (sub-items and notes) reads the same")
        elif self.own_text_same:
            parts.append("the same own words, but its sub-items or notes read differently")
        parts.append("proposed from the texts; not reviewed - a reviewer approves it as a change")
        return "; ".join(parts)

    def as_mapping(self) -> SssomMapping:
        return SssomMapping(
            subject=ns.entry_iri("US", self.us).value,
            predicate=self.relation,
            object=ns.entry_iri("EU", self.us).value,
            justification=JUSTIFICATION,
            confidence=self.confidence,
            comment=self.comment,
            author=AUTHOR,
        )


@functools.lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The words of a text, folded so that spelling and typography do not count as difference."""
    folded = text.casefold().replace("’", "'")
    for pattern, replacement in _SPELLING:
        folded = pattern.sub(replacement, folded)
    return tuple(re.findall(r"[a-z0-9]+", folded))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def numbers(text: str) -> list[tuple[str, frozenset[Decimal]]]:
    """The numbers a paragraph writes (entry codes it cites left out): each as written, with every
    value it may mean (decimal comma or thousands separator, powers of ten)."""
    cleaned = _CODE.sub(" ", text)
    return [(m.group(0).strip(), frozenset(readings(m))) for m in NUMBER.finditer(cleaned)]


def compare_numbers(us: str, eu: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Numbers matched one to one by value: (matched as US writes them, US only, EU only)."""
    left = numbers(eu)
    same: list[str] = []
    us_only: list[str] = []
    for written, values in numbers(us):
        match = next((i for i, (_, other) in enumerate(left) if values & other), None)
        if match is None:
            us_only.append(written)
        else:
            same.append(written)
            left.pop(match)
    return tuple(same), tuple(us_only), tuple(written for written, _ in left)


def _subtree(node: TextNode) -> list[str]:
    texts = []
    for part in node.walk():
        texts.append(part.text)
        texts.extend(note.text for note in part.notes)
    return texts


def propose(us: TextNode, eu: TextNode) -> Proposal | None:
    """The proposal for two paragraphs of the same code, or None (reserved, or another item)."""
    if _RESERVED.match(us.text) or _RESERVED.match(eu.text):
        return None
    score = similarity(us.text, eu.text)
    same, us_only, eu_only = compare_numbers(us.text, eu.text)
    numbers_agree = not us_only and not eu_only
    if score < RELATED_SIMILARITY:
        return None
    own_same = words(us.text) == words(eu.text)
    whole_same = (
        numbers_agree
        and own_same
        and [words(t) for t in _subtree(us)] == [words(t) for t in _subtree(eu)]
    )
    if whole_same:
        relation, confidence = "exactMatch", EXACT_CONFIDENCE
    elif numbers_agree and score >= CLOSE_SIMILARITY:
        relation, confidence = "closeMatch", round(0.4 + 0.45 * score, 2)
    else:
        relation, confidence = "relatedMatch", round(min(0.6, 0.2 + 0.4 * score), 2)
    return Proposal(
        us.code, relation, confidence, round(score, 2), same, us_only, eu_only, own_same
    )


def proposals(us_trees: Iterable[TextNode], eu_trees: Iterable[TextNode]) -> list[Proposal]:
    """Every proposal between the two lists' paragraphs that share a code, in code order."""
    eu: Mapping[str, TextNode] = {node.code: node for tree in eu_trees for node in tree.walk()}
    found = []
    for tree in us_trees:
        for node in tree.walk():
            other = eu.get(node.code)
            if other is not None and (proposal := propose(node, other)) is not None:
                found.append(proposal)
    return sorted(found, key=lambda p: p.us)


def proposal_triples(found: Iterable[Proposal]) -> list[Triple]:
    """Each proposal as an eg:ProposedMapping node (no SKOS triple: not asserted)."""
    return [
        triple
        for proposal in found
        for triple in mapping_node(proposal.as_mapping(), "ProposedMapping", "proposed ")
    ]
