"""A value's equivalent in another unit, written in brackets after it ("75 W (48,75 dBm)",
"398 K (+125 °C)"): read by loaders/formalize_clauses.py, which refuses a paragraph whose
brackets do not repeat the value to the digits written."""

from __future__ import annotations

from decimal import Decimal

from exportgraph.loaders.formalize import written_number

DEG_C = "http://qudt.org/vocab/unit/DEG_C"
_MILLIWATTS = {
    "W": Decimal(1000),
    "MilliW": Decimal(1),
    "MicroW": Decimal("1e-3"),
    "NanoW": Decimal("1e-6"),
}


def celsius(written: str, jurisdiction: str) -> Decimal:
    """The threshold of "398 K (+125 °C)": the degrees Celsius. The texts round the kelvins
    (398 K is 124.85 °C), so in kelvins a part rated to exactly +125 °C would be "above 398 K"
    and one rated from −55 °C would miss "from 218 K (−55 °C)" by 0.15 K; the degrees are the
    values the kelvins stand for."""
    return written_number(written, jurisdiction)


def kelvins_are_the_threshold(value: Decimal, unit: str, written: str, jurisdiction: str) -> bool:
    """Whether the kelvins, not the degrees in brackets, are the threshold: "35 K (−238 °C)"
    (1B232) writes the kelvins as the round figure (a whole multiple of 5) and the degrees
    rounding them (35 K is −238.15 °C), where "398 K (+125 °C)" writes the degrees round and the
    kelvins rounding them (``celsius``). A value whose degrees are round, or neither figure, or
    whose degrees are the kelvins exactly ("115 K (-158,15 °C)") keeps the degrees, as before."""
    if unit.rsplit("/", 1)[-1] != "K":
        return False
    degrees = written_number(written, jurisdiction)
    exact = degrees == value - Decimal("273.15")
    return value % 5 == 0 and degrees % 5 != 0 and not exact


def _converted(value: Decimal, unit: str, written_unit: str) -> Decimal | None:
    """`value` (in the QUDT unit named last in `unit`) in dBm (a power), °C (kelvin), °F
    (degrees Celsius), knots (km/h) or feet (metres)."""
    unit = unit.rsplit("/", 1)[-1]  # a QUDT unit IRI
    if written_unit == "dBm" and unit in _MILLIWATTS:
        return 10 * (value * _MILLIWATTS[unit]).log10()
    if written_unit == "°C" and unit == "K":
        return value - Decimal("273.15")
    if written_unit == "°F" and unit == "DEG_C":  # "1000 °C (1832 °F)" (US 3B993.o.2)
        return value * 9 / 5 + 32
    return _in_imperial(value, unit, written_unit)


_IMPERIAL = {("knots", "KiloM-PER-HR"): Decimal("1.852"), ("feet", "M"): Decimal("0.3048")}
"""The exact definitions (international knot: 1.852 km/h; international foot: 0.3048 m) of the
imperial units 9A012 writes in brackets ("46.3 km/h (25 knots)", "15,240 meters (50,000 feet)")."""


def _in_imperial(value: Decimal, unit: str, written_unit: str) -> Decimal | None:
    """`value` (in the QUDT unit `unit`) in knots or feet, or None."""
    factor = _IMPERIAL.get((written_unit, unit))
    return None if factor is None else value / factor


def equivalent_problem(
    value: Decimal, unit: str, written: str, written_unit: str, jurisdiction: str
) -> str | None:
    """Why the equivalent written in brackets is not `value` to the digits written (the texts
    round: "50 W (47 dBm)" is 46.99 dBm), or None: the first value is the threshold, the brackets
    only repeat it. ``written`` is read as the main number is (``formalize.written_number``)."""
    converted = _converted(value, unit, written_unit)
    if converted is None:
        return f"a value in {written_unit} after a value it does not convert"
    stated = written_number(written, jurisdiction)
    exponent = stated.as_tuple().exponent
    assert isinstance(exponent, int)
    if abs(converted - stated) > Decimal(5).scaleb(exponent - 1):
        return f"{written} {written_unit} is not {value} (it is {converted:.2f})"
    return None
