"""The verdicts of a batch: one jurisdiction's answer per distinct row pattern, and what an
"unknown" answer lists (missing parameters and facts, possible entries), by decision's rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NotRequired

import numpy as np
import numpy.typing as npt
from typing_extensions import TypedDict

from exportgraph.knowledge.compiled import FALSE, TRUE, UNKNOWN, Axis
from exportgraph.services.partners.batch_kleene import Status, at, kleene_or
from exportgraph.services.partners.batch_walker import Node, Rows
from exportgraph.services.partners.items import MATERIAL_FORM, kind_field
from exportgraph.services.partners.logic import Verdict

_JSON: dict[int, Verdict] = {FALSE: False, UNKNOWN: "unknown", TRUE: True}


class BatchVerdict(TypedDict):
    """One jurisdiction's answer for an item of a batch (contract §9)."""

    jurisdiction: str
    controlled: Verdict
    entries: list[str]
    missing: NotRequired[list[str]]
    missing_facts: NotRequired[list[str]]
    possible_entries: NotRequired[list[str]]


def _post_order(node: Node, out: list[Node]) -> None:
    for kid in node.children:
        _post_order(kid, out)
    out.append(node)


def _reachable(flat: list[Node]) -> list[Node]:
    """The nodes of the lists and every node of the served items' entries they read."""
    seen: dict[int, Node] = {}
    pending = list(flat)
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        pending += node.children + node.served + ([node.own] if node.own else [])
    return list(seen.values())


def code_verdicts(
    code: str, tops: list[Node], rows: Rows, axes: list[Axis]
) -> tuple[list[BatchVerdict], npt.NDArray[np.intp]]:
    """The distinct verdicts of one jurisdiction and, per row, the index of its verdict: rows
    whose nodes and alternatives have the same statuses and that lack the same parameters answer
    alike."""
    flat: list[Node] = []
    for top in tops:
        _post_order(top, flat)
    overall = kleene_or(top.status for top in tops)
    # what a verdict reads per row: each node's status and gap, and (for `missing`) its criteria's
    # and each alternative's status — two alternatives may be undecided in different rows
    # although the entry is undecided in both
    columns = {
        id(array): array
        for node in _reachable(flat)
        for array in (node.status, node.gap, node.criteria, *(a for a, _ in node.alternatives))
        if not isinstance(array, int | bool)
    }  # one column per array: nodes of a union's lists share theirs
    # an entry false whatever the parameters is never listed: leave it out of every row
    flat = [node for node in flat if not (isinstance(node.status, int) and node.status == FALSE)]
    if not columns or rows.count == 1:
        return [_verdict(code, flat, overall, 0, rows, axes)], np.zeros(rows.count, dtype=np.intp)
    key = np.concatenate(
        [np.stack(list(columns.values()), axis=1).astype(np.int8), rows.missing], axis=1
    ).astype(np.int8, copy=False)
    first, inverse = unique_rows(key)
    verdicts = [_verdict(code, flat, overall, row, rows, axes) for row in first.tolist()]
    return verdicts, inverse


def unique_rows(
    table: npt.NDArray[np.int8],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """The first row of each distinct row of a table of small integers, and per row the index of
    its distinct row (np.unique(axis=0), rows compared as bytes: several times faster)."""
    table = np.ascontiguousarray(table)
    whole = table.view(np.dtype((np.void, table.dtype.itemsize * table.shape[1]))).reshape(-1)
    _, first, inverse = np.unique(whole, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def _verdict(
    code: str, flat: list[Node], overall: Status, row: int, rows: Rows, axes: list[Axis]
) -> BatchVerdict:
    """One verdict at one row (decision.evaluate_lists and classify.jurisdiction_result, for the
    fields a batch answers)."""
    status = at(overall, row)
    verdict: BatchVerdict = {
        "jurisdiction": code,
        "controlled": _JSON[status],
        "entries": [node.entry.id for node in flat if at(node.status, row) == TRUE],
    }
    if status == UNKNOWN:
        undecided = [node for node in flat if node.leaf and at(node.status, row) == UNKNOWN]
        missing: set[str] = set()
        facts: list[str] = []
        for node in undecided:
            found, wanted = _detail(node, row, rows, axes)
            missing |= found
            _add(facts, wanted)
            if at(node.gap, row):
                _add(facts, [f"complete criteria of {node.entry.id}"])
        verdict["missing"] = sorted(missing)
        verdict["missing_facts"] = facts
        verdict["possible_entries"] = [node.entry.id for node in undecided]
    return verdict


def _add(facts: list[str], more: Iterable[str]) -> None:
    for fact in more:
        if fact not in facts:
            facts.append(fact)


def _detail(node: Node, row: int, rows: Rows, axes: list[Axis]) -> tuple[set[str], list[str]]:
    """What an undecided node misses at one row: decision's `missing` and `missing_facts`."""
    missing: set[str] = set()
    facts: list[str] = []
    if at(node.status, row) != UNKNOWN:
        return missing, facts
    atoms = node.atoms
    assert atoms is not None
    if not node.leaf:  # a group: what its undecided parts miss, then its own facts
        for part in [*node.children, *([node.own] if node.own else [])]:
            if at(part.status, row) == UNKNOWN:
                found, wanted = _detail(part, row, rows, axes)
                missing |= found
                _add(facts, wanted)
        _add(facts, _missing_facts(node))
        return missing, facts
    if at(node.criteria, row) == UNKNOWN:
        for alt_status, outcomes in node.alternatives:
            if at(alt_status, row) == UNKNOWN:
                missing |= {axes[axis].parameter for axis, o in outcomes if o[row] == UNKNOWN}
    if atoms.form_ok == UNKNOWN:
        missing.add(MATERIAL_FORM)
    if atoms.in_scope == UNKNOWN:
        _add(facts, [kind_field(node.path)])
    _add(facts, _missing_facts(node))
    if atoms.serves_ok == UNKNOWN:
        _add(facts, [f"{node.path}for_kind"])
    if atoms.purpose_ok == UNKNOWN:
        _add(facts, [f"{node.path}purpose"])
    if at(node.served_status, row) == UNKNOWN:
        for part in node.served:
            if at(part.status, row) == UNKNOWN:
                found, wanted = _detail(part, row, rows, axes)
                missing |= found
                _add(facts, wanted)
    return missing, facts


def _missing_facts(node: Node) -> list[str]:
    atoms = node.atoms
    assert atoms is not None
    return [
        fact
        for fact, value in zip(node.entry.requires_facts, atoms.facts, strict=True)
        if value == UNKNOWN
    ]
