"""Items of a batch, parsed many at a time with the answers of parse_item.

Most items of a batch repeat a few shapes: a known kind, plain numbers (or numbers with a unit
seen before), the same facts. Those are read here without Decimal arithmetic: the kind, facts,
purpose and kind served are validated once per distinct combination, a unit once per parameter,
and each value becomes a float (exact where the float is the number's shortest decimal, see
exportgraph.knowledge.compiled). Anything else — an unknown kind or parameter, a value of another
type, an error of any sort — goes through exportgraph.services.partners.items.parse_item itself,
so an item is accepted, converted and refused exactly as the single-item path does, with the same
message naming the same field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.knowledge.compiled import BoolArray, FloatArray, repr_exact
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch_signature import Signature
from exportgraph.services.partners.items import Item, parse_item

# Floats this far inside the range parse_item accepts (1e-300 .. 1e300) are read without Decimals.
_LARGEST = 1e290
_SMALLEST = 1e-290
_EXACT_INT = 2**53
_DIGITS = r"(?P<number>[+-]?(?:(?P<int>\d+)(?:\.(?P<frac>\d*))?|\.(?P<frac2>\d+))(?:[eE][+-]?\d+)?)"
_PLAIN = re.compile(_DIGITS, re.ASCII)  # a number alone (the `value` of {"value", "unit"})
_WITH_UNIT = re.compile(r"\s*" + _DIGITS + r"\s*(?P<unit>.*?)\s*", re.ASCII)  # "100 mK"
_FLOAT_DIGITS = 15  # a decimal of at most 15 significant digits is its float's shortest decimal
_NO_FACTOR = Decimal(0)
_ROUNDING = Decimal("1e-20")  # relative; far below any offset unit's (°C: 1 → 274.15 K)


Place = str | int
"""Where an item was: the field prefix its errors name, or the index of a JSON batch's item."""


def field_of(place: Place) -> str:
    """The field prefix of an item's errors (`items[3].item`, `line 5`)."""
    return f"items[{place}].item" if isinstance(place, int) else place


class Row(NamedTuple):
    """One item of a batch as read from the request: its id, the raw item and where it was
    (the field prefix its errors name), or the error that made it unreadable."""

    id: object
    item: object
    where: Place
    error: ExportgraphError | None = None


