"""The recipient of an assessed activity screened against the restricted-party lists (contract §3
`recipient.name`, issue 12 §2).

    with_party_screening(knowledge, raw_request, answer) -> answer

When the request names the recipient, the answer gains a `screening` section (state, matches and
candidates as the lists state them, the threshold, the source file) and the US result — the law
of the consolidated list — is changed as the list entry says:

- a match with an Entity List entry whose licence requirement covers all items subject to the EAR
  makes a licence required for the subject (the requirement, the licence review policy and the
  Federal Register notice as the entry states them, and the list's effect as its authority states
  it), unless a research exclusion of the result takes the subject outside the EAR;
- any other matched entry (a narrower Entity List requirement, the Denied Persons List, SDN …)
  turns a "no licence" into "unknown", naming the entry to read;
- a candidate below the threshold is a "possible match — check": never a clearance, so a "no
  licence" becomes "unknown" naming the candidate.

Without a list installed the recipient is "not screened" (and the result says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from exportgraph.errors import DataUnavailable, InvalidInput, shown
from exportgraph.knowledge.index import Knowledge
from exportgraph.loaders.screening import JURISDICTION as LIST_JURISDICTION
from exportgraph.services.partners.answers import (
    AssessAnswer,
    AssessResult,
    PartyMatchAnswer,
    RecipientScreening,
)
from exportgraph.services.partners.screening import NOTE, NameTooShort, screen_party
from exportgraph.services.partners.screening_answers import ScreeningMatch, ScreeningResult
from exportgraph.services.partners.screening_input import MAX_NAME_LENGTH

NOT_SCREENED = "The recipient was not screened: unknown, not clear."
POSSIBLE_MATCH = "possible match — check"
ScreeningState = Literal["listed", "possible-match", "no-match", "not-screened"]


def recipient_name(raw: Mapping[str, Any]) -> str | None:
    """`recipient.name` of an assessment request (optional); InvalidInput naming it otherwise."""
    recipient = raw.get("recipient")
    name = recipient.get("name") if isinstance(recipient, Mapping) else None
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"recipient.name: expected the recipient's name (1 to {MAX_NAME_LENGTH} characters), "
            f"got {shown(name)}",
            field="recipient.name",
        )
    return name


def _shown(match: ScreeningMatch) -> PartyMatchAnswer:
    return {
        "name": match.name,
        "list": match.list,
        "entry": match.entry,
        "score": match.score,
        "licence_requirement": match.licence_requirement,
        "licence_policy": match.licence_policy,
        "federal_register": match.federal_register,
        "all_items_subject_to_ear": match.all_items_subject_to_ear,
        "country": match.explanations.country.agreement,
    }


def _section(name: str, result: ScreeningResult | None, why: str | None) -> RecipientScreening:
    if result is None:
        return {
            "name": name,
            "state": "not-screened",
            "threshold": None,
            "matches": [],
            "candidates": [],
            "source": None,
            "note": f"{NOT_SCREENED} {why or ''}".strip(),
        }
    state: ScreeningState = (
        "listed" if result.matches else "possible-match" if result.candidates else "no-match"
    )
    file = result.source
    return {
        "name": name,
        "state": state,
        "threshold": result.threshold,
        "matches": [_shown(m) for m in result.matches],
        "candidates": [_shown(m) for m in result.candidates],
        "source": f"{file.title}, generated {file.version} ({file.file}, sha256 {file.sha256})",
        "note": NOTE,
    }


def _listing(match: ScreeningMatch) -> str:
    notice = f", listed by {match.federal_register}" if match.federal_register else ""
    return f"{match.list} entry {match.entry} ({match.name}{notice})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", ")")) else text + "."


def _entity_list_reason(match: ScreeningMatch) -> str:
    parts = [
        f"The recipient matches the {_listing(match)}, score {match.score:g}.",
        f"Licence requirement as listed: {_sentence(match.licence_requirement or '')}",
    ]
    if match.licence_requirement_qualified:
        parts.append("The requirement carries a condition or exception: read the entry.")
    if match.licence_policy:
        parts.append(f"Licence review policy as listed: {_sentence(match.licence_policy)}")
    if match.list_effect:
        parts.append(f"The list: {_sentence(match.list_effect)}")
    return " ".join(parts)


def _unknown(result: AssessResult, fact: str) -> None:
    if result["licence_required"] is False:
        result["licence_required"] = "unknown"
    missing = result.setdefault("missing_facts", [])
    if fact not in missing:
        missing.append(fact)


def _outside_ear(result: AssessResult) -> str | None:
    """The research exclusion that takes the subject outside the EAR, if one applies."""
    return next((e["id"] for e in result["exclusions"] if e["applies"] is True), None)


NO_EXCEPTION_WORDS = "no License Exception is available"
CARVE_OUT_COUNTRIES = frozenset({"IN", "PK"})
"""Where the list's own effect names a carve-out (§ 740.2(a)(5), certain Indian and Pakistani
entities) — for those parties the exception question stays open."""


def _no_exceptions(result: AssessResult, match: ScreeningMatch) -> None:
    """A listing whose list states that no licence exception is available closes them all
    (for a party of a country the list names a carve-out for, it leaves them to check)."""
    if NO_EXCEPTION_WORDS.casefold() not in match.list_effect.casefold():
        return
    open_question = bool(CARVE_OUT_COUNTRIES & {match.country, *match.countries})
    for exception in result["exceptions"]:
        exception["available"] = "unknown" if open_question else False
        exception["why"] = f"The recipient is listed ({_listing(match)}): {match.list_effect}"
        if open_question:
            exception["missing_fact"] = (
                f"whether the carve-out the list names applies to {match.name}"
            )


def _apply(result: AssessResult, screening: ScreeningResult) -> None:
    notes = result.setdefault("notes", [])
    for match in screening.matches:
        if match.all_items_subject_to_ear:
            excluded = _outside_ear(result)
            if excluded is not None:
                notes.append(
                    f"{_entity_list_reason(match)} The subject is outside the EAR under "
                    f"{excluded}, so this requirement does not reach it."
                )
                continue
            result["licence_required"] = True
            result["reasons"].append(_entity_list_reason(match))
            _no_exceptions(result, match)
        else:
            requirement = match.licence_requirement or match.list_effect
            _unknown(
                result,
                f"whether the listing of the recipient as {_listing(match)} restricts this "
                f"activity: {requirement}",
            )
    for candidate in screening.candidates:
        _unknown(
            result,
            f"whether the recipient is the party of the {_listing(candidate)}: score "
            f"{candidate.score:g}, below the match threshold {screening.threshold:g} "
            f"({POSSIBLE_MATCH})",
        )
    if not notes:
        del result["notes"]


def with_party_screening(
    knowledge: Knowledge, raw: Mapping[str, Any], answer: AssessAnswer
) -> AssessAnswer:
    """Screen `recipient.name` (when given) and apply what the lists say to the US result."""
    name = recipient_name(raw)
    if name is None:
        return answer
    recipient = raw.get("recipient")
    nationality = recipient.get("nationality") if isinstance(recipient, Mapping) else None
    country = answer["to"] or (
        knowledge.canonical_code(nationality) if isinstance(nationality, str) else None
    )
    try:
        screening: ScreeningResult | None = screen_party(knowledge, name, country)
        why = None
    except DataUnavailable as error:
        screening, why = None, error.detail
    except NameTooShort as error:  # not screened (and not clear): the answer says why
        screening, why = None, f"recipient.{error.detail}"
    except InvalidInput as error:  # a name with nothing to compare
        raise InvalidInput(f"recipient.{error.detail}", field="recipient.name") from None
    section = answer["screening"] = _section(name, screening, why)
    if section["state"] in ("listed", "possible-match") and not any(
        r["jurisdiction"] == LIST_JURISDICTION for r in answer["results"]
    ):
        section["note"] += (
            f" No result here applies the law of the lists ({LIST_JURISDICTION}): if the subject "
            "is subject to the EAR, the listing's licence requirement applies to it: check."
        )
    for result in answer["results"]:
        if result["jurisdiction"] != LIST_JURISDICTION:
            continue
        if screening is None:
            result.setdefault("notes", []).append(f"{NOT_SCREENED} {why or ''}".strip())
        else:
            _apply(result, screening)
    return answer
