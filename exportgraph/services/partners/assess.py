"""Activity assessment (contract §3): may we do this, and what does it need?

    assess(context, request) -> dict

One result per governing jurisdiction: `from`, plus the unions it is part of (FR → FR and EU).
Each result looks only at that jurisdiction's own lists (the member state's national list, the
EU's Annex I) and decides everything from the data: the licence requirement of the matching
entries (eg:destinationScope, eg:listedDestination, eg:coversActivity, eg:exceptionAvailable),
the jurisdiction's deemed-export rule and unions (eg:deemedExportRule, eg:partOf), and the
research exclusions (eg:ResearchExclusion with eg:condition strings). Nothing is decided by
country-specific code. `licence_required` is true, false or "unknown", and "unknown" always
names what is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.answers import AssessAnswer
from exportgraph.services.partners.assess_jurisdiction import jurisdiction_assessment
from exportgraph.services.partners.assess_parties import with_party_screening
from exportgraph.services.partners.assess_request import parse_request
from exportgraph.services.partners.atoms import index_atoms
from exportgraph.services.partners.classify import AtomMaker, Engine, atom_factory, atom_source
from exportgraph.services.partners.decision import evaluate_lists
from exportgraph.services.partners.evaluation import ListsEvaluation

if TYPE_CHECKING:
    from exportgraph.graph.context import Context


def assess(
    context: Context, request: Mapping[str, Any], *, engine: Engine = "index"
) -> AssessAnswer:
    """Assess an activity (contract §3): one result per governing jurisdiction (`from`, then the
    unions it is part of). Raises InvalidInput (422) naming the offending field."""
    knowledge = current(context)
    return assess_in(
        knowledge,
        request,
        atoms=lambda item, on: atom_source(context, knowledge, item, on, engine),
    )


def assess_in(
    knowledge: Knowledge, request: Mapping[str, Any], *, atoms: AtomMaker | None = None
) -> AssessAnswer:
    """`assess` on a given knowledge index (a recorded data version under review); the index
    path unless `atoms` gives another."""
    parsed = parse_request(knowledge, request)
    atoms_for = atom_factory(
        parsed.as_of, atoms or (lambda item, on: index_atoms(knowledge, item, on))
    )
    named = parsed.subject.entry is not None  # the user classified it: no classification
    atoms_of_subject = None if named else atoms_for(parsed.subject)
    results = []
    for governing in knowledge.governing(parsed.origin):
        lists = (
            ListsEvaluation(None, [], [], [], [])
            if atoms_of_subject is None
            else evaluate_lists(
                knowledge, parsed.subject, parsed.as_of, [governing], atoms_of_subject, atoms_for
            )
        )
        result = jurisdiction_assessment(knowledge, parsed, governing, lists)
        results.append(result)
    answer: AssessAnswer = {
        "as_of": parsed.as_of.isoformat(),
        "data_version": knowledge.version,
        "activity": parsed.activity,
        "subject": parsed.subject.as_dict(),
        "from": parsed.origin,
        "to": parsed.destination,
        "results": results,
    }
    return with_party_screening(knowledge, request, answer)
