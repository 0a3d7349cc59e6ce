"""Parameter values and units: parse what users send, convert through pint, exactly.

Canonical units come from the data (eg:canonicalUnit of each parameter concept, whose QUDT unit
carries eg:pintUnit in ontology/units.ttl); this module holds no unit table of its own. Values are
`decimal.Decimal` so that SI-prefix conversions are exact (0.6 mW is 600 µW, not 599.999…) and a
value at a threshold compares equal to it. Logarithmic units (dB) convert only to themselves;
offset units (°C) convert through pint both ways. Pure numbers convert only within a quantity kind
they share in the data (qudt:hasQuantityKind): a ratio given in %, ppm, ppb or ‰ converts exactly
to a ratio in 1 and back, but a count never becomes a percentage.

Public API (also used by agreement validation):

- `UnitCatalogue` — parameter notation → canonical pint unit, QUDT unit IRI → pint unit.
- `normalize_parameters(raw, field_prefix, catalogue)` — `{"cooling-power": {"value": 800,
  "unit": "uW"}, …}` → `{"cooling-power": Decimal("0.0008")}` in canonical units; raises
  `InvalidInput` naming `<field_prefix>.<name>` for an unknown parameter, unit or value.
- `convert(value, from_unit, to_unit, field)` (in `pint_units`) — one exact conversion between pint
  units.
- `UnitCatalogue.between(value, source, target, field)` — one exact conversion between units of
  the data, under the data's rule for pure numbers (used for input values, thresholds and the
  values shown beside thresholds, so that all three agree).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pint

from exportgraph.errors import CONCEPTS_LISTED_AT, InvalidInput, shown, unknown_name
from exportgraph.knowledge.pint_units import (
    convert,
    convertible,
    is_logarithmic,
    parse_unit,
    symbols,
    to_decimal,
)
from exportgraph.knowledge.rows import lexical

_NUMBER_WITH_UNIT = re.compile(
    r"^\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*$"
)


@dataclass(frozen=True)
class UnitInfo:
    """A QUDT unit of the data: its IRI, pint spelling, symbol and English label."""

    iri: str
    spelling: str  # as pint spells it (eg:pintUnit)
    symbol: str | None = None
    label: str | None = None
    kinds: frozenset[str] = frozenset()  # QUDT quantity kinds (qudt:hasQuantityKind)

    @property
    def unit(self) -> pint.Unit:
        return parse_unit(self.spelling, self.iri)

    @property
    def dimensionless(self) -> bool:
        """Counts and ratios (1, %, ppm …): pure numbers, convertible only within a shared
        quantity kind (see `UnitCatalogue.between`)."""
        return bool(self.unit.dimensionless) and not is_logarithmic(self.unit)

    def convertible_to(self, other: UnitInfo) -> bool:
        """Whether a value in this unit may be expressed in `other`: the same unit; two pure
        numbers sharing a quantity kind (a ratio in % and a ratio in 1, never a count and a
        percentage); or two other units pint converts (µW and W, °C and K)."""
        if self.iri == other.iri:
            return True
        if is_logarithmic(self.unit) or is_logarithmic(other.unit):
            return False
        if self.dimensionless or other.dimensionless:
            return self.dimensionless and other.dimensionless and bool(self.kinds & other.kinds)
        return convertible(self.unit, other.unit)

    @property
    def display(self) -> str:
        """How answers show the unit: the label of a pure number (`count`), else the symbol."""
        if self.dimensionless and self.spelling == "dimensionless":
            return "count" if self.label == "count" else "1"
        return self.symbol or _label(self.unit)

    @property
    def written(self) -> frozenset[str]:
        """How this unit is written, as is (case matters: `mW` is not `MW`): its pint spelling,
        IRI name, symbol and label."""
        names = {self.spelling, self.iri.rsplit("/", 1)[-1], _label(self.unit)}
        names |= {name for name in (self.symbol, self.label) if name}
        return frozenset(n.strip() for n in names)

    @property
    def spellings(self) -> frozenset[str]:
        """The spellings that name exactly this unit on input, in any case (for pure numbers:
        `Count`, `PPM`)."""
        return frozenset(n.lower() for n in self.written)


@dataclass(frozen=True)
class UnitCatalogue:
    """The canonical unit of each harmonized parameter and the QUDT units of the data."""

    parameters: Mapping[str, str]  # parameter notation → canonical QUDT unit IRI
    units: Mapping[str, UnitInfo] = field(default_factory=dict)  # QUDT unit IRI → info
    _by_spelling: Mapping[str, tuple[UnitInfo, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _by_writing: Mapping[str, tuple[UnitInfo, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _accepted: dict[UnitInfo, list[str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    """The units a pure number in a canonical unit may be given in (computed on first refusal)."""
    _converting: dict[UnitInfo, tuple[str, ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        units = [info for _, info in sorted(self.units.items())]
        object.__setattr__(self, "_by_spelling", _index(units, lambda info: info.spellings))
        object.__setattr__(self, "_by_writing", _index(units, lambda info: info.written))

    def canonical_info(self, parameter: str, field: str) -> UnitInfo:
        """The canonical unit of a parameter; InvalidInput naming `field` if the parameter is unknown."""
        iri = self.parameters.get(parameter)
        if iri is None:
            raise unknown_name(
                field,
                "parameter",
                parameter,
                self.parameters,
                CONCEPTS_LISTED_AT.format(scheme="parameters"),
            )
        info = self.units.get(iri)
        if info is None:
            raise InvalidInput(
                f"{field}: unit {iri} has no eg:pintUnit in ontology/units.ttl", field=field
            )
        return info

    def canonical_unit(self, parameter: str, field: str) -> pint.Unit:
        """The canonical pint unit of a parameter."""
        unit: pint.Unit = self.canonical_info(parameter, field).unit
        return unit

    def unit_info(self, iri: str, field: str) -> UnitInfo:
        """A QUDT unit used in the data."""
        info = self.units.get(iri)
        if info is None:
            raise InvalidInput(
                f"{field}: unit {iri} has no eg:pintUnit in ontology/units.ttl", field=field
            )
        return info

    def between(self, value: Decimal, source: UnitInfo, target: UnitInfo, field: str) -> Decimal:
        """`value` in the data's unit `source`, expressed exactly in `target`; InvalidInput
        naming `field` when the data's rule does not let the one become the other."""
        if source.iri == target.iri:
            return value
        if not source.convertible_to(target):
            raise InvalidInput(
                f"{field}: a value in {source.display} cannot be expressed in {target.display}",
                field=field,
            )
        return convert(value, source.unit, target.unit, field)

    def named(self, text: str) -> list[UnitInfo]:
        """The units of the data a spelling names (`%`, `ppm`, `1`, `count` …), in IRI order."""
        return list(self._by_spelling.get(text.strip().lower(), ()))

    def other_units(self, parameter: str) -> tuple[str, ...]:
        """The units of the data, as answers show them, that a value of `parameter` may be given
        in besides its canonical unit (what `to_canonical` converts from); kept per canonical
        unit, as trying every unit takes seconds."""
        target = self.canonical_info(parameter, parameter)
        found = self._converting.get(target)
        if found is None:
            # a unit of another dimension never converts: only a pure number or a logarithmic
            # unit (not converted by pint's dimensions) is tried against every unit
            scaled = not target.dimensionless and not is_logarithmic(target.unit)
            choices = set()
            for info in self.units.values():
                spelling = info.display
                if not spelling or spelling in (target.display, "1"):
                    continue
                dimensions = self._dimensions(spelling) if scaled else None
                if dimensions is not None and target.unit.dimensionality not in dimensions:
                    continue
                try:
                    self.to_canonical(parameter, {"value": 1, "unit": spelling}, parameter)
                except InvalidInput:
                    continue
                choices.add(spelling)
            found = self._converting[target] = tuple(sorted(choices))
        return found

    def _dimensions(self, text: str) -> set[object] | None:
        """The dimensions of every unit `text` may name on input (see `_input_unit`) that is not
        logarithmic (those convert only to themselves); None when one cannot be told."""
        units = [info.unit for info in self._by_writing.get(text.strip(), ())]
        with contextlib.suppress(InvalidInput):
            units.append(parse_unit(text, text))
        try:
            return {unit.dimensionality for unit in units if not is_logarithmic(unit)}
        except pint.PintError:
            return None

    def unit_label(self, parameter: str) -> str:
        """The canonical unit of a parameter as answers show it (`count`, `K`, `W`, `dB` …)."""
        return self.canonical_info(parameter, parameter).display

    def to_canonical(self, parameter: str, raw: object, field: str) -> Decimal:
        """One parameter value (number, `{"value", "unit"}` or `"800 uW"`) in its canonical unit."""
        target = self.canonical_info(parameter, field)
        value, unit_text = _split_value(raw, field)
        if unit_text is None:
            return value
        unit_field = f"{field}.unit" if isinstance(raw, Mapping) else field
        if target.dimensionless:
            return self._pure_number(parameter, value, unit_text, target, unit_field)
        try:
            return convert(
                value, self._input_unit(unit_text, target, unit_field), target.unit, unit_field
            )
        except InvalidInput as error:
            if "unknown unit" in error.detail:
                raise
            raise InvalidInput(
                f"{unit_field}: {shown(unit_text.strip())} cannot be converted to {target.display}, the unit of "
                f"{parameter}"
                + (
                    " (logarithmic units convert only to themselves)"
                    if "logarithmic" in error.detail
                    else ""
                ),
                field=unit_field,
            ) from None

    def _input_unit(self, text: str, target: UnitInfo, field: str) -> pint.Unit:
        """The unit a user wrote for a parameter in `target`: first a unit of the data that the
        answers show so and that converts to `target` (`g`, standard gravity, is not pint's
        gram for an acceleration; `°/√h`, `″`), else any pint spelling."""
        for info in self._by_writing.get(text.strip(), ()):
            if info.convertible_to(target):
                return info.unit
        return parse_unit(text, field)

    def _pure_number(
        self, parameter: str, value: Decimal, unit_text: str, target: UnitInfo, field: str
    ) -> Decimal:
        """A count or a ratio given with a unit: only units of the data that share a quantity
        kind with the canonical unit are accepted (a ratio in %, ppm, ppb or ‰; a count only
        as a count), converted exactly."""
        for info in self.named(unit_text):
            if info.convertible_to(target):
                return self.between(value, info, target, field)
        accepted = self._accepted.get(target)
        if accepted is None:
            accepted = self._accepted[target] = sorted(
                {
                    info.display
                    for info in self.units.values()
                    if info.dimensionless and info.convertible_to(target)
                }
            )
        raise InvalidInput(
            f"{field}: {parameter} is a {'count' if target.display == 'count' else 'ratio'}; "
            f"unit {shown(unit_text.strip())} is not accepted for it (give it in "
            f"{' or '.join(accepted)})",
            field=field,
        )


