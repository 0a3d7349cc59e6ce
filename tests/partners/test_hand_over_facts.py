"""Facts that say another entry does not control the item ("not controlled by 3A001", "other than
those specified in 6A005"): stated false, the user says that other entry controls it, so the entry
requiring the fact must hand the item over ("unknown", with a note) — never "not controlled"."""

from __future__ import annotations

import re

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current

# "not controlled by X", "not specified by/in X", "not described in X" in the fact's name
_ANOTHER_ENTRY = re.compile(r"not-(controlled|specified|described)-(by|in)-")
# a fact whose false value is not another entry's control: "not designed for memory devices not
# controlled by 3A001" false means the mask is for such devices (the Note to 3B001.h excludes it)
_NOT_A_HAND_OVER = {"phase-shift-mask-not-for-memory-devices-not-controlled-by-3a001"}


def test_every_fact_naming_another_entry_hands_the_item_over(context: Context) -> None:
    knowledge = current(context)
    naming = {
        name
        for name in knowledge.facts
        if _ANOTHER_ENTRY.search(name) and name not in _NOT_A_HAND_OVER
    }
    assert len(naming) >= 19
    unmarked = sorted(
        name for name in naming if not knowledge.facts[name].has("handsOverWhenFalse")
    )
    assert unmarked == []
    for name in naming:
        note, _ = knowledge.facts[name].pick("note")
        assert note is not None and note.startswith("When false"), name
        assert re.search(r"\b\d[A-E]\d{3}\b", note), f"{name}: the note names no entry"
