"""Research exclusions against an assessment request: whether each condition holds, the conditions
in words, and what to state when the request is silent.
"""

from __future__ import annotations

from collections.abc import Mapping

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Condition, ResearchExclusion
from exportgraph.services.partners.answers import ExclusionAnswer
from exportgraph.services.partners.assess_request import Request
from exportgraph.services.partners.logic import Tri, tri_and, tri_json
from exportgraph.services.partners.vocabulary import label


def _condition(condition: Condition, facts: Mapping[str, object]) -> tuple[Tri, str | None]:
    """Whether the request meets one condition of an exclusion; (result, the field the request
    does not state)."""
    value = facts.get(condition.field)
    if value is None:
        return None, condition.field
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return text in condition.values, None


# How a condition on a request field reads, and what to state when the request is silent.
_YES_NO = {
    "published": ("the software or technology is published", "is not published"),
    "intended_for_publication": (
        "it is intended for publication",
        "is not intended for publication",
    ),
}
_SCHEMES = {"project_stage": "project-stages", "activity": "activities"}
_ASK = {
    "published": "whether the software or technology is published",
    "intended_for_publication": "whether it is intended for publication",
    "project_stage": "the project stage",
    "end_use": "the end use",
    "activity": "the activity",
}


def labels_in_prose(
    knowledge: Knowledge, scheme: str, notations: list[str], word: str = "and"
) -> str:
    """Labels joined in prose: `a`, `a and b`, `a, b and c`."""
    labels = [label(knowledge, scheme, n) for n in notations]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def condition_text(knowledge: Knowledge, condition: Condition) -> str:
    """A condition of an exclusion in words (`the project stage is basic research or applied
    research`)."""
    if condition.field in _YES_NO and set(condition.values) <= {"true", "false"}:
        yes, no = _YES_NO[condition.field]
        return yes if condition.values == ("true",) else f"it {no}"
    scheme = _SCHEMES.get(condition.field, "")
    noun = _ASK.get(condition.field, condition.field.replace("_", " "))
    return f"{noun} is {labels_in_prose(knowledge, scheme, list(condition.values), 'or')}"


def exclusion_answer(
    knowledge: Knowledge, exclusion: ResearchExclusion, request: Request
) -> tuple[Tri, ExclusionAnswer, list[str]]:
    """Whether a research exclusion applies to the request, the answer element, missing fields."""
    subject = request.subject
    applies_to = sorted(knowledge.kind_notation(k) for k in exclusion.applies_to)
    if not knowledge.ancestors_of_kind(subject.kind_iri) & exclusion.applies_to:
        why = (
            f"it covers only {labels_in_prose(knowledge, 'kinds', applies_to)}; a "
            f"{label(knowledge, 'kinds', subject.kind)} is not, and research exclusions never "
            "cover hardware"
        )
        return (
            False,
            {"id": exclusion.id, "title": exclusion.title, "applies": False, "why": why},
            [],
        )
    texts = [condition_text(knowledge, c) for c in exclusion.conditions]
    results = [_condition(c, request.facts) for c in exclusion.conditions]
    status = tri_and(r for r, _ in results) if results else None
    missing = [m for r, m in results if r is None and m]
    failed = [text for (r, _m), text in zip(results, texts, strict=True) if r is False]
    if status is True:
        why = f"all its conditions hold: {'; '.join(texts)}"
    elif status is False:
        why = f"not met: {'; '.join(failed)}"
    else:
        asked = [_ASK.get(m, m.replace("_", " ")) for m in missing] or ["its conditions"]
        why = f"cannot tell: state {' and '.join(asked)}"
    out: ExclusionAnswer = {
        "id": exclusion.id,
        "title": exclusion.title,
        "applies": tri_json(status),
        "why": why,
        "conditions": texts,
    }
    if exclusion.evidence == "secondary":
        out["evidence"] = "secondary"
    return status, out, missing