def _index(
    units: Sequence[UnitInfo], names: Callable[[UnitInfo], frozenset[str]]
) -> dict[str, tuple[UnitInfo, ...]]:
    """Each name → the units it names, in the given order."""
    found: dict[str, list[UnitInfo]] = {}
    for info in units:
        for name in names(info):
            found.setdefault(name, []).append(info)
    return {name: tuple(infos) for name, infos in found.items()}


@cache
def _label(unit: pint.Unit) -> str:
    text = symbols(unit)
    return text or "1"


def _split_value(raw: object, field: str) -> tuple[Decimal, str | None]:
    if isinstance(raw, Mapping):
        unknown = sorted(set(raw) - {"value", "unit"})
        if unknown:
            raise InvalidInput(f"{field}: unexpected key(s) {', '.join(unknown)}", field=field)
        if "value" not in raw:
            raise InvalidInput(f"{field}.value: a value is required", field=f"{field}.value")
        unit = raw.get("unit")
        if unit is not None and not isinstance(unit, str):
            raise InvalidInput(
                f"{field}.unit: expected a unit name, got {shown(unit)}", field=f"{field}.unit"
            )
        value_field = f"{field}.value"
        return to_decimal(raw["value"], value_field), unit or None
    if isinstance(raw, str):
        match = _NUMBER_WITH_UNIT.match(raw)
        if not match:
            raise InvalidInput(
                f"{field}: expected a number with an optional unit, got {shown(raw)}", field=field
            )
        return to_decimal(match["number"], field), match["unit"] or None
    return to_decimal(raw, field), None


