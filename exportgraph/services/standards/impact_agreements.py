"""Agreements under a what-if (contract §9 `agreements`): each agreement is validated (contract §4)
on the current knowledge index and on the sandbox index of the change; those whose conformance
moves are listed with the rules each side violates.

The agreements are the request's (`"agreements": [<agreement JSON as in §4>, …]`) or, by default
(`"agreements": "examples"`), the shipped example agreements (ontology/examples/agreements/, see
its README.md). The validation is the auditors' (exportgraph.services.auditors.agreements): its
classification of the agreements' items is pointed at the index of each side; the rest of what
it reads (unions, exclusions and their stages, claims) is the current data's, so a change that
alters those leaves the agreements unassessed and the answer says why.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from typing_extensions import TypedDict

from exportgraph import paths
from exportgraph.errors import ExportgraphError, InvalidInput, Limit, LimitExceeded
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.auditors.agreements import AgreementReport, Validator, parsing
from exportgraph.services.auditors.agreements.assessments import AssessQuestion
from exportgraph.services.partners.answers import AssessAnswer
from exportgraph.services.partners.assess import assess_in
from exportgraph.store import Store

EXAMPLES = "examples"
FIELD = "agreements"


class AgreementMove(TypedDict):
    """An agreement whose conformance the change moves, and the rules each side violates."""

    id: str
    conforms_before: bool
    conforms_after: bool
    violated_before: list[str]
    violated_after: list[str]


class AgreementsAssessed(TypedDict):
    source: str  # examples, request, none
    assessed: int


@dataclass(frozen=True)
class AgreementsImpact:
    moves: list[AgreementMove]
    assessed: AgreementsAssessed
    note: str | None = None
    """Why the agreements were not assessed, when they were not."""


def examples_dir() -> Path:
    """The shipped example agreements (ontology/examples/agreements/, README.md there)."""
    return paths.ontology_dir() / "examples" / "agreements"


@cache
def _example_documents() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted(examples_dir().glob("*.json")))


def read_agreements(
    raw: object, limit: int, aliases: Mapping[str, str]
) -> tuple[list[parsing.ParsedAgreement], str]:
    """The agreements a what-if assesses and where they come from; InvalidInput naming
    `agreements[i].<field>` for one that does not read, LimitExceeded for more than `limit`
    (EXPORTGRAPH_MAX_BATCH_ITEMS, as for POST /v1/agreements/validate); `aliases`: the
    data's country-code aliases, as validation applies them."""
    if raw == EXAMPLES:
        documents = [json.loads(text) for text in _example_documents()]
        return [
            _parsed(document, index, aliases) for index, document in enumerate(documents)
        ], EXAMPLES
    if not isinstance(raw, list):
        raise InvalidInput(
            f'{FIELD}: expected "{EXAMPLES}" (the shipped example agreements) or an array of '
            "agreements as POST /v1/agreements/validate takes them (JSON)",
            field=FIELD,
        )
    if len(raw) > limit:
        raise LimitExceeded(
            f"{FIELD}: {len(raw)} agreements; at most {limit} are assessed in one what-if (set by "
            "EXPORTGRAPH_MAX_BATCH_ITEMS)",
            field=FIELD,
            limit=Limit("EXPORTGRAPH_MAX_BATCH_ITEMS", limit, "agreements"),
        )
    parsed = [_parsed(document, index, aliases) for index, document in enumerate(raw)]
    _distinct(parsed)
    return parsed, "request" if parsed else "none"


def _parsed(document: object, index: int, aliases: Mapping[str, str]) -> parsing.ParsedAgreement:
    return parsing.from_json(document, "", f"{FIELD}[{index}]", aliases)


def _distinct(agreements: Sequence[parsing.ParsedAgreement]) -> None:
    seen: dict[str, int] = {}
    for index, agreement in enumerate(agreements):
        if agreement.node.value in seen:
            raise InvalidInput(
                f"{FIELD}[{index}].id: also the id of {FIELD}[{seen[agreement.node.value]}]; "
                "an id names one agreement",
                field=f"{FIELD}[{index}].id",
            )
        seen[agreement.node.value] = index


