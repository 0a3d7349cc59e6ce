"""The US licence requirement of any ECCN paragraph for a destination, from the whole lists:
the ECCN's License Requirements rows (reason for control, what the row applies to, the Commerce
Country Chart column or the rule it states instead) × the destination's Country Chart row
(15 CFR 738 Supp. 1; a territory without a row takes its country's row, 738.3(b)), Country Groups
(15 CFR 740 Supp. 1) where a row names them, and the entry's list-based licence exceptions.

    chart_licence(knowledge, paragraph, destination) -> ChartOutcome

`required` is True when a row that applies to the paragraph has an X (or its rule catches the
destination), False when every row is decided and none does, and None ("read the text") when a
row's scope or rule is written in words the data does not decide, or the destination's row does
not settle it (an embargoed destination, a footnote adding requirements, no row at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exportgraph import namespaces as ns
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.listed import ChartRow, ListedException, Paragraph, RequirementRow
from exportgraph.services.partners.answers import ExceptionAnswer
from exportgraph.services.partners.logic import Tri, tri_and, tri_or
from exportgraph.services.reference.entries import SourceShown

CHART = "15 CFR 738, Supplement No. 1 (Commerce Country Chart)"
GROUPS = "15 CFR 740, Supplement No. 1 (Country Groups)"
EXCEPTIONS = "15 CFR 740 (License Exceptions)"

_ENTIRE = re.compile(
    r"^\s*[A-Z]{2}\s+applies\s+to\s+(?:the\s+)?entire\s+entry\b(?P<rest>.*)$", re.I | re.S
)
_OWN = re.compile(r"\b\d[A-E]\d{3}(?:\.[a-z0-9]+)*", re.I)
_SHORT = re.compile(r"(?<![\w.])(\.?[a-z](?:\.\d+(?:\.[a-z](?:\.\d+)*)?)?)(?=[\s,;)]|\.?$|\.\s)")
_FILLER = frozenset(
    {
        *("applies", "apply", "to", "the", "entire", "entry", "items", "item", "controlled"),
        *("by", "in", "and", "or", "except", "also", "for"),
    }
)
_WORLDWIDE = re.compile(r"worldwide|any destination\b", re.I)
_GROUPS = re.compile(
    r"Country Groups?\s+((?:[A-E](?::\d)?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?)+)"
)
_GROUP = re.compile(r"[A-E](?::\d)?")
_ANY_ITEM = re.compile(r"any ECCN|all items|items listed in any", re.I)


@dataclass
class ChartOutcome:
    """What the chart decides for one paragraph and destination, and why."""

    required: Tri
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    exceptions: list[ExceptionAnswer] = field(default_factory=list)
    sources: list[SourceShown] = field(default_factory=list)


def _references(text: str, eccn: str) -> list[str]:
    """The paragraphs of `eccn` a text names (`3A001.b.2`, and the short forms `.e`, `z.2.a`)."""
    found = [c for c in _OWN.findall(text) if c.upper().startswith(eccn.upper())]
    for short in _SHORT.findall(text):
        if short.startswith(".") or "." in short[1:]:
            found.append(eccn + "." + short.lstrip("."))
    return list(dict.fromkeys(found))


def _within(code: str, ancestor: str) -> bool:
    return code == ancestor or code.startswith(ancestor + ".")


def _words(text: str) -> list[str]:
    """The words of a row's scope beyond codes and filler: a condition the data does not decide."""
    stripped = _OWN.sub(" ", text)
    stripped = _SHORT.sub(" ", stripped)
    words = re.findall(r"[A-Za-z“”\"']{2,}", stripped)
    return [w for w in words[1:] if w.strip("“”\"'").lower() not in _FILLER]


def row_applies(row: RequirementRow, code: str, eccn: str) -> Tri:
    """Whether a License Requirements row applies to paragraph `code` of `eccn`."""
    entire = _ENTIRE.match(row.applies_to)
    if entire:
        rest = entire.group("rest").strip(" .")
        if not rest:
            return True
        if rest.startswith(",") or rest.lower().startswith("except"):
            excepted = _references(rest, eccn)
            if not excepted:
                return None
            if any(_within(code, c) for c in excepted):
                return False
            return None if any(_within(c, code) for c in excepted) else True
        return True  # a further sentence (a licence requirement to one country) follows
    named = _references(row.applies_to, eccn)
    if not named:
        return None
    if any(_within(code, c) for c in named):
        return None if _words(row.applies_to) else True
    return None if any(_within(c, code) for c in named) else False


