"""The three answers every formalized threshold is tested for, through classify for one
jurisdiction: the figures that meet it control the item citing the entry; one figure just on the
other side does not (the entry is neither cited nor possible); that figure missing answers
"unknown", naming it among what the entry still needs."""

from __future__ import annotations

from typing import Any

from tests.partners.answer_ids import entry_ids

ON = "2026-12-01"


def item(kind: str, facts: dict[str, bool] | None = None, **parameters: Any) -> dict[str, Any]:
    """An item of `kind` with the given parameters and, where given, facts."""
    described: dict[str, Any] = {"kind": kind, "parameters": parameters}
    if facts is not None:
        described["facts"] = facts
    return described


def assert_both_sides(
    classify_in: Any,
    jurisdiction: str,
    code: str,
    kind: str,
    facts: dict[str, bool] | None,
    met: dict[str, Any],
    changed: str,
    outside: Any,
    on: str = ON,
) -> None:
    """`met` (with `facts`, where given) controls a `kind` by `code`; `changed` set to `outside`
    does not; without it, the answer is "unknown" and the entry names `changed` as missing."""
    entry = f"{jurisdiction}:{code}"
    yes = classify_in(jurisdiction, item(kind, facts, **met), on)
    assert yes["controlled"] is True and entry in entry_ids(yes), (entry, yes)
    no = classify_in(jurisdiction, item(kind, facts, **{**met, changed: outside}), on)
    possible = {e["id"]: e for e in no.get("possible_entries") or []}
    assert entry not in entry_ids(no) and entry not in possible, (entry, no)
    unsaid = {name: value for name, value in met.items() if name != changed}
    maybe = classify_in(jurisdiction, item(kind, facts, **unsaid), on)
    possible = {e["id"]: e for e in maybe.get("possible_entries") or []}
    assert maybe["controlled"] == "unknown" and changed in possible[entry]["missing"], (
        entry,
        maybe,
    )
