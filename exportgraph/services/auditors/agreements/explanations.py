"""What an agreement must state, and why a finding says what it says, in the agreement's terms:
the facts an assessment lacks said as what to state or to check, and why a claimed exclusion does
not (or may not) apply."""

from __future__ import annotations

from exportgraph.services.auditors.agreements.assessments import AssessQuestion
from exportgraph.services.auditors.agreements.facts import AgreementFacts, ExchangeFacts, ItemFacts
from exportgraph.services.auditors.agreements.knowledge import Rules
from exportgraph.services.partners.answers import AssessResult, ExclusionAnswer

_REQUEST_FIELDS = {
    "to": "the destination",
    "purpose": "the purpose of the software or technology (development, production or use)",
    "recipient.nationality": "the researcher's nationality",
    "project_stage": "the project stage",
    "end_use": "the end-use purpose",
    "published": "whether the software or technology is already published",
    "intended_for_publication": "whether the results are intended for publication",
    "activity": "the activity",
}
"""The assessment's request fields (contract §3), as the agreement states them (§4)."""

_CONDITIONS = {
    "project_stage": "the project stage",
    "end_use": "the end-use purpose",
    "published": "that the software or technology is already published (claim 'published')",
    "intended_for_publication": "that the results are intended for publication",
    "activity": "the activity",
}

_DATA_GAPS = (
    (
        "deemed-export rule of ",
        "whether {subject} law treats giving a foreign researcher access to technology inside "
        "{subject} as an export, which the data does not say; ask the {subject} licensing "
        "authority before the exchange",
    ),
    (
        "the export-control lists of ",
        "{subject}'s export-control lists, which the data does not hold; check the item against "
        "them before the transfer",
    ),
    (
        "complete criteria of ",
        "the complete criteria of {subject}, which the data holds only in part; check the item "
        "against {subject} in the legal text before the transfer",
    ),
    (
        "licence requirement of ",
        "the licence requirement of {subject}, which the data does not hold; check it in the "
        "legal text before the transfer",
    ),
    (
        "eligible destinations of ",
        "whether licence exception {subject} is available for this destination, which the data "
        "cannot tell; check its conditions in the legal text",
    ),
)
"""Facts the knowledge graph lacks (the assessment's wording → what the auditor should do)."""


def missing_item_fact(know: Rules, item: ItemFacts) -> str | None:
    """What the item must state before it can be assessed; None when it states enough."""
    if item.kind is None:
        return "the item states no kind; state what it is (e.g. quantum-computer, technology)"
    if item.parameters_error:
        return item.parameters_error
    if know.serves_another_kind(item.kind) and not item.for_kind:
        return (
            f"the {item.kind} does not say which kind of item it serves; state it "
            "(for_kind, e.g. quantum-computer)"
        )
    if know.serves_another_kind(item.kind) and not item.purpose:
        return (
            f"the {item.kind} does not say what it is for; state its purpose "
            "(development, production or use)"
        )
    return None


def not_applying(
    know: Rules,
    exclusion: ExclusionAnswer,
    notation: str,
    item: ItemFacts,
    request: AssessQuestion,
) -> str:
    """Why a claimed exclusion does not (or may not) apply, in the agreement's terms."""
    claimed = f"the claimed exclusion '{notation}' ({exclusion.get('title', notation)})"
    covers = know.covers.get(str(exclusion.get("id", "")), ())
    if item.kind not in covers:
        what = "this " if know.serves_another_kind(item.kind) else "hardware such as this "
        return (
            f"{claimed} does not apply: it covers {' and '.join(covers) or 'no item'} only, "
            f"never {what}{item.kind or 'item'}"
        )
    unmet, unknown = [], []
    for condition in know.conditions.get(str(exclusion.get("id", "")), ()):
        value = request.get(condition.field)
        if value is None:
            unknown.append(_CONDITIONS.get(condition.field, condition.field))
            continue
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if text not in condition.values:
            unmet.append(_condition_text(condition.field, condition.values, text))
    if exclusion.get("applies") is False and unmet:
        return f"{claimed} does not apply: it requires {' and '.join(unmet)}"
    if exclusion.get("applies") is False:
        return f"{claimed} does not apply to this {item.kind or 'item'}"
    needs = " and ".join(unknown) or "facts the agreement does not state"
    return f"whether {claimed} applies depends on {needs}; state it in the agreement"


