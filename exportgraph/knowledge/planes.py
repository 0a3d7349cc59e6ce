"""Control regions on a plane of two parameters (the plots of the data: e.g. physical qubits ×
C-NOT error): each jurisdiction's bands for a kind on a date, derived from the knowledge index.

Each alternative of an entry in force for the kind is one band (a box of the two parameters'
intervals, in canonical units, exact); where the entry also constrains another parameter, needs a
qualitative fact, or has incomplete criteria, the band marks where it *may* apply. Whether a point
lies in a region is computed from the same bands that are drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry, Plot
from exportgraph.knowledge.regions import Box, Interval

Inside = bool | Literal["unknown"]


@dataclass(frozen=True)
class Point:
    """An item on the plane, in the parameters' canonical units, exact."""

    x: Fraction
    y: Fraction

    @classmethod
    def of(cls, x: float | str, y: float | str) -> Point:
        """From numbers as entered (a float's shortest decimal form, so 8e-4 is 0.0008)."""
        return cls(Fraction(str(x)), Fraction(str(y)))


@dataclass(frozen=True)
class Band:
    """One alternative of one entry, a rectangle on the plane."""

    entry_id: str
    code: str
    box: Box
    plot: Plot
    complete: bool
    """False when the entry's thresholds are partly known, it needs a qualitative fact, or the
    alternative constrains a parameter off this plane: the band is where it *may* apply."""
    provisional: bool
    evidence: str

    @property
    def x(self) -> Interval:
        return self.box.interval(self.plot.x)

    @property
    def y(self) -> Interval:
        return self.box.interval(self.plot.y)

    def contains(self, point: Point) -> Inside:
        if not (self.x.contains(point.x) and self.y.contains(point.y)):
            return False
        return True if self.complete else "unknown"

    def describe(self) -> str:
        text = f"{self.entry_id}: {self.x.describe(self.plot.x)}, {self.y.describe(self.plot.y)}"
        if not self.complete:
            text += " (thresholds partly known or conditional)"
        if self.provisional:
            text += f" ({self.evidence or 'provisional'} evidence)"
        return text


@dataclass(frozen=True)
class Region:
    """A jurisdiction's controlled region for the kind: its bands and what could not be drawn."""

    jurisdiction: str
    label: str
    bands: tuple[Band, ...]
    undrawn: tuple[str, ...] = ()
    """Entries of this kind whose thresholds are not in the data (nothing to draw)."""

    def contains(self, point: Point) -> Inside:
        answers = [band.contains(point) for band in self.bands]
        if True in answers:
            return True
        if "unknown" in answers or self.undrawn:
            return "unknown"
        return False

    def matching(self, point: Point) -> list[Band]:
        return [band for band in self.bands if band.contains(point) is not False]


def plot_for(knowledge: Knowledge, kind: str | None = None) -> Plot:
    """The plane the data defines for a kind (or its nearest broader kind); the first one when no
    kind is given. InvalidInput when the data defines none."""
    if not knowledge.plots:
        raise InvalidInput("the data defines no plot of control regions", field="kind")
    if kind is None:
        return knowledge.plots[0]
    concept = knowledge.concept("kinds", kind, "kind", "kind")
    ancestors = knowledge.ancestors_of_kind(concept.iri)
    for plot in knowledge.plots:
        if plot.kind in ancestors:
            return plot
    return knowledge.plots[0]


def _bands(entry: Entry, plot: Plot) -> list[Band]:
    axes = (plot.x, plot.y)
    bands = []
    for alternative in entry.alternatives:
        on_plane = [c for c in alternative if c.parameter in axes]
        off_plane = len(on_plane) != len(alternative)
        bands.append(
            Band(
                entry_id=entry.id,
                code=entry.code,
                box=Box.from_criteria(
                    (c.parameter, c.comparator, Fraction(c.canonical_threshold)) for c in on_plane
                ),
                plot=plot,
                complete=entry.criteria_complete and not entry.requires_facts and not off_plane,
                provisional=entry.provisional,
                evidence=entry.evidence,
            )
        )
    if not entry.alternatives and entry.criteria_complete and not entry.children:
        # An entry with no thresholds that controls every item of the kind: the whole plane.
        bands.append(
            Band(
                entry.id,
                entry.code,
                Box({}),
                plot,
                not entry.requires_facts,
                entry.provisional,
                entry.evidence,
            )
        )
    return bands


def control_regions(knowledge: Knowledge, as_of: dt.date, kind: str, plot: Plot) -> list[Region]:
    """Each jurisdiction's region for `kind` on `as_of` on the plot's plane."""
    concept = knowledge.concept("kinds", kind, "kind", "kind")
    kinds = knowledge.ancestors_of_kind(concept.iri)
    by_jurisdiction: dict[str, list[Entry]] = {}
    for iri in knowledge.in_force(as_of):
        entry = knowledge.entries[iri]
        if entry.kinds & kinds and not entry.excluded_kinds & kinds:
            by_jurisdiction.setdefault(entry.jurisdiction, []).append(entry)
    regions = []
    for code, entries in sorted(by_jurisdiction.items()):
        entries.sort(key=lambda e: (e.sort_key, e.code))
        bands: list[Band] = []
        undrawn: list[str] = []
        for entry in entries:
            drawn = _bands(entry, plot)
            bands.extend(drawn)
            if not drawn and not entry.children:
                undrawn.append(entry.id)
        label = knowledge.jurisdictions[code].label if code in knowledge.jurisdictions else code
        regions.append(Region(code, label, tuple(bands), tuple(undrawn)))
    return regions
