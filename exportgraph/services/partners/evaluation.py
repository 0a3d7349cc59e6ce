"""What deciding an item against the lists gives: per entry, its three-valued status and what
decided it; for the lists, the status, the entries matched and undecided, and the notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from exportgraph.knowledge.model import Criterion, Entry
from exportgraph.services.partners.logic import Tri


@dataclass(slots=True)
class Evaluation:
    """The three-valued answer for one entry, with what decided it."""

    entry: Entry
    status: Tri
    applicable: bool  # in force, in scope and not excluded (or, for a group, through a sub-entry)
    alternative: tuple[tuple[Criterion, Tri], ...] = ()
    missing: set[str] = field(default_factory=set)
    missing_facts: list[str] = field(default_factory=list)
    gap: bool = False
    children: list[Evaluation] = field(default_factory=list)
    served: list[Evaluation] = field(default_factory=list)
    """Software, technology: the evaluations of the named entries for the served item that
    decided the answer (those that match, or, when unknown, those that could)."""
    served_status: Tri = True  # software, technology: whether the served item is controlled
    kinds_asked: frozenset[str] = frozenset()
    """The narrower kinds of the item's kind the entry's scope names when the answer depends on
    whether the item is one of them: the user should state the kind."""


@dataclass
class ListsEvaluation:
    """The evaluation of every entry of some jurisdictions' lists for one item."""

    status: Tri
    matched: list[Evaluation]  # most specific first (sub-entries before their parents)
    undecided: list[Evaluation]  # entries that could match, most specific first
    notes: list[str]
    evaluations: list[Evaluation]  # top-level entries that could concern the item
    visited: list[Evaluation] = field(default_factory=list)
    """Every entry evaluated whose subtree could concern the item, most specific first."""
