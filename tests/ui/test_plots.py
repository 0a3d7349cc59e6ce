"""The control-region plot: regions come from the criteria in the graph, the point's verdict is
exact, and the drawn rectangles agree with it."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from fractions import Fraction

from exportgraph.graph.context import Context
from exportgraph.knowledge import planes
from exportgraph.knowledge.current import current
from exportgraph.presentation import plots

AS_OF = dt.date(2025, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"
MACHINE = planes.Point.of(120, 8e-4)


def _regions(context: Context, as_of: dt.date = AS_OF) -> list[planes.Region]:
    knowledge = current(context)
    plot = planes.plot_for(knowledge, "quantum-computer")
    return planes.control_regions(knowledge, as_of, "quantum-computer", plot)


def _region(context: Context, code: str, as_of: dt.date = AS_OF) -> planes.Region:
    return {r.jurisdiction: r for r in _regions(context, as_of)}[code]


def _rects(svg: str) -> dict[str, list[tuple[float, float, float, float]]]:
    root = ET.fromstring(svg)
    found: dict[str, list[tuple[float, float, float, float]]] = {}
    for rect in root.iter(f"{SVG}rect"):
        if "band" in (rect.get("class") or ""):
            box = tuple(float(rect.get(k) or 0) for k in ("x", "y", "width", "height"))
            found.setdefault(rect.get("data-entry") or "", []).append(box)  # type: ignore[arg-type]
    return found


def _point(svg: str) -> tuple[float, float, str]:
    circle = next(c for c in ET.fromstring(svg).iter(f"{SVG}circle") if c.get("data-inside"))
    x, y = float(circle.get("cx") or 0), float(circle.get("cy") or 0)
    return x, y, circle.get("data-inside") or ""


def _containing(svg: str, x: float, y: float) -> list[str]:
    return sorted(
        entry
        for entry, boxes in _rects(svg).items()
        for bx, by, bw, bh in boxes
        if bx <= x <= bx + bw and by <= y <= by + bh
    )


def test_bands_are_read_from_the_criteria(small: Context) -> None:
    us = _region(small, "US")
    assert [b.entry_id for b in us.bands] == [f"US:4A906.a.{n}" for n in range(1, 9)]
    band = us.bands[1]
    assert band.x.low == 100 and band.x.low_closed and band.x.high == 200 and not band.x.high_closed
    assert band.y.high == Fraction(1, 1000) and band.y.high_closed and band.y.low is None
    assert us.bands[7].y.high is None  # >= 2000 qubits: any error


def test_point_verdicts_are_exact_at_the_thresholds(small: Context) -> None:
    us = _region(small, "US")
    assert us.contains(MACHINE) is True
    assert [b.entry_id for b in us.matching(MACHINE)] == ["US:4A906.a.2"]
    assert us.contains(planes.Point.of(100, "0.001")) is True  # both ends inclusive
    assert [b.entry_id for b in us.matching(planes.Point.of(200, "0.001"))] == ["US:4A906.a.3"]
    assert us.contains(planes.Point.of(120, "0.0010001")) is False
    assert us.contains(planes.Point.of(33, 0)) is False


def test_partly_known_thresholds_give_unknown_and_are_hatched(small: Context) -> None:
    gb = _region(small, "GB")
    assert gb.contains(MACHINE) == "unknown"
    assert not gb.bands[0].complete
    knowledge = current(small)
    labels = {p.notation: p.label or p.notation for p in knowledge.parameters.values()}
    plot = planes.plot_for(knowledge, "quantum-computer")
    svg = plots.render_panel(gb, plots.plot_axes([gb], MACHINE), plot, labels, MACHINE)
    assert 'class="band partial"' in svg and "hatch" in svg


def test_entries_not_in_force_are_not_drawn(small: Context) -> None:
    before_eu = {r.jurisdiction for r in _regions(small, dt.date(2025, 1, 1))}
    assert "EU" not in before_eu and "US" in before_eu


def test_the_drawn_point_lies_in_the_drawn_band_it_matches(small: Context) -> None:
    plot = plots.control_region_plots(current(small), AS_OF, MACHINE)
    for panel in plot.panels:
        x, y, inside = _point(panel.svg)
        hits = _containing(panel.svg, x, y)
        assert inside == str(panel.inside).lower()
        if panel.inside is True:
            assert hits == sorted(panel.matching), panel.region.jurisdiction
        if panel.inside is False:
            assert hits == [], panel.region.jurisdiction
    worse = planes.Point.of(120, 5e-3)
    outside = plots.control_region_plots(current(small), AS_OF, worse, jurisdictions=["US"])
    x, y, inside = _point(outside.panels[0].svg)
    assert inside == "false" and _containing(outside.panels[0].svg, x, y) == []


def test_a_changed_threshold_changes_the_plot(small_writable: Context) -> None:
    before = plots.control_region_plots(
        current(small_writable), AS_OF, MACHINE, jurisdictions=["US"]
    )
    assert before.panels[0].inside is True
    small_writable.store.update(
        """PREFIX eg: <https://w3id.org/exportgraph/ontology#>
        DELETE { ?c eg:thresholdValue ?v } INSERT { ?c eg:thresholdValue 0.0005 }
        WHERE { BIND(<https://w3id.org/exportgraph/id/entry/US/4A906.a.2/alt/1/cnot-error/le> AS ?c)
                ?c eg:thresholdValue ?v }"""
    )
    after = plots.control_region_plots(
        current(small_writable), AS_OF, MACHINE, jurisdictions=["US"]
    )
    assert after.panels[0].inside is False
    old = _rects(before.panels[0].svg)["US:4A906.a.2"][0]
    new = _rects(after.panels[0].svg)["US:4A906.a.2"][0]
    assert new[1] > old[1] and new[3] < old[3]  # the band's top edge moved down
    x, y, _ = _point(after.panels[0].svg)
    assert _containing(after.panels[0].svg, x, y) == []


def test_axes_cover_every_threshold_in_whole_decades(small: Context) -> None:
    regions = _regions(small)
    axes = plots.plot_axes(regions, MACHINE)
    assert axes.x_min <= 34 and axes.x_max >= 2000
    assert axes.y_min <= 1e-4 and 6e-3 <= axes.y_max <= 1
    for value in (axes.x_min, axes.x_max, axes.y_min, axes.y_max):
        assert re.fullmatch(r"1(e[-+]?\d+)?|10*(\.0)?|0\.0*1", f"{value:g}"), value


def test_svg_is_labelled_for_assistive_technology(small: Context) -> None:
    panel = plots.control_region_plots(current(small), AS_OF, MACHINE, jurisdictions=["US"]).panels[
        0
    ]
    root = ET.fromstring(panel.svg)
    assert root.get("role") == "img"
    labelled = (root.get("aria-labelledby") or "").split()
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert labelled and set(labelled) <= ids
    desc = next(root.iter(f"{SVG}desc")).text or ""
    assert "inside" in desc and "US:4A906.a.2" in desc
