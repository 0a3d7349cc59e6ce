"""The what-if page (/whatif): change one entry's threshold on one parameter (or drop it) and see
what that would do to the products corpus in each jurisdiction — the page of POST /v1/impact,
computed in a sandbox (nothing is written). A value that cannot be read is shown beside its
field."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.impact import whatif_page
from exportgraph.api.routers.ui.common import (
    answer_form,
    call,
    context_of,
    jurisdiction_choices,
    render,
)
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from exportgraph.json_types import JsonObject
from exportgraph.services.standards.impact import PRODUCTS, impact_run

router = APIRouter()
COMPARATORS = (
    ("<=", "at most (≤)"),
    ("<", "less than (<)"),
    (">=", "at least (≥)"),
    (">", "more than (>)"),
    ("=", "equal to (=)"),
    ("remove", "— drop the entry's criteria on this parameter"),
)
FIELDS = ("entry", "parameter", "comparator", "threshold", "unit")


def _field_of(named: str | None) -> str:
    """The form field an error names (`change.edits[0].threshold` is the threshold)."""
    if not named:
        return "general"
    last = named.rsplit(".", 1)[-1]
    if named.startswith("change.edits[0].") and last in FIELDS:
        return last
    if named.startswith("jurisdiction"):
        return "jurisdiction"
    return "as_of" if named == "as_of" else "general"


def _request(values: dict[str, str], chosen: list[str]) -> JsonObject:
    """The POST /v1/impact body the form stands for (the products corpus)."""
    edit: JsonObject = {"entry": values["entry"], "parameter": values["parameter"]}
    if values["comparator"] == "remove":
        edit["remove"] = True
    else:
        edit |= {
            "comparator": values["comparator"],
            "threshold": values["threshold"],
            "unit": values["unit"],
        }
    body: JsonObject = {"change": {"edits": [edit]}, "corpus": PRODUCTS}
    if chosen:
        body["jurisdictions"] = list(chosen)
    if values["as_of"]:
        body["as_of"] = values["as_of"]
    return body


@router.get("/whatif", response_class=HTMLResponse)
async def whatif_form(
    request: Request,
    entry: str = "",
    parameter: str = "",
    comparator: str = "<=",
    threshold: str = "",
    unit: str = "",
    as_of: str = "",
    jurisdiction: Annotated[list[str] | None, Query()] = None,
) -> HTMLResponse:
    """The form; with `entry`, the impact page itself (or the form with the error beside its
    field)."""
    knowledge = await get_knowledge(request)
    context = context_of(request)
    values = {
        "entry": entry.strip(),
        "parameter": parameter.strip(),
        "comparator": comparator.strip(),
        "threshold": threshold.strip(),
        "unit": unit.strip(),
        "as_of": as_of.strip(),
    }
    chosen = jurisdiction or []
    state = await answer_form(
        request,
        key="entry",
        given=values["entry"],
        missing="entry: name the entry whose criterion changes (e.g. EU:4A506.a.2)",
        compute=lambda: call(
            impact_run,
            context.store,
            knowledge,
            _request(values, chosen),
            max_items=context.settings.max_bulk_items,
            max_agreements=context.settings.max_batch_items,
        ),
        page=lambda run: call(whatif_page, knowledge, run),
        field_of=_field_of,
    )
    if isinstance(state, HTMLResponse):
        return state
    return await render(
        request,
        "ui/whatif.html",
        section="/whatif",
        status_code=state.status,
        title="What if a threshold changed?",
        errors=state.errors,
        values=values,
        chosen=chosen,
        comparators=COMPARATORS,
        parameters=[(c.notation, c.label or c.notation) for c in knowledge.ordered("parameters")],
        jurisdictions=jurisdiction_choices(knowledge),
    )
