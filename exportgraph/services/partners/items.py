"""Parse and validate an item (contract §1/§2): kind, parameters, facts, and for software or
technology the kind it serves (`for_kind`) and its `purpose`.

`parse_item(knowledge, raw, field="item")` returns an `Item` whose parameters are exact Decimals in
their canonical units; every error is an InvalidInput naming the field (`item.kind`,
`item.parameters.cooling-power`, `item.facts.<fact>` …). `parse_subject(knowledge, raw)` does the
same for an assessment's `subject` (`{"item": …}`, `{"software": {…}}` or `{"technology": {…}}`).

Software and technology are controlled for the items they serve: such an item's `parameters` and
`facts` describe the served item (a `{"technology": {"for_kind": "pulse-tube-cryocooler",
"purpose": "development", "parameters": {"cooling-power": "1 W", …}}}` is technology for that
cooler), and `Item.served` is that item, evaluated against the entries the software or technology
entry names. Facts about the software itself (`software-specially-designed-or-modified`) sit in the
same `facts`. When the served kind is itself software (technology for the use of software), the
served software's own `for_kind` and `purpose` are given in `served`.

A parameter whose values are concepts (`material-form`) is given by notation and kept apart from
the numeric parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from exportgraph.errors import InvalidInput, shown
from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Concept
from exportgraph.knowledge.units import normalize_parameters
from exportgraph.services.inputs import json_number
from exportgraph.services.partners.entry_subject import named_entry

MATERIAL_FORM = "material-form"
_SERVED = "served"


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
    values: Mapping[str, str] = field(default_factory=dict)
    """Parameters whose values are concepts, by notation (`{"material-form": "epitaxial"}`)."""
    served: Item | None = None
    """For software or technology: the item it serves (kind `for_kind`, the same parameters and
    facts), evaluated against the entries a software or technology entry names."""
    path: str = ""
    """Where this item's own fields sit in the request ("" for the item asked about, "served."
    for the software a technology serves): names what is missing."""
    entry: str | None = None
    """A subject that names an entry the user has classified (`US:3A001.a.1`): the entry decides,
    not the kind and parameters (services/partners/entry_subject.py)."""

    @property
    def serving(self) -> bool:
        """True for software or technology (an item that serves another kind)."""
        return self.served is not None

    @property
    def kind_field(self) -> str:
        """Where the request states this item's kind: `kind`, or for the item software or
        technology serves, the `for_kind` beside it."""
        return kind_field(self.path)

    @property
    def material_form(self) -> str | None:
        return self.values.get(MATERIAL_FORM)

    def as_dict(self) -> JsonObject:
        """The item as echoed in answers (parameters in canonical units): the user's subject, so
        free JSON (json_types)."""
        if self.entry is not None:
            return {"entry": self.entry}
        out: JsonObject = {"kind": self.kind}
        if self.for_kind:
            out["for_kind"] = self.for_kind
        if self.purpose:
            out["purpose"] = self.purpose
        if self.parameters or self.values:
            out["parameters"] = {
                **{k: json_number(v) for k, v in self.parameters.items()},
                **self.values,
            }
        if self.facts:
            out["facts"] = dict(self.facts)
        if self.served is not None and self.served.serving:
            out[_SERVED] = {
                key: value
                for key, value in self.served.as_dict().items()
                if key in ("for_kind", "purpose", _SERVED)
            }
        return out


def kind_field(path: str) -> str:
    """The field stating the kind of the item at `path` ("" or "served." …) of a request."""
    return f"{path.removesuffix(_SERVED + '.')}for_kind" if path else "kind"


def parse_item(knowledge: Knowledge, raw: object, field_name: str = "item") -> Item:
    """Validate an item object; parameters are converted to their canonical units."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{field_name}: expected an object with a kind", field=field_name)
    if "kind" not in raw:
        raise InvalidInput(f"{field_name}.kind: a kind is required", field=f"{field_name}.kind")
    kind = knowledge.concept("kinds", raw["kind"], f"{field_name}.kind", "kind")
    parameters, values = _parameters(knowledge, raw.get("parameters") or {}, field_name)
    facts = _facts(knowledge, raw.get("facts") or {}, f"{field_name}.facts")
    if not knowledge.serves_another_kind(kind.iri):
        for key in ("for_kind", "purpose", _SERVED):
            if raw.get(key) is not None:
                raise InvalidInput(
                    f"{field_name}.{key}: only software or technology items carry {key}",
                    field=f"{field_name}.{key}",
                )
        return Item(kind.notation, kind.iri, parameters, facts, values=values)
    if raw.get("for_kind") is None:
        raise InvalidInput(
            f"{field_name}.for_kind: {kind.notation} needs the kind of item it serves (for_kind)",
            field=f"{field_name}.for_kind",
        )
    for_kind = knowledge.concept("kinds", raw["for_kind"], f"{field_name}.for_kind", "kind")
    purpose = _purpose(knowledge, raw.get("purpose"), f"{field_name}.purpose")
    served = _served(knowledge, raw.get(_SERVED), for_kind, parameters, facts, values, field_name)
    return Item(
        kind=kind.notation,
        kind_iri=kind.iri,
        parameters=parameters,
        facts=facts,
        for_kind=for_kind.notation,
        for_kind_iri=for_kind.iri,
        purpose=purpose.notation if purpose else None,
        values=values,
        served=served,
    )