@dataclass(frozen=True)
class _Row:
    """The destination's chart row and how it was found."""

    row: ChartRow | None
    why: str


def destination_row(knowledge: Knowledge, destination: str) -> _Row:
    chart = knowledge.listed.chart
    if destination in chart:
        return _Row(chart[destination], "")
    inherited = knowledge.listed.inherits.get(destination)
    if inherited and inherited.row_of in chart:
        row = chart[inherited.row_of]
        basis = (inherited.basis or "").split(": ", 1)[-1]
        return _Row(
            row, f"{destination} has no Country Chart row: the row of {row.name} applies ({basis})"
        )
    return _Row(None, "")


def _groups_rule(knowledge: Knowledge, text: str, destination: str) -> tuple[bool, str] | None:
    """A chart cell that names Country Groups ('To or within destinations specified in Country
    Groups D:1, D:4, and D:5 …, excluding any destination also specified in Country Groups A:5
    or A:6'): whether the destination is caught, and the groups it is (not) in."""
    head, _, tail = text.partition("excluding")
    included = [g for m in _GROUPS.findall(head) for g in _GROUP.findall(m)]
    excluded = [g for m in _GROUPS.findall(tail) for g in _GROUP.findall(m)]
    if not included:
        return None
    groupings = knowledge.risk.groupings

    def members(codes: list[str]) -> set[str] | None:
        found: set[str] = set()
        for code in codes:
            grouping = groupings.get(ns.country_group_iri("US", code).value)
            if grouping is None:
                return None
            found |= grouping.members
        return found

    inside, outside = members(included), members(excluded)
    if inside is None or outside is None:
        return None
    if "Macau" in head:
        inside.add("MO")
    caught = destination in inside and destination not in outside
    where = [g for g in included if destination in (members([g]) or set())]
    also = [g for g in excluded if destination in (members([g]) or set())]
    if caught:
        return True, f"{destination} is in Country Group {', '.join(where) or 'Macau'}"
    if also:
        return False, f"{destination} is also in Country Group {', '.join(also)}"
    return False, f"{destination} is in none of Country Groups {', '.join(included)}"


def _cell(knowledge: Knowledge, row: RequirementRow, dest: ChartRow) -> tuple[Tri, str]:
    """Whether a row's chart cell requires a licence to the destination, and why."""
    if row.columns:
        marked = sorted(c for c in row.columns if c in dest.columns)
        if marked:
            return True, f"{dest.name} has an X in {', '.join(marked)}"
        return False, f"{dest.name} has no X in {', '.join(row.columns)}"
    if _WORLDWIDE.search(row.chart) and "Country Group" not in row.chart:
        return True, "a worldwide licence requirement"
    grouped = _groups_rule(knowledge, row.chart, dest.destination)
    if grouped is not None:
        return grouped
    return None, f"the rule is written in words the data does not decide: “{row.chart}”"


def _footnotes(dest: ChartRow, eccn: str, code: str) -> list[str]:
    """The destination's footnotes that add requirements for this entry or for any item."""
    return [
        n
        for n in dest.footnotes
        if _ANY_ITEM.search(n) or re.search(rf"\b{re.escape(eccn)}\b", n) or code in n
    ]


def _entry_source(eccn: Paragraph) -> SourceShown:
    return {
        "id": eccn.id,
        "citation": f"15 CFR 774, Supplement No. 1, ECCN {eccn.code}, License Requirements",
    }


