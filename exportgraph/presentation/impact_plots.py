"""Plots of an impact (what-if, impact report) as standalone SVG, safe to inline in HTML: status
migration per jurisdiction, the harmonization index over time, the harmonization matrix, and the
corpus on the plane of a kind (e.g. physical qubits × C-NOT error) with every jurisdiction's
control region before and after. Regions come from exportgraph.knowledge.planes and are drawn
with the geometry of exportgraph.presentation.plots, so they match the classification.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import escape

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Product
from exportgraph.knowledge.planes import Point, Region, control_regions, plot_for
from exportgraph.presentation.plots import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Axes,
    _band_rect,
    _f,
    _grid,
    _sx,
    _sy,
    plot_axes,
)
from exportgraph.services.reference.products import product_item
from exportgraph.services.standards.impact_report_answers import MOVES

COLOURS = {
    "caught": "#b42318",
    "released": "#1a7f37",
    "undecided": "#e8a33d",
    "cleared": "#7fb8e6",
    "entries": "#8c959f",
}
_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" role="img"'


def _svg(kind: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'{_OPEN} viewBox="0 0 {width} {height}" class="impact-plot {kind}" '
        f'data-plot="{kind}"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    ]


def migration_bars(summary: Mapping[str, Mapping[str, int]]) -> str:
    """One bar per jurisdiction, a segment per kind of move (MOVES: newly controlled, no longer
    controlled, now unknown, now decided not controlled, other entries)."""
    codes = list(summary)
    most = max([sum(summary[c].values()) for c in codes] + [1])
    row, left, right = 26, 48, 470
    legend = 18 * len(MOVES)
    height = 20 + row * max(len(codes), 1) + legend
    desc = "; ".join(
        f"{code}: " + ", ".join(f"{t.get(k, 0)} {words}" for k, words in MOVES.items())
        for code, t in summary.items()
    )
    out = _svg("migration", 520, height, "Status migration per jurisdiction", desc or "no moves")
    for i, code in enumerate(codes):
        y = 10 + i * row
        x = float(left)
        out.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(code)}</text>"
        )
        for name, words in MOVES.items():
            count = summary[code].get(name, 0)
            width = (right - left) * count / most
            out.append(
                f'<rect class="bar {name}" x="{_f(x)}" y="{y}" width="{_f(width)}" height="18" '
                f'fill="{COLOURS[name]}" data-jurisdiction="{escape(code)}" data-count="{count}">'
                f"<title>{escape(code)}: {count} {escape(words)}</title></rect>"
            )
            x += width
        total = sum(summary[code].values())
        out.append(f'<text x="{_f(x + 4)}" y="{y + 14}" font-size="11">{total}</text>')
    legend_y = 20 + row * max(len(codes), 1)
    for i, (name, words) in enumerate(MOVES.items()):
        y = legend_y + i * 18
        out.append(
            f'<rect x="{left}" y="{y - 9}" width="10" height="10" fill="{COLOURS[name]}"/>'
            f'<text x="{left + 14}" y="{y}" font-size="11">{escape(words)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def harmonization_line(points: Sequence[tuple[str, float | None]]) -> str:
    """The harmonization index (0-1) on each date classified, dates evenly spaced."""
    left, right, top, bottom = 70, 500, 14, 150
    desc = "; ".join(f"{day}: {'n/a' if v is None else f'{v:.1%}'}" for day, v in points)
    out = _svg("harmonization", 520, 220, "Harmonization index over time", desc)
    for share in (0.0, 0.5, 1.0):
        y = bottom - share * (bottom - top)
        out.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{right}" y2="{_f(y)}" stroke="#d0d7de"/>'
            f'<text x="{left - 5}" y="{_f(y + 4)}" text-anchor="end" font-size="11">'
            f"{share:.0%}</text>"
        )
    step = (right - left) / max(len(points) - 1, 1)
    drawn: list[str] = []
    for i, (day, value) in enumerate(points):
        x = left + i * step if len(points) > 1 else (left + right) / 2
        out.append(  # slanted, so that many dates do not overlap
            f'<text x="{_f(x)}" y="{bottom + 14}" text-anchor="end" font-size="10" '
            f'transform="rotate(-35 {_f(x)} {bottom + 14})">{escape(day)}</text>'
        )
        if value is None:
            continue
        y = bottom - value * (bottom - top)
        drawn.append(f"{_f(x)},{_f(y)}")
        out.append(
            f'<circle class="point" cx="{_f(x)}" cy="{_f(y)}" r="4" fill="#0b5cad" '
            f'data-date="{escape(day)}" data-value="{value}"><title>{escape(day)}: '
            f"{value:.1%}</title></circle>"
        )
    if len(drawn) > 1:
        out.insert(1, f'<polyline points="{" ".join(drawn)}" fill="none" stroke="#0b5cad"/>')
    out.append("</svg>")
    return "".join(out)


def harmonization_matrix(codes: Sequence[str], shares: Sequence[Sequence[float | None]]) -> str:
    """Pairwise agreement: cell (i, j) is the share of products i and j decide alike."""
    cell, left, top = 34, 44, 40
    size = left + cell * len(codes) + 10
    out = _svg(
        "matrix",
        size,
        top + cell * len(codes) + 10,
        "Harmonization matrix",
        "share of products on which each pair of jurisdictions decides alike",
    )
    for i, code in enumerate(codes):
        out.append(
            f'<text x="{left + i * cell + cell / 2}" y="{top - 6}" text-anchor="middle" '
            f'font-size="11">{escape(code)}</text>'
            f'<text x="{left - 4}" y="{top + i * cell + cell / 2 + 4}" text-anchor="end" '
            f'font-size="11">{escape(code)}</text>'
        )
        for j, share in enumerate(shares[i]):
            shade = 0 if share is None else round(255 - 180 * share)
            fill = "#eeeeee" if share is None else f"rgb({shade},{shade},255)"
            text = "–" if share is None else f"{share:.0%}"
            x, y = left + j * cell, top + i * cell
            out.append(
                f'<rect class="cell" x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                f'stroke="#fff" data-row="{escape(code)}" data-column="{escape(codes[j])}" '
                f'data-share="{"" if share is None else share}"><title>{escape(code)} and '
                f"{escape(codes[j])}: {text}</title></rect>"
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" '
                f'font-size="9" fill="{"#fff" if share and share > 0.6 else "#1b1f24"}">'
                f"{text}</text>"
            )
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class Dot:
    """A product on the plane."""

    id: str
    point: Point
    moved: bool  # its answer in the panel's jurisdiction moves
    of_kind: bool = True
    """False for a product of another kind stating both figures (a qubit device on the plane of
    quantum computers): the regions drawn are not the ones that apply to it."""


@dataclass(frozen=True)
class Corpus:
    """The products on the plane of a kind, and those that cannot be drawn there and why."""

    kind: str
    dots: list[Dot]
    undrawn: dict[str, list[str]]
    """Why → the products it keeps off the plane (a product missing both figures is in both)."""

    @property
    def undrawn_count(self) -> int:
        return len({product for ids in self.undrawn.values() for product in ids})


def corpus_points(knowledge: Knowledge, kind: str | None = None) -> Corpus:
    """Every product whose two figures of the plane are published (the figures its
    classification uses), and why each other product of the plane's kind, or stating either
    figure, is not drawn. No value is ever guessed."""
    plot = plot_for(knowledge, kind)
    labels = _labels(knowledge)
    dots: list[Dot] = []
    undrawn: dict[str, list[str]] = {}
    for product in sorted(knowledge.products.values(), key=lambda p: p.id):
        of_kind = plot.kind in knowledge.ancestors_of_kind(product.kind)
        stated = {figure.parameter for figure in product.figures}
        if not of_kind and not stated & {plot.x, plot.y}:
            continue  # neither figure is one this product has
        values = product_item(knowledge, product)[0]["parameters"]
        why = [
            _why_not(product, axis, values.get(axis), labels.get(axis, axis))
            for axis in (plot.x, plot.y)
        ]
        for reason in why:
            if reason:
                undrawn.setdefault(reason, []).append(product.id)
        if not any(why):
            point = Point.of(values[plot.x], values[plot.y])
            dots.append(Dot(product.id, point, False, of_kind))
    return Corpus(knowledge.kind_notation(plot.kind), dots, dict(sorted(undrawn.items())))


def _labels(knowledge: Knowledge) -> dict[str, str]:
    return {p.notation: p.label or p.notation for p in knowledge.parameters.values()}


def _why_not(product: Product, axis: str, value: object, label: str) -> str | None:
    """Why a product's figure cannot be placed on an axis (None: it can)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if value > 0 else f"{label} not above 0 (log axis)"
    published = [f for f in product.figures if f.parameter == axis and f.value is not None]
    return f"{label} not in a unit that converts" if published else f"{label} not published"


