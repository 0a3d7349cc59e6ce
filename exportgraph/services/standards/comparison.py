"""The jurisdiction comparison matrix: harmonized item kinds × jurisdictions.

Each cell lists the entries in force that cover the kind (the most general one of each family,
so `4A906.a` stands for its bands), with their effective date and evidence grade, and a status:
`controlled` (an entry read in the legal text covers the kind), `provisional` (only entries from
secondary sources or with placeholder codes) or `not-controlled` (no entry in force in the data,
or a note excludes the kind). A member of a union also shows the union's entries (`via`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal as Lit

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry

Status = Lit["controlled", "provisional", "not-controlled"]
STATUS_TEXT: dict[str, str] = {
    "controlled": "Controlled",
    "provisional": "Provisional",
    "not-controlled": "Not controlled",
}


@dataclass(frozen=True)
class CellEntry:
    """One entry shown in a cell."""

    id: str
    code: str
    effective_from: str
    evidence: str
    provisional: bool
    via: str | None = None
    """The union whose list it belongs to, when not the column's own list."""
    note: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class EntryGroup:
    """Sibling entries shown together (bands of one entry read as a range: 4A906.a.1 – a.8)."""

    parent: str | None
    entries: tuple[CellEntry, ...]

    @property
    def dates(self) -> list[str]:
        return sorted({e.effective_from for e in self.entries})

    @property
    def grades(self) -> list[str]:
        return sorted({e.evidence for e in self.entries if e.evidence})

    @property
    def via(self) -> str | None:
        return self.entries[0].via

    @property
    def range_end(self) -> str:
        """The last entry's code, shortened after the grandparent's code (4A906.a.8 → a.8)."""
        last = self.entries[-1]
        parent_code = (self.parent or "").partition(":")[2]
        stem = parent_code.rpartition(".")[0]
        if stem and last.code.startswith(stem + "."):
            return last.code[len(stem) + 1 :]
        return last.id if last.via else last.code


@dataclass(frozen=True)
class Cell:
    """A kind × jurisdiction cell."""

    kind: str
    jurisdiction: str
    status: Status
    entries: tuple[CellEntry, ...] = ()
    excluded_by: tuple[CellEntry, ...] = ()

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]

    @property
    def groups(self) -> list[EntryGroup]:
        """The covering entries, siblings together, in display order."""
        groups: dict[tuple[str | None, str | None], list[CellEntry]] = {}
        for entry in self.entries:
            groups.setdefault((entry.via, entry.parent), []).append(entry)
        return [EntryGroup(parent, tuple(entries)) for (_, parent), entries in groups.items()]


@dataclass(frozen=True)
class Axis:
    """A row (kind) or column (jurisdiction) heading."""

    notation: str
    label: str
    parent: str | None = None
    depth: int = 0


@dataclass(frozen=True)
class Matrix:
    """The whole matrix for one date."""

    as_of: dt.date
    kinds: tuple[Axis, ...]
    jurisdictions: tuple[Axis, ...]
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, kind: str, jurisdiction: str) -> Cell:
        return self.cells.get((kind, jurisdiction), Cell(kind, jurisdiction, "not-controlled"))

    def _same_as_union(self, member: Axis) -> bool:
        """True when a member state adds nothing to its union's list (every cell alike)."""
        if member.parent is None:
            return False
        for kind in self.kinds:
            mine, union = (
                self.cell(kind.notation, member.notation),
                self.cell(kind.notation, member.parent),
            )
            if any(e.via is None for e in mine.entries) or mine.status != union.status:
                return False
            if [e.id for e in mine.entries] != [e.id for e in union.entries]:
                return False
        return True

    def kinds_beyond(self, whole_lists: Collection[str]) -> tuple[Axis, ...]:
        """The kinds that a jurisdiction other than those of `whole_lists` (the US and EU lists
        read whole) controls by an entry of its own: the rows where many jurisdictions' lists
        meet. The whole lists' other kinds compare those lists alone (hundreds of rows)."""
        others = [j.notation for j in self.jurisdictions if j.notation not in whole_lists]
        return tuple(
            kind
            for kind in self.kinds
            if any(
                entry.via is None
                for jurisdiction in others
                for entry in self.cell(kind.notation, jurisdiction).entries
            )
        )

    def columns(self, *, group_members: bool = True) -> list[Column]:
        """The columns to show: members with nothing of their own share one column after their
        union (every jurisdiction still appears, in that column's list of codes)."""
        columns: list[Column] = []
        grouped: dict[str, list[Axis]] = {}
        for axis in self.jurisdictions:
            if group_members and axis.parent and self._same_as_union(axis):
                grouped.setdefault(axis.parent, []).append(axis)
        for axis in self.jurisdictions:
            if any(axis in members for members in grouped.values()):
                continue
            columns.append(Column((axis,)))
            members = grouped.get(axis.notation)
            if members:
                columns.append(Column(tuple(members), union=axis.notation))
        return columns


