"""Across a plan's activities: releases relying on a research exclusion that ends before the
publication, the deadlines (licence applications, review gates) and the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.plan_activity import Evaluated
from exportgraph.services.partners.plan_answers import Deadline, Timeline
from exportgraph.services.partners.plan_request import Plan


def _relies_on_research_exclusion(knowledge: Knowledge, evaluated: Evaluated) -> list[str]:
    """Ids of the applied exclusions whose conditions read publication or the stage."""
    if evaluated.assess is None:
        return []
    wanted = {"intended_for_publication", "published", "project_stage"}
    by_id = {e.id: e for e in knowledge.exclusions}
    found = []
    for result in evaluated.assess["results"]:
        for exclusion in result["exclusions"]:
            known = by_id.get(exclusion["id"])
            if (
                exclusion["applies"] is True
                and known
                and {c.field for c in known.conditions} & wanted
            ):
                found.append(exclusion["id"])
    return found


def publication_conflicts(knowledge: Knowledge, plan: Plan, evaluated: Sequence[Evaluated]) -> None:
    """Releases relying on a research exclusion whose results are published only after the last
    research stage has ended: at the gate out of research the unpublished results stop being
    research results, before the publication."""
    research = {c.notation for c in knowledge.ordered("project-stages") if c.has("researchStage")}
    research_end = max((s.end for s in plan.stages if s.stage in research), default=None)
    later = [
        s
        for s in plan.stages
        if s.stage not in research and research_end and s.start > research_end
    ]
    if research_end is None or not later:
        return
    gate_stage = later[0]
    for publication in evaluated:
        if publication.activity.type != "publication" or publication.activity.start <= research_end:
            continue
        subject = publication.activity.subject
        for release in evaluated:
            if release is publication or release.activity.subject != subject:
                continue
            if release.activity.start > research_end:
                continue
            exclusions = _relies_on_research_exclusion(knowledge, release)
            if not exclusions:
                continue
            message = (
                f"{release.activity.id} relies on {', '.join(exclusions)} (results intended for "
                f"publication), but {publication.activity.id} publishes them only on "
                f"{publication.activity.start.isoformat()}, after the research stages end "
                f"({research_end.isoformat()}; gate before {gate_stage.stage} on "
                f"{gate_stage.start.isoformat()}): the exclusion ends at that gate, before the publication."
            )
            for side, other in ((release, publication), (publication, release)):
                side.result["conflicts"].append(
                    {
                        "kind": "exclusion-ends-before-publication",
                        "message": message,
                        "related": [other.activity.id],
                    }
                )


def plan_deadlines(
    knowledge: Knowledge, plan: Plan, evaluated: Sequence[Evaluated]
) -> list[Deadline]:
    deadlines: list[Deadline] = []
    for stage in plan.stages:
        gate = knowledge.risk.gates.get(stage.stage)
        label = knowledge.scheme("project-stages").get(stage.stage)
        deadline: Deadline = {
            "date": stage.start.isoformat(),
            "kind": "review-gate",
            "title": f"Review gate before {label.label if label and label.label else stage.stage}",
            "stage": stage.stage,
        }
        if gate:
            deadline["gate"] = gate.id
        deadlines.append(deadline)
    for item in evaluated:
        for licence in item.result["licences"]:
            if licence["apply_by"] == "unknown":
                continue
            deadlines.append(
                {
                    "date": licence["apply_by"],
                    "kind": "licence-application",
                    "title": f"Apply for the {licence['jurisdiction']} licence for {item.activity.id} "
                    f"({item.activity.type}, {item.activity.start.isoformat()})",
                    "activity": item.activity.id,
                    "jurisdiction": licence["jurisdiction"],
                    "late": licence["apply_by"] < plan.as_of.isoformat(),
                }
            )
    deadlines.sort(
        key=lambda d: (d["date"], d["kind"], d.get("activity", ""), d.get("jurisdiction", ""))
    )
    return deadlines


def plan_timeline(
    knowledge: Knowledge, plan: Plan, evaluated: Sequence[Evaluated], deadlines: list[Deadline]
) -> Timeline:
    days = [
        *(s.start for s in plan.stages),
        *(s.end for s in plan.stages),
        *(e.activity.start for e in evaluated),
        *(e.activity.end for e in evaluated if e.activity.end),
        *(dt.date.fromisoformat(d["date"]) for d in deadlines),
    ]
    stages = knowledge.scheme("project-stages")
    return {
        "start": min(days).isoformat(),
        "end": max(days).isoformat(),
        "stages": [
            {
                "stage": s.stage,
                "label": (stages[s.stage].label if s.stage in stages else None) or s.stage,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "gate": g.id if (g := knowledge.risk.gates.get(s.stage)) else None,
            }
            for s in plan.stages
        ],
        "activities": [
            {
                "id": e.activity.id,
                "type": e.activity.type,
                "start": e.activity.start.isoformat(),
                "end": e.activity.end.isoformat() if e.activity.end else None,
                "band": e.result["risk"]["band"],
                "conflicts": len(e.result["conflicts"]),
            }
            for e in evaluated
        ],
        "deadlines": deadlines,
    }