def corpus_planes(
    before: tuple[Knowledge, dt.date],
    after: tuple[Knowledge, dt.date],
    jurisdictions: Sequence[str],
    moved: Mapping[str, set[str]] | None = None,
    products: bool = True,
) -> list[str]:
    """One panel per jurisdiction: the region before (dashed outline) and after (filled), and the
    products (moved ones ringed; none when `products` is false) with how many are not drawn and
    why. `moved`: jurisdiction → ids of the products that move."""
    knowledge, on = after
    corpus = corpus_points(knowledge)
    kind = corpus.kind
    if not products:
        corpus = Corpus(kind, [], {})
    plot = plot_for(knowledge, kind)
    wanted = set(jurisdictions)
    old = {
        r.jurisdiction: r
        for r in control_regions(before[0], before[1], kind, plot_for(before[0], kind))
    }
    new = {r.jurisdiction: r for r in control_regions(knowledge, on, kind, plot)}
    codes = [c for c in jurisdictions if c in old or c in new] or sorted(
        (old | new).keys() & wanted
    )
    regions = [r for r in (*old.values(), *new.values()) if r.jurisdiction in wanted]
    axes = plot_axes(regions)
    for dot in corpus.dots:
        axes = _widen(axes, dot.point)
    labels = _labels(knowledge)
    x_label, y_label = labels.get(plot.x, plot.x), labels.get(plot.y, plot.y)
    return [
        _plane(
            code,
            old.get(code),
            new.get(code),
            axes,
            corpus,
            (moved or {}).get(code, set()),
            (x_label, y_label),
        )
        for code in codes
    ]


