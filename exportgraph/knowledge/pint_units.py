"""The pint layer of the units: how unit spellings are read (pint's, and the symbols the
answers print: superscript powers, a middle dot, a square root), exact conversions between pint
units, and the numbers users send. The data's units and parameters are in `units.py`."""

from __future__ import annotations

import decimal
import re
import threading
from decimal import Decimal
from functools import cache

import pint

from exportgraph.errors import InvalidInput, shown
from exportgraph.numbers import MAX_EXPONENT, in_range

# Enough digits for any SI-prefix conversion of user-sized numbers to stay exact.
_DECIMAL = decimal.Context(prec=50)
# pint parses unit expressions with its own tokenizer; keep the input to plain unit spellings.
_UNIT_TEXT = re.compile(r"^(?:1|[A-Za-z_µμΩ°%‰][A-Za-z0-9_µμΩ°%‰/*^.\- ]*)$")


# Spellings pint's default registry lacks: parts per billion (ppm and permille it has), the per
# mille sign, "1" for a pure number (the canonical unit of a ratio such as cnot-error), and the
# sample rates the control lists write ("400 Mega Samples Per Second (MSPS)", "1.0 GSPS": SPS with
# pint's prefixes; one sample per second is one hertz, as the data's SAMPLE-PER-SEC says), and
# the Weighted TeraFLOPS of the "Adjusted Peak Performance", a noise level in dBm/Hz, the TOPS
# of US 3A991.p and the GFLOPS of US 3A991.a.1.
_DEFINITIONS = (
    "ppb = 1e-9 = parts_per_billion",
    "sample_per_second = hertz = SPS",
    # Category 4's "Weighted TeraFLOPS" (WT): a figure of its own, converting into nothing else.
    "weighted_teraflops = [weighted_teraflops] = WT",
    # A noise level in dBm/Hz (3A002.c.2 DANL): a logarithmic figure, compared as written and
    # converting into nothing else (pint's dBm cannot be divided by a hertz).
    "dBm_per_Hz = [dbm_per_hertz]",
    # A single sideband phase noise in dBc/Hz (3A001.b.10, 3A002.d.4): likewise.
    "dBc_per_Hz = [dbc_per_hertz]",
    # US 3A991.p's TOPS (2 × 'MacTOPS'): likewise a figure of its own.
    "tera_operations_per_second = [tera_operations_per_second] = TOPS",
    # US 3A991.a.1's GFLOPS: floating-point operations per second, with pint's prefixes.
    "flops = [floating_point_operations_per_second] = FLOPS",
)
_ALIASES = {"%": "percent", "‰": "permille", "1": "dimensionless"}


@cache
def registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """The one shared pint registry (Decimal magnitudes) every conversion goes through."""
    reg: pint.UnitRegistry = pint.UnitRegistry(  # type: ignore[type-arg]
        non_int_type=Decimal, autoconvert_offset_to_baseunit=True
    )
    for definition in _DEFINITIONS:
        reg.define(definition)
    return reg


_registry_lock = threading.RLock()