@dataclass(frozen=True)
class Column:
    """One column of the shown matrix: a jurisdiction, or the union members that add nothing."""

    members: tuple[Axis, ...]
    union: str | None = None

    @property
    def key(self) -> str:
        """The jurisdiction whose cells the column shows."""
        return self.members[0].notation

    @property
    def codes(self) -> list[str]:
        return [m.notation for m in self.members]

    @property
    def grouped(self) -> bool:
        return self.union is not None


def _direct_parent(knowledge: Knowledge, iri: str, parents: frozenset[str]) -> str | None:
    """The nearest of `parents` (one that is not broader than another of them)."""
    nearest = [
        p
        for p in parents
        if not any(p != q and p in knowledge.ancestors_of_kind(q) for q in parents)
    ]
    return min(nearest, default=None)


def axes(knowledge: Knowledge, lang: str = "en") -> tuple[list[Axis], list[Axis]]:
    """Every kind (narrower under broader) and every jurisdiction (members under their union)."""
    kinds: dict[str, tuple[str, str | None]] = {}
    for concept in knowledge.kinds.values():
        parent = _direct_parent(knowledge, concept.iri, concept.broader - {concept.iri})
        label = concept.pick("pref", lang)[0] or concept.notation
        kinds[concept.notation] = (label, knowledge.kind_notation(parent) if parent else None)
    jurisdictions: dict[str, tuple[str, str | None]] = {}
    for code, info in knowledge.jurisdictions.items():
        # destinations the data knows nothing else about (CN, RU …) are not columns; members are
        if info.destination_only and not info.part_of:
            continue
        unions = set(info.part_of)
        direct = [
            u
            for u in unions
            if not any(u in knowledge.jurisdictions[m].part_of for m in unions if m != u)
        ]
        jurisdictions[code] = (info.label, min(direct, default=None))
    return _tree(kinds, by_label=True), _tree(jurisdictions, by_label=False)


