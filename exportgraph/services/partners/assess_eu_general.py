"""General export authorisations (EU001 … EU008, Reg. (EU) 2021/821 Annex II) as exceptions to a
licence requirement, read from their official text: the items they cover or exclude (Part 1, with
Annex II Section I), the destinations (Part 2) and the conditions of use (Part 3).

    general_authorisations(knowledge, governing, codes, destination) -> list[ExceptionAnswer]

`codes` are the entry's code and the codes of the paragraphs above it (4A506.a.2, 4A506.a, 4A506):
an authorisation excluding or covering any of them decides for the entry. An authorisation whose
Part 3 first limits it to a circumstance (after repair, for an exhibition, intra-group) is
`"unknown"`, naming that circumstance; one whose items and destination fit is `true`, with its
conditions quoted. Nothing is guessed: a destination condition written in words (an arms embargo)
is named as the missing fact.
"""

from __future__ import annotations

import re

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.listed import GeneralAuthorisation
from exportgraph.services.partners.answers import ExceptionAnswer
from exportgraph.services.partners.logic import Tri, tri_and, tri_json

_PART_3 = re.compile(r"Part 3\s*[—–-]\s*Conditions and requirements for use\s*", re.I)
_POINT = re.compile(r"(?:^|\s)(\d{1,2})\.\s+(?=[A-Z])")
_STANDARD = "This authorisation does not authorise"
_SECTIONS = re.compile(r"Sections?\s+([A-E](?:\s+and\s+[A-E])?)\s+of\s+each\s+Category", re.I)
_ANNEX_SECTION = re.compile(r"Section ([A-H])\b|—\s*([A-H])\.")
_PART_1 = re.compile(r"covers all (technology and software|software and technology)")
_OTHER_GEA = re.compile(r"\b(EU\d{3})\b")
_QUOTE = 320  # characters of a condition quoted in an answer


def _points(text: str) -> list[str]:
    """The numbered points of Part 3 (Conditions and requirements for use), as written."""
    parts = _PART_3.split(text, maxsplit=1)
    if len(parts) != 2:
        return []
    body = parts[1]
    starts = [m.start(1) for m in _POINT.finditer(body)]
    return [body[a:b].strip() for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1].rstrip() + "…"


def _section(gea: GeneralAuthorisation) -> str:
    found = _ANNEX_SECTION.search(gea.title)
    return f"Annex II, Section {found.group(1) or found.group(2)}" if found else "Annex II"


def _covers(gea: GeneralAuthorisation, codes: list[str]) -> tuple[Tri, str]:
    """Whether Part 1 covers the entry (codes: the entry's and those above it, most specific
    first), and why."""
    code = codes[0]
    part_1 = _PART_1.search(gea.text)
    if part_1 and code[1:2] not in ("D", "E"):
        return False, f"it covers only {part_1.group(1)}; {code} is neither"
    if gea.covers_all_items:
        excluded = sorted(c for c in codes if c in gea.excludes)
        if excluded:
            words = "; ".join(gea.excluded_words)
            return False, (
                f"its Part 1 excludes {excluded[0]}"
                + (f" ({words}: {', '.join(sorted(gea.excludes))})" if words else "")
            )
        for words in gea.excluded_words:
            found = _SECTIONS.search(words)
            if found and code[1:2] in re.findall(r"[A-E]", found.group(1)):
                return False, f"it excludes {words}; {code} is in Section {code[1]}"
        partly = sorted(c for c in gea.excludes if c.startswith(code + "."))
        if partly:
            return None, f"it excludes {', '.join(partly)}, part of {code}"
        return True, (
            "its Part 1 covers every Annex I item except "
            f"{'; '.join(gea.excluded_words) or 'the items it names'}; {code} is not among "
            "the excluded items"
        )
    named = sorted(c for c in codes if c in gea.covers)
    if named:
        return True, f"it covers {named[0]}"
    partly = sorted(c for c in gea.covers if c.startswith(code + "."))
    if partly:
        return None, f"it covers only {', '.join(partly)} of {code}"
    return False, f"it does not cover {code}"


