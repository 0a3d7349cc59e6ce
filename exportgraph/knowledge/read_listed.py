"""Read the whole lists' part of the knowledge index (queries/listed_paragraphs.rq,
listed_chart_rows.rq, listed_exceptions.rq, chart_row.rq, chart_territories.rq,
general_authorisations.rq): nothing is decided here, only assembled."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import unquote

from exportgraph.graph.queries import bind
from exportgraph.knowledge.listed import (
    ChartRow,
    GeneralAuthorisation,
    Inheritance,
    ListedData,
    ListedException,
    Paragraph,
    RequirementRow,
)
from exportgraph.knowledge.rows import Row, flag, plain, rows, tail
from exportgraph.store import Store


def _every(store: Store, name: str, variable: str) -> list[Row]:
    """Rows of a query written for a VALUES block, for every value (UNDEF)."""
    return [
        {key: plain(term) for key, term in solution.items()}
        for solution in store.select(bind(name, [{variable: None}]))
    ]


def _code(iri: str) -> str:
    """The code an entry or destination IRI ends with (`…/entry/EU/3A001.a.1` → 3A001.a.1)."""
    return unquote(tail(iri))


def read_listed(store: Store) -> ListedData:
    paragraphs = [
        Paragraph(
            iri=r["entry"],
            id=r["id"],
            code=r["id"].split(":", 1)[-1],
            jurisdiction=r["id"].split(":", 1)[0],
            parent=r.get("parent"),
        )
        for r in rows(store, "listed_paragraphs")
    ]
    return ListedData(
        paragraphs={p.id: p for p in paragraphs},
        by_iri={p.iri: p for p in paragraphs},
        requirements=_requirements(_every(store, "listed_chart_rows", "entry")),
        exceptions=_exceptions(rows(store, "listed_exceptions")),
        chart=_chart(_every(store, "chart_row", "destination")),
        inherits={
            _code(r["territory"]): Inheritance(_code(r["country"]), r.get("basis"))
            for r in rows(store, "chart_territories")
        },
        authorisations=_authorisations(rows(store, "general_authorisations")),
    )


def _requirements(found: list[Row]) -> dict[str, tuple[RequirementRow, ...]]:
    merged: dict[str, dict[int, RequirementRow]] = defaultdict(dict)
    for r in found:
        order = int(r["order"])
        row = merged[r["entry"]].get(order) or RequirementRow(
            order, r.get("reason"), r["appliesTo"], r["chart"], ()
        )
        column = r.get("column")
        if column and column not in row.columns:
            row = RequirementRow(
                row.order, row.reason, row.applies_to, row.chart, (*row.columns, column)
            )
        merged[r["entry"]][order] = row
    return {iri: tuple(by[o] for o in sorted(by)) for iri, by in merged.items()}


def _exceptions(found: list[Row]) -> dict[str, tuple[ListedException, ...]]:
    out: dict[str, list[ListedException]] = defaultdict(list)
    for r in sorted(found, key=lambda r: (r["entry"], int(r["order"]))):
        out[r["entry"]].append(ListedException(r["code"], r.get("text") or ""))
    return {iri: tuple(found) for iri, found in out.items()}


def _chart(found: list[Row]) -> dict[str, ChartRow]:
    columns: dict[str, set[str]] = defaultdict(set)
    footnotes: dict[str, list[str]] = defaultdict(list)
    first: dict[str, Row] = {}
    for r in found:
        code = _code(r["destination"])
        first.setdefault(code, r)
        if r.get("column"):
            columns[code].add(r["column"])
        note = r.get("footnote")
        if note and note not in footnotes[code]:
            footnotes[code].append(note)
    return {
        code: ChartRow(
            destination=code,
            name=r["name"],
            embargoed=bool(flag(r.get("embargoed"))),
            columns=frozenset(columns[code]),
            footnotes=tuple(sorted(footnotes[code], key=lambda n: int(n.split(".")[0]))),
            pointer=r.get("pointer") or None,
        )
        for code, r in first.items()
    }


def _authorisations(found: list[Row]) -> tuple[GeneralAuthorisation, ...]:
    first: dict[str, Row] = {}
    many: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in found:
        first.setdefault(r["gea"], r)
        for name in ("covers", "excludes", "excludedWords", "destination", "destinationName"):
            value = r.get(name)
            if value is not None and value not in many[r["gea"]][name]:
                many[r["gea"]][name].append(value)
        condition = r.get("condition")
        if condition is not None and condition not in many[r["gea"]]["condition"]:
            many[r["gea"]]["condition"].append(condition)
    out = []
    for iri, r in first.items():
        values = many[iri]
        code = r["id"].split(":", 1)[-1]
        out.append(
            GeneralAuthorisation(
                iri=iri,
                id=r["id"],
                code=code,
                jurisdiction=r["jurisdiction"],
                title=r.get("title") or code,
                text=r["text"],
                covers_all_items=bool(flag(r["coversAll"])),
                covers=frozenset(_code(i) for i in values["covers"]),
                excludes=frozenset(_code(i) for i in values["excludes"]),
                excluded_words=tuple(values["excludedWords"]),
                all_destinations=bool(flag(r["allDestinations"])),
                destinations=frozenset(_code(i) for i in values["destination"]),
                destination_names=tuple(values["destinationName"]),
                destination_conditions=tuple(values["condition"]),
                source_file=r["file"],
                source_version=r["version"],
            )
        )
    return tuple(sorted(out, key=lambda g: g.code))
