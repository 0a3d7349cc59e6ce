"""The rules of a curated entry's licence that do not depend on the request's other facts: which
destinations its licence scope catches, and whether a licence exception is available for a
destination (shared by the assessment of classified items and of named entries)."""

from __future__ import annotations

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry, LicenceException
from exportgraph.services.partners.answers import ExceptionAnswer


def destination_within(knowledge: Knowledge, destination: str, codes: set[str]) -> bool:
    """Whether a destination is one of `codes` or part of one of them."""
    if destination in codes:
        return True
    found = knowledge.jurisdictions.get(destination)
    return bool(found and set(found.part_of) & codes)


def destination_requires(
    knowledge: Knowledge, governing: str, entry: Entry, destination: str
) -> tuple[bool, str]:
    """Whether the entry's destination scope catches `destination`, and why."""
    licence = entry.licence
    assert licence is not None
    listed = set(licence.listed)
    names = ", ".join(sorted(listed)) or "none"
    if licence.scope == "AllDestinations":
        return True, f"{entry.id}: a licence is required for all destinations"
    if licence.scope == "AllDestinationsExcept":
        if destination_within(knowledge, destination, listed):
            return (
                False,
                f"{entry.id}: a licence is required for all destinations except {names}; {destination} is excepted",
            )
        return True, f"{entry.id}: a licence is required for all destinations except {names}"
    if licence.scope == "OnlyListedDestinations":
        if destination_within(knowledge, destination, listed):
            return True, f"{entry.id}: a licence is required for the listed destinations ({names})"
        return False, f"{entry.id}: a licence is required only for {names}, not {destination}"
    if licence.scope == "OutsideUnion":
        inside = {governing, *knowledge.jurisdictions[governing].part_of}
        for union in list(inside):
            inside |= knowledge.members(union)
        if destination in inside:
            return False, (
                f"{entry.id}: a licence is required only for exports leaving "
                f"{' / '.join(sorted({governing, *knowledge.jurisdictions[governing].part_of}))}; "
                f"{destination} is inside (intra-union transfer)"
            )
        return (
            True,
            f"{entry.id}: a licence is required for exports leaving {governing}; {destination} is outside",
        )
    return False, f"{entry.id}: the destinations for which it requires a licence are not known"


def exception_answer(exception: LicenceException, destination: str | None) -> ExceptionAnswer:
    """Whether a licence exception is available for the destination (never guessed)."""
    out: ExceptionAnswer = {"id": exception.id, "title": exception.title, "available": "unknown"}
    if not exception.destinations_known:
        out["missing_fact"] = (
            f"eligible destinations of {exception.id} (not published in the sources read)"
        )
    elif destination is None:
        out["missing_fact"] = "to"
    else:
        out["available"] = destination in exception.eligible
    return out