@dataclass
class Parsed:
    """The items of a batch as parsed: per position a signature index and canonical floats, or
    an error. `inexact[(position, parameter)]` keeps what an exact comparison needs (the raw
    value, or its Decimal) for values whose float is not exact."""

    ids: list[object] = field(default_factory=list)
    signatures: list[int] = field(default_factory=list)  # -1: the item is in `errors`
    values: list[dict[str, float]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    inexact: dict[tuple[int, str], object] = field(default_factory=dict)
    errors: dict[int, ExportgraphError] = field(default_factory=dict)
    exacts: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # resolved, kept
    inexact_at: dict[str, list[int]] = field(default_factory=dict)  # parameter → positions
    _columns: dict[tuple[int, int, str], tuple[FloatArray, BoolArray]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, positions: Sequence[int], name: str) -> tuple[FloatArray, BoolArray]:
        """The values of a parameter at `positions` (ascending; NaN: not stated) and whether each
        float is exact; kept, so that deciding again (a what-if's "after") reads them once."""
        key = (positions[0] if positions else -1, len(positions), name)
        found = self._columns.get(key)
        if found is None:
            values = self.values
            column = np.fromiter(
                (values[p].get(name, np.nan) for p in positions),
                dtype=np.float64,
                count=len(positions),
            )
            exact = np.ones(len(positions), dtype=np.bool_)
            inexact = self.inexact_at.get(name)
            if inexact and positions:
                _mark_inexact(exact, positions, inexact)
            found = self._columns[key] = (column, exact)
        return found


def _mark_inexact(exact: BoolArray, positions: Sequence[int], inexact: Sequence[int]) -> None:
    """Set `exact` False at the rows of `positions` (ascending) that are in `inexact`."""
    at = np.asarray(positions, dtype=np.int64)
    wanted = np.asarray(inexact, dtype=np.int64)
    rows = np.minimum(np.searchsorted(at, wanted), len(at) - 1)
    exact[rows[at[rows] == wanted]] = False


class ItemReader:
    """Parses items for one knowledge index; remembers what it validated (one per batch)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.signatures: list[Signature] = []
        self._signature_index: dict[Signature, int] = {}
        self._shapes: dict[tuple[object, ...], int] = {}  # raw kind/facts/… → signature or -1
        self._factors: dict[tuple[str, str], Decimal] = {}
        self._parameters = set(knowledge.units.parameters)
        self._by_kind: dict[str, int] = {}  # kind alone (no facts, purpose, kind served)

    # ------------------------------------------------------------------ one item

    def add(self, parsed: Parsed, item_id: object, raw: object, where: Place) -> None:
        """Parse one item into `parsed` (its error, if any, is kept there)."""
        self.read(parsed, [Row(item_id, raw, where)])

    def read(self, parsed: Parsed, rows: Iterable[Row]) -> None:
        """Parse rows into `parsed` (a row read with an error is kept as that error). The loop
        reads plain numbers inline: it runs once per item of batches of a million."""
        ids, places, signatures, all_values = (
            parsed.ids,
            parsed.places,
            parsed.signatures,
            parsed.values,
        )
        known, by_kind, shape = self._parameters, self._by_kind, self._shape
        value_of = self._value
        for item_id, raw, where, unreadable in rows:
            if unreadable is not None:
                self.fail(parsed, item_id, where, unreadable)
                continue
            position = len(ids)
            ids.append(item_id)
            places.append(where)
            values: dict[str, float] = {}
            inexact: dict[str, object] = {}
            signature = -1
            if type(raw) is dict:
                kind = raw.get("kind")
                facts = raw.get("facts") or None
                for_kind = raw.get("for_kind")
                purpose = raw.get("purpose")
                if "served" in raw:  # software for software: parse_item reads the chain
                    signature = -1
                elif facts is None and for_kind is None and purpose is None and type(kind) is str:
                    signature = by_kind.get(kind, -2)
                    if signature == -2:
                        signature = by_kind[kind] = shape(kind, {}, None, None)
                else:
                    signature = self._shaped(kind, facts, for_kind, purpose)
                parameters = raw.get("parameters") or {}
                if signature >= 0 and type(parameters) is dict:
                    for name, value in parameters.items():
                        kind_of = type(value)
                        if kind_of is float and name in known:
                            if value == 0.0 or _SMALLEST <= abs(value) <= _LARGEST:
                                values[name] = value
                                continue
                        elif kind_of is int and name in known and -_EXACT_INT < value < _EXACT_INT:
                            values[name] = value
                            continue
                        if not (name in known and value_of(name, value, values, inexact)):
                            signature = -1
                            break
                else:
                    signature = -1
            if signature < 0:
                values.clear()
                inexact.clear()
                try:
                    signature = self._slow(raw, field_of(where), values, inexact)
                except ExportgraphError as error:
                    parsed.errors[position] = error
                    signature = -1
            for name, kept in inexact.items():
                parsed.inexact[(position, name)] = kept
                parsed.inexact_at.setdefault(name, []).append(position)
            signatures.append(signature)
            all_values.append(values)

    def fail(self, parsed: Parsed, item_id: object, where: Place, error: ExportgraphError) -> None:
        """Record an item that could not even be read (a broken row, no item object)."""
        parsed.errors[len(parsed.ids)] = error
        parsed.ids.append(item_id)
        parsed.places.append(where)
        parsed.signatures.append(-1)
        parsed.values.append({})

    def exact(self, parsed: Parsed, position: int, name: str) -> Decimal:
        """The exact canonical value of a parameter of a parsed item."""
        found = parsed.exacts.get((position, name))
        if found is not None:
            return found
        kept = parsed.inexact.get((position, name))
        if isinstance(kept, Decimal):
            found = kept
        elif kept is not None:
            where = field_of(parsed.places[position])
            found = self.knowledge.units.to_canonical(name, kept, where)
        else:
            found = Decimal(repr(parsed.values[position][name]))
        parsed.exacts[(position, name)] = found
        return found

    def _signature(self, item: Item) -> int:
        signature = Signature.of(item)
        found = self._signature_index.get(signature)
        if found is None:
            found = self._signature_index[signature] = len(self.signatures)
            self.signatures.append(signature)
        return found

    def _slow(
        self, raw: object, where: str, values: dict[str, float], inexact: dict[str, object]
    ) -> int:
        item = parse_item(self.knowledge, raw, where)
        for name, value in item.parameters.items():
            values[name] = float(value)
            if not repr_exact(value):
                inexact[name] = value
        return self._signature(item)

    def _shape(
        self, kind: str, facts: Mapping[str, bool], for_kind: str | None, purpose: str | None
    ) -> int:
        key = (kind, tuple(facts.items()), for_kind, purpose)
        found = self._shapes.get(key)
        if found is None:
            skeleton: dict[str, object] = {"kind": kind, "facts": dict(facts)}
            if for_kind is not None:
                skeleton["for_kind"] = for_kind
            if purpose is not None:
                skeleton["purpose"] = purpose
            try:
                found = self._signature(parse_item(self.knowledge, skeleton))
            except ExportgraphError:
                found = -1
            self._shapes[key] = found
        return found

    def _shaped(self, kind: object, facts: object, for_kind: object, purpose: object) -> int:
        """The signature of a kind with facts, purpose or kind served, when they have the
        plain forms (else -1: parse_item judges the item)."""
        facts = facts or {}
        if type(kind) is not str or type(facts) is not dict:
            return -1
        for value in facts.values():
            if type(value) is not bool:
                return -1
        if not (for_kind is None or type(for_kind) is str):
            return -1
        if not (purpose is None or type(purpose) is str):
            return -1
        return self._shape(kind, facts, for_kind, purpose)

    # ------------------------------------------------------------------ values

    def _value(
        self, name: str, raw: object, values: dict[str, float], inexact: dict[str, object]
    ) -> bool:
        """Put the canonical float of a common value form into `values` (and what an exact
        comparison needs into `inexact`); False for any other form."""
        unit: str | None = None
        read: tuple[float, bool] | None
        if type(raw) is float or type(raw) is int:
            read = _number(raw)
        elif type(raw) is str:
            match = _WITH_UNIT.fullmatch(raw)
            if match is None:
                return False
            read, unit = _text(match), match["unit"] or None
        elif type(raw) is dict:
            mapping: dict[str, object] = raw
            given = mapping.get("unit")
            if "value" not in mapping or not set(mapping) <= {"value", "unit"}:
                return False
            if given is not None and type(given) is not str:
                return False
            unit = given or None
            inner = mapping["value"]
            if type(inner) is float or type(inner) is int:
                read = _number(inner)
            elif type(inner) is str:
                plain = _PLAIN.fullmatch(inner)
                read = _text(plain) if plain else None
            else:
                return False
        else:
            return False
        if read is None:
            return False
        number, exact = read
        if unit is not None:
            factor = self._factor(name, unit)
            if factor is _NO_FACTOR:
                return False
            if factor != 1:
                number, exact = number * float(factor), False
                if not _usable(number):
                    return False
        values[name] = number
        if not exact:
            inexact[name] = raw
        return True

    def _factor(self, name: str, unit: str) -> Decimal:
        """The factor from `unit` to the parameter's canonical unit; _NO_FACTOR when the unit is
        refused or is not a pure factor (°C): those values take the single-item path. A factor
        with more digits than the Decimals keep (kJ/min → W: 16.67) is rounded in its last
        digits, so twice the unit is twice the factor only to within that rounding: a value
        converted through it is inexact anyway, and decided exactly near a threshold."""
        key = (name, unit)
        found = self._factors.get(key)
        if found is None:
            units = self.knowledge.units
            try:
                one = units.to_canonical(name, {"value": 1, "unit": unit}, name)
                two = units.to_canonical(name, {"value": 2, "unit": unit}, name)
            except InvalidInput:
                one = two = _NO_FACTOR
            found = one if one > 0 and abs(two - 2 * one) <= one * _ROUNDING else _NO_FACTOR
            self._factors[key] = found
        return found


def _usable(number: float) -> bool:
    """A finite float well inside the range parse_item accepts."""
    magnitude = abs(number)
    return magnitude == 0 or (_SMALLEST <= magnitude <= _LARGEST and math.isfinite(number))


def _number(raw: float | int) -> tuple[float, bool] | None:
    """A JSON number: (its float, exact), or None when parse_item must judge it."""
    if type(raw) is int:
        return (float(raw), True) if abs(raw) < _EXACT_INT else None
    return (raw, True) if _usable(raw) else None


def _text(match: re.Match[str]) -> tuple[float, bool] | None:
    """A number written in text: (its float, exact), or None when parse_item must judge it."""
    number = float(match["number"])
    if not _usable(number):
        return None
    digits = ((match["int"] or "") + (match["frac"] or match["frac2"] or "")).strip("0")
    return number, len(digits) <= _FLOAT_DIGITS
