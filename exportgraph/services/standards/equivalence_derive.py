"""The relation derived between two entries' regions (exactMatch, broadMatch, narrowMatch,
closeMatch, relatedMatch or disjoint) and its basis in words."""

from __future__ import annotations

from dataclasses import dataclass

from exportgraph.knowledge.model import Relation
from exportgraph.knowledge.regions import SetRelation, combine, compare_sets, compare_unions
from exportgraph.services.standards.equivalence_regions import EntryRegion


@dataclass(frozen=True)
class Derivation:
    """The derived relation from one entry to another (None: disjoint), with its basis."""

    relation: Relation | None
    basis: str


def _differences(a: EntryRegion, b: EntryRegion) -> str:
    if len(a.boxes) == 1 and len(b.boxes) == 1:
        box_a, box_b = a.boxes[0], b.boxes[0]
        names = sorted(box_a.bounds.keys() | box_b.bounds.keys())
        same = [n for n in names if box_a.interval(n) == box_b.interval(n)]
        differ = [n for n in names if n not in same]
        parts = [
            f"{a.describe(n, box_a)} in {a.id} vs {b.describe(n, box_b)} in {b.id}" for n in differ
        ]
        if same:
            parts.append(f"same {', '.join(a.describe(n, box_a) for n in same)}")
        return "; ".join(parts)
    return f"{a.id}: {a.describe_region()}; {b.id}: {b.describe_region()}"


_PHRASES = {
    "equal": "same region",
    "subset": "{a}'s region lies inside {b}'s",
    "superset": "{b}'s region lies inside {a}'s",
    "overlap": "the regions overlap",
    "disjoint": "the regions are disjoint",
}


def derive(a: EntryRegion, b: EntryRegion) -> Derivation | str:
    """The derived relation from a to b, or why none can be derived (a string)."""
    for entry in (a, b):
        if entry.problem:
            return f"derivation not possible for {entry.id}: {entry.problem}"
    kinds = compare_sets(a.kinds, b.kinds)
    if kinds == "disjoint":  # no item in both, whatever the thresholds (saves comparing them)
        return Derivation(
            None,
            f"{_PHRASES['disjoint']}; kinds differ: {a.id} {a.describe_kinds()}; "
            f"{b.id} {b.describe_kinds()}",
        )
    facts: SetRelation = compare_sets(b.facts, a.facts)  # more facts required = fewer items
    if facts == "disjoint":
        facts = "overlap"
    thresholds = compare_unions(a.boxes, b.boxes)
    assert thresholds is not None  # empty regions were ruled out above
    overall = combine((kinds, facts, thresholds))
    overlap: Relation = "closeMatch" if kinds == "equal" and facts == "equal" else "relatedMatch"
    relations: dict[SetRelation, Relation | None] = {
        "equal": "exactMatch",
        "subset": "broadMatch",
        "superset": "narrowMatch",
        "overlap": overlap,
        "disjoint": None,
    }
    relation = relations[overall]
    if kinds == "equal":
        kind_text = f"same kinds ({', '.join(sorted(a.stated_kinds))})"
    else:
        kind_text = f"kinds differ: {a.id} {a.describe_kinds()}; {b.id} {b.describe_kinds()}"
    parts = [_PHRASES[overall].format(a=a.id, b=b.id), kind_text]
    if a.facts or b.facts:
        if facts == "equal":
            parts.append(f"same required facts ({', '.join(sorted(a.facts))})")
        else:
            parts.append(
                f"required facts differ: {a.id} {', '.join(sorted(a.facts)) or 'none'}; "
                f"{b.id} {', '.join(sorted(b.facts)) or 'none'}"
            )
    if thresholds == "equal":
        parts.append(f"same thresholds ({a.describe_region()})")
    else:
        parts.append(f"thresholds differ: {_differences(a, b)}")
    return Derivation(relation, "; ".join(parts))
