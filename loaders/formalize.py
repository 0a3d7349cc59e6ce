"""Formalized thresholds of the whole lists: the numeric criteria the official texts state, read
into (parameter, comparator, value, unit) where a rule of ontology/controls/formalize/rules.csv
names the paragraph, the item kind it applies to and the harmonized parameter.

The rule says what a human read (the kind, the parameter, the words before the comparator); the
number, comparator and unit are parsed from the paragraph's own text, in each jurisdiction's
spelling (US ``1 × 10^−11``, ``1,100``; EU ``1 × 10-11``, ``0,05``), with the comparator words of
loaders/formalize_words.py (before the number, or "or more"/"or less" after it and its unit). A
paragraph is formalized only when it is exact to do so: one stated threshold in the paragraph, the
rule's phrase before it, the
measurement condition the parameter's definition names present, and none of the words that make a
condition the criteria cannot express ("except", "specially designed", "other than"); a note saying
the paragraph "does not control" something needs the rule's excluded kinds. A rule without a
parameter marks a paragraph of a known kind that stays text: classification answers "unknown —
not formalized: read the text" for it, never false. A rule that names a parameter but does not
parse fails the load (the rule's line named): a changed text is read again by a person.

Codes the curated tables define (ontology/controls/{J}/entries.csv) are never formalized here: the
curated rows stay the authority for their entries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from exportgraph.loaders.formalize_words import (
    ANY_COMPARATOR,
    AT_LEAST_AFTER,
    AT_MOST_AFTER,
    sign,
    sign_after,
    stated_thresholds,
)
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import Row, SourceDataError, read_table

from exportgraph import namespaces as ns

FOLDER = "controls/formalize"
UNIT_BASE = f"{ns.EGID}unit/"
"""Units the formalized parameters use that ontology/units.ttl (QUDT) does not define."""

NUMBER = (
    r"\+?(?:(?P<mantissa>\d+(?:[.,]\d+)?)\s*[×x]\s*10\s*\^?\s*"
    r"(?P<exponent>[−–-]\s*\d+|(?<=\^)\s*\d+|(?<=10)\d+)"
    r"|(?P<plain>\d+(?:[.,]\d+)*))"
)
"""A number as written: plain, or ``mantissa × 10^exponent``; an explicit "+" is kept in the words
and means the number ("+20 dBm"). A positive exponent follows a caret (US ``2 × 10^9``) or is
written against the 10 (EU ``2 × 109``, its superscript lost as in ``1 × 10-11``). The US text
sometimes writes the sign as the letter x (6A003.b.1.a: "More than 4 x 10^6 “active pixels”")."""
WRITTEN = {
    "US": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    "EU": re.compile(r"\d+(?:,\d+)?|0\.\d+"),
}
"""How each list writes a number: US thousands separators and decimal point; EU decimal comma,
and a decimal point after a lone 0. Annex I writes three numbers with a point (0B004.b.8
"0.1 m", 0B004.b.10.3 "0.1 to 4 MPa", 8A002.o.4 "0.1 MW"; every other one with a decimal comma,
thousands unseparated: "1000 m"): after a lone 0 the point can only be a decimal point (no
thousands group follows a 0), and the CCL writes the same "0.1 MW". Anything else (an EU "1.5",
a US "1,5") is ambiguous and refused."""
_BLOCKING = ("except", "specially designed", "other than")
_EXCLUDING_NOTE = ("does not control", "does not apply", "not controlled")


@dataclass(frozen=True)
class Rule:
    code: str
    jurisdictions: tuple[str, ...]
    """Where the rule applies; empty: every list that has the paragraph."""
    kinds: tuple[str, ...]
    """The item kinds the paragraph names (the column ``kind``, space-separated)."""
    excluded_kinds: tuple[str, ...]
    requires_facts: tuple[str, ...]
    parameter: str
    phrase: str
    measured: str
    reason: str
    line: int
    file: str
    facts_express: tuple[str, ...] = ()
    """Words of ``_BLOCKING`` ("specially designed") whose condition the required facts state
    (a fact defined by the paragraph's own words); only with required facts."""


@dataclass(frozen=True)
class FormalCriterion:
    parameter: str
    comparator: str
    value: Decimal
    unit: str
    """The unit's IRI."""
    written: str
    """The number and unit as the text writes them."""
    source_text: str
    """The paragraph the criterion was read from (its own words)."""
    paragraph: str = ""
    """The code of that paragraph when it is not the entry's own (a sub-paragraph of a family)."""
    defined_by: str = ""
    """For a fixed phrase ("'Single transverse mode' output"): the note that defines it."""
    phrase: str = ""
    """The clause of the paragraph the criterion was read from, as written (quotes aside)."""


@dataclass(frozen=True)
class FormalEntry:
    """A paragraph of a whole list with its kind, and its criteria where they were formalized."""

    jurisdiction: str
    code: str
    parent: str | None
    title: str
    kinds: tuple[str, ...]
    excluded_kinds: tuple[str, ...]
    requires_facts: tuple[str, ...]
    criteria: tuple[FormalCriterion, ...]
    text_only: str | None
    """Why the paragraph stays text; None when formalized (its criteria, or its kind and facts
    alone, decide it)."""
    alternatives: tuple[tuple[FormalCriterion, ...], ...] = ()
    """The ways the entry is met, each a conjunction (empty: ``criteria`` is the one way)."""
    group: bool = False
    """A paragraph without conditions of its own that matches through its sub-paragraphs."""
    notes: tuple[str, ...] = ()
    """Notes of the list the answer shows with the entry (a heading note's words, what to
    state)."""
    purposes: tuple[str, ...] = ()
    """Software or technology: development, production or use."""
    serves_kinds: tuple[str, ...] = ()
    """Software or technology: the kinds of the item it serves, whose parameters and facts its
    criteria state (empty: hardware, or an entry that states no figures of the served item)."""
    serves: tuple[str, ...] = ()
    """Software or technology: the codes of the entries whose items it serves (served.csv)."""

    @property
    def ways(self) -> tuple[tuple[FormalCriterion, ...], ...]:
        return self.alternatives or ((self.criteria,) if self.criteria else ())


Read = TypeVar("Read")


def read_rows(
    ontology: Path, table: str, columns: tuple[str, ...], name: str, make: Callable[[Row], Read]
) -> list[Read]:
    """The rows of one table of ontology/controls/formalize/ (``table``: its file name), each
    made into what it says by ``make`` (which names the row's line in an error); ``name`` names
    the file in errors."""
    return [make(row) for row in read_table(ontology / FOLDER / table, columns, name=name)]


def read_rules(ontology: Path, name: str) -> list[Rule]:
    return read_rows(ontology, "rules.csv", ("code", "kind"), name, _rule)


def _rule(row: Row) -> Rule:
    parameter = row.get("parameter")
    if parameter and not row.get("phrase"):
        raise row.error("phrase", "a formalized rule names the words before its comparator")
    if not parameter and row.get("phrase"):
        raise row.error("parameter", "a phrase without a parameter formalizes nothing")
    expressed = tuple(w.strip() for w in row.get("facts_express").split("|") if w.strip())
    if expressed and not row.get("requires_facts"):
        raise row.error("facts_express", "only required facts can express a condition")
    if any(word not in _BLOCKING for word in expressed):
        raise row.error("facts_express", f"words of {' | '.join(_BLOCKING)} only")
    return Rule(
        row.require("code"),
        tuple(row.words("jurisdictions")),
        tuple(row.require("kind").split()),
        tuple(row.words("excluded_kinds")),
        tuple(row.words("requires_facts")),
        parameter,
        row.get("phrase"),
        row.get("measured"),
        row.get("reason"),
        row.line,
        row.file,
        expressed,
    )


def read_units(ontology: Path, name: str) -> dict[str, str]:
    """How the texts spell each unit → the unit's IRI (``qudt:NAME``: a unit of units.ttl)."""
    pairs = read_rows(
        ontology,
        "units.csv",
        ("spelling", "unit"),
        name,
        lambda row: (row.require("spelling"), unit_iri(row.require("unit"))),
    )
    return dict(pairs)


def unit_iri(name: str) -> str:
    qudt = name.removeprefix("qudt:")
    return ns.iri(ns.QUDT_UNIT, qudt).value if qudt != name else UNIT_BASE + name


def formalize(
    rules: Iterable[Rule],
    trees: Mapping[str, Mapping[str, TextNode]],
    units: Mapping[str, str],
    curated: Mapping[str, Collection[str]],
) -> list[FormalEntry]:
    """Every rule's paragraph in every jurisdiction whose list has it (``trees``: jurisdiction →
    entry code → tree), except codes the curated tables define."""
    found: list[FormalEntry] = []
    for rule in rules:
        for jurisdiction, entries in trees.items():
            if rule.jurisdictions and jurisdiction not in rule.jurisdictions:
                continue
            if rule.code in curated.get(jurisdiction, ()):
                continue
            tree = entries.get(rule.code.split(".", 1)[0])
            node = tree.find(rule.code) if tree else None
            if node is None:
                continue
            found.append(_entry(rule, node, tree, units))
    return found


def _entry(
    rule: Rule, node: TextNode, tree: TextNode | None, units: Mapping[str, str]
) -> FormalEntry:
    criteria: tuple[FormalCriterion, ...] = ()
    if not rule.reason:  # the rule decides the paragraph: check that it may
        _check(rule, node, tree)
        criteria = (_criterion(rule, node, units),) if rule.parameter else ()
    return FormalEntry(
        node.jurisdiction,
        node.code,
        node.parent,
        node.text,
        rule.kinds,
        rule.excluded_kinds,
        rule.requires_facts,
        criteria,
        rule.reason or None,
    )


def _refuse(rule: Rule, node: TextNode, why: str) -> SourceDataError:
    where = f"{node.public_id} (rule for {rule.code})"
    return SourceDataError(rule.file, rule.line, "parameter", f"{where}: {why}; stays text")


def _check(rule: Rule, node: TextNode, tree: TextNode | None) -> None:
    """Refuse a rule whose paragraph says what its kind, facts and criterion cannot express."""
    lowered = without_components_therefor(node.text).casefold()
    blocking = [w for w in _BLOCKING if w in lowered and w not in rule.facts_express]
    if blocking:
        why = f"the text says {blocking[0]!r}, a condition the criteria cannot express"
        raise _refuse(rule, node, why)
    problem = parents_state_nothing(node, tree)
    if problem:
        raise _refuse(rule, node, problem)
    notes = [note.text.casefold() for n in _chain(node, tree) for note in n.notes]
    if not rule.excluded_kinds and any(w in note for note in notes for w in _EXCLUDING_NOTE):
        raise _refuse(rule, node, "a note excludes items; name them as excluded kinds")
    stated = stated_thresholds(node.text)
    if stated != (1 if rule.parameter else 0):
        raise _refuse(
            rule, node, f"{stated} thresholds stated, {1 if rule.parameter else 0} expected"
        )
    if rule.measured and rule.measured not in node.text:
        why = f"the parameter is defined {rule.measured!r}, which the text does not say"
        raise _refuse(rule, node, why)


_COMPONENTS_THEREFOR = re.compile(
    r",?\s+and\s+[“”\"]?specially designed[“”\"]?\s+[“”\"]?components[“”\"]?"
    r"(?:\s+and\s+[“”\"]?accessories[“”\"]?)?\s+therefore?\b",
    re.IGNORECASE,
)


def without_components_therefor(text: str) -> str:
    """A paragraph's words without "and “specially designed” “components” therefor" (US 3A980;
    the US 3A003 writes "therefore"): the components are another kind than the rule's, so the
    words add no condition on its items (as the family readers take them after a heading)."""
    return _COMPONENTS_THEREFOR.sub("", text)


def parents_state_nothing(node: TextNode, tree: TextNode | None) -> str | None:
    """Why a paragraph cannot be read alone: a parent adds conditions of its own ("all of the
    following", or a threshold), which apply to its sub-paragraphs. None when none does."""
    for above in _chain(node, tree)[1:]:
        if "all of the following" in above.text or stated_thresholds(above.text):
            return f"{above.code} adds conditions of its own (all of the following, or a threshold)"
    return None


def _criterion(rule: Rule, node: TextNode, units: Mapping[str, str]) -> FormalCriterion:
    """The one threshold after the rule's phrase: a comparator, a number and a known unit
    ("with writing speeds greater than 0.5 mm/µs"), or a number, a unit and "or more"/"or less"
    ("capable of 50 ns or less time resolution")."""
    matches = [
        match
        for way in _threshold_patterns(tuple(sorted(units, key=len, reverse=True)))
        for match in _after_phrase(rule.phrase, way, node.text)
    ]
    if len(matches) != 1:
        why = f"no single {rule.phrase!r} … comparator, number and known unit in the text"
        raise _refuse(rule, node, why)
    match = matches[0]
    written = [match.group(g) for g in ("plain", "mantissa") if match.group(g)]
    if not all(WRITTEN[node.jurisdiction].fullmatch(number) for number in written):
        why = f"the number {written[0]!r} is not written as the {node.jurisdiction} text writes numbers"
        raise _refuse(rule, node, why)
    words = match.groupdict().get("comparator")
    return FormalCriterion(
        rule.parameter,
        sign(words) if words else sign_after(match.group("after")),
        _value(match, node.jurisdiction),
        units[match.group("unit")],
        f"{match.group('number')} {match.group('unit')}",
        node.text,
    )


@functools.lru_cache(maxsize=4)
def _threshold_patterns(spellings: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A threshold with a comparator before it, and one with "or more" / "or less" after it, in
    the units spelled: compiled once per units table (each spans every spelling, ~10 ms)."""
    value = rf"(?P<number>{NUMBER})\s*(?P<unit>{'|'.join(re.escape(s) for s in spellings)})"
    before = rf"\b(?P<comparator>{ANY_COMPARATOR})\s+{value}"
    after = rf"\b{value}\s+(?P<after>{AT_LEAST_AFTER}|{AT_MOST_AFTER})\b"
    return re.compile(before), re.compile(after)


def _after_phrase(phrase: str, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What ``re.finditer(escape(phrase) + ".*?" + pattern)`` finds, the pattern compiled once:
    at each place the phrase is written, the first match of ``pattern`` after it on the same line
    (``.`` stops at a line break), the search going on after that match."""
    start = 0
    while (at := text.find(phrase, start)) >= 0:
        line_end = text.find("\n", at)
        match = pattern.search(text, at + len(phrase), len(text) if line_end < 0 else line_end)
        if match is None:
            start = at + 1
            continue
        yield match
        start = match.end()


def _chain(node: TextNode, tree: TextNode | None) -> list[TextNode]:
    """The node and its ancestors up to the entry."""
    if tree is None:
        return [node]
    chain = [node]
    parent = node.parent
    while parent is not None:
        found = tree.find(parent)
        if found is None:
            break
        chain.append(found)
        parent = found.parent
    return chain


def _value(match: re.Match[str], jurisdiction: str) -> Decimal:
    groups = (match.group("plain"), match.group("mantissa"), match.group("exponent"))
    return written_value(*groups, jurisdiction)


def written_value(
    plain: str | None, mantissa: str | None, exponent: str | None, jurisdiction: str
) -> Decimal:
    """The number as written (``written_number``): ``plain`` or ``mantissa × 10^exponent``."""
    if plain:
        return written_number(plain, jurisdiction)
    power = int(re.sub(r"[−–\s]", "-", exponent or "").replace("--", "-"))
    return written_number(mantissa or "", jurisdiction) * Decimal(10) ** power


def written_number(written: str, jurisdiction: str) -> Decimal:
    """A number as one list writes it, perhaps signed (US "−238", EU "-238", "+125"): the CCL
    separates thousands with a comma ("1,473"), Annex I writes a decimal comma ("0,05") and, where
    ``WRITTEN`` takes it, a decimal point ("0.1"). The main number of a criterion and the
    equivalent in brackets after it ("75 W (48,75 dBm)") are both read with it."""
    digits = written.replace(",", "") if jurisdiction == "US" else written.replace(",", ".")
    return Decimal(re.sub(r"^[−–]", "-", digits.strip()))
