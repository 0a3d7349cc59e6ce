"""Risk factor inputs for one request (the subject's control status and margin, end use, end user,
screening, destination groupings, stage) and the level of a factor they reach.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.memo import BoundedMemo
from exportgraph.knowledge.risk_model import Factor, Level
from exportgraph.services.partners.risk_request import RiskRequest
from exportgraph.services.partners.screening_port import ScreeningHit, screening_state
from exportgraph.services.partners.sensitivity import (
    Sensitivity,
    as_decimal,
    sensitivity,
    sensitivity_key,
)

_SENSITIVITY_MEMO = 4096  # subjects × origins × in-force sets kept per data version


@dataclass(frozen=True)
class FactorInput:
    """What a factor looks at, for one request."""

    value: str | None  # the input's notation (a country code for the destination); None: not stated
    shown: str  # the input as the answer shows it
    why: str = ""  # what decided it, in words
    margin: Decimal | None = None
    groupings: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()  # reference or legal-source IRIs behind the input


@dataclass(frozen=True)
class ScoringContext:
    knowledge: Knowledge
    request: RiskRequest
    hits: Sequence[ScreeningHit] | None


def _stated(context: ScoringContext, factor: str) -> FactorInput | None:
    value = context.request.stated.get(factor)
    if value is None:
        return None
    return FactorInput(value, f"{value} (stated)", "stated in the request")


def _sensitivity_input(context: ScoringContext) -> FactorInput:
    """The subject's control status and margin, kept per data version: classifying an item under
    every list takes milliseconds, and the same subjects recur."""
    knowledge, request = context.knowledge, context.request
    memo: BoundedMemo[Hashable, FactorInput] = knowledge.derived(
        "risk:sensitivity", lambda _: BoundedMemo(_SENSITIVITY_MEMO)
    )
    key = sensitivity_key(knowledge, request.subject, request.origin, request.as_of)
    return memo.get(key, lambda: _render_sensitivity(knowledge, request))


def _render_sensitivity(knowledge: Knowledge, request: RiskRequest) -> FactorInput:
    found: Sensitivity = sensitivity(knowledge, request.subject, request.origin, request.as_of)
    state = knowledge.risk.sensitivity_states.get(found.where)
    if state is None:
        raise InvalidInput(
            "subject: the data has no control status for this answer", field="subject"
        )
    parts = []
    if found.where == "origin":
        parts.append(f"controlled in {request.origin} ({', '.join(found.origin_entries)})")
    elif found.where == "undecided":
        parts.append(
            f"the classification under the lists of {request.origin} is unknown"
            if found.origin_has_lists
            else f"the data has no export-control lists of {request.origin}"
        )
    else:
        parts.append(f"not controlled in {request.origin}")
    others = [c for c in found.controlled_in if c != request.origin]
    if others:
        parts.append(f"controlled in {', '.join(others)}")
    if found.unknown_in:
        parts.append(f"unknown in {', '.join(found.unknown_in)}")
    margin = as_decimal(found.margin) if found.margin is not None else None
    if margin is not None:
        percent = f"{float(margin) * 100:.3g} %"
        if found.where == "origin":
            parts.append(
                f"a change of {percent} in {found.margin_parameter} would take it out of the "
                f"controlled region ({found.margin_entry})"
            )
        else:
            parts.append(
                f"nearest threshold: {found.margin_entry}, {percent} away in {found.margin_parameter}"
            )
    elif found.where == "nowhere" and not request.subject.serving:
        parts.append("no threshold of a list in force applies to the parameters stated")
    shown = state if margin is None else f"{state}, margin {float(margin):.3g}"
    return FactorInput(state, shown, "; ".join(parts), margin=margin, sources=found.sources)


_SCHEME_INPUTS: dict[tuple[str | None, str], FactorInput] = {}


def _scheme_input(value: str | None, field: str) -> FactorInput:
    """The input of a factor read from one request field (kept: the values are a closed set)."""
    found = _SCHEME_INPUTS.get((value, field))
    if found is None:
        if value is None:
            found = FactorInput(None, "not stated", f"{field} is not stated in the request")
        else:
            found = FactorInput(value, value, f"{field}: {value}")
        if len(_SCHEME_INPUTS) < 10_000:
            _SCHEME_INPUTS[(value, field)] = found
    return found


def _screening_input(context: ScoringContext) -> FactorInput:
    request = context.request
    state = screening_state(context.knowledge.risk.screening_rules, context.hits)
    if context.hits is None:
        why = (
            "not screened: no restricted-party list is available"
            if request.end_user.name
            else "no end-user name given, so not screened"
        )
    elif not context.hits:
        why = f"screened {request.end_user.name!r}: no candidate"
    else:
        best = max(context.hits, key=lambda h: h.score)
        why = (
            f"screened {request.end_user.name!r}: best candidate {best.name!r} on {best.list_code} "
            f"(score {best.score:.2f}{', matched' if best.matched else ', below the match threshold'})"
        )
    return FactorInput(state, state, why)


def _destination_input(context: ScoringContext) -> FactorInput:
    memo: dict[str, FactorInput] = context.knowledge.derived("risk:destinations", lambda _: {})
    code = context.request.destination.code
    found = memo.get(code)
    if found is None:
        found = memo.setdefault(code, _render_destination(context.knowledge, code))
    return found


def _render_destination(knowledge: Knowledge, code: str) -> FactorInput:
    destination = knowledge.risk.destinations[code]
    groupings = [
        knowledge.risk.groupings[g]
        for g in sorted(destination.groupings)
        if g in knowledge.risk.groupings
    ]
    labels = "; ".join(g.label for g in groupings) or "none of the published groupings in the data"
    why = f"{destination.code} ({destination.name}) is in: {labels}"
    if destination.notes:
        why += f" ({' '.join(destination.notes)})"
    sources = tuple(dict.fromkeys(s for g in groupings for s in g.sources))
    return FactorInput(
        destination.code,
        f"{destination.code} ({destination.name})",
        why,
        groupings=destination.groupings,
        sources=sources,
    )


def _verification(context: ScoringContext) -> FactorInput:
    verified = context.request.end_user.verified
    value = None if verified is None else ("verified" if verified else "unverified")
    return _scheme_input(value, "end_user.verified")


INPUTS: dict[str, Callable[[ScoringContext], FactorInput]] = {
    "item-sensitivity": _sensitivity_input,
    "end-use": lambda c: _scheme_input(c.request.end_use, "end_use"),
    "end-user-type": lambda c: _scheme_input(c.request.end_user.type, "end_user.type"),
    "end-user-verification": _verification,
    "end-user-screening": _screening_input,
    "destination": _destination_input,
    "project-stage": lambda c: _scheme_input(c.request.stage, "project_stage"),
}


def factor_input(context: ScoringContext, factor: Factor) -> FactorInput:
    if context.request.stated:
        stated = _stated(context, factor.id)
        if stated is not None:
            return stated
    compute = INPUTS.get(factor.id)
    if compute is None:
        raise InvalidInput(
            f"model: factor {factor.id!r} of {context.request.model.id} is not one the service "
            f"can compute (known: {', '.join(INPUTS)})",
            field="model",
        )
    return compute(context)


def level_for(factor: Factor, given: FactorInput) -> Level | None:
    """The first level (by rank) whose conditions hold for the input."""
    for level in factor.levels:
        if given.value is None:
            if level.not_stated:
                return level
            continue
        if not level.takes_stated:
            continue
        if level.values and given.value not in level.values:
            continue
        if level.groupings and not level.groupings & given.groupings:
            continue
        if level.margin_at_most is not None and (
            given.margin is None or given.margin > level.margin_at_most
        ):
            continue
        if level.margin_above is not None and (
            given.margin is None or given.margin <= level.margin_above
        ):
            continue
        return level
    return None