def _widen(axes: Axes, point: Point) -> Axes:
    x, y = float(point.x), float(point.y)
    return Axes(
        min(axes.x_min, x), max(axes.x_max, x), min(axes.y_min, y), max(axes.y_max, min(y, 1.0))
    )


def _region_rects(region: Region | None, axes: Axes, cls: str, style: str) -> list[str]:
    if region is None:
        return []
    out = []
    for band in region.bands:
        x, y, w, h = _band_rect(band, axes)
        out.append(
            f'<rect class="{cls}" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" '
            f'{style} data-entry="{escape(band.entry_id)}"><title>{escape(band.describe())}'
            "</title></rect>"
        )
    return out


def _plane(
    code: str,
    old: Region | None,
    new: Region | None,
    axes: Axes,
    corpus: Corpus,
    moved: set[str],
    names: tuple[str, str],
) -> str:
    shown = new or old
    label = shown.label if shown else code
    dots = corpus.dots
    footnote = _footnote(corpus)
    height = HEIGHT + 12 * len(footnote) + (4 if footnote else 0)
    desc = (
        f"{len(dots)} products; region before: {len(old.bands) if old else 0} band(s), after: "
        f"{len(new.bands) if new else 0} band(s); {len(moved)} product(s) move. "
        + " ".join(footnote)
    )
    out = [
        f'{_OPEN} viewBox="0 0 {WIDTH} {height}" class="impact-plot plane" data-plot="plane" '
        f'data-jurisdiction="{escape(code)}" data-drawn="{len(dots)}" '
        f'data-undrawn="{corpus.undrawn_count}"><title>{escape(label)} ({escape(code)}): control '
        f"region before and after, {escape(names[0])} × {escape(names[1])}, log axes</title>"
        f"<desc>{escape(desc.strip())}</desc>",
        f'<clipPath id="clip-{escape(code)}"><rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" '
        f'height="{BOTTOM - TOP}"/></clipPath>',
        f'<rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" height="{BOTTOM - TOP}" fill="#fff" '
        'stroke="#8c959f"/>',
    ]
    out.extend(_grid(axes))
    out.append(f'<g clip-path="url(#clip-{escape(code)})">')
    out += _region_rects(new, axes, "band after", 'fill="#b42318" fill-opacity="0.3"')
    out += _region_rects(
        old, axes, "band before", 'fill="none" stroke="#1b1f24" stroke-dasharray="5 3"'
    )
    out.append("</g>")
    for dot in dots:
        out.append(_dot(axes, dot, dot.id in moved, corpus.kind))
    out.append(
        f'<text x="{(LEFT + RIGHT) / 2}" y="{HEIGHT - 8}" text-anchor="middle" font-size="12">'
        f"{escape(names[0])} (log scale)</text>"
        f'<text x="14" y="{(TOP + BOTTOM) / 2}" text-anchor="middle" font-size="12" '
        f'transform="rotate(-90 14 {(TOP + BOTTOM) / 2})">{escape(names[1])} (log scale)</text>'
        f'<text x="{LEFT + 4}" y="{TOP + 12}" font-size="12" font-weight="600">{escape(code)}</text>'
    )
    for index, line in enumerate(footnote):
        out.append(
            f'<text class="{"drawn" if index == 0 else "undrawn"}" x="8" '
            f'y="{HEIGHT + 8 + 12 * index}" font-size="10" fill="#424a53">{escape(line)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _dot(axes: Axes, dot: Dot, ring: bool, kind: str) -> str:
    """A product: filled, ringed when its answer moves; hollow when it is of another kind."""
    cx, cy = _sx(axes, float(dot.point.x)), _sy(axes, float(dot.point.y))
    colour = "#f0b400" if ring else "#0b5cad"
    fill, stroke = (colour, "#1b1f24") if dot.of_kind else ("#fff", colour)
    width = 1 if ring or not dot.of_kind else 0
    title = dot.id if dot.of_kind else f"{dot.id}: not a {kind}; these regions are {kind}s'"
    classes = "product" + (" moved" if ring else "") + ("" if dot.of_kind else " other-kind")
    return (
        f'<circle class="{classes}" cx="{_f(cx)}" cy="{_f(cy)}" r="{4 if ring else 2.5}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}" '
        f'data-product="{escape(dot.id)}"><title>{escape(title)}</title></circle>'
    )


def _footnote(corpus: Corpus) -> list[str]:
    """How many products are drawn, and how many are not and why (empty with no products)."""
    if not corpus.dots and not corpus.undrawn:
        return []
    others = sum(1 for dot in corpus.dots if not dot.of_kind)
    lines = [
        f"{len(corpus.dots)} products drawn"
        + (f" ({others} of another kind, hollow)" if others else "")
    ]
    if corpus.undrawn:
        lines.append(f"{corpus.undrawn_count} not drawn:")
        lines += [f"{reason}: {len(ids)}" for reason, ids in corpus.undrawn.items()]
    return lines
