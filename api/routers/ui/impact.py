"""The impact of a pending change on the products corpus, for its review page (issue 13 §3: a
reviewer sees what a change would do before approving it)."""

from __future__ import annotations

from dataclasses import dataclass

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.ui.common import call, context_of
from fastapi import Request

from exportgraph.errors import ExportgraphError
from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.impact_report import WhatIfPlots, whatif_plots
from exportgraph.services.standards.impact import ImpactAnswer, change_impact_run
from exportgraph.store import Store


@dataclass(frozen=True)
class ImpactShown:
    answer: ImpactAnswer
    plots: WhatIfPlots


def _shown(store: Store, knowledge: Knowledge, change_id: str) -> ImpactShown:
    run = change_impact_run(store, knowledge, change_id)
    return ImpactShown(run.answer, whatif_plots(knowledge, run))


async def pending_impact(request: Request, change_id: str) -> tuple[ImpactShown | None, str]:
    """The impact of a proposed change, or why it cannot be computed (a change that does not
    apply to the current data says so on the page)."""
    knowledge = await get_knowledge(request)
    try:
        shown = await call(_shown, context_of(request).store, knowledge, change_id)
    except ExportgraphError as error:
        return None, error.detail
    return shown, ""