def _tree(
    items: Mapping[str, tuple[str, str | None]],
    *,
    by_label: bool,
    weight: Mapping[str, int] | None = None,
) -> list[Axis]:
    """Depth-first order: each item followed by its narrower items (kinds) or members (unions);
    siblings by descending weight, then by label (kinds) or code (jurisdictions)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for notation, (_, parent) in items.items():
        children[parent if parent in items else None].append(notation)
    ordered: list[Axis] = []
    weights = weight or {}

    def visit(parent: str | None, depth: int) -> None:
        names = children.get(parent, [])
        names.sort(key=lambda n: (-weights.get(n, 0), items[n][0].casefold() if by_label else n))
        for name in names:
            ordered.append(Axis(name, items[name][0], parent, depth))
            visit(name, depth + 1)

    visit(None, 0)
    return ordered


def _cell_entry(knowledge: Knowledge, entry: Entry, column: str, note: bool) -> CellEntry:
    parent = knowledge.entries.get(entry.parent) if entry.parent else None
    return CellEntry(
        id=entry.id,
        code=entry.code,
        effective_from=entry.effective_from.isoformat() if entry.effective_from else "",
        evidence=entry.evidence,
        provisional=entry.provisional,
        via=entry.jurisdiction if entry.jurisdiction != column else None,
        note=(entry.exclusion_note or "") if note else "",
        parent=parent.id if parent else None,
    )


def whole_list_jurisdictions(knowledge: Knowledge) -> frozenset[str]:
    """The jurisdictions whose whole lists the graph holds (once per data version)."""
    return knowledge.derived(
        "comparison:whole-lists",
        lambda k: frozenset(p.jurisdiction for p in k.listed.paragraphs.values()),
    )


def shown_kinds(
    knowledge: Knowledge, table: Matrix, every_kind: bool
) -> tuple[tuple[Axis, ...], bool]:
    """The rows a page of the matrix shows, and whether they are every kind: the kinds beyond
    the whole lists (Matrix.kinds_beyond) unless every kind is asked for, or the graph holds no
    whole list (every kind is then few), or no kind is beyond them."""
    whole = whole_list_jurisdictions(knowledge)
    rows = table.kinds if every_kind or not whole else table.kinds_beyond(whole)
    if not rows:
        return table.kinds, True
    return rows, every_kind or not whole


def comparison_matrix(knowledge: Knowledge, as_of: dt.date, lang: str = "en") -> Matrix:
    """Every harmonized kind × every jurisdiction, on `as_of`; kind labels in `lang` where known."""
    kinds, jurisdictions = axes(knowledge, lang)
    in_force = [knowledge.entries[iri] for iri in knowledge.in_force(as_of)]
    covers: dict[str, set[str]] = defaultdict(set)
    excludes: dict[str, set[str]] = defaultdict(set)
    relevant: dict[str, list[tuple[Entry, bool]]] = defaultdict(list)  # kind → (entry, excluded)
    for kind in kinds:
        ancestors = knowledge.ancestors_of_kind(knowledge.kinds[kind.notation].iri)
        for entry in in_force:
            excluded = bool(entry.excluded_kinds & ancestors)
            if excluded or entry.kinds & ancestors:
                (excludes if excluded else covers)[entry.id].add(kind.notation)
                relevant[kind.notation].append((entry, excluded))

    def shown(entry: Entry, kind: str, sets: Mapping[str, set[str]]) -> bool:
        """Hide a sub-entry whose parent covers the same kinds (the parent stands for it)."""
        parent = knowledge.entries.get(entry.parent) if entry.parent else None
        return not (
            parent and kind in sets.get(parent.id, set()) and sets[parent.id] == sets[entry.id]
        )

    cells: dict[tuple[str, str], Cell] = {}
    for kind in kinds:
        for column in jurisdictions:
            owners = knowledge.governing(column.notation)
            found = [(e, ex) for e, ex in relevant[kind.notation] if e.jurisdiction in owners]
            if not found:
                continue
            found.sort(
                key=lambda pair: (
                    pair[0].jurisdiction if pair[0].jurisdiction != column.notation else "",
                    pair[0].sort_key,
                    pair[0].code,
                )
            )
            covering = tuple(
                _cell_entry(knowledge, e, column.notation, False)
                for e, ex in found
                if not ex and shown(e, kind.notation, covers)
            )
            excluding = tuple(
                _cell_entry(knowledge, e, column.notation, True)
                for e, ex in found
                if ex and shown(e, kind.notation, excludes)
            )
            status: Status = "not-controlled"
            if covering:
                status = "provisional" if all(e.provisional for e in covering) else "controlled"
            cells[(kind.notation, column.notation)] = Cell(
                kind.notation, column.notation, status, covering, excluding
            )
    # the most widely controlled kinds first (narrower kinds stay under their broader kind)
    weight: dict[str, int] = defaultdict(int)
    for (kind_notation, _), cell in cells.items():
        weight[kind_notation] += cell.status != "not-controlled"
    items = {k.notation: (k.label, k.parent) for k in kinds}
    ordered_kinds = _tree(items, by_label=True, weight=weight)
    return Matrix(as_of, tuple(ordered_kinds), tuple(jurisdictions), cells)
