"""Parse and validate an item (contract §1/§2): kind, parameters, facts, and for software or
technology the kind it serves (`for_kind`) and its `purpose`.

`parse_item(knowledge, raw, field="item")` returns an `Item` whose parameters are exact Decimals in their
canonical units; every error is an InvalidInput naming the field (`item.kind`,
`item.parameters.cooling-power`, `item.facts.<fact>` …). `parse_subject(knowledge, raw)` does the same for
an assessment's `subject` (`{"item": …}`, `{"software": {…}}` or `{"technology": {…}}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Concept
from exportgraph.knowledge.units import normalize_parameters
from exportgraph.services.inputs import json_number


@dataclass(frozen=True)
class Item:
    """A validated item: its kind concept, canonical parameters and stated facts."""

    kind: str
    kind_iri: str
    parameters: Mapping[str, Decimal] = field(default_factory=dict)
    facts: Mapping[str, bool] = field(default_factory=dict)
    for_kind: str | None = None
    for_kind_iri: str | None = None
    purpose: str | None = None

    @property
    def serving(self) -> bool:
        """True for software or technology (an item that serves another kind)."""
        return self.for_kind is not None

    def as_dict(self) -> dict[str, Any]:
        """The item as echoed in answers (parameters in canonical units)."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.for_kind:
            out["for_kind"] = self.for_kind
        if self.purpose:
            out["purpose"] = self.purpose
        if self.parameters:
            out["parameters"] = {k: json_number(v) for k, v in self.parameters.items()}
        if self.facts:
            out["facts"] = dict(self.facts)
        return out


def parse_item(knowledge: Knowledge, raw: object, field_name: str = "item") -> Item:
    """Validate an item object; parameters are converted to their canonical units."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{field_name}: expected an object with a kind", field=field_name)
    if "kind" not in raw:
        raise InvalidInput(f"{field_name}.kind: a kind is required", field=f"{field_name}.kind")
    kind = knowledge.concept("kinds", raw["kind"], f"{field_name}.kind", "kind")
    parameters = normalize_parameters(
        raw.get("parameters") or {}, f"{field_name}.parameters", knowledge.units
    )
    facts = _facts(knowledge, raw.get("facts") or {}, f"{field_name}.facts")
    for_kind: Concept | None = None
    purpose: Concept | None = None
    if knowledge.serves_another_kind(kind.iri):
        if raw.get("for_kind") is None:
            raise InvalidInput(
                f"{field_name}.for_kind: {kind.notation} needs the kind it serves (for_kind)",
                field=f"{field_name}.for_kind",
            )
        for_kind = knowledge.concept("kinds", raw["for_kind"], f"{field_name}.for_kind", "kind")
        if raw.get("purpose") is not None:
            purpose = knowledge.concept(
                "purposes", raw["purpose"], f"{field_name}.purpose", "purpose"
            )
    else:
        for key in ("for_kind", "purpose"):
            if raw.get(key) is not None:
                raise InvalidInput(
                    f"{field_name}.{key}: only software or technology items carry {key}",
                    field=f"{field_name}.{key}",
                )
    return Item(
        kind=kind.notation,
        kind_iri=kind.iri,
        parameters=parameters,
        facts=facts,
        for_kind=for_kind.notation if for_kind else None,
        for_kind_iri=for_kind.iri if for_kind else None,
        purpose=purpose.notation if purpose else None,
    )


def _facts(knowledge: Knowledge, raw: object, field_name: str) -> dict[str, bool]:
    if not isinstance(raw, Mapping):
        raise InvalidInput(
            f"{field_name}: expected an object of fact: true|false", field=field_name
        )
    facts: dict[str, bool] = {}
    for name, value in raw.items():
        where = f"{field_name}.{name}"
        knowledge.concept("facts", name, where, "fact")
        if not isinstance(value, bool):
            raise InvalidInput(f"{where}: expected true or false, got {value!r}", field=where)
        facts[name] = value
    return facts


def parse_subject(knowledge: Knowledge, raw: object, field_name: str = "subject") -> Item:
    """An assessment subject: `{"item": …}`, `{"software": {for_kind, purpose}}` or
    `{"technology": {…}}`."""
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise InvalidInput(
            f"{field_name}: expected exactly one of item, software, technology", field=field_name
        )
    ((key, value),) = raw.items()
    if key == "item":
        return parse_item(knowledge, value, f"{field_name}.item")
    if key in knowledge.kinds and knowledge.serves_another_kind(knowledge.kinds[key].iri):
        if not isinstance(value, Mapping):
            raise InvalidInput(
                f"{field_name}.{key}: expected an object", field=f"{field_name}.{key}"
            )
        return parse_item(knowledge, {**value, "kind": key}, f"{field_name}.{key}")
    raise InvalidInput(
        f"{field_name}: expected item, software or technology, got {key!r}", field=field_name
    )
