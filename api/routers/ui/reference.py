"""Pages for compliance officers: home, classify (with the control-region plot), compare."""

from __future__ import annotations

import datetime as dt
import math

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.ui import forms
from exportgraph.api.routers.ui.common import call, context_of, render
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from typing_extensions import TypedDict

from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.planes import Point, plot_for
from exportgraph.presentation import plots
from exportgraph.services.partners import classify as classification
from exportgraph.services.partners.answers import ClassifyAnswer, JurisdictionResult
from exportgraph.services.standards import comparison as matrix
from exportgraph.services.standards.pair_relations import pair_relations

router = APIRouter()
CATEGORIES = tuple("0123456789")


class AnswerRow(TypedDict):
    """A row of the classify page: one jurisdiction's result, or the members of `union` that
    share it."""

    codes: list[str]
    result: JurisdictionResult
    union: str | None


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    """What the service answers, one card per task."""
    return await render(request, "ui/home.html", title="Export controls on quantum items")


def _labels(axes: list[matrix.Axis]) -> dict[str, str]:
    return {axis.notation: axis.label for axis in axes}


def _answer_rows(
    results: list[JurisdictionResult], parents: dict[str, str | None]
) -> list[AnswerRow]:
    """Result rows; the members of a union whose answer is the union's own (same verdict, same
    entries, none of their own) share one row after the union's."""
    by_code = {r["jurisdiction"]: r for r in results}

    def ids(result: JurisdictionResult) -> list[str]:
        return [e["id"] for e in result["entries"]]

    def same(result: JurisdictionResult, union: JurisdictionResult) -> bool:
        own = [i for i in ids(result) if i.startswith(f"{result['jurisdiction']}:")]
        return (
            not own
            and result.get("controlled") == union.get("controlled")
            and ids(result) == ids(union)
            and result.get("missing") == union.get("missing")
        )

    grouped: dict[str, list[str]] = {}
    for result in results:
        parent = parents.get(result["jurisdiction"])
        if parent is not None and parent in by_code and same(result, by_code[parent]):
            grouped.setdefault(parent, []).append(result["jurisdiction"])
    members = {code for codes in grouped.values() for code in codes}
    rows: list[AnswerRow] = []
    for result in results:
        code = result["jurisdiction"]
        if code in members:
            continue
        rows.append({"codes": [code], "result": result, "union": None})
        if code in grouped:
            rows.append({"codes": grouped[code], "result": result, "union": code})
    return rows


def _point(knowledge: Knowledge, form: forms.ClassifyForm) -> Point | None:
    """The item as a point on its kind's plot, when both plotted values are given in their
    canonical units."""
    plot = plot_for(knowledge, form.kind if form.kind in knowledge.kinds else None)
    if any(form.units.get(name, "").strip() for name in (plot.x, plot.y)):
        return None  # a converted value is shown by the results; the plot takes canonical units
    x, y = form.number(plot.x), form.number(plot.y)
    if x is None or y is None or plot.x in form.errors or plot.y in form.errors:
        return None
    return Point.of(repr(x), repr(y))


@router.get("/classify", response_class=HTMLResponse)
async def classify_page(request: Request) -> HTMLResponse:
    """The form; once a kind is submitted, the answer per jurisdiction and the plot."""
    context = context_of(request)
    knowledge = await get_knowledge(request)
    kinds, jurisdictions = matrix.axes(knowledge)
    parameters = forms.parameter_fields(await get_knowledge(request))
    form = forms.read_classify_form(
        request.query_params, request.query_params.multi_items(), [p.notation for p in parameters]
    )
    chosen = "kind" in request.query_params
    every = _every(request)
    # "Show the parameters of the chosen kind" (without the script) redraws the form only
    submitted = chosen and "fields" not in request.query_params
    known_kinds = {k.notation for k in kinds}
    if chosen and form.kind not in known_kinds:
        form.errors["kind"] = f"kind: choose one of the listed item kinds (got {form.kind!r})"
    unknown = [j for j in form.jurisdictions if j not in {a.notation for a in jurisdictions}]
    if unknown:
        form.errors["jurisdictions"] = f"jurisdictions: unknown {', '.join(unknown)}"
    if not chosen:
        form.kind = "quantum-computer" if "quantum-computer" in known_kinds else ""
    result: ClassifyAnswer | None = None
    if submitted and not form.errors:
        try:
            result = await call(
                classification.classify,
                context,
                form.item(),
                form.jurisdictions or None,
                form.date(),
            )
        except ExportgraphError as error:
            forms.place_error(form, error.field, error.detail)
    plot = None
    if submitted and "kind" not in form.errors and "as_of" not in form.errors:
        plot = await call(
            plots.control_region_plots,
            knowledge,
            form.date(),
            _point(knowledge, form),
            form.kind,
            form.jurisdictions or None,
        )
        if not any(panel.region.bands for panel in plot.panels):
            plot = None
    return await render(
        request,
        "ui/classify.html",
        section="/classify",
        title="Is it controlled, and where?",
        form=form,
        submitted=submitted,
        kinds=kinds,
        jurisdictions=jurisdictions,
        jurisdiction_labels=_labels(jurisdictions),
        kind_labels=_labels(kinds),
        parameters=forms.shown_fields(parameters, form, every=every),
        every=every,
        result=result,
        rows=_answer_rows(result["results"], {j.notation: j.parent for j in jurisdictions})
        if result
        else [],
        plot=plot,
        today=dt.date.today().isoformat(),
        status_code=422 if form.errors or form.general else 200,
    )