def same_rules(before: Knowledge, after: Knowledge) -> bool:
    """Whether what agreement validation reads besides classification is the same in both
    indexes: unions and aliases, research exclusions (what they cover, their conditions), the
    stages and claims with their flags, the parameters' and facts' English names. A change of
    other labels (a translation) leaves it the same."""
    return _rule_inputs(before) == _rule_inputs(after)


def _rule_inputs(knowledge: Knowledge) -> object:
    """Compared as sets: the index keeps a graph's statements in no particular order."""
    jurisdictions = {
        code: (frozenset(j.part_of), j.aliases) for code, j in knowledge.jurisdictions.items()
    }
    exclusions = {
        e.id: (e.applies_to, frozenset((c.field, frozenset(c.values)) for c in e.conditions))
        for e in knowledge.exclusions
    }
    flagged = {
        name: (knowledge.notations(name), {n: c.flags for n, c in knowledge.scheme(name).items()})
        for name in ("project-stages", "exclusion-claims")
    }
    names = {
        name: {n: c.pick("pref")[0] for n, c in knowledge.scheme(name).items()}
        for name in ("parameters", "facts")
    }
    return jurisdictions, exclusions, flagged, names


def _validate(
    context: Context, knowledge: Knowledge, agreements: Sequence[parsing.ParsedAgreement]
) -> list[AgreementReport]:
    """Validate on one index (its own assessments, never the shared cache: two indexes of the
    same data version must not share answers); errors name `agreements[i].<field>`."""

    def assess(_: Context, request: AssessQuestion) -> AssessAnswer:
        return assess_in(knowledge, request)

    try:
        return Validator(context, assess=assess).validate(agreements)
    except ExportgraphError as error:
        raise _named(error, len(agreements)) from None


def _named(error: ExportgraphError, total: int) -> ExportgraphError:
    """The validator names a field `[i].items[0].kind` (several) or `items[0].kind` (one)."""
    field = error.field or ""
    if field.startswith(FIELD):
        return error
    where = f"{FIELD}{field}" if field.startswith("[") else f"{FIELD}[0].{field}".rstrip(".")
    detail = error.detail.removeprefix(f"{field}: ") if field else error.detail
    return type(error)(f"{where}: {detail}", field=where)


def _violated(report: AgreementReport) -> list[str]:
    return sorted({v.rule for v in report.violations if v.severity == "violation"})


def agreements_impact(
    store: Store,
    before: Knowledge,
    after: Knowledge,
    agreements: Sequence[parsing.ParsedAgreement],
    source: str,
) -> AgreementsImpact:
    """Validate each agreement before and after; list those whose conformance moves."""
    if not agreements:
        return AgreementsImpact([], {"source": source, "assessed": 0})
    if not same_rules(before, after):
        return AgreementsImpact(
            [],
            {"source": source, "assessed": 0},
            "Agreements are not assessed: the change alters what their validation reads besides "
            "the control entries (unions, research exclusions, project stages or claims); "
            "validate them with POST /v1/agreements/validate once it is approved.",
        )
    context = Context(store=store)  # the store's context; its index is `before`
    if source == EXAMPLES:  # the shipped examples: their "before" is the same per data version
        old = before.derived(
            "impact.examples-before", lambda index: _validate(context, index, agreements)
        )
    else:
        old = _validate(context, before, agreements)
    try:
        new = _validate(context, after, agreements)
    except ExportgraphError as error:  # e.g. the change drops a kind an agreement's item names
        return AgreementsImpact(
            [],
            {"source": source, "assessed": 0},
            f"Agreements are not assessed: under the change, {error.detail}",
        )
    moves: list[AgreementMove] = [
        {
            "id": was.agreement,
            "conforms_before": was.conforms,
            "conforms_after": now.conforms,
            "violated_before": _violated(was),
            "violated_after": _violated(now),
        }
        for was, now in zip(old, new, strict=True)
        if was.conforms != now.conforms
    ]
    return AgreementsImpact(moves, {"source": source, "assessed": len(agreements)})
