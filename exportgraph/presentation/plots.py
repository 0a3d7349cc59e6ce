"""Control-region plots as SVG: one panel per jurisdiction on the plane the data defines for the
kind (e.g. physical qubits × C-NOT error), both axes logarithmic.

The regions come from exportgraph.knowledge.planes, so a changed threshold changes the picture;
the entered item is a point, and whether it lies in a jurisdiction's region is the same
computation the regions make (exact comparators), for the page text and a `data-inside` attribute.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from urllib.parse import quote

from markupsafe import escape

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Plot
from exportgraph.knowledge.planes import Band, Inside, Point, Region, control_regions, plot_for


@dataclass(frozen=True)
class Axes:
    """Log-scaled axis ranges (powers of ten) shared by every panel."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float


@dataclass(frozen=True)
class Panel:
    """One jurisdiction's panel: the SVG markup and the point's verdict against its bands."""

    region: Region
    svg: str
    inside: Inside | None
    matching: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlotSet:
    """Every panel for one kind and date, with the axes they share."""

    kind: str
    as_of: dt.date
    plot: Plot
    axes: Axes
    panels: tuple[Panel, ...]
    point: Point | None = None


def _num(value: Fraction | float) -> str:
    """A readable number: 1 100, 0.001, 8e-5."""
    exact = Fraction(value)
    if exact.denominator == 1 and abs(exact) < 10**7:
        return f"{int(exact):,}".replace(",", " ")
    text = f"{float(value):g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def _decade_floor(value: float) -> float:
    return float(10 ** math.floor(math.log10(value)))


def _decade_ceil(value: float) -> float:
    return float(10 ** math.ceil(math.log10(value)))


def plot_axes(regions: Sequence[Region], point: Point | None = None) -> Axes:
    """Axis ranges covering every threshold (and the point), widened to whole decades."""
    xs: list[float] = []
    ys: list[float] = []
    for region in regions:
        for band in region.bands:
            xs.extend(float(v) for v in band.x.endpoints() if v > 0)
            ys.extend(float(v) for v in band.y.endpoints() if v > 0)
    if point is not None:
        if point.x > 0:
            xs.append(float(point.x))
        if point.y > 0:
            ys.append(float(point.y))
    xs = xs or [10.0, 1000.0]
    ys = ys or [1e-4, 1e-2]
    return Axes(
        x_min=_decade_floor(min(xs) / 3),
        x_max=_decade_ceil(max(xs) * 3),
        y_min=_decade_floor(min(ys) / 3),
        y_max=max(min(1.0, _decade_ceil(max(ys) * 3)), _decade_ceil(max(ys))),
    )


# Panel geometry (SVG user units).
WIDTH, HEIGHT = 320, 250
LEFT, RIGHT, TOP, BOTTOM = 58, 310, 16, 200


def _sx(axes: Axes, value: float) -> float:
    """SVG x of a qubit count (clamped to the axis)."""
    value = min(max(value, axes.x_min), axes.x_max)
    span = math.log10(axes.x_max) - math.log10(axes.x_min)
    return LEFT + (math.log10(value) - math.log10(axes.x_min)) / span * (RIGHT - LEFT)


def _sy(axes: Axes, value: float) -> float:
    """SVG y of an error rate (clamped to the axis; larger errors higher up)."""
    value = min(max(value, axes.y_min), axes.y_max)
    span = math.log10(axes.y_max) - math.log10(axes.y_min)
    return BOTTOM - (math.log10(value) - math.log10(axes.y_min)) / span * (BOTTOM - TOP)


def _superscript(exponent: int) -> str:
    table = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    return "10" + str(exponent).translate(table)


def _decades(low: float, high: float) -> list[int]:
    return list(range(round(math.log10(low)), round(math.log10(high)) + 1))


