"""Formalized families of paragraphs: a whole subtree of a list entry (``6A005.a``, the
non-"tunable" CW lasers) read into criteria with its and/or structure, where a row of
ontology/controls/formalize/families.csv names the subtree's root, its item kinds and how the notes
above it were read, and ontology/controls/formalize/phrases.csv names, for paragraphs under a code,
the words that introduce each harmonized parameter.

A paragraph is read only when ALL of its own words are understood: a conjunction of clauses, each a
known phrase with a comparator, a number and a unit ("Output wavelength exceeding 975 nm but not
exceeding 1,150 nm"), or a fixed phrase a note defines ("'Single transverse mode' output": M²
below 1.3), optionally ending "and any of the following:" (its sub-paragraphs are alternatives) or
"all of the following:" (its sub-paragraphs are all required). Each clause must give as many
criteria as the paragraph states thresholds. Anything else — a word left over, a number written
otherwise, an exception — leaves the paragraph, and the entry it belongs to, as text: classification
answers "unknown — not formalized: read the text" for its kinds, never false.

Entries are made where the text puts conditions: a paragraph without conditions of its own whose
sub-paragraphs are alternatives becomes a grouping entry (it matches through them); the first
paragraph down a branch that states conditions becomes an entry whose alternatives are every way
through its subtree (the conditions of each paragraph on the way, AND-ed; "any of" branches OR-ed).
A note on a paragraph of the subtree ("does not control Argon lasers …") cannot be expressed by
criteria: the entry keeps its criteria, is marked incomplete, and an item meeting them is answered
"unknown", naming the note — never true.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from exportgraph.loaders.formalize import (
    NUMBER,
    WRITTEN,
    FormalCriterion,
    FormalEntry,
    parents_state_nothing,
    stated_thresholds,
    unit_iri,
    written_value,
)
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import Row, SourceDataError, read_table

FAMILIES = "controls/formalize/families.csv"
PHRASES = "controls/formalize/phrases.csv"
LEAD_IN = "none"
"""The parameter of a fixed phrase that states no condition ("Analog-to-digital conversions
meeting"): words a person read as only introducing the sub-paragraphs."""
MAX_ALTERNATIVES = 64
"""More ways through one subtree than this and the entry stays text (none of the lists comes
near it; a runaway product would be a misreading)."""
MAX_CELLS = 100_000
"""The largest region an entry may have, in cells of its thresholds' grid (per parameter, twice
its distinct thresholds plus one, multiplied). The derived mappings compare every pair of regions
cell by cell (knowledge/regions.compare_unions, numpy): the whole lists' threshold mappings took
0.39 s with a limit of 150, 0.61 s with this one (6A005.b.3-.b.5, .b.7, .b.9 formalized: 1,125
to 18,375 cells), and 10.7 s with 6A005.b.6 (2.8 million cells). An entry beyond this stays text
(read correctly — the tests read it with the limit raised — but not yet affordable)."""

_LOWER = (
    ("equal to or (?:less|lower)(?: \\(better\\))? than", "<="),
    ("(?:less|lower)(?: \\(better\\))? than or equal to|not exceeding|not more than", "<="),
    ("(?:less|lower)(?: \\(better\\))? than", "<"),
)
_HIGHER = (
    ("equal to or (?:more|greater|higher)(?: \\(better\\))? than|equal to or exceeding", ">="),
    ("(?:more|greater|higher)(?: \\(better\\))? than or equal to|not less than", ">="),
    ("(?:more|greater|higher)(?: \\(better\\))? than|exceeding", ">"),
)
_SIGNS = (*_LOWER, *_HIGHER)
_ANY_COMPARATOR = "|".join(f"(?:{words})" for words, _ in _SIGNS)
_UPPER_COMPARATOR = "|".join(f"(?:{words})" for words, _ in _LOWER)
_TAIL = re.compile(
    r"(?:^|,?\s+(?:and\s+)?)(?:having\s+|meeting\s+)?(?P<mode>any|all) of the following"
    r"\s*[:;]?$",
    re.IGNORECASE,
)
_END = re.compile(r"(?:[;,.:]\s*(?:or|and)?|\s+(?:or|and))\s*$")
_SEPARATOR = re.compile(r",?\s+(?:and|with)\s+|,\s+|\s+(?=limited by design\b)")
_POWER_OF_TEN = re.compile(r"(?<![\d×]\s)(?<![\d.,×])10\^(?=[−–-]?\d)")
_QUOTES = re.compile(r"[“”\"‘’]|(?<![\w])'|'(?![\w])")


@dataclass(frozen=True)
class Family:
    code: str
    jurisdictions: tuple[str, ...]
    kinds: tuple[str, ...]
    excluded_kinds: tuple[str, ...]
    requires_facts: tuple[str, ...]
    notes_read: str
    """How the notes on the root and above it were read (into kinds, excluded kinds, phrases);
    required when there are such notes."""
    line: int
    file: str
    gap: str = ""
    """A condition outside the subtree that the criteria cannot name (a heading note of the
    category): every entry of the family is incomplete, answered "unknown" when met."""
    facts_paragraphs: tuple[str, ...] = ()
    """Sub-paragraphs of an "all of the following" whose condition the required facts state
    (their words define the facts); not read into criteria."""


@dataclass(frozen=True)
class Phrase:
    under: str
    """The code the phrase is read under (``6A005``: every paragraph of 6A005)."""
    template: str
    """The words, ``{}`` where the comparator, number and unit stand; without ``{}`` a fixed
    condition whose comparator, value and unit the row gives (from the note defining it)."""
    parameter: str
    comparator: str
    value: Decimal | None
    unit: str
    defined_by: str
    line: int


def read_families(ontology: Path, name: str) -> list[Family]:
    columns = ("code", "kind", "notes_read")
    return [
        Family(
            row.require("code"),
            tuple(row.words("jurisdictions")),
            tuple(row.require("kind").split()),
            tuple(row.words("excluded_kinds")),
            tuple(row.words("requires_facts")),
            row.get("notes_read"),
            row.line,
            row.file,
            row.get("gap"),
            _facts_paragraphs(row),
        )
        for row in read_table(ontology / FAMILIES, columns, name=name)
    ]


def _facts_paragraphs(row: Row) -> tuple[str, ...]:
    codes = tuple(row.words("facts_paragraphs"))
    if codes and not row.get("requires_facts"):
        raise row.error("facts_paragraphs", "only required facts can state a paragraph")
    return codes


def read_phrases(ontology: Path, name: str) -> list[Phrase]:
    columns = ("under", "template", "parameter")
    return [_phrase(row) for row in read_table(ontology / PHRASES, columns, name=name)]


def _phrase(row: Row) -> Phrase:
    template = row.require("template")
    fixed = "{}" not in template
    if fixed and row.get("parameter") == LEAD_IN:
        return Phrase(row.require("under"), template, LEAD_IN, "", None, "", "", row.line)
    if fixed != bool(row.get("comparator")):
        raise row.error("comparator", "a fixed phrase (no {}) gives its comparator, and only it")
    if template.count("{}") > 1:
        raise row.error("template", "one {} at most")
    value = Decimal(row.require("value")) if fixed else None
    if fixed and not row.get("defined_by"):
        raise row.error("defined_by", "a fixed phrase quotes the note that defines it")
    return Phrase(
        row.require("under"),
        template,
        row.require("parameter"),
        row.get("comparator"),
        value,
        unit_iri(row.require("unit") if fixed else row.get("unit")) if row.get("unit") else "",
        row.get("defined_by"),
        row.line,
    )


@dataclass(frozen=True)
class _Reading:
    """A paragraph's own conditions and how its sub-paragraphs combine."""

    criteria: tuple[FormalCriterion, ...]
    mode: str | None  # "any", "all", or None (no sub-paragraphs)


class _NotRead(Exception):
    """A paragraph whose words are not all understood (the message says which)."""


def formalize_families(
    families: Iterable[Family],
    phrases: Sequence[Phrase],
    trees: Mapping[str, Mapping[str, TextNode]],
    units: Mapping[str, str],
    curated: Mapping[str, Collection[str]],
) -> list[FormalEntry]:
    """Every family's subtree in every jurisdiction whose list has it (curated codes excepted: a
    family whose subtree holds a curated code fails the load)."""
    found: list[FormalEntry] = []
    for family in families:
        for jurisdiction, entries in trees.items():
            if family.jurisdictions and jurisdiction not in family.jurisdictions:
                continue
            tree = entries.get(family.code.split(".", 1)[0])
            root = tree.find(family.code) if tree else None
            if root is None or tree is None:
                continue
            mine = curated.get(jurisdiction, ())
            if any(node.code in mine for node in root.walk()):
                raise _refuse(family, root, "its subtree holds a curated code")
            reader = _Reader(family, [p for p in phrases if _under(root.code, p.under)], units)
            reader.check_root(root, tree)
            found += reader.entries(root, None, is_root=True)
    return found


def _under(code: str, under: str) -> bool:
    return code == under or code.startswith(under + ".")


def _refuse(family: Family, node: TextNode, why: str) -> SourceDataError:
    where = f"{node.public_id} (family {family.code})"
    return SourceDataError(family.file, family.line, "code", f"{where}: {why}")


class _Reader:
    def __init__(self, family: Family, phrases: Sequence[Phrase], units: Mapping[str, str]):
        self.family = family
        self.phrases = phrases
        self.units = units
        spellings = "|".join(re.escape(s) for s in sorted(units, key=len, reverse=True))
        unit = rf"(?P<{{name}}>{spellings})(?![\w/^])"
        number = NUMBER.replace("?P<mantissa>", "?P<m{n}>").replace("?P<exponent>", "?P<e{n}>")
        number = number.replace("?P<plain>", "?P<p{n}>")

        def value(n: int) -> str:
            return rf"(?P<n{n}>{number.format(n=n)})\s*{unit.format(name=f'u{n}')}"

        self.expression = self._expression(value)
        self.counted = self._expression(
            lambda n: rf"(?P<n{n}>{number.format(n=n)})(?P<u{n}>)(?![\w/^%])"
        )
        self.patterns = [(phrase, self._pattern(phrase)) for phrase in phrases]

    @staticmethod
    def _expression(value: Callable[[int], str]) -> str:
        return (
            rf"(?:(?:of\s+)?(?P<c1>{_ANY_COMPARATOR})\s+{value(1)}"
            rf"(?:,?\s+(?:but|and)\s+(?P<c2>{_UPPER_COMPARATOR})\s+{value(2)})?"
            rf"|(?:of\s+)?{value(3)}\s+or more"
            rf"(?:,?\s+but\s+(?P<c4>{_UPPER_COMPARATOR})\s+{value(4)})?)"
        )

    def _pattern(self, phrase: Phrase) -> re.Pattern[str]:
        """The phrase's words around the comparator, number and unit; a phrase giving its unit
        (a count, "Q-values exceeding 10,000") takes a number written without one."""
        words = [f"(?i:{re.escape(part)})" if part else "" for part in phrase.template.split("{}")]
        if len(words) == 1:
            return re.compile(words[0])
        return re.compile((self.counted if phrase.unit else self.expression).join(words))

    def check_root(self, root: TextNode, tree: TextNode) -> None:
        problem = parents_state_nothing(root, tree)
        if problem:
            raise _refuse(self.family, root, problem)
        if stated_thresholds(root.text):
            raise _refuse(self.family, root, "the root states thresholds of its own")
        below = {node.code for node in root.children}
        missing = [code for code in self.family.facts_paragraphs if code not in below]
        if missing:
            raise _refuse(self.family, root, f"{', '.join(missing)}: not a sub-paragraph of it")
        chain = [root, *_ancestors(root, tree)]
        if any(node.notes for node in chain) and not self.family.notes_read:
            raise _refuse(self.family, root, "notes on it or above it: say how they were read")

    def entries(self, node: TextNode, parent: str | None, *, is_root: bool) -> list[FormalEntry]:
        """The entries of ``node``'s subtree: a group and its children, or one entry."""
        try:
            reading = self.read_root(node) if is_root else self._read_or_say(node)
        except _NotRead as why:
            return [self._text(node, parent, str(why))]
        if not reading.criteria and reading.mode == "any" and node.children:
            children = [c for c in node.children if not _reserved(c)]
            if not children or (not is_root and node.notes):
                return [self._text(node, parent, "its sub-paragraphs or notes were not read")]
            found = [e for c in children for e in self.entries(c, node.code, is_root=False)]
            return [self._entry(node, parent, (), None, group=True), *found]
        try:
            alternatives = self.alternatives(node, reading)
        except _NotRead as why:
            return [self._partial(node, parent, reading, str(why))]
        noted = [n for n in node.walk() for note in n.notes if n is not node or not is_root]
        gap = self.family.gap or None
        if noted:
            codes = ", ".join(dict.fromkeys(n.code for n in noted))
            gap = f"the notes to {codes} take items out that the criteria cannot name: read them"
            gap = f"{self.family.gap}; {gap}" if self.family.gap else gap
        cells = self.cells(alternatives)
        if gap is None and cells > MAX_CELLS:  # (an incomplete entry is never compared)
            held = f"the {len(alternatives)} alternative sets of conditions below it"
            return [self._partial(node, parent, reading, f"{held} are not formalized yet")]
        return [self._entry(node, parent, alternatives, gap)]

    def alternatives(
        self, node: TextNode, reading: _Reading
    ) -> tuple[tuple[FormalCriterion, ...], ...]:
        """Every way through ``node``'s subtree, each the criteria all required on it."""
        ways: list[tuple[FormalCriterion, ...]] = [reading.criteria]
        children = [
            c
            for c in node.children
            if not _reserved(c) and c.code not in self.family.facts_paragraphs
        ]
        if reading.mode is None:
            if children:
                raise _NotRead("sub-paragraphs the paragraph does not introduce")
            return tuple(ways)
        if not children:
            raise _NotRead("'of the following' without sub-paragraphs")
        below = [self.alternatives(c, self._read_or_say(c)) for c in children]
        if reading.mode == "any":
            ways = [reading.criteria + way for options in below for way in options]
        else:
            ways = [
                reading.criteria + tuple(c for way in combination for c in way)
                for combination in itertools.product(*below)
            ]
        if len(ways) > MAX_ALTERNATIVES:
            raise _NotRead(f"{len(ways)} alternatives")
        return tuple(ways)

    @staticmethod
    def cells(alternatives: tuple[tuple[FormalCriterion, ...], ...]) -> int:
        ends: dict[str, set[tuple[Decimal, str]]] = {}
        for criterion in (c for way in alternatives for c in way):
            ends.setdefault(criterion.parameter, set()).add((criterion.value, criterion.unit))
        return math.prod(2 * len(values) + 1 for values in ends.values())

    def _read_or_say(self, node: TextNode) -> _Reading:
        try:
            return self.read(node)
        except _NotRead as why:
            raise _NotRead(f"{node.code}: {why}") from None

    def read_root(self, node: TextNode) -> _Reading:
        """The root names the kind (its words are the rule's kinds): only how its
        sub-paragraphs combine is read ("any of" when it says "as follows")."""
        tail = _TAIL.search(_END.sub("", " ".join(node.text.split())))
        return _Reading((), tail.group("mode").lower() if tail else "any")

    def read(self, node: TextNode) -> _Reading:
        """The paragraph's own clauses, all its words understood, or _NotRead."""
        text = _QUOTES.sub("", " ".join(node.text.split()))
        text = _POWER_OF_TEN.sub("1 × 10^", text)  # "10^−14" is 1 × 10^−14
        text = _END.sub("", text)
        mode = None
        tail = _TAIL.search(text)
        if tail is not None:
            mode = tail.group("mode").lower()
            text = text[: tail.start()]
        text = _END.sub("", text)
        if not text:
            if mode != "all":
                raise _NotRead("a paragraph without conditions")
            return _Reading((), mode)
        criteria = self._clauses(node, text)
        stated = stated_thresholds(node.text)
        numeric = [c for c in criteria if not c.defined_by]
        if len(numeric) != stated:
            raise _NotRead(f"{len(numeric)} criteria read, {stated} thresholds stated")
        return _Reading(criteria, mode)

    def _clauses(self, node: TextNode, text: str) -> tuple[FormalCriterion, ...]:
        cuts = list(_SEPARATOR.finditer(text))
        if len(cuts) > 10:
            raise _NotRead("too many clauses")
        readings: set[tuple[FormalCriterion, ...]] = set()
        for chosen in itertools.product((False, True), repeat=len(cuts)):
            start, parts = 0, []
            for cut, used in zip(cuts, chosen, strict=True):
                if used:
                    parts.append(text[start : cut.start()])
                    start = cut.end()
            parts.append(text[start:])
            found = [self._clause(node, part) for part in parts]
            if all(f is not None for f in found):
                readings.add(tuple(c for f in found if f is not None for c in f))
        if len(readings) != 1:
            raise _NotRead(
                "its words are not all read into criteria"
                if not readings
                else "its words can be read more than one way"
            )
        return readings.pop()

    def _clause(self, node: TextNode, words: str) -> tuple[FormalCriterion, ...] | None:
        found: list[tuple[FormalCriterion, ...]] = []
        for phrase, pattern in self.patterns:
            match = pattern.fullmatch(words)
            if match is None:
                continue
            if phrase.parameter == LEAD_IN:
                found.append(())
            elif phrase.value is not None:
                fixed = FormalCriterion(
                    phrase.parameter, phrase.comparator, phrase.value, phrase.unit,
                    words, node.text, node.code, phrase.defined_by, words,
                )  # fmt: skip
                found.append((fixed,))
            else:
                found.append(self._numeric(node, phrase, match, words))
        return found[0] if len(found) == 1 else None

    def _numeric(
        self, node: TextNode, phrase: Phrase, match: re.Match[str], words: str
    ) -> tuple[FormalCriterion, ...]:
        pairs = [(1, match.group("c1")), (2, match.group("c2")), (3, ">="), (4, match.group("c4"))]
        criteria = []
        for n, words_of_comparator in pairs:
            if not match.group(f"n{n}"):
                continue
            plain, mantissa = match.group(f"p{n}"), match.group(f"m{n}")
            written = plain or mantissa or ""
            if not WRITTEN[node.jurisdiction].fullmatch(written):
                raise _NotRead(f"{written!r} is not written as the {node.jurisdiction} text does")
            sign = words_of_comparator if n == 3 else _sign(words_of_comparator)
            unit = match.group(f"u{n}")
            iri = self.units[unit] if unit else phrase.unit
            number = match.group(f"n{n}")
            if number not in node.text:  # "10^−14" was read as 1 × 10^−14
                number = number.removeprefix("1 × ")
            value = written_value(plain, mantissa, match.group(f"e{n}"), node.jurisdiction)
            criteria.append(
                FormalCriterion(
                    phrase.parameter,
                    sign,
                    value,
                    iri,
                    f"{number} {unit}".strip(),
                    node.text,
                    node.code,
                    "",
                    words,
                )
            )
        return tuple(criteria)

    def _entry(
        self,
        node: TextNode,
        parent: str | None,
        alternatives: tuple[tuple[FormalCriterion, ...], ...],
        gap: str | None,
        *,
        group: bool = False,
    ) -> FormalEntry:
        criteria = tuple(dict.fromkeys(c for way in alternatives for c in way))
        return FormalEntry(
            node.jurisdiction, node.code, parent, node.text, self.family.kinds,
            self.family.excluded_kinds, self.family.requires_facts, criteria, gap,
            alternatives, group,
        )  # fmt: skip

    def _partial(
        self, node: TextNode, parent: str | None, reading: _Reading, why: str
    ) -> FormalEntry:
        """The paragraph's own conditions, which every way through it requires, as an incomplete
        entry: an item failing them is not controlled by it, one meeting them is "unknown"."""
        if not reading.criteria:
            return self._text(node, parent, why)
        return self._entry(node, parent, (reading.criteria,), why)

    def _text(self, node: TextNode, parent: str | None, why: str) -> FormalEntry:
        return FormalEntry(
            node.jurisdiction, node.code, parent, node.text, self.family.kinds,
            self.family.excluded_kinds, self.family.requires_facts, (),
            why,
        )  # fmt: skip


def _sign(words: str) -> str:
    return next(sign for pattern, sign in _SIGNS if re.fullmatch(pattern, words))


def _reserved(node: TextNode) -> bool:
    return bool(re.fullmatch(r"(?:\S+\s+)?\[Reserved\]\.?|Not used;?", node.text.strip()))


def _ancestors(node: TextNode, tree: TextNode) -> list[TextNode]:
    found, parent = [], node.parent
    while parent is not None:
        above = tree.find(parent)
        if above is None:
            break
        found.append(above)
        parent = above.parent
    return found


def distinct(found: list[FormalEntry], name: str) -> list[FormalEntry]:
    """The entries, each paragraph once: a paragraph both a rule and a family read fails the
    load (one of them must give way)."""
    seen: set[tuple[str, str]] = set()
    for entry in found:
        key = (entry.jurisdiction, entry.code)
        if key in seen:
            why = f"{entry.jurisdiction}:{entry.code} is read by two rows (rules.csv, families.csv)"
            raise SourceDataError(name, 0, "code", why)
        seen.add(key)
    return found