def _destination(
    knowledge: Knowledge, gea: GeneralAuthorisation, destination: str
) -> tuple[Tri, str]:
    """Whether Part 2 covers the destination, and why (a condition in words stays unknown)."""
    if not gea.all_destinations:
        if destination in gea.destinations:
            return True, f"{destination} is one of its destinations"
        if gea.destination_names and not (
            destination in knowledge.listed.chart or destination in knowledge.jurisdictions
        ):
            return None, (
                f"{destination} is not among its destinations named by country, but it also names "
                + ", ".join(gea.destination_names)
            )
        return False, f"{destination} is not one of its destinations"
    if destination in gea.destinations:
        return False, f"it excludes {destination}"
    for condition in gea.destination_conditions:
        other = _OTHER_GEA.search(condition)
        if other:
            referred = next(
                (g for g in _authorisations(knowledge) if g.code == other.group(1)), None
            )
            if referred is not None and destination in referred.destinations:
                return False, f"it excludes the destinations of {referred.id}; {destination} is one"
            continue
    unsettled = [c for c in gea.destination_conditions if not _OTHER_GEA.search(c)]
    if unsettled:
        return None, f"it excludes {'; '.join(unsettled)}"
    return True, f"it is valid for all destinations but those it lists; {destination} is not listed"


def _authorisations(knowledge: Knowledge) -> tuple[GeneralAuthorisation, ...]:
    return knowledge.listed.authorisations


def general_authorisations(
    knowledge: Knowledge, governing: str, codes: list[str], destination: str
) -> list[ExceptionAnswer]:
    """The general authorisations of `governing` whose items could cover the entry, each answered
    for `destination`."""
    answers: list[ExceptionAnswer] = []
    for gea in _authorisations(knowledge):
        if gea.jurisdiction != governing:
            continue
        covered, why_items = _covers(gea, codes)
        if covered is False and (not gea.covers_all_items or _PART_1.search(gea.text)):
            continue  # an authorisation for other items says nothing about this one
        reached, why_place = _destination(knowledge, gea, destination)
        points = _points(gea.text)
        circumstance = points[0] if points and not points[0][3:].startswith(_STANDARD) else None
        status = tri_and([covered, reached])
        answer: ExceptionAnswer = {
            "id": gea.id,
            "title": gea.title,
            "available": tri_json(status),
            "why": f"{why_items}; {why_place}",
            "evidence": "primary",
            "sources": [
                {
                    "id": gea.id,
                    "citation": f"Regulation (EU) 2021/821, {_section(gea)} ({gea.code}), Parts 1-3 "
                    f"({gea.source_version})",
                }
            ],
        }
        if status is True and circumstance is not None:
            answer["available"] = "unknown"
            answer["missing_fact"] = (
                f"whether this export meets {gea.code} Part 3 {_quoted(circumstance)}"
            )
        elif status is None:
            answer["missing_fact"] = f"{why_items}; {why_place}"
        if status is not False:
            answer["conditions"] = [_quoted(p) for p in points]
        answers.append(answer)
    return answers


def general_authorisation_reason(answer: ExceptionAnswer, destination: str) -> str | None:
    """The sentence an assessment adds when a general authorisation covers the export."""
    if answer.get("available") is not True:
        return None
    return (
        f"No individual licence is needed for this export to {destination} under {answer['id']} "
        f"({answer['title']}) if the conditions of use in its Part 3 are met (quoted with it): "
        f"{answer['why']}"
    )


def entry_codes(knowledge: Knowledge, entry_id: str) -> list[str]:
    """The entry's code and the codes of the paragraphs above it, most specific first (from the
    curated tree and the official list's tree)."""
    codes: list[str] = []
    curated = knowledge.entry(entry_id)
    if curated is not None:
        codes += [curated.code, *(a.code for a in knowledge.ancestors(curated))]
    listed = knowledge.listed.paragraph(curated.id if curated is not None else entry_id)
    if listed is not None:
        codes += [p.code for p in knowledge.listed.lineage(listed)]
    return list(dict.fromkeys(codes))


def authorisations_for_entry(
    knowledge: Knowledge, governing: str, entry_id: str, destination: str
) -> tuple[list[ExceptionAnswer], list[str]]:
    """The general authorisations answered for one entry and destination, and the sentences an
    assessment adds for those that cover the export."""
    codes = entry_codes(knowledge, entry_id)
    if not codes:
        return [], []
    answers = general_authorisations(knowledge, governing, codes, destination)
    reasons = [r for a in answers if (r := general_authorisation_reason(a, destination))]
    return answers, reasons