def normalize_parameters(
    raw: Mapping[str, object], field_prefix: str, catalogue: UnitCatalogue
) -> dict[str, Decimal]:
    """Every parameter in its canonical unit; errors name `<field_prefix>.<name>`."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{field_prefix}: expected an object of parameters", field=field_prefix)
    values: dict[str, Decimal] = {}
    for name, value in raw.items():
        field_name = f"{field_prefix}.{name}"
        if not isinstance(name, str):
            raise InvalidInput(f"{field_name}: parameter names are strings", field=field_name)
        values[name] = catalogue.to_canonical(name, value, field_name)
    return values


def load_unit_catalogue(rows: Sequence[Mapping[str, object]]) -> UnitCatalogue:
    """Build the catalogue from rows of queries/classify_units.rq."""
    parameters: dict[str, str] = {}
    units: dict[str, UnitInfo] = {}
    for row in rows:
        notation, canonical = lexical(row, "notation"), lexical(row, "canonical")
        if notation is not None and canonical is not None:
            parameters[notation] = canonical
        iri, pint_name = lexical(row, "unit"), lexical(row, "pint")
        if iri is not None and pint_name is not None:
            known = units.get(iri)
            kind = lexical(row, "kind")
            units[iri] = UnitInfo(
                iri,
                pint_name,
                (known.symbol if known else None) or lexical(row, "symbol"),
                (known.label if known else None) or lexical(row, "label"),
                (known.kinds if known else frozenset()) | ({kind} if kind else set()),
            )
    return UnitCatalogue(dict(sorted(parameters.items())), units)
