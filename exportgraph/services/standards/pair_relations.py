"""The compare page's pair view: each entry of one jurisdiction shown in the matrix's rows, with
its asserted and derived relations to the entries of another jurisdiction."""

from __future__ import annotations

from collections.abc import Sequence

from typing_extensions import TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards import equivalence
from exportgraph.services.standards.comparison import Axis, Matrix


class PairRow(TypedDict):
    """An entry of `a` and its relations to the entries of `b`."""

    id: str
    matches: list[equivalence.EquivalentRow]
    reason: str | None


class Pair(TypedDict):
    rows: list[PairRow]
    categories: list[str]
    """The categories (first character of the code) of `a`'s entries in the rows, to choose from."""


def pair_relations(
    knowledge: Knowledge,
    table: Matrix,
    kinds: Sequence[Axis],
    a: str,
    b: str,
    category: str = "",
) -> Pair:
    """Per entry of `a` in the cells of `kinds` (in their order), its relations to `b`'s entries;
    only the entries of `category` (a code's first character, `3` for 3A001) where given."""
    seen: dict[str, str] = {}
    for kind in kinds:
        for entry in table.cell(kind.notation, a).entries:
            if entry.via is None:
                seen.setdefault(entry.id, entry.code)
    rows: list[PairRow] = []
    for entry_id, code in seen.items():
        if category and not code.startswith(category):
            continue
        answer = equivalence.equivalents(knowledge, entry_id)
        matches = [r for r in answer["equivalents"] if r["id"].startswith(f"{b}:")]
        rows.append({"id": entry_id, "matches": matches, "reason": answer["reason"]})
    return {"rows": rows, "categories": sorted({code[:1] for code in seen.values() if code})}