def _band_rect(band: Band, axes: Axes) -> tuple[float, float, float, float]:
    """x, y, width, height of the band in SVG units (open ends run to the plot edge)."""
    x, y = band.x, band.y
    x0 = LEFT if x.low is None else _sx(axes, float(x.low))
    x1 = RIGHT if x.high is None else _sx(axes, float(x.high))
    y_top = TOP if y.high is None else _sy(axes, float(y.high))
    y_bottom = BOTTOM if y.low is None else _sy(axes, float(y.low))
    return x0, y_top, max(x1 - x0, 0.0), max(y_bottom - y_top, 0.0)


def _f(value: float) -> str:
    return f"{value:.2f}"


def render_panel(
    region: Region,
    axes: Axes,
    plot: Plot,
    labels: Mapping[str, str],
    point: Point | None = None,
) -> str:
    """One jurisdiction's panel as standalone SVG markup (safe to inline in HTML); `labels` names
    the plot's parameters."""
    j = escape(region.jurisdiction)
    x_label, y_label = labels.get(plot.x, plot.x), labels.get(plot.y, plot.y)
    pid = f"plot-{j}"
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'font-family="system-ui, sans-serif" '
        f'aria-labelledby="{pid}-title {pid}-desc" class="control-region" data-jurisdiction="{j}" '
        f'data-x-min="{axes.x_min:g}" data-x-max="{axes.x_max:g}" '
        f'data-y-min="{axes.y_min:g}" data-y-max="{axes.y_max:g}">',
        f'<title id="{pid}-title">{escape(region.label)} ({j}): controlled region, '
        f"{escape(x_label)} × {escape(y_label)}, both on log axes</title>",
        f'<desc id="{pid}-desc">{escape(_describe(region, point))}</desc>',
        "<defs>",
        f'<pattern id="{pid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff4d6"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#8a5a00" stroke-width="2"/></pattern>',
        f'<clipPath id="{pid}-clip"><rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" '
        f'height="{BOTTOM - TOP}"/></clipPath>',
        "</defs>",
        f'<rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" height="{BOTTOM - TOP}" fill="#fff" '
        'stroke="#8c959f"/>',
    ]
    out.extend(_grid(axes))
    out.append(f'<g class="bands" clip-path="url(#{pid}-clip)">')
    for band in region.bands:
        x, y, w, h = _band_rect(band, axes)
        fill = "#b42318" if band.complete else f"url(#{pid}-hatch)"
        opacity = "0.35" if band.complete else "0.9"
        dash = ' stroke-dasharray="4 3"' if band.provisional else ""
        label = escape(band.describe())
        out.append(
            f'<a href="/entries/{escape(quote(band.entry_id, safe=":.-_~"))}" aria-label="{label}">'
            f'<rect class="band{"" if band.complete else " partial"}" x="{_f(x)}" y="{_f(y)}" '
            f'width="{_f(w)}" height="{_f(h)}" fill="{fill}" fill-opacity="{opacity}" '
            f'stroke="#7a1a12" stroke-width="1"{dash} data-entry="{escape(band.entry_id)}" '
            f'data-complete="{str(band.complete).lower()}"><title>{label}</title></rect></a>'
        )
    out.append("</g>")
    if not region.bands:
        out.append(
            f'<text x="{(LEFT + RIGHT) / 2}" y="{(TOP + BOTTOM) / 2 - 20}" text-anchor="middle" '
            'font-size="12" fill="#57606a">thresholds not in the data</text>'
        )
    out.append(
        f'<text x="{(LEFT + RIGHT) / 2}" y="{HEIGHT - 8}" text-anchor="middle" font-size="12" '
        'fill="#1b1f24">{escape(x_label)} (log scale)</text>'
    )
    out.append(
        f'<text x="14" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" font-size="12" fill="#1b1f24" '
        f'transform="rotate(-90 14 {(TOP + BOTTOM) / 2})">{escape(y_label)} (log scale)</text>'
    )
    if point is not None:
        out.append(_point(region, axes, plot, (x_label, y_label), point))
    out.append("</svg>")
    return "".join(out)


