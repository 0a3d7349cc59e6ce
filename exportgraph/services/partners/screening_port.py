"""How risk scoring reads restricted-party screening: a small port, so that the screening service
(built separately) plugs in without risk scoring depending on its internals.

    Screener = Callable[[name, country], Sequence[ScreeningHit] | None]

A screener takes the end user's name and ISO country code (or None) and returns the best
candidates it found — an empty sequence means "screened, nothing found" — or None when no
screening was done. `screening.default_screener(context)` screens against the restricted-party lists
(services/partners/screening.py: matches at the threshold, candidates below it down to
CANDIDATE_FLOOR); when no list is installed it answers None, like `not_screened`: never "clear",
so the end-user-screening factor scores "not screened" (its own points).

Which screening state a result is in is data (eg:ScreeningState in ontology/risk.ttl): the first
state, in display order, whose condition holds — a matched party on a list with a given code
(DPL: denied), a matched party whose licence requirement covers all items subject to the EAR, any
matched party, candidates below the match threshold, screened with nothing found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from exportgraph.knowledge.risk_model import ScreeningRule


class ScreeningHit(Protocol):
    """One candidate of a screening result, as risk scoring reads it."""

    @property
    def list_code(self) -> str:
        """The list's code in the screening data (EL, DPL, SDN, MEU, UVL …)."""

    @property
    def name(self) -> str:
        """The listed name that matched."""

    @property
    def score(self) -> float:
        """Similarity as the screening service reports it (0–100, GET /v1/screening's scale)."""

    @property
    def matched(self) -> bool:
        """The score reaches the screening service's match threshold."""

    @property
    def all_items_licence(self) -> bool:
        """The party's licence requirement covers all items subject to the EAR."""

    @property
    def entry(self) -> str | None:
        """The list entry (`EL:` and the entity number, or a digest where the list has none)."""

    @property
    def federal_register(self) -> str | None:
        """The Federal Register citation of the listing, when the list gives one."""


@dataclass(frozen=True)
class Hit:
    """A plain ScreeningHit (for stated results, tests and adapters)."""

    list_code: str
    name: str
    score: float
    matched: bool
    all_items_licence: bool = False
    entry: str | None = None
    federal_register: str | None = None


Screener = Callable[[str, str | None], Sequence[ScreeningHit] | None]


def not_screened(name: str, country: str | None) -> Sequence[ScreeningHit] | None:
    """No screening service connected: nothing is known about the party."""
    return None


def screening_state(rules: Sequence[ScreeningRule], hits: Sequence[ScreeningHit] | None) -> str:
    """The state of a screening result: the first rule (in order) whose condition holds."""
    matched = [hit for hit in hits or () if hit.matched]
    for rule in rules:
        if hits is None:
            if not rule.screened:
                return rule.state
            continue
        if not rule.screened:
            continue
        if rule.list_codes and not any(hit.list_code in rule.list_codes for hit in matched):
            continue
        if rule.all_items_licence and not any(hit.all_items_licence for hit in matched):
            continue
        if rule.any_match and not matched:
            continue
        if rule.any_candidate and not hits:
            continue
        return rule.state
    raise LookupError("no screening state of the data describes this result")