def explain(know: Rules, fact: str, jurisdiction: str) -> str:
    """A fact the assessment names as missing, said as what to state or to check."""
    label = know.labels.get(fact)
    if fact in know.parameters:
        return (
            f"the item does not state its {fact} parameter ({label or fact}); "
            "add it to the item's parameters"
        )
    if label:
        return (
            f"whether the item is {label}, which the agreement cannot state; check it "
            f"against the {jurisdiction} legal text before the transfer"
        )
    if fact in _REQUEST_FIELDS:
        return f"{_REQUEST_FIELDS[fact]} is not stated; state it in the agreement"
    for start, meaning in _DATA_GAPS:
        if fact.startswith(start):
            subject = fact[len(start) :].removesuffix(" (not in the data)")
            return meaning.format(subject=subject, jurisdiction=jurisdiction)
    return fact


def _condition_text(field: str, allowed: tuple[str, ...], stated: str) -> str:
    """An unmet condition of an exclusion, with what the agreement states instead."""
    if stated in ("true", "false") and set(allowed) <= {"true", "false"}:
        return _CONDITIONS.get(field, field)
    what = _CONDITIONS.get(field, field)
    return f"{what} to be {' or '.join(allowed)} (the agreement states {stated})"


def agreement_field(assessed: str | None, item: str) -> str:
    """The agreement field behind a field of the assessment request (`subject.item.kind` of
    items[0] → `items[0].kind`); the item itself when the request field is not the item's."""
    parts = (assessed or "").split(".")
    if len(parts) > 2 and parts[0] == "subject":
        return ".".join([item, *parts[2:]])
    return item


def status_text(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "unknown"


def missing_facts(result: AssessResult) -> list[str]:
    facts: list[str] = []
    for key in ("missing", "missing_facts"):
        value = result.get(key)
        if isinstance(value, list):
            facts.extend(str(v) for v in value)
        elif isinstance(value, str):
            facts.append(value)
    for exception in result.get("exceptions", []):
        if exception.get("available") == "unknown" and exception.get("missing_fact"):
            facts.append(str(exception["missing_fact"]))
    return [f for f in facts if f != "(not stated)"] or [
        "; ".join(str(r) for r in result.get("reasons", []))
        or "a fact the data does not hold; check the rules before the transfer"
    ]


def exporters(rules: Rules, facts: AgreementFacts) -> list[str]:
    return [rules.canonical(e) for e in facts.exporters if rules.is_country(e)]


def missing_agreement_facts(rules: Rules, facts: AgreementFacts) -> str | None:
    gaps = []
    if not exporters(rules, facts):
        gaps.append("the exporter's country")
    if not facts.destination or not rules.is_country(facts.destination):
        gaps.append("a valid destination")
    if facts.effective is None:
        gaps.append("a valid effective date")
    if not gaps:
        return None
    listed = ", ".join(gaps[:-1]) + " and " + gaps[-1] if len(gaps) > 1 else gaps[0]
    return f"the agreement lacks {listed}; state {'them' if len(gaps) > 1 else 'it'}"


def missing_exchange_facts(
    rules: Rules, facts: AgreementFacts, exchange: ExchangeFacts
) -> str | None:
    if not exporters(rules, facts):
        return "the agreement lacks the exporter's country; state it"
    if not exchange.nationality or not rules.is_country(exchange.nationality):
        return "the exchange lacks the researcher's nationality (a country code); state it"
    if exchange.start is None and facts.effective is None:
        return "the exchange lacks its start date; state it"
    return None