def _grid(axes: Axes) -> list[str]:
    out = ['<g class="grid" font-size="11" fill="#57606a">']
    for exponent in _decades(axes.x_min, axes.x_max):
        x = _sx(axes, 10.0**exponent)
        out.append(f'<line x1="{_f(x)}" y1="{TOP}" x2="{_f(x)}" y2="{BOTTOM}" stroke="#d0d7de"/>')
        out.append(
            f'<text x="{_f(x)}" y="{BOTTOM + 15}" text-anchor="middle">'
            f"{_superscript(exponent)}</text>"
        )
    for exponent in _decades(axes.y_min, axes.y_max):
        y = _sy(axes, 10.0**exponent)
        out.append(f'<line x1="{LEFT}" y1="{_f(y)}" x2="{RIGHT}" y2="{_f(y)}" stroke="#d0d7de"/>')
        out.append(
            f'<text x="{LEFT - 5}" y="{_f(y + 4)}" text-anchor="end">'
            f"{_superscript(exponent)}</text>"
        )
    out.append("</g>")
    return out


def _point(region: Region, axes: Axes, plot: Plot, names: tuple[str, str], point: Point) -> str:
    inside = region.contains(point)
    matching = " ".join(band.entry_id for band in region.matching(point))
    x, y = float(point.x), float(point.y)
    cx, cy = _sx(axes, x), _sy(axes, y)
    clamped = not (axes.x_min <= x <= axes.x_max and axes.y_min <= y <= axes.y_max)
    verdict = {True: "inside", False: "outside", "unknown": "possibly inside"}[inside]
    title = escape(
        f"Entered item: {names[0]} {_num(point.x)}, {names[1]} {_num(point.y)} "
        f"({verdict} the {region.jurisdiction} region)"
    )
    return (
        f'<g class="machine"><circle cx="{_f(cx)}" cy="{_f(cy)}" r="5.5" fill="#0b5cad" '
        'stroke="#fff" stroke-width="2" '
        f'data-{escape(plot.x)}="{x:g}" data-{escape(plot.y)}="{y:g}" '
        f'data-inside="{str(inside).lower()}" data-bands="{escape(matching)}" '
        f'data-clamped="{str(clamped).lower()}"><title>{title}</title></circle>'
        f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="9" fill="none" stroke="#0b5cad" '
        'stroke-width="1.5"/></g>'
    )


def _describe(region: Region, point: Point | None) -> str:
    parts = [f"{len(region.bands)} band(s): " + "; ".join(b.describe() for b in region.bands)]
    if region.undrawn:
        parts.append("thresholds not in the data for " + ", ".join(region.undrawn))
    if point is not None:
        inside = region.contains(point)
        verdict = {True: "inside", False: "outside", "unknown": "possibly inside"}[inside]
        parts.append(f"the entered machine is {verdict} this region")
    return ". ".join(parts) + "."


def control_region_plots(
    knowledge: Knowledge,
    as_of: dt.date,
    point: Point | None = None,
    kind: str | None = None,
    jurisdictions: Sequence[str] | None = None,
) -> PlotSet:
    """Panels for every jurisdiction with an entry for `kind` (or those asked for), on the plane
    the data defines for the kind."""
    plot = plot_for(knowledge, kind)
    kind = kind or knowledge.kind_notation(plot.kind)
    labels = {p.notation: p.label or p.notation for p in knowledge.parameters.values()}
    regions = control_regions(knowledge, as_of, kind, plot)
    if jurisdictions is not None:
        wanted = set(jurisdictions)
        regions = [r for r in regions if r.jurisdiction in wanted]
    axes = plot_axes(regions, point)
    panels = []
    for region in regions:
        inside = region.contains(point) if point else None
        matching = tuple(b.entry_id for b in region.matching(point)) if point else ()
        svg = render_panel(region, axes, plot, labels, point)
        panels.append(Panel(region, svg, inside, matching))
    return PlotSet(kind, as_of, plot, axes, tuple(panels), point)
