"""How much of each control list is formalized (contract §13, `GET /v1/coverage`).

Counted per jurisdiction and per category (the first digit of the code):

- ``entries``: top-level entries (``3A001``); ``paragraphs``: every lettered paragraph with them.
- ``entries_with_formalized_criteria``: entries with at least one paragraph whose thresholds are
  data (a curated row or a paragraph formalized from the text).
- ``paragraphs_decided``: paragraphs the graph can answer for without the text (criteria, or a
  kind and facts that alone decide them); ``paragraphs_text_only``: paragraphs of a known item kind
  left as text ("not formalized: read the text").
- ``thresholds_stated``: numeric thresholds the paragraphs' own words state, counted with the
  words the formalizers read (loaders/formalize_words.py) — a comparator ("less than", "lower
  (better) than", "equal to or more than", "exceeding", "above", "below", "in excess of",
  "shorter than", "up to and including" … in any case) followed by a number; a number and its
  unit followed by "or more", "or greater" or "or less"; "between X and Y" (two) — plus "under",
  "over", "up to", which are never formalized (notes are not counted).
- ``thresholds_formalized``: per paragraph, the criteria formalized from its words, each once, at
  most as many as the paragraph states (a fixed phrase a note defines, "single transverse mode",
  is data but no threshold the paragraph states); a curated entry's criteria at most as many as
  its paragraph and those below it state (a curated band's upper bound that the text implies
  through the next band is no stated threshold); at most what the whole entry states. So
  formalized ≤ stated in every jurisdiction and category.
- ``share_formalized``: thresholds_formalized / thresholds_stated (null without the text).

A jurisdiction whose whole list is not in the graph (only curated rows) has null text counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from typing_extensions import TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.rows import rows
from exportgraph.store import Store

COUNTING = (
    "thresholds_stated counts, in each paragraph's own words (not its notes), a comparator "
    "(less/lower/shorter/more/greater/higher/longer than, with or without '(better)', 'equal to "
    "or' or 'or equal to'; exceeding, in excess of, above, below, not exceeding, not more/less "
    "than, at least, up to and including, under, over, up to; in any case) followed by a "
    "number, a number with its unit followed by 'or more', 'or greater' or 'or less', and "
    "'between X and Y' as two; "
    "thresholds_formalized counts, per paragraph, the criteria formalized from its words (a "
    "curated entry's: from its words and its sub-paragraphs'), each once and at most as many as "
    "those words state; entries "
    "are top-level codes (3A001)"
)


class Counts(TypedDict):
    entries: int
    paragraphs: int | None
    entries_with_formalized_criteria: int
    paragraphs_decided: int
    paragraphs_text_only: int
    thresholds_stated: int | None
    thresholds_formalized: int
    share_formalized: float | None


class CategoryCoverage(Counts):
    category: str


class JurisdictionCoverage(Counts):
    jurisdiction: str
    whole_list: bool
    categories: list[CategoryCoverage]


class CoverageAnswer(TypedDict):
    data_version: str
    counting: str
    jurisdictions: list[JurisdictionCoverage]


@dataclass
class _Tally:
    entries: set[str] = field(default_factory=set)
    paragraphs: int = 0
    formalized_entries: set[str] = field(default_factory=set)
    decided: int = 0
    text_only: int = 0
    stated: int = 0
    formalized: int = 0

    def counts(self, whole_list: bool) -> Counts:
        share = round(self.formalized / self.stated, 4) if whole_list and self.stated else None
        return {
            "entries": len(self.entries),
            "paragraphs": self.paragraphs if whole_list else None,
            "entries_with_formalized_criteria": len(self.formalized_entries),
            "paragraphs_decided": self.decided,
            "paragraphs_text_only": self.text_only,
            "thresholds_stated": self.stated if whole_list else None,
            "thresholds_formalized": self.formalized,
            "share_formalized": share,
        }


def coverage(knowledge: Knowledge, store: Store, data_version: str) -> CoverageAnswer:
    """Coverage of every jurisdiction with control data (computed once per data version)."""
    found = knowledge.derived("coverage", lambda k: _jurisdictions(k, store))
    return {"data_version": data_version, "counting": COUNTING, "jurisdictions": found}


def _jurisdictions(knowledge: Knowledge, store: Store) -> list[JurisdictionCoverage]:
    tallies: dict[str, dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    whole: set[str] = set()
    listed: set[tuple[str, str]] = set()
    paragraphs: dict[str, tuple[str, str, int]] = {}  # IRI → jurisdiction, code, stated
    for row in rows(store, "coverage"):
        jurisdiction, code = row.get("jurisdiction") or "", row.get("code") or ""
        if (jurisdiction, code) in listed:
            continue
        listed.add((jurisdiction, code))
        whole.add(jurisdiction)
        stated = int(row.get("stated") or 0)
        paragraphs[row["paragraph"]] = (jurisdiction, code, stated)
        for tally in _tallies(tallies, jurisdiction, code):
            tally.entries.add(_top(code))
            tally.paragraphs += 1
            tally.stated += stated
    for (jurisdiction, code), count in _stated_criteria(store, paragraphs).items():
        for tally in _tallies(tallies, jurisdiction, code):
            tally.formalized += count
    for entry in knowledge.entries.values():
        code = entry.code
        if entry.jurisdiction in whole and (entry.jurisdiction, code) not in listed:
            continue  # a curated grouping the official text does not number
        criteria = {c.iri for alternative in entry.alternatives for c in alternative}
        decided = entry.criteria_complete and bool(criteria or entry.kinds)
        text_only = bool(entry.kinds) and not entry.alternatives and not entry.criteria_complete
        for tally in _tallies(tallies, entry.jurisdiction, code):
            if entry.jurisdiction not in whole and entry.parent is None:
                tally.entries.add(_top(code))
            if criteria:
                tally.formalized_entries.add(_top(code))
            if entry.jurisdiction not in whole:  # no text: every criterion counts
                tally.formalized += len(criteria)
            tally.decided += decided
            tally.text_only += text_only
    answer: list[JurisdictionCoverage] = []
    for jurisdiction in sorted(tallies):
        by_category = tallies[jurisdiction]
        is_whole = jurisdiction in whole
        categories: list[CategoryCoverage] = [
            {"category": category, **by_category[category].counts(is_whole)}
            for category in sorted(by_category)
            if category
        ]
        answer.append(
            {
                "jurisdiction": jurisdiction,
                "whole_list": is_whole,
                **by_category[""].counts(is_whole),
                "categories": categories if is_whole else [],
            }
        )
    return answer


def _stated_criteria(
    store: Store, paragraphs: dict[str, tuple[str, str, int]]
) -> dict[tuple[str, str], int]:
    """How many stated thresholds of each top-level entry (jurisdiction, code) are formalized:
    the criteria read from a paragraph (eg:statedIn), each once, at most as many as that
    paragraph states; a curated entry's criteria (read by a person from its paragraph and those
    below it) at most as many as they state; at most what the whole entry states."""
    subtree: dict[tuple[str, str], int] = defaultdict(int)
    for jurisdiction, code, stated in paragraphs.values():
        parts = code.split(".")
        for end in range(1, len(parts) + 1):
            subtree[(jurisdiction, ".".join(parts[:end]))] += stated
    read: dict[str, set[str]] = defaultdict(set)
    curated: dict[str, set[str]] = defaultdict(set)
    for row in rows(store, "coverage_criteria"):
        paragraph = row.get("paragraph")
        (read if paragraph else curated)[paragraph or row["entry"]].add(row["criterion"])
    found: dict[tuple[str, str], int] = defaultdict(int)
    for iri, (jurisdiction, code, stated) in paragraphs.items():
        own = min(len(read.get(iri, ())), stated)
        below = min(len(curated.get(iri, ())), subtree[(jurisdiction, code)])
        found[(jurisdiction, _top(code))] += own + below
    return {key: min(count, subtree[key]) for key, count in found.items()}


def _tallies(tallies: dict[str, dict[str, _Tally]], jurisdiction: str, code: str) -> list[_Tally]:
    """The jurisdiction's total ("") and, for a Wassenaar-style code, its category's tally."""
    found = [tallies[jurisdiction][""]]
    if code[:1].isdigit():
        found.append(tallies[jurisdiction][code[0]])
    return found


def _top(code: str) -> str:
    return code.split(".", 1)[0]


__all__ = ["COUNTING", "CoverageAnswer", "coverage"]
