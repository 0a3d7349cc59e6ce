"""Formalized families of paragraphs: a whole subtree of a list entry (``6A005.a``, the
non-"tunable" CW lasers) read into criteria with its and/or structure, where a row of
ontology/controls/formalize/families.csv names the subtree's root, its item kinds and how the notes
above it were read, and ontology/controls/formalize/phrases.csv names, for paragraphs under a code,
the words that introduce each harmonized parameter.

A paragraph is read only when ALL of its own words are understood (loaders/formalize_clauses.py:
clauses of known phrases, optionally ending "and any of the following:" — its sub-paragraphs are
alternatives — or "all of the following:" — all required). Anything else — a word left over, a
number written otherwise, an exception — leaves the paragraph, and the entry it belongs to, as
text: classification answers "unknown — not formalized: read the text" for its kinds, never false.

Entries are made where the text puts conditions: a paragraph without conditions of its own whose
sub-paragraphs are alternatives becomes a grouping entry (it matches through them); the first
paragraph down a branch that states conditions becomes an entry whose alternatives are every way
through its subtree (the conditions of each paragraph on the way, AND-ed; "any of" branches OR-ed).
A root that states a threshold of its own (US 6A995.d "… having an output wavelength exceeding
975 nm but not exceeding 1,150 nm and having any of the following:") is read like any paragraph —
its kind's words in the phrase that reads the threshold; when its sub-paragraphs are alternatives
it becomes a grouping entry and every entry below it carries its criteria with its own (AND-ed);
a root whose threshold is not read leaves the family as text.
A note on a paragraph of the subtree ("does not control Argon lasers …") cannot be expressed by
criteria: the entry keeps its criteria, is marked incomplete, and an item meeting them is answered
"unknown", naming the note — never true; unless a row of ontology/controls/formalize/notes.csv
quotes the note (EU "Note to 7A001.a.1"): its fact, then required of the entry, states what the
note takes out.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from exportgraph.loaders.formalize import (
    FormalCriterion,
    FormalEntry,
    parents_state_nothing,
    read_rows,
    unit_iri,
)
from exportgraph.loaders.formalize_clauses import (
    BAND,
    LEAD_IN,
    NEGATE,
    TOLERANCE,
    NotRead,
    ParagraphReader,
    Phrase,
    Reading,
)
from exportgraph.loaders.formalize_clauses import negated as negated_words
from exportgraph.loaders.formalize_notes import HeadingNote, points_elsewhere, states
from exportgraph.loaders.listed_text import Note, TextNode
from exportgraph.loaders.tables import Row, SourceDataError

FAMILIES = "families.csv"
PHRASES = "phrases.csv"
MAX_ALTERNATIVES = 64
"""More ways through one subtree than this and the entry stays text (none of the lists comes
near it; a runaway product would be a misreading)."""


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
    """Paragraphs below the root, each a sub-paragraph of an "all of the following", whose
    condition the required facts state (their words define the facts); not read into criteria.
    One under alternatives ("any of the following") fails the load: a fact required of every
    way would drop its alternative."""
    purposes: tuple[str, ...] = ()
    """Software or technology: the purposes it is for (development, production, use)."""
    serves_kinds: tuple[str, ...] = ()
    """Software or technology whose paragraphs state figures of the item it serves: the kinds
    of that item (the criteria are then the served item's)."""


def read_families(ontology: Path, name: str) -> list[Family]:
    return read_rows(ontology, FAMILIES, ("code", "kind", "notes_read"), name, _family)


_SERVING = ("software", "technology")
"""The kinds whose entries name purposes and the kinds of the item they serve."""


def _family(row: Row) -> Family:
    kinds = row.require("kind").split()
    for column in ("purposes", "serves_kinds"):
        if row.get(column) and (len(kinds) != 1 or kinds[0] not in _SERVING):
            raise row.error(column, f"only a family of kind {' or '.join(_SERVING)} has {column}")
    return Family(
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
        tuple(row.words("purposes")),
        tuple(row.words("serves_kinds")),
    )


def _facts_paragraphs(row: Row) -> tuple[str, ...]:
    codes = tuple(row.words("facts_paragraphs"))
    if codes and not row.get("requires_facts"):
        raise row.error("facts_paragraphs", "only required facts can state a paragraph")
    return codes


def read_phrases(ontology: Path, name: str) -> list[Phrase]:
    return read_rows(ontology, PHRASES, ("under", "template", "parameter"), name, _phrase)


def _phrase(row: Row) -> Phrase:
    template = row.require("template")
    fixed = "{}" not in template
    if fixed and row.get("parameter") == LEAD_IN:
        return Phrase(row.require("under"), template, LEAD_IN, "", None, "", "", row.line)
    negated = not fixed and row.get("comparator") == NEGATE
    if negated and not negated_words(template):
        raise row.error(
            "comparator", f"{NEGATE!r} is for a phrase whose words negate its threshold"
        )
    negated = negated or (not fixed and row.get("comparator") == TOLERANCE)
    if fixed != bool(row.get("comparator")) and not negated:
        raise row.error(
            "comparator",
            f"a fixed phrase (no {{}}) gives its comparator, and only it (or {NEGATE!r}, negated)",
        )
    if template.count("{}") > 1:
        raise row.error("template", "one {} at most")
    values = tuple(Decimal(v) for v in row.require("value").split(BAND)) if fixed else ()
    if fixed and not row.get("defined_by"):
        raise row.error("defined_by", "a fixed phrase quotes the note that defines it")
    parameter, comparator = row.require("parameter"), row.get("comparator")
    if fixed and not len(values) == len(parameter.split(BAND)) == len(comparator.split(BAND)):
        raise row.error("value", "as many parameters, comparators and values (separated by |)")
    return Phrase(
        row.require("under"),
        template,
        parameter,
        comparator,
        values[0] if values else None,
        unit_iri(row.require("unit") if fixed else row.get("unit")) if row.get("unit") else "",
        row.get("defined_by"),
        row.line,
        values[1:],
    )


def formalize_families(
    families: Iterable[Family],
    phrases: Sequence[Phrase],
    trees: Mapping[str, Mapping[str, TextNode]],
    units: Mapping[str, str],
    curated: Mapping[str, Collection[str]],
    stated: Sequence[HeadingNote] = (),
) -> list[FormalEntry]:
    """Every family's subtree in every jurisdiction whose list has it (curated codes excepted: a
    family whose subtree holds a curated code fails the load). A note in the subtree that a
    heading note of ``stated`` (notes.csv) quotes is read: its fact, required of the entries it
    applies to, says what it takes out (loaders/formalize_notes.py)."""
    found: list[FormalEntry] = []
    families = list(families)
    over = _phrases_by_place(phrases)
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
            mine_phrases = over(root.code)
            inner, outer = nested_roots(families, jurisdiction, root.code)
            reader = _Reader(family, mine_phrases, units, stated, inner)
            reader.check_root(root, tree)
            found += reader.entries(root, root.parent if outer else None, is_root=True)
    return found


def nested_roots(
    families: Iterable[Family], jurisdiction: str, code: str
) -> tuple[frozenset[str], bool]:
    """The roots of the other families (of the jurisdiction) below ``code``, which those families
    read (3A002.d.3 below 3A002.d: the same kind, with a ``gap`` of its own), and whether a family
    reads a paragraph above ``code`` (the nested root's entry then stands under its parent)."""
    codes = [f.code for f in families if not f.jurisdictions or jurisdiction in f.jurisdictions]
    inner = frozenset(c for c in codes if c != code and _under(c, code))
    return inner, any(c != code and _under(code, c) for c in codes)


def _phrases_by_place(phrases: Sequence[Phrase]) -> Callable[[str], list[Phrase]]:
    """The phrases whose place (``under``) is a code or one of its ancestors, in table order:
    looked up by the code's prefixes (3A001, 3A001.b, 3A001.b.1), not by testing every phrase
    against every family (about 770,000 tests at load)."""
    placed: dict[str, list[tuple[int, Phrase]]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        placed[phrase.under].append((index, phrase))

    def over(code: str) -> list[Phrase]:
        parts = code.split(".")
        prefixes = {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
        found = sorted((pair for prefix in prefixes for pair in placed.get(prefix, ())), key=_first)
        return [phrase for _, phrase in found]

    return over


def _first(pair: tuple[int, Phrase]) -> int:
    return pair[0]


def _under(code: str, under: str) -> bool:
    return code == under or code.startswith(under + ".")


def _refuse(family: Family, node: TextNode, why: str) -> SourceDataError:
    where = f"{node.public_id} (family {family.code})"
    return SourceDataError(family.file, family.line, "code", f"{where}: {why}")


class _Reader:
    def __init__(
        self,
        family: Family,
        phrases: Sequence[Phrase],
        units: Mapping[str, str],
        stated: Sequence[HeadingNote] = (),
        nested: Collection[str] = (),
    ):
        self.family = family
        self.words = ParagraphReader(phrases, units)
        self.stated = stated
        self.nested = nested
        """Roots of other families below this one's: read by them, not here."""

    def check_root(self, root: TextNode, tree: TextNode) -> None:
        problem = parents_state_nothing(root, tree)
        if problem:
            raise _refuse(self.family, root, problem)
        below = {node.code for node in root.walk() if node is not root}
        missing = [code for code in self.family.facts_paragraphs if code not in below]
        if missing:
            raise _refuse(self.family, root, f"{', '.join(missing)}: not a paragraph below it")
        chain = [root, *_ancestors(root, tree)]
        if any(node.notes for node in chain) and not self.family.notes_read:
            raise _refuse(self.family, root, "notes on it or above it: say how they were read")

    def entries(
        self,
        node: TextNode,
        parent: str | None,
        *,
        is_root: bool,
        above: tuple[tuple[FormalCriterion, ...], ...] = ((),),
    ) -> list[FormalEntry]:
        """The entries of ``node``'s subtree: a group and its children, or one entry. ``above``:
        the ways a heading the subtree stands under is met (its criteria, or its alternatives),
        one of which is required with each entry's own."""
        try:
            reading = self.words.read_root(node) if is_root else self._read_or_say(node)
        except NotRead as why:
            return [self._text(node, parent, str(why), above)]
        grouping = not reading.criteria or is_root  # a heading's own criteria go down with it
        listed = [c for c in node.children if not c.reserved]
        if all(c.code in self.family.facts_paragraphs for c in listed):
            grouping = False  # its sub-paragraphs are the required facts: one entry
        if grouping and _heading(reading, is_root) and node.children:
            children = [c for c in node.children if not c.reserved and c.code not in self.nested]
            heading = tuple(way + mine for way in above for mine in reading.ways)
            # a Technical Note notes_read names is a definition (3A002.d.5's 'RF modulation
            # bandwidth'): the grouping's sub-paragraphs are read with it
            unread_notes = [n for n in node.notes if not self._defines(node, n)]
            if not children or (not is_root and unread_notes):
                unread = "its sub-paragraphs or notes were not read"
                return [self._text(node, parent, unread, heading)]
            found = [
                e
                for c in children
                for e in self.entries(c, node.code, is_root=False, above=heading)
            ]
            return [self._entry(node, parent, (), None, group=True), *found]
        try:
            alternatives = tuple(
                way + mine for way in above for mine in self.alternatives(node, reading)
            )
        except NotRead as why:
            required = tuple(way + reading.criteria for way in above)
            return [self._text(node, parent, str(why), required)]
        noted = [
            n
            for n in node.walk()
            for note in n.notes
            if (n is not node or not is_root)
            and not self._defines(n, note)
            and not points_elsewhere(note)
            and not states(self.stated, node, note)
        ]
        gap = self.family.gap or None
        if noted:
            codes = ", ".join(dict.fromkeys(n.code for n in noted))
            gap = f"the notes to {codes} take items out that the criteria cannot name: read them"
            gap = f"{self.family.gap}; {gap}" if self.family.gap else gap
        return [self._entry(node, parent, alternatives, gap)]

    def alternatives(
        self, node: TextNode, reading: Reading
    ) -> tuple[tuple[FormalCriterion, ...], ...]:
        """Every way through ``node``'s subtree, each the criteria all required on it."""
        own = reading.ways
        ways: list[tuple[FormalCriterion, ...]] = list(own)
        facts = [c.code for c in node.children if c.code in self.family.facts_paragraphs]
        listed = [c for c in node.children if not c.reserved]
        # every sub-paragraph one required fact (3A001.b.1.a.5's beams, any of them) is read;
        # a required fact beside other alternatives would be required of all of them
        all_facts = reading.mode == "any" and len(facts) == len(listed)
        if facts and reading.mode != "all" and not all_facts:
            why = f"{', '.join(facts)}: a required fact, but not under 'all of the following'"
            raise _refuse(self.family, node, why)
        children = [
            c
            for c in node.children
            if not c.reserved and c.code not in self.family.facts_paragraphs
        ]
        if any(c.code in self.nested for c in node.walk() if c is not node):
            raise NotRead("a paragraph another family reads, under conditions of this one")
        if reading.mode is None:
            if children:
                raise NotRead("sub-paragraphs the paragraph does not introduce")
            return tuple(ways)
        stated = any(c.code in self.family.facts_paragraphs for c in node.children)
        if not children:
            if stated:  # every sub-paragraph is stated by the required facts: all of them
                return tuple(ways)  # (6A002.b.2), or any of them (3A001.b.1.a.5's beams)
            raise NotRead("'of the following' without sub-paragraphs")
        if stated and reading.mode == "any":
            raise NotRead("a required fact among alternatives")  # it would be required of all
        below = [self.alternatives(c, self._read_or_say(c)) for c in children]
        if reading.mode == "any":
            ways = [mine + way for mine in own for options in below for way in options]
        else:
            ways = [
                mine + tuple(c for way in combination for c in way)
                for mine in own
                for combination in itertools.product(*below)
            ]
        if len(ways) > MAX_ALTERNATIVES:
            raise NotRead(f"{len(ways)} alternatives")
        if reading.within:
            _all_within(node, reading.within, [c for way in below for w in way for c in w])
        return tuple(ways)

    def _defines(self, node: TextNode, note: Note) -> bool:
        """Whether a note on a paragraph of the subtree only defines its terms: a Technical Note
        the family's ``notes_read`` names the paragraph of (what a person read as a definition,
        in the parameter's definition), not one that takes items out."""
        named = re.search(rf"(?<![\w.]){re.escape(node.code)}(?!\w|\.\w)", self.family.notes_read)
        return note.kind == "technical-note" and named is not None

    def _read_or_say(self, node: TextNode) -> Reading:
        try:
            return self.words.read(node)
        except NotRead as why:
            raise NotRead(f"{node.code}: {why}") from None

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
            alternatives, group, purposes=self.family.purposes,
            serves_kinds=self.family.serves_kinds,
        )  # fmt: skip

    def _text(
        self,
        node: TextNode,
        parent: str | None,
        why: str,
        required: tuple[tuple[FormalCriterion, ...], ...] = ((),),
    ) -> FormalEntry:
        """The paragraph as text; with the conditions every way through it requires (its own,
        its heading's: one of the heading's alternatives) as an incomplete entry: an item failing
        them is not controlled by it, one meeting them is "unknown"."""
        if any(required):
            return self._entry(node, parent, required, why)
        return FormalEntry(
            node.jurisdiction, node.code, parent, node.text, self.family.kinds,
            self.family.excluded_kinds, self.family.requires_facts, (),
            why, purposes=self.family.purposes, serves_kinds=self.family.serves_kinds,
        )  # fmt: skip


def _all_within(node: TextNode, within: str, below: Sequence[FormalCriterion]) -> None:
    """The sub-paragraphs' figures of a paragraph that says they hold within a range (3A002.d.1:
    "… having all of the following, anywhere within the frequency range exceeding 31.8 GHz but
    not exceeding 37 GHz"): every one must be of a parameter of that range (its name ends with
    the range, ``signal-generator-pulse-duration-within-31-8-to-37-ghz``), or the paragraph is
    not read."""
    outside = sorted({c.parameter for c in below if not c.parameter.endswith(within)})
    if outside or not below:
        why = f"{node.code}: figures not of the range it names ({within}): {', '.join(outside)}"
        raise NotRead(why)


def _heading(reading: Reading, is_root: bool) -> bool:
    """Whether a paragraph is read as a heading whose sub-paragraphs are alternatives, each an
    entry of its own under the heading's conditions: one with "any of" sub-paragraphs and no
    alternatives of its own words — or a root whose own words are alternatives ("in lengths
    exceeding 100 m or with a mass exceeding 100 g, as follows", 1C005), each required with each
    sub-paragraph's entry as one of its ways."""
    return reading.mode == "any" and (not reading.either or is_root)


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


def give_way(ruled: Sequence[FormalEntry], families: Sequence[FormalEntry]) -> list[FormalEntry]:
    """The families' entries without those a rule of rules.csv reads instead: a paragraph the
    family leaves as text with no conditions read (its words belong to it alone, as 7A001.a.3's
    "Designed for use in inertial navigation or guidance systems", a required fact of that
    paragraph only) gives way to a rule naming it. Any other paragraph both read stays an error
    of :func:`distinct`."""
    read = {(e.jurisdiction, e.code) for e in ruled}
    return [
        e
        for e in families
        if not ((e.jurisdiction, e.code) in read and e.text_only and not e.criteria)
    ]
