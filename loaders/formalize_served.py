"""Software and technology paragraphs of the whole lists that name the entries whose items they
serve ("“Technology” according to the General Technology Note for the “development” of equipment
… controlled by 6A (except 6A991 …)"): a row of ontology/controls/formalize/served.csv says how a
person read one paragraph — software or technology, its purposes, the entries it names and those it
excepts — and the load checks that reading against the official text before the paragraph becomes
an entry serving those entries (eg:servesEntry): the purposes must be exactly the ones the text
names, every entry code the text writes must be among the row's, every code of the row must belong
to an entry or category the text writes, and the words that make a condition a served entry
cannot express ("other than", "n.e.s.", "operation" …) refuse the row — unless the row gives the
reason they stay text: the named entries are then necessary only, and an item they control makes
the paragraph "unknown — read the text", never "controlled". Technology for an item is
then answered by the item's own classification against the named entries.

A row for a code the curated tables define adds the entries the text names to that curated entry
(whose own row may name fewer, "quantum-relevant scope"): the official text's scope, not a part
of it, decides technology for an item outside the quantum rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from exportgraph.loaders.formalize import FormalEntry, read_rows
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import Row, SourceDataError

FILE = "served.csv"
KINDS = ("software", "technology")
PURPOSES = ("development", "production", "use")
_PURPOSE_WORD = re.compile(r"\b(development|production|use)\b", re.IGNORECASE)
_CODE = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*")
_CATEGORY = re.compile(r"\b\d[A-E](?![0-9A-Za-z])")
_NAMING = re.compile(r"\b(?:controlled|specified) (?:by|in)\b", re.IGNORECASE)
_BLOCKING = (
    "other than",
    "not controlled",
    "not specified",
    "n.e.s",
    "excluding",
    "meet or exceed",
    "meets or exceeds",
    "operation",
    "maintenance",
    "installation",
    "primarily useful",
    "as follows",
    "if controlled",
    "through",
    "controlled under",
    ";",
)
"""Words that make a condition the served entries cannot express, or a paragraph whose parts
serve different entries for different purposes."""
_SPECIALLY_DESIGNED = {
    "software-specially-designed-or-modified": re.compile(
        r"specially designed[”\"]? or modified", re.IGNORECASE
    ),
    "software-specially-designed": re.compile(r"specially designed", re.IGNORECASE),
}
"""The fact a software paragraph's "specially designed" words require, most specific first."""


