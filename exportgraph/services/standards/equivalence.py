"""Equivalence between control entries derived from their formal thresholds, beside the asserted
SKOS mappings, and the asserted mappings that the thresholds contradict.

An entry controls a region: the items of its kinds (narrower kinds included, excluded kinds
removed) that meet its required facts and fall in the union of its alternatives, each a box of
per-parameter intervals whose ends are open or closed as the comparators say. Two entries of
different jurisdictions relate as their regions do:

- same region: ``exactMatch``; one inside the other: ``broadMatch`` (the other is broader) or
  ``narrowMatch``;
- overlapping: ``closeMatch`` when both cover the same kinds, else ``relatedMatch``;
- disjoint: no relation.

Entries whose criteria are incomplete (eg:criteriaComplete false) or that have no numeric
criteria cannot be placed; the answer then says so and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing_extensions import TypedDict

from exportgraph import namespaces as ns
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import INVERSE_RELATION as INVERSE
from exportgraph.knowledge.model import AssertedMapping, Relation
from exportgraph.services.standards.equivalence_derive import Derivation, derive
from exportgraph.services.standards.equivalence_regions import Index, index_for

# For each asserted relation: the derived relations it is consistent with.
CONSISTENT: dict[str, set[str | None]] = {
    "exactMatch": {"exactMatch"},
    "broadMatch": {"exactMatch", "broadMatch"},
    "narrowMatch": {"exactMatch", "narrowMatch"},
    "closeMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch"},
    "relatedMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch", None},
}
RULE = "TERM-MAPPING-THRESHOLDS"


def describe_mapping(mapping: AssertedMapping) -> str:
    """How an asserted mapping was justified, in words."""
    details = [
        part
        for part in (
            mapping.justification and f"justification {mapping.justification}",
            mapping.confidence is not None and f"confidence {mapping.confidence}",
            mapping.comment,
        )
        if part
    ]
    return "asserted" + (f" ({'; '.join(str(d) for d in details)})" if details else "")


@dataclass(frozen=True)
class Contradiction:
    """An asserted mapping that the thresholds contradict (a terminology-check result)."""

    subject: str
    object: str
    asserted: str
    derived: str | None
    basis: str
    rule: str = RULE
    severity: str = "violation"
    focus: str = ""
    path: str | None = None
    message: str = ""

    def as_dict(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "message": self.message,
        }


def _asserted_from(index: Index, iri: str) -> dict[str, AssertedMapping]:
    """Asserted mappings touching `iri`, turned to read from it, by the other entry's IRI."""
    found: dict[str, AssertedMapping] = {}
    for mapping in index.asserted:
        if mapping.subject == iri:
            found.setdefault(mapping.object, mapping)
        elif mapping.object == iri:
            turned = AssertedMapping(
                iri,
                INVERSE[mapping.relation],
                mapping.subject,
                mapping.justification,
                mapping.confidence,
                mapping.comment,
            )
            found.setdefault(mapping.subject, turned)
    return found


class EquivalentRow(TypedDict):
    id: str
    relation: Relation
    asserted: bool
    derived: bool
    basis: str
    derived_relation: Relation | None
    contradiction: bool


class EquivalentsAnswer(TypedDict):
    id: str
    derivable: bool
    reason: str | None
    equivalents: list[EquivalentRow]


def equivalents_of(index: Index, entry_id: str) -> EquivalentsAnswer:
    """Asserted and derived relations of one entry to entries of other jurisdictions.

    Returns {"id", "derivable", "reason", "equivalents": [{"id", "relation", "asserted",
    "derived", "basis", "contradiction", …}]}.
    """
    entry = index.entry(entry_id)
    asserted = _asserted_from(index, entry.iri)
    rows: list[EquivalentRow] = []
    derived: dict[str, Derivation | str] = {}
    for other in index.entries.values():
        if other.jurisdiction == entry.jurisdiction and other.iri not in asserted:
            continue
        if other.iri == entry.iri:
            continue
        result = derive(entry, other)
        if other.iri in asserted or (isinstance(result, Derivation) and result.relation):
            derived[other.iri] = result
    for other_iri in sorted(derived.keys() | asserted.keys(), key=lambda i: index.entries[i].id):
        other = index.entries[other_iri]
        mapping = asserted.get(other_iri)
        result = derived.get(other_iri, "")
        derivation = result if isinstance(result, Derivation) else None
        derived_relation = derivation.relation if derivation else None
        if mapping is not None:
            consistent = isinstance(result, str) or derived_relation in CONSISTENT[mapping.relation]
            agrees = derivation is not None and derived_relation == mapping.relation
            if isinstance(result, str) or derivation is None:
                why = str(result or "")
            elif agrees:
                why = f"derived alike: {derivation.basis}"
            else:
                gives = derived_relation or "no relation"
                lead = (
                    "contradicted by the thresholds, which give"
                    if not consistent
                    else "the thresholds give"
                )
                why = f"{lead} {gives}: {derivation.basis}"
            rows.append(
                {
                    "id": other.id,
                    "relation": mapping.relation,
                    "asserted": True,
                    "derived": agrees,
                    "basis": f"{describe_mapping(mapping)}; {why}",
                    "derived_relation": derived_relation,
                    "contradiction": not consistent,
                }
            )
            if agrees or derivation is None or derived_relation is None:
                continue
        if derivation is not None and derived_relation is not None:
            rows.append(
                {
                    "id": other.id,
                    "relation": derived_relation,
                    "asserted": False,
                    "derived": True,
                    "basis": derivation.basis,
                    "derived_relation": derived_relation,
                    "contradiction": False,
                }
            )
    return {
        "id": entry.id,
        "derivable": entry.problem is None,
        "reason": None if entry.problem is None else f"derivation not possible: {entry.problem}",
        "equivalents": rows,
    }


def equivalents(knowledge: Knowledge, entry_id: str) -> EquivalentsAnswer:
    """equivalents_of on one version of the knowledge index (see there)."""
    return equivalents_of(index_for(knowledge), entry_id)


def find_contradictions(index: Index) -> list[Contradiction]:
    """Every asserted mapping between entries that the derived relation contradicts."""
    found: list[Contradiction] = []
    for mapping in index.asserted:
        a, b = index.entries.get(mapping.subject), index.entries.get(mapping.object)
        if a is None or b is None:
            continue
        result = derive(a, b)
        if isinstance(result, str):
            continue
        if result.relation in CONSISTENT[mapping.relation]:
            continue
        derived = result.relation or "no relation"
        message = (
            f"{a.id} skos:{mapping.relation} {b.id} is asserted, but their thresholds give "
            f"{derived}: {result.basis}"
        )
        found.append(
            Contradiction(
                subject=a.id,
                object=b.id,
                asserted=mapping.relation,
                derived=result.relation,
                basis=result.basis,
                focus=a.iri,
                path=ns.SKOS + mapping.relation,
                message=message,
            )
        )
    return sorted(found, key=lambda c: (c.subject, c.object, c.asserted))


def contradictions(knowledge: Knowledge) -> list[Contradiction]:
    """Asserted mappings the thresholds contradict (for a graph not in a store, build the index
    with exportgraph.knowledge.index.of_triples).

    Each result has rule, severity, focus, path and message (like a terminology-check result)
    and also subject, object, asserted, derived and basis.
    """
    return find_contradictions(index_for(knowledge))
