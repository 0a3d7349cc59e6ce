"""Project plans (contract §11): what will this project need, and when?

    evaluate_plan(context, raw, screener=not_screened) -> PlanAnswer

Per activity: the stage whose dates hold it and the review gate before that stage; the licence
needs per jurisdiction (the activity assessment of contract §3 — an equipment trial is assessed
as what it is under the law, eg:assessedAs); for each licence that is or may be required, the
latest date to apply from the cited processing time of the jurisdiction that issues it (a union's
member state issues the union's licences) or "unknown"; the risk band (contract §10); the stage
criteria it triggers; and conflicts — a licence that cannot arrive before the activity starts,
an activity outside every stage, a prohibited band, releases that rely on a research exclusion
while the results are published only after the research stages end. Plus the deadlines (licence
applications, review gates) and a timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.plan_activity import evaluate_activity
from exportgraph.services.partners.plan_answers import PlanAnswer
from exportgraph.services.partners.plan_request import Plan, parse_plan
from exportgraph.services.partners.plan_schedule import (
    plan_deadlines,
    plan_timeline,
    publication_conflicts,
)
from exportgraph.services.partners.screening_port import Screener, not_screened

if TYPE_CHECKING:
    from exportgraph.graph.context import Context


def evaluate_parsed(
    context: Context, knowledge: Knowledge, plan: Plan, screener: Screener = not_screened
) -> PlanAnswer:
    """Evaluate a validated plan."""
    evaluated = [evaluate_activity(context, knowledge, plan, a, screener) for a in plan.activities]
    publication_conflicts(knowledge, plan, evaluated)
    deadlines = plan_deadlines(knowledge, plan, evaluated)
    notes = [
        "Latest dates to apply count back from the day each activity starts; working days skip "
        "weekends but not public holidays, and most clocks stop while the authority waits for the "
        "applicant: apply earlier.",
        "A risk band is not a clearance; the licence answers per jurisdiction decide what is required.",
    ]
    return {
        "project": plan.project,
        "as_of": plan.as_of.isoformat(),
        "data_version": knowledge.version,
        "model": {"id": plan.model.id, "version": plan.model.version},
        "activities": [e.result for e in evaluated],
        "deadlines": deadlines,
        "timeline": plan_timeline(knowledge, plan, evaluated, deadlines),
        "notes": notes,
    }


def evaluate_plan(context: Context, raw: object, screener: Screener = not_screened) -> PlanAnswer:
    """Evaluate a project plan (contract §11); InvalidInput (422) names the field."""
    knowledge = current(context)
    return evaluate_parsed(context, knowledge, parse_plan(knowledge, raw), screener)
