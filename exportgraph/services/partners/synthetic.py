"""A synthetic corpus of items for scale tests of batch classification and the what-if engine:
seeded (the same seed gives the same corpus), up to a million items or more, and shaped like the
data rather than uniform noise.

- Every kind of the vocabulary appears; kinds are drawn in proportion to the real products of
  the corpus (ontology/products), plus a floor so that a kind no product has is still drawn.
  Software and technology items serve a kind the entries speak of, with a purpose (or none).
- A kind's parameters are those its entries test (any date) and those its products publish. Each
  value is drawn around an anchor — a threshold the kind is tested against, or a published
  figure — log-uniformly within a decade either side; a share sits exactly on a threshold (the
  boundary cases classification must get right); counts are whole numbers, errors stay below 1.
- A share of values is written in another unit of the same dimension (µW, mK, MHz …), a share of
  parameters is left out (`missing`), facts are true, false or not stated.
- On request (`bad`), a share of items is broken the ways users break them: an unknown kind, an
  unknown or inconvertible unit, a value that is not a number, an unknown parameter, and in CSV a
  row with the wrong number of fields.

Nothing here is a regulatory fact: values are synthetic by design; only the anchors come from the
data.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.compiled import criteria_of
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.pint_units import convert, is_logarithmic, parse_unit, registry
from exportgraph.knowledge.units import UnitInfo

ON_THRESHOLD = 0.15  # share of values exactly on a threshold
OTHER_UNIT = 0.2  # share of values written in another unit
_BAD_FORMS = ("kind", "unit", "inconvertible", "number", "parameter", "row")


@dataclass(frozen=True)
class ParameterModel:
    """How one parameter of one kind is drawn."""

    name: str
    anchors: tuple[float, ...]
    thresholds: tuple[float, ...]
    count: bool  # a whole number
    fraction: bool  # a share below 1 (errors, ratios)
    units: tuple[tuple[str, float], ...]  # other units: (pint spelling, factor from canonical)


@dataclass(frozen=True)
class KindModel:
    notation: str
    weight: float
    parameters: tuple[ParameterModel, ...]
    facts: tuple[str, ...]
    serves: bool
    for_kinds: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()


@dataclass
class Corpus:
    """The models of every kind, drawn from one knowledge index."""

    kinds: list[KindModel] = field(default_factory=list)

    @property
    def parameters(self) -> list[str]:
        """Every parameter any kind draws, sorted."""
        return sorted({p.name for k in self.kinds for p in k.parameters})

    @property
    def facts(self) -> list[str]:
        return sorted({f for k in self.kinds for f in k.facts})


def corpus_model(knowledge: Knowledge) -> Corpus:
    """The kinds, parameters, anchors and units a synthetic corpus draws from."""
    products: dict[str, int] = {}
    figures: dict[tuple[str, str], list[float]] = {}
    for product in knowledge.products.values():
        products[product.kind] = products.get(product.kind, 0) + 1
        for figure in product.figures:
            if figure.canonical is not None:
                figures.setdefault((product.kind, figure.parameter), []).append(
                    float(figure.canonical)
                )
    served = sorted(
        {
            knowledge.kind_notation(kind)
            for entry in knowledge.entries.values()
            for kind in entry.served_kinds
        }
    )
    purposes = tuple(knowledge.notations("purposes"))
    total = sum(products.values()) or 1
    models = []
    for concept in knowledge.ordered("kinds"):
        kind = concept.iri
        scope = knowledge.scope(kind)
        entries = [knowledge.entries[iri] for iri, (inside, _) in scope.items() if inside]
        thresholds: dict[str, set[float]] = {}
        for entry in entries:
            for criterion in criteria_of(entry):
                thresholds.setdefault(criterion.parameter, set()).add(
                    float(criterion.canonical_threshold)
                )
        names = set(thresholds) | {name for (k, name) in figures if k == kind}
        parameters = [
            _parameter(knowledge, name, thresholds.get(name, set()), figures.get((kind, name), []))
            for name in sorted(names)
        ]
        ancestors = knowledge.ancestors_of_kind(kind)
        required = {
            fact
            for entry in knowledge.entries.values()
            if not ancestors.isdisjoint(entry.subtree_kinds)
            for fact in entry.requires_facts
        }
        # of a fact and its negation, the item states one (the other follows from it)
        negations = knowledge.fact_negations
        required = {
            f for f in required if not (negations.get(f, f) < f and negations[f] in required)
        }
        serves = knowledge.serves_another_kind(kind)
        models.append(
            KindModel(
                concept.notation,
                products.get(kind, 0) / total + 0.02,
                tuple(p for p in parameters if p.anchors),
                tuple(sorted(required)),
                serves,
                tuple(served) if serves else (),
                purposes if serves else (),
            )
        )
    return Corpus(models)


def _parameter(
    knowledge: Knowledge, name: str, thresholds: set[float], figures: list[float]
) -> ParameterModel:
    canonical = knowledge.units.canonical_info(name, name)
    anchors = sorted({a for a in (*thresholds, *figures) if a > 0 and math.isfinite(a)})
    fraction = bool(anchors) and canonical.dimensionless and max(anchors) < 1
    return ParameterModel(
        name,
        tuple(anchors),
        tuple(sorted(thresholds)),
        canonical.display == "count",
        fraction,
        _other_units(knowledge, canonical),
    )


def _other_units(knowledge: Knowledge, canonical: UnitInfo) -> tuple[tuple[str, float], ...]:
    """Units of the data for the same quantity as the canonical one (same root units: bit/s is
    not Hz), at most three decades away, with their factors from the canonical unit."""
    if canonical.dimensionless or is_logarithmic(canonical.unit):
        return ()
    root = registry().get_root_units(canonical.unit)[1]
    found = []
    for info in knowledge.units.units.values():
        unit = info.unit
        if info.iri == canonical.iri or info.dimensionless or is_logarithmic(unit):
            continue
        if registry().get_root_units(unit)[1] != root:
            continue
        one = convert(Decimal(1), canonical.unit, unit, canonical.iri)
        two = convert(Decimal(2), canonical.unit, unit, canonical.iri)
        if two == 2 * one and Decimal("1e-3") <= one <= Decimal("1e6"):
            found.append((_spelling(info), float(one)))
    return tuple(sorted(found))


def _spelling(info: UnitInfo) -> str:
    """The unit's symbol (µW, mK) where it reads as the same unit, else pint's spelling."""
    if info.symbol:
        try:
            if parse_unit(info.symbol, info.iri) == info.unit:
                return info.symbol
        except InvalidInput:
            pass
    return info.spelling


# ---------------------------------------------------------------------------- drawing


def synthetic_items(
    knowledge: Knowledge,
    size: int,
    *,
    seed: int = 0,
    missing: float = 0.1,
    bad: float = 0.0,
    other_units: float = OTHER_UNIT,
) -> list[dict[str, object]]:
    """`size` items as a batch takes them: `[{"id": "syn-0000001", "item": {…}}, …]`."""
    return [
        {"id": item_id, "item": item}
        for item_id, item, _ in _draw(knowledge, size, seed, missing, bad, other_units)
    ]


def synthetic_csv(
    knowledge: Knowledge,
    size: int,
    *,
    seed: int = 0,
    missing: float = 0.1,
    bad: float = 0.0,
) -> Iterator[str]:
    """The same kind of corpus as CSV text (docs/partners.md), in chunks of lines: one unit per
    parameter column (the header names it where it is not the canonical one)."""
    model = corpus_model(knowledge)
    rng = np.random.default_rng(seed + 1)
    units = {}
    for kind in model.kinds:
        for parameter in kind.parameters:
            if parameter.units and parameter.name not in units:
                units[parameter.name] = parameter.units[int(rng.integers(len(parameter.units)))]
    columns = ["id", "kind", "for_kind", "purpose", *model.parameters, *model.facts]
    header = [f"{name}[{units[name][0]}]" if name in units else name for name in columns]
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(header)
    for count, (item_id, item, broken) in enumerate(
        _draw(knowledge, size, seed, missing, bad, 0.0), start=1
    ):
        parameters: dict[str, object] = item.get("parameters") or {}  # type: ignore[assignment]
        facts: dict[str, bool] = item.get("facts") or {}  # type: ignore[assignment]
        row: list[object] = [
            item_id,
            item.get("kind", ""),
            item.get("for_kind", ""),
            item.get("purpose", ""),
        ]
        for name in model.parameters:
            value = parameters.get(name, "")
            if isinstance(value, dict):  # a broken unit: written into the cell
                value = f"{value['value']} {value['unit']}"
            elif name in units and isinstance(value, float | int):
                value = _round(value * units[name][1])
            row.append(value)
        row += ["" if f not in facts else str(facts[f]).lower() for f in model.facts]
        if broken == "row":
            row = row[: len(row) // 2]
        out.writerow(row)
        if count % 10_000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@dataclass
class _KindDraws:
    """Everything drawn for the items of one kind: a row per item, a column per parameter."""

    values: npt.NDArray[np.float64]
    stated: npt.NDArray[np.bool_]
    units: npt.NDArray[np.int64]  # index into the parameter's other units; -1: canonical
    facts: npt.NDArray[np.float64]
    picks: npt.NDArray[np.int64]  # kind served, purpose


def _kind_draws(
    rng: np.random.Generator, kind: KindModel, count: int, missing: float, other_units: float
) -> _KindDraws:
    width = len(kind.parameters)
    values = np.empty((count, width), dtype=np.float64)
    units = np.full((count, width), -1, dtype=np.int64)
    for column, parameter in enumerate(kind.parameters):
        values[:, column] = _values(rng, parameter, count)
        if parameter.units:
            other = rng.random(count) < other_units
            units[other, column] = rng.integers(len(parameter.units), size=int(other.sum()))
    return _KindDraws(
        values,
        rng.random((count, width)) >= missing,
        units,
        rng.random(count),
        rng.integers(0, 1 << 30, size=(count, 2)),
    )


def _draw(
    knowledge: Knowledge, size: int, seed: int, missing: float, bad: float, other_units: float
) -> Iterator[tuple[str, dict[str, object], str | None]]:
    """(id, item, how it was broken) for each item."""
    model = corpus_model(knowledge)
    rng = np.random.default_rng(seed)
    weights = np.array([k.weight for k in model.kinds], dtype=np.float64)
    chosen = rng.choice(len(model.kinds), size=size, p=weights / weights.sum())
    draws = [
        _kind_draws(rng, kind, int((chosen == index).sum()), missing, other_units)
        for index, kind in enumerate(model.kinds)
    ]
    broken_at = rng.random(size) < bad
    how = rng.integers(len(_BAD_FORMS), size=size)
    seen = [0] * len(model.kinds)
    for position, index in enumerate(chosen.tolist()):
        kind, drawn, row = model.kinds[index], draws[index], seen[index]
        seen[index] += 1
        item: dict[str, object] = {"kind": kind.notation}
        parameters: dict[str, object] = {}
        for column, parameter in enumerate(kind.parameters):
            if not drawn.stated[row, column]:
                continue
            value = _round(float(drawn.values[row, column]))
            unit = int(drawn.units[row, column])
            if unit >= 0:
                spelling, factor = parameter.units[unit]
                parameters[parameter.name] = {"value": _round(value * factor), "unit": spelling}
            else:
                parameters[parameter.name] = value
        if parameters:
            item["parameters"] = parameters
        state = float(drawn.facts[row])
        if kind.facts and state < 0.8:  # true, false, or (a fifth) not stated
            item["facts"] = {fact: state < 0.4 for fact in kind.facts}
        if kind.serves:
            served, purpose = drawn.picks[row].tolist()
            item["for_kind"] = kind.for_kinds[served % len(kind.for_kinds)]
            if purpose % (len(kind.purposes) + 1) < len(kind.purposes):
                item["purpose"] = kind.purposes[purpose % (len(kind.purposes) + 1)]
        broken = None
        if broken_at[position]:
            broken = _BAD_FORMS[int(how[position])]
            _break(item, broken)
        yield f"syn-{position + 1:07d}", item, broken


def _values(
    rng: np.random.Generator, parameter: ParameterModel, count: int
) -> npt.NDArray[np.float64]:
    anchors = np.array(parameter.anchors, dtype=np.float64)
    values = anchors[rng.integers(len(anchors), size=count)] * 10.0 ** rng.uniform(
        -1, 1, size=count
    )
    if parameter.thresholds:
        exact = rng.random(count) < ON_THRESHOLD
        thresholds = np.array(parameter.thresholds, dtype=np.float64)
        values[exact] = thresholds[rng.integers(len(thresholds), size=int(exact.sum()))]
    if parameter.count:
        values = np.maximum(np.round(values), 1)
    if parameter.fraction:
        values = np.minimum(values, 0.5)
    return values


def _round(value: float) -> float | int:
    """Six significant digits (as a datasheet writes them); whole numbers as integers."""
    if value == 0 or not math.isfinite(value):
        return 0
    rounded = float(f"{value:.6g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def _break(item: dict[str, object], how: str) -> None:
    """Break an item the way `how` says (see the module docstring)."""
    parameters = item.setdefault("parameters", {})
    assert isinstance(parameters, dict)
    if how == "kind":
        item["kind"] = str(item["kind"]) + "-typo"
    elif how == "unit":
        parameters["cooling-power"] = {"value": 1, "unit": "furlong"}
    elif how == "inconvertible":
        parameters["cooling-power"] = {"value": 1, "unit": "K"}
    elif how == "number":
        parameters["physical-qubits"] = "lots"
    elif how == "parameter":
        parameters["qubit-count"] = 3


def write_json(items: Sequence[dict[str, object]]) -> Iterator[str]:
    """A corpus as the JSON body of POST /v1/classify/batch, one item per line."""
    import json

    yield '{"items": [\n'
    for index, item in enumerate(items):
        yield ("" if index == 0 else ",\n") + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"