@dataclass(frozen=True)
class Served:
    """The entries a paragraph serves (each subtree once, by code) and every kind in them."""

    codes: tuple[str, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ServedRow:
    code: str
    jurisdictions: tuple[str, ...]
    kind: str
    purposes: tuple[str, ...]
    serves: tuple[str, ...]
    """Entry codes, categories ("6A") and ranges ("3A225-3A234") as the person read them."""
    excepted: tuple[str, ...]
    requires_facts: tuple[str, ...]
    file: str
    line: int
    reason: str = ""
    """Why the paragraph's other words stay text: the entries it names are then necessary, not
    sufficient ("unknown — read the text" for an item they control, never "controlled")."""
    notes_read: str = ""
    """How the person read the notes (and which blocking words a required fact expresses)."""

    def error(self, column: str, message: str) -> SourceDataError:
        return SourceDataError(self.file, self.line, column, message)


def read_served(ontology: Path, name: str) -> list[ServedRow]:
    return read_rows(ontology, FILE, ("code", "kind", "purposes", "serves"), name, _row)


def _row(row: Row) -> ServedRow:
    kind = row.require("kind")
    if kind not in KINDS:
        raise row.error("kind", f"software or technology, not {kind!r}")
    purposes = tuple(row.words("purposes"))
    if not purposes or any(p not in PURPOSES for p in purposes):
        raise row.error("purposes", f"one or more of {', '.join(PURPOSES)}")
    return ServedRow(
        row.require("code"),
        tuple(row.words("jurisdictions")),
        kind,
        purposes,
        tuple(row.words("serves")),
        tuple(row.words("except")),
        tuple(row.words("requires_facts")),
        row.file,
        row.line,
        row.get("reason"),
        row.require("notes_read"),
    )


def formalize_served(
    rows: Iterable[ServedRow],
    trees: Mapping[str, Mapping[str, TextNode]],
    formal: Iterable[FormalEntry],
    curated: Mapping[str, Mapping[str, tuple[str, ...]]],
) -> tuple[list[FormalEntry], dict[tuple[str, str], Served]]:
    """The served paragraphs as entries (their ``serves``: the codes of the formalized and curated
    entries they name, each subtree once; their ``serves_kinds``: every kind in those subtrees),
    and, by (jurisdiction, code), what a curated entry's row adds to it. ``curated``: by
    jurisdiction, each curated code's kinds."""
    formal = list(formal)
    read: list[tuple[ServedRow, str, TextNode, str]] = []
    line_of: dict[tuple[str, str], int] = {}  # each paragraph's row, by jurisdiction and code
    for row in rows:
        for jurisdiction, lists in trees.items():
            if row.jurisdictions and jurisdiction not in row.jurisdictions:
                continue
            tree = lists.get(row.code.split(".", 1)[0])
            node = tree.find(row.code) if tree else None
            if node is None:
                if row.jurisdictions:
                    raise row.error("code", f"{jurisdiction}:{row.code} is not in its list")
                continue
            first = line_of.setdefault((jurisdiction, node.code), row.line)
            if first != row.line:
                why = f"{node.public_id} is read by line {first} already (one row per paragraph)"
                raise row.error("code", why)
            read.append((row, jurisdiction, node, _check(row, node)))
    own = {(j, node.code): (row.kind,) for row, j, node, _ in read}
    entries: list[FormalEntry] = []
    widened: dict[tuple[str, str], Served] = {}
    for row, jurisdiction, node, text in read:
        curated_codes = curated.get(jurisdiction, {})
        served = _select(row, jurisdiction, formal, curated_codes, own)
        if not served.codes:
            why = f"{node.public_id}: none of the entries it names is formalized or curated"
            raise row.error("serves", why)
        if row.code in curated_codes:
            widened[(jurisdiction, row.code)] = served
            continue
        entries.append(
            FormalEntry(
                jurisdiction,
                node.code,
                node.parent,
                text,
                (row.kind,),
                (),
                row.requires_facts,
                (),
                row.reason or None,
                purposes=row.purposes,
                serves=served.codes,
                serves_kinds=served.kinds,
            )
        )
    return entries, widened


def _check(row: ServedRow, node: TextNode) -> str:
    """The paragraph's sentence, once the row's reading of it is checked against it."""
    text = node.text.split("\n", 1)[0].strip()
    where = node.public_id
    # a sub-paragraph's list punctuation ("…specified in 5A001;", "…; or") is not a clause
    lowered = re.sub(r"[;,.]?\s*(?:\bor|\band)?\s*$", "", _list_punctuation(text)).casefold()
    lowered = _continued_ranges_read(row, where, lowered)
    expressed = _expressed_by_facts(row, where)
    blocking = [w for w in _BLOCKING if w in lowered and w not in expressed]
    if blocking and not row.reason:
        raise row.error("code", f"{where}: the text says {blocking[0]!r}; stays text")
    if not _NAMING.search(text):
        raise row.error("code", f"{where}: the text names no entry it serves")
    if not lowered.lstrip('“" ').startswith(row.kind):
        raise row.error("kind", f"{where}: the text is not about {row.kind}")
    named = {m.group(1).lower() for m in _PURPOSE_WORD.finditer(text)}
    if named != set(row.purposes):
        raise row.error("purposes", f"{where}: the text names {' '.join(sorted(named))}")
    wanted = _fact_wanted(row.kind, text)
    if wanted and wanted not in row.requires_facts:
        raise row.error("requires_facts", f"{where}: the text requires the fact {wanted}")
    written = {c.rstrip(".") for c in _CODE.findall(text)}
    written |= set(_CATEGORY.findall(text))
    read = {part for ref in row.serves + row.excepted for part in ref.split("-")}
    missed = sorted(written - read)
    if missed:
        raise row.error("serves", f"{where}: the text names {', '.join(missed)}, not read")
    eccns = {code.split(".", 1)[0] for code in written}
    for code in sorted(read):
        if code not in written and code.split(".", 1)[0] not in eccns:
            raise row.error("serves", f"{where}: {code} is not in the text")
    return text


_LAST_CODE = re.compile(r";(\s+or\s+\d[A-E]\d{3}(?:\.[a-z0-9]+)*[.;]?\s*$)")


def _list_punctuation(text: str) -> str:
    """The text with a ";" that only ends a list of codes before its last one read as a comma
    (US 3E992.a "… p.2, p.4, r; or 3B002.c.", where 3D992.a writes ", or 3B002.c"): one list,
    not two clauses."""
    return _LAST_CODE.sub(r",\1", text)


_CONTINUED_RANGE = re.compile(r"\b([a-z](?:\.\d+)+) through ([a-z](?:\.\d+)+)\b")
"""A range of continued codes ("5D002.a, z.1 through z.3": 5D002.z.1 to 5D002.z.3)."""


def _continued_ranges_read(row: ServedRow, where: str, lowered: str) -> str:
    """The text without its ranges of continued codes ("z.1 through z.3"), once the row reads
    each as a range of full codes ("5D002.z.1-5D002.z.3"); "through" elsewhere still blocks."""
    ranges = [ref.split("-", 1) for ref in row.serves + row.excepted if "-" in ref]
    for match in _CONTINUED_RANGE.finditer(lowered):
        low, high = match.groups()
        if not any(a.endswith("." + low) and b.endswith("." + high) for a, b in ranges):
            raise row.error("serves", f"{where}: the text names {match.group(0)!r}, not read")
    return _CONTINUED_RANGE.sub("", lowered)


_ONE_LIST = "the semicolons separate the parts of one list"
"""Read in ``notes_read``: the text's ";" separates groups of the entries it names for the same
purposes ("6A003.a.3, 6A003.a.4; 6A005.a.2 …; 6A202 …"), not clauses."""
_EXPRESSES = re.compile(r"the required fact ([a-z0-9-]+) expresses '([^']+)'")


def _expressed_by_facts(row: ServedRow, where: str) -> set[str]:
    """Blocking words a required fact of the row states ("the required fact F expresses 'meet or
    exceed'", in its ``notes_read``): the fact, asked of the item served, is the condition those
    words put, so they no longer keep the paragraph text; and ";" when the row reads it as
    separating the parts of one list (``_ONE_LIST``)."""
    found: set[str] = set()
    for fact, words in _EXPRESSES.findall(row.notes_read):
        if fact not in row.requires_facts or words not in _BLOCKING:
            why = f"{where}: {fact!r} is not a required fact, or {words!r} no blocking words"
            raise row.error("notes_read", why)
        found.add(words)
    if _ONE_LIST in row.notes_read:
        found.add(";")
    return found


def _fact_wanted(kind: str, text: str) -> str | None:
    if kind != "software":
        return None
    for fact, words in _SPECIALLY_DESIGNED.items():
        if words.search(text):
            return fact
    return None


def _key(code: str) -> tuple[tuple[int, str], ...]:
    """A code's place in its list: numbers by value, letters alphabetically."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in code.split("."))


def _within(code: str, ref: str) -> bool:
    """Whether a code is the reference, below it, or (a range "A-B") between its ends."""
    if "-" in ref:
        low, high = ref.split("-", 1)
        return _key(low) <= _key(code) <= _key(high) or _within(code, high)
    if len(ref) == 2:  # a category and group: "6A"
        return code.startswith(ref)
    return code == ref or code.startswith(ref + ".")


def _select(
    row: ServedRow,
    jurisdiction: str,
    formal: list[FormalEntry],
    curated: Mapping[str, tuple[str, ...]],
    served_rows: Mapping[tuple[str, str], tuple[str, ...]],
) -> Served:
    """The codes of the entries the row names (less those it excepts), each subtree once: a
    sub-entry whose group is named too is evaluated through it; and the kinds of all of them.
    Software the rows read is among them (technology for the "use" of software of 3D101)."""
    groups = {e.code for e in formal if e.jurisdiction == jurisdiction and e.group}
    parents: dict[str, str | None] = {}
    kinds: dict[str, tuple[str, ...]] = {}
    for e in formal:
        if e.jurisdiction == jurisdiction:
            parents[e.code] = e.parent if e.parent in groups else None
            kinds[e.code] = e.kinds
    for code, own_kinds in curated.items():
        above = [c for c in curated if code.startswith(c + ".")]
        parents[code] = max(above, key=len) if above else None
        kinds[code] = own_kinds
    for (where, code), own_kinds in served_rows.items():
        if where == jurisdiction:
            parents.setdefault(code, None)
            kinds.setdefault(code, own_kinds)

    def named(code: str) -> bool:
        return (
            code != row.code
            and any(_within(code, ref) for ref in row.serves)
            and not any(_within(code, ref) for ref in row.excepted)
        )

    chosen = {code for code in parents if named(code)}
    return Served(
        tuple(sorted((c for c in chosen if parents[c] not in chosen), key=_key)),
        tuple(sorted({kind for code in chosen for kind in kinds[code]})),
    )