def chart_licence(knowledge: Knowledge, paragraph: Paragraph, destination: str) -> ChartOutcome:
    """The licence requirement of a US paragraph for an export or reexport to `destination`."""
    listed = knowledge.listed
    eccn = listed.top(paragraph)
    rows = listed.requirements.get(eccn.iri, ())
    out = ChartOutcome(required=None, sources=[_entry_source(eccn)])
    if not rows:
        out.reasons.append(
            f"{eccn.id} states no License Requirements rows the data can read: read the text"
        )
        out.missing.append(f"the License Requirements of {eccn.id} (read the text)")
        return out
    found = destination_row(knowledge, destination)
    dest = found.row
    if found.why:
        out.reasons.append(found.why)
    if dest is None:
        out.reasons.append(
            f"{destination} has no row in the Commerce Country Chart and no other row is named "
            "for it (15 CFR 738.3(b)): the chart cannot decide"
        )
        out.missing.append(f"the Country Chart row that governs {destination}")
        return out
    out.sources.append({"id": "US:738-Supp1", "citation": f"{CHART}, row {dest.name}"})
    if dest.embargoed:
        out.reasons.append(f"{dest.name}: the Country Chart does not apply. {dest.pointer or ''}")
        out.missing.append(f"the licence requirements for {dest.name} under 15 CFR 746")
        return out
    results: list[Tri] = []
    for row in rows:
        if row.reason is None:
            if dest.name in row.applies_to or dest.name in row.chart:
                results.append(None)
                out.missing.append(f"{eccn.id}: “{row.applies_to}”")
            continue
        applies = row_applies(row, paragraph.code, eccn.code)
        if applies is False:
            continue
        cell, why = _cell(knowledge, row, dest)
        result = tri_and([applies, cell])
        results.append(result)
        said = f"{eccn.id} License Requirements — {row.applies_to}: {row.chart.rstrip('.')}"
        if result is True:
            out.reasons.append(f"{said}; {why}: a licence is required ({row.reason})")
        elif result is None:
            out.reasons.append(
                f"{said}; {why}"
                + (
                    ""
                    if applies
                    else f"; whether this row applies to {paragraph.id} is in its words"
                )
            )
            out.missing.append(
                f"whether {paragraph.id} is what this row covers: “{row.applies_to}”"
                if applies is None
                else f"{eccn.id} {row.reason}: “{row.chart}” (read the text)"
            )
        else:
            out.reasons.append(f"{said}; {why}")
    if any("Country Group" in r.chart for r in rows):
        out.sources.append({"id": "US:740-Supp1", "citation": GROUPS})
    required = tri_or(results)
    if required is False:
        for note in _footnotes(dest, eccn.code, paragraph.code):
            required = None
            out.reasons.append(f"{dest.name}, Country Chart footnote {note}")
            out.missing.append(
                f"the further requirements of footnote {note.split('.')[0]} for {dest.name}"
            )
    elif dest.footnotes:
        out.reasons.extend(f"{dest.name}, Country Chart footnote {n}" for n in dest.footnotes)
    out.required = required
    if required is not False:
        out.exceptions = [
            _exception(knowledge, e, paragraph.code, eccn.code, destination)
            for e in listed.exceptions.get(eccn.iri, ())
        ]
        if out.exceptions:
            out.sources.append({"id": "US:740", "citation": EXCEPTIONS})
    return out


def _exception(
    knowledge: Knowledge, found: ListedException, code: str, eccn: str, destination: str
) -> ExceptionAnswer:
    """A list-based licence exception as the entry states it (never guessed available)."""
    text = " ".join(found.text.split())
    out: ExceptionAnswer = {
        "id": f"US:{found.code}",
        "title": f"License Exception {found.code}",
        "available": "unknown",
    }
    if re.fullmatch(r"N/?A\.?", text):
        out["available"] = False
        out["why"] = f"the entry states {found.code}: N/A"
        return out
    for part in re.findall(r"N/?A for ([^;]*)", text):
        named = _references(part, eccn)
        if any(_within(code, c) for c in named) and not _words("x " + part):
            out["available"] = False
            out["why"] = f"the entry states {found.code}: “N/A for {part.strip()}”"
            return out
    eligible = [
        g
        for g in knowledge.risk.groupings.values()
        if g.id.startswith("US-CG-") and f"{found.code}-eligible" in g.label
    ]
    if eligible and not any(destination in g.members for g in eligible):
        out["available"] = False
        out["why"] = (
            f"{destination} is in none of the groups whose label makes them {found.code}-eligible ("
            + "; ".join(g.label for g in eligible)
            + f", {GROUPS})"
        )
        return out
    out["missing_fact"] = (
        f"whether the conditions of License Exception {found.code} ({EXCEPTIONS}) hold; "
        f"the entry states: “{text[:300]}”"
    )
    return out