def _every(request: Request) -> bool:
    """Whether the form is asked to show every parameter, not only the chosen kind's."""
    return request.query_params.get("all") == "1"


@router.get("/classify/parameters", response_class=HTMLResponse)
async def classify_parameters(request: Request) -> HTMLResponse:
    """The classify form's parameter fields for a kind (and the values given), alone: what the
    page's script puts in place when the kind changes."""
    knowledge = await get_knowledge(request)
    parameters = forms.parameter_fields(knowledge)
    form = forms.read_classify_form(
        request.query_params, request.query_params.multi_items(), [p.notation for p in parameters]
    )
    return await render(
        request,
        "ui/_parameters.html",
        form=form,
        parameters=forms.shown_fields(parameters, form, every=_every(request)),
    )


def _finite(value: str, name: str) -> float:
    """A coordinate of the plot's point, named by its parameter; a finite number."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InvalidInput(f"{name}: {value!r} is not a finite number", field=name)
    return number


def _date(value: str | None, name: str = "as_of") -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name}: {value!r} is not a date (YYYY-MM-DD)", field=name) from None


@router.get("/classify/plot.svg")
async def classify_plot(
    request: Request,
    jurisdiction: str = Query(..., description="one jurisdiction code"),
    kind: str | None = Query(
        None, description="the kind whose plane is drawn (default: the data's first plot)"
    ),
    as_of: str | None = None,
    qubits: str | None = Query(
        None,
        description="the former name of the x value (physical qubits on the first plane)",
        deprecated=True,
    ),
) -> Response:
    """One jurisdiction's control-region panel as a standalone SVG file. The item's point is
    given by the plane's two parameters, named as the data names them (`physical-qubits`,
    `cnot-error` on the quantum-computer plane)."""
    knowledge = await get_knowledge(request)
    plane = plot_for(knowledge, kind)
    given = request.query_params
    x, y = given.get(plane.x, qubits), given.get(plane.y)
    point = Point.of(_finite(x, plane.x), _finite(y, plane.y)) if x and y else None
    plot = await call(
        plots.control_region_plots, knowledge, _date(as_of), point, kind, [jurisdiction]
    )
    if not plot.panels:
        raise InvalidInput(
            f"jurisdiction: {jurisdiction!r} has no entry with thresholds for {plot.kind!r}",
            field="jurisdiction",
        )
    return Response(plot.panels[0].svg, media_type="image/svg+xml")


@router.get("/compare", response_class=HTMLResponse)
async def compare_page(
    request: Request,
    as_of: str | None = None,
    lang: str = "en",
    a: str | None = None,
    b: str | None = None,
    members: str = "",
    kinds: str = "",
    category: str = "",
) -> HTMLResponse:
    """The equivalence matrix and, for a pair of jurisdictions, the relation of their entries.
    Its rows are the kinds that lists other than the whole US and EU lists control (those lists'
    hundreds of other kinds with `kinds=all`); the pair view lists the entries of those rows,
    of one category where chosen."""
    knowledge = await get_knowledge(request)
    errors: dict[str, str] = {}
    try:
        date = _date(as_of)
    except InvalidInput as error:
        errors["as_of"] = error.detail
        date = dt.date.today()
    table = await call(matrix.comparison_matrix, knowledge, date, lang if lang.isalpha() else "en")
    codes = {j.notation for j in table.jurisdictions}
    for name, value in (("a", a), ("b", b)):
        if value and value not in codes:
            errors[name] = f"{name}: unknown jurisdiction {value!r}"
    if category and category not in CATEGORIES:
        errors["category"] = f"category: {category!r} is not a category (0 to 9)"
    rows, every_kind = matrix.shown_kinds(knowledge, table, kinds == "all")
    pair = None
    if a and b and not errors:
        pair = await call(pair_relations, knowledge, table, rows, a, b, category)
    return await render(
        request,
        "ui/compare.html",
        section="/compare",
        title="Compare jurisdictions",
        matrix=table,
        as_of=date.isoformat(),
        a=a or "",
        b=b or "",
        errors=errors,
        pair=pair,
        lang=lang if lang.isalpha() else "en",
        every_member=members == "all",
        rows=rows,
        every_kind=every_kind,
        category=category if "category" not in errors else "",
        categories=CATEGORIES,
        whole_lists=sorted(matrix.whole_list_jurisdictions(knowledge)),
        status_code=422 if errors else 200,
    )