def _purpose(knowledge: Knowledge, raw: object, field_name: str) -> Concept | None:
    if raw is None:
        return None
    return knowledge.concept("purposes", raw, field_name, "purpose")


def _served(
    knowledge: Knowledge,
    raw: object,
    for_kind: Concept,
    parameters: Mapping[str, Decimal],
    facts: Mapping[str, bool],
    values: Mapping[str, str],
    field_name: str,
    path: str = _SERVED + ".",
) -> Item:
    """The item that software or technology serves: kind `for_kind` with the request's
    parameters, facts and forms; when that kind is itself software or technology, its own
    `for_kind` and `purpose` come from `served` (and so on, one level per `served`)."""
    where = f"{field_name}.{_SERVED}"
    if not knowledge.serves_another_kind(for_kind.iri):
        if raw is not None:
            raise InvalidInput(
                f"{where}: only software or technology for software or technology names the "
                f"software it serves ({for_kind.notation} is not software)",
                field=where,
            )
        return Item(for_kind.notation, for_kind.iri, parameters, facts, values=values, path=path)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise InvalidInput(
            f"{where}: expected an object with the served software's for_kind and purpose",
            field=where,
        )
    unknown = sorted(set(raw) - {"for_kind", "purpose", _SERVED})
    if unknown:
        raise InvalidInput(
            f"{where}: unexpected key(s) {', '.join(unknown)} (give for_kind, purpose and, for "
            "software serving software, served; parameters and facts go on the outer item)",
            field=where,
        )
    inner_kind = (
        knowledge.concept("kinds", raw["for_kind"], f"{where}.for_kind", "kind")
        if raw.get("for_kind") is not None
        else None
    )
    purpose = _purpose(knowledge, raw.get("purpose"), f"{where}.purpose")
    inner = (
        _served(
            knowledge,
            raw.get(_SERVED),
            inner_kind,
            parameters,
            facts,
            values,
            where,
            f"{path}{_SERVED}.",
        )
        if inner_kind is not None
        else None
    )
    return Item(
        kind=for_kind.notation,
        kind_iri=for_kind.iri,
        parameters=parameters,
        facts=facts,
        for_kind=inner_kind.notation if inner_kind else None,
        for_kind_iri=inner_kind.iri if inner_kind else None,
        purpose=purpose.notation if purpose else None,
        values=values,
        served=inner,
        path=path,
    )


def _parameters(
    knowledge: Knowledge, raw: object, field_name: str
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Numeric parameters in canonical units, and parameters whose values are concepts."""
    where = f"{field_name}.parameters"
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{where}: expected an object of parameters", field=where)
    numeric: dict[str, object] = {}
    values: dict[str, str] = {}
    for name, value in raw.items():
        concept = knowledge.parameters.get(name) if isinstance(name, str) else None
        scheme = concept.value_scheme if concept else None
        if scheme is None:
            numeric[name] = value
            continue
        label = concept.label if concept and concept.label else name
        values[name] = knowledge.concept(scheme, value, f"{where}.{name}", label).notation
    return normalize_parameters(numeric, where, knowledge.units), values


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
            raise InvalidInput(f"{where}: expected true or false, got {shown(value)}", field=where)
        facts[name] = value
    return _with_negations(knowledge, facts, field_name)


def _with_negations(
    knowledge: Knowledge, facts: dict[str, bool], field_name: str
) -> dict[str, bool]:
    """The facts with the facts they negate (eg:negationOf) stated the other way; stating a fact
    and its negation alike is refused."""
    negations = knowledge.fact_negations
    out = dict(facts)
    for name, value in facts.items():
        other = negations.get(name)
        if other is None:
            continue
        if other in facts and facts[other] == value:
            raise InvalidInput(
                f"{field_name}: {name} and {other} cannot both be {str(value).lower()}: "
                f"{name} is true exactly when {other} is false",
                field=f"{field_name}.{name}",
            )
        out.setdefault(other, not value)
    return out


def parse_subject(knowledge: Knowledge, raw: object, field_name: str = "subject") -> Item:
    """An assessment subject: `{"item": …}`, `{"software": {for_kind, purpose, parameters,
    facts}}` or `{"technology": {…}}`."""
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise InvalidInput(
            f"{field_name}: expected exactly one of item, software, technology, entry",
            field=field_name,
        )
    ((key, value),) = raw.items()
    if key == "item":
        return parse_item(knowledge, value, f"{field_name}.item")
    if key == "entry":
        named = named_entry(knowledge, value, f"{field_name}.entry")
        return Item(named.kind, named.kind_iri, entry=named.id)
    if key in knowledge.kinds and knowledge.serves_another_kind(knowledge.kinds[key].iri):
        if not isinstance(value, Mapping):
            raise InvalidInput(
                f"{field_name}.{key}: expected an object", field=f"{field_name}.{key}"
            )
        return parse_item(knowledge, {**value, "kind": key}, f"{field_name}.{key}")
    raise InvalidInput(
        f"{field_name}: expected item, software, technology or entry, got {shown(key)}",
        field=field_name,
    )