def parse_unit(text: str, field: str) -> pint.Unit:
    """A pint unit from its spelling (`uW`, `µW`, `mK`, `GHz`, `dB`, `count` …)."""
    unit = _cached_unit(text.strip())
    if unit is None:
        raise InvalidInput(f"{field}: unknown unit {shown(text)}", field=field)
    return unit


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_POWER = re.compile(r"[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_ROOT = re.compile(r"√\s*([A-Za-zµμΩ]+)")


def _in_pint_spelling(text: str) -> str:
    """A unit as answers and the texts print it, in pint's spelling: superscript powers
    (`W/cm²`, `s⁻¹`), a middle dot for a product (`mm·mrad`) and a square root (`fT/√Hz`)."""
    text = _POWER.sub(lambda power: "**" + power.group().translate(_SUPERSCRIPTS), text)
    text = _ROOT.sub(r"\1**0.5", text)
    return text.replace("·", "*").replace("⋅", "*")


@cache
def _cached_unit(text: str) -> pint.Unit | None:
    text = _in_pint_spelling(text)
    if not text or len(text) > 40 or not _UNIT_TEXT.match(text):
        return None
    try:
        with _registry_lock:
            return registry().Unit(_ALIASES.get(text, text))
    except (
        pint.UndefinedUnitError,
        pint.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        SyntaxError,
        KeyError,
    ):
        return None


@cache
def is_logarithmic(unit: pint.Unit) -> bool:
    """True for units such as dB whose conversion is not a scale factor."""
    reg = registry()

    def logarithmic(name: str) -> bool:
        # pint writes a logarithmic unit inside a compound one as its "delta_" form ("dBm/Hz":
        # delta_decibelmilliwatt / hertz), which its table does not hold: read the unit's own
        definition = reg._units.get(name) or reg._units.get(name.removeprefix("delta_"))
        return definition is None or bool(getattr(definition.converter, "is_logarithmic", False))

    return any(logarithmic(name) for name in unit._units)


def symbols(unit: pint.Unit) -> str:
    """A unit by its symbols ("dBm/Hz"); by its names where pint cannot abbreviate it (a
    logarithmic unit inside a compound one)."""
    try:
        return f"{unit:~}"
    except KeyError:
        return str(unit).replace("delta_", "")


def convert(value: Decimal, from_unit: pint.Unit, to_unit: pint.Unit, field: str) -> Decimal:
    """`value` in `from_unit`, expressed exactly in `to_unit`; InvalidInput if inconvertible."""
    if from_unit == to_unit:
        return value
    if is_logarithmic(from_unit) or is_logarithmic(to_unit):
        raise InvalidInput(
            f"{field}: {symbols(from_unit)} cannot be converted to {symbols(to_unit)} "
            "(logarithmic units convert only to themselves)",
            field=field,
        )
    factor = _factor(from_unit, to_unit)
    if factor is None:
        raise InvalidInput(
            f"{field}: unit {symbols(from_unit)} cannot be converted to {symbols(to_unit)}",
            field=field,
        )
    with decimal.localcontext(_DECIMAL):
        if factor is not _OFFSET:
            return canonical_decimal(value * factor)
        with _registry_lock:
            quantity = registry().Quantity(value, from_unit).to(to_unit)
        return canonical_decimal(Decimal(quantity.magnitude))


_OFFSET = Decimal("NaN")  # marker: an offset unit (°C), converted through pint each time


@cache
def _factor(from_unit: pint.Unit, to_unit: pint.Unit) -> Decimal | None:
    """The exact scale factor between two multiplicative units, _OFFSET, or None if inconvertible."""
    reg = registry()
    multiplicative = all(
        bool(getattr(reg._units[name].converter, "is_multiplicative", True))
        for unit in (from_unit, to_unit)
        for name in unit._units
    )
    try:
        with decimal.localcontext(_DECIMAL), _registry_lock:
            magnitude = reg.Quantity(Decimal(1), from_unit).to(to_unit).magnitude
    except pint.DimensionalityError:
        return None
    return Decimal(magnitude) if multiplicative else _OFFSET


def canonical_decimal(value: Decimal) -> Decimal:
    """The same number without exponent noise (6E+2 → 600, 0.100 → 0.1)."""
    normal = value.normalize(_DECIMAL)
    if normal == normal.to_integral_value() and normal.adjusted() < _DECIMAL.prec:
        return normal.quantize(Decimal(1), context=_DECIMAL)
    return normal


def to_decimal(raw: object, field: str) -> Decimal:
    """A finite number from JSON (int, float, or a numeric string)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise InvalidInput(f"{field}: expected a number, got {shown(raw)}", field=field)
    try:
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except decimal.InvalidOperation:
        raise InvalidInput(f"{field}: expected a number, got {shown(raw)}", field=field) from None
    if not value.is_finite():
        raise InvalidInput(f"{field}: expected a finite number, got {shown(raw)}", field=field)
    if not in_range(value):
        raise InvalidInput(
            f"{field}: {shown(raw)} is out of range (magnitudes from 1e-{MAX_EXPONENT} to "
            f"1e{MAX_EXPONENT} are accepted)",
            field=field,
        )
    return canonical_decimal(value)


def convertible(from_unit: pint.Unit, to_unit: pint.Unit) -> bool:
    """Whether pint converts one multiplicative or offset unit into the other."""
    return _factor(from_unit, to_unit) is not None
