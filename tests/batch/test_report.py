"""The impact report on the real data (GET /v1/reports/impact): every entry coming into force
between the dates is listed, each movement is what the single-item classifier answers on the
dates around it, the products an entry newly catches are exactly those it moves to controlled;
CSV and the HTML page with parseable SVG plots; bad input named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.impact_report import CSV_COLUMNS
from exportgraph.services.reference.products import product_item
from exportgraph.services.standards.impact_report import impact_report
from tests.batch.conftest import single

FROM, TO = "2024-01-01", "2025-12-01"
CODES = ["US", "EU", "FR", "GB", "JP"]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def report(client: TestClient) -> dict[str, Any]:
    response = client.get(
        "/v1/reports/impact", params={"from": FROM, "to": TO, "jurisdiction": CODES}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_every_entry_coming_into_force_is_listed(
    knowledge: Knowledge, report: dict[str, Any]
) -> None:
    first, last = dt.date.fromisoformat(FROM), dt.date.fromisoformat(TO)
    governing = {g for code in CODES for g in knowledge.governing(code)}
    expected = {
        (e.id, e.effective_from.isoformat())
        for e in knowledge.entries.values()
        if e.jurisdiction in governing and e.effective_from and first < e.effective_from <= last
    }
    listed = {(c["entry"], c["date"]) for c in report["changes"]}
    assert listed == expected and expected
    assert {c["change"] for c in report["changes"]} == {"in-force"}
    days = [p["date"] for p in report["timeline"]]
    assert days == sorted({FROM, TO, *(d for _, d in expected)})


def test_each_movement_is_the_single_item_answer_on_the_dates_around_it(
    knowledge: Knowledge, report: dict[str, Any]
) -> None:
    days = [p["date"] for p in report["timeline"]]
    products = knowledge.products
    by_id = {p.id: p for p in products.values()}
    moved = {(m["product"], m["jurisdiction"], m["date"]): m for m in report["movements"]}
    assert moved
    for product in sorted(by_id)[::7]:  # a sample of every 7th product, every step
        item, _ = product_item(knowledge, by_id[product])
        answers = [single(knowledge, item, CODES, day) for day in days]
        for step in range(1, len(days)):
            was, now = answers[step - 1], answers[step]
            assert isinstance(was, list) and isinstance(now, list)
            for b, a in zip(was, now, strict=True):
                key = (product, b["jurisdiction"], days[step])
                if (b["controlled"], b["entries"]) == (a["controlled"], a["entries"]):
                    assert key not in moved
                else:
                    m = moved[key]
                    assert (m["before"], m["after"]) == (b["controlled"], a["controlled"])
                    assert (m["entries_before"], m["entries_after"]) == (b["entries"], a["entries"])


def test_caught_and_released_products_follow_the_movements(report: dict[str, Any]) -> None:
    caught_somewhere = False
    for change in report["changes"]:
        mine = [m for m in report["movements"] if m["date"] == change["date"]]
        caught = sorted(
            {
                m["product"]
                for m in mine
                if m["after"] is True
                and m["before"] is not True
                and change["entry"] in m["entries_after"]
            }
        )
        assert change["caught"] == caught
        assert set(change["caught"]) <= set(change["matched"])
        caught_somewhere |= bool(caught)
    assert caught_somewhere
    # cryogenic CMOS: products meet the criteria of US 3A901.a, but the catalogue does not say
    # whether they are specially designed or programmed for other equipment (Notes 1 and 2 to
    # Category 3A): they become undecided, not caught
    us = next(c for c in report["changes"] if c["entry"] == "US:3A901.a")
    assert us["date"] == "2024-09-06" and us["criteria"] and not us["caught"]
    assert any(
        m["product"] == "intel-horse-ridge-ii"
        and (m["date"], m["jurisdiction"], m["after"]) == (us["date"], "US", "unknown")
        for m in report["movements"]
    )
    totals = report["summary"]
    for code in CODES:
        caught = sum(
            1
            for m in report["movements"]
            if m["jurisdiction"] == code and m["after"] is True and m["before"] is not True
        )
        assert totals[code]["caught"] == caught
        moves = sum(1 for m in report["movements"] if m["jurisdiction"] == code)
        assert sum(totals[code].values()) == moves
    # products that publish no error rate become "unknown" when a list testing it comes in
    assert sum(t["undecided"] for t in totals.values()) > 0


def test_harmonization_over_time_and_the_matrix(report: dict[str, Any]) -> None:
    for point in report["timeline"]:
        counts = point["counts"]
        assert all(sum(c.values()) == report["corpus"] for c in counts.values())
        assert point["harmonization"] is None or 0 <= point["harmonization"] <= 1
    start = report["timeline"][0]
    # on 2024-01-01 none of these lists is in force: every product is "not controlled" everywhere
    assert all(c["true"] == 0 for c in start["counts"].values())
    for name in ("from", "to"):
        matrix = report["matrix"][name]
        shares = matrix["shares"]
        assert matrix["jurisdictions"] == CODES
        for i in range(len(CODES)):
            for j in range(len(CODES)):
                assert shares[i][j] == shares[j][i]
                assert shares[i][j] <= shares[i][i]
    us, eu = CODES.index("US"), CODES.index("EU")
    assert report["matrix"]["from"]["shares"][us][eu] == 1.0  # both control nothing yet
    assert report["matrix"]["to"]["shares"][us][eu] < 1.0


def test_csv_lists_every_movement(client: TestClient, report: dict[str, Any]) -> None:
    response = client.get(
        "/v1/reports/impact",
        params={"from": FROM, "to": TO, "jurisdiction": CODES},
        headers={"Accept": "text/csv"},
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(report["movements"])
    first = report["movements"][0]
    assert rows[1][:5] == [
        first["date"],
        first["jurisdiction"],
        first["product"],
        str(first["before"]).lower(),
        str(first["after"]).lower(),
    ]
    caught = [r for r in rows[1:] if r[4] == "true" and r[3] != "true"]
    assert caught and all(r[7] for r in caught)  # an entry that changed is named


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed as XML (a malformed one raises)."""
    return [ET.fromstring(found) for found in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def test_html_page_with_plots(client: TestClient, report: dict[str, Any]) -> None:
    response = client.get(
        "/v1/reports/impact",
        params={"from": FROM, "to": TO, "jurisdiction": CODES},
        headers={"Accept": "text/html"},
    )
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    plots = {svg.get("data-plot"): svg for svg in svgs(response.text)}
    assert {"migration", "harmonization", "matrix", "plane"} <= set(plots)
    bars = svgs(response.text)[0]
    counts = {
        (rect.get("data-jurisdiction"), rect.get("class")): int(rect.get("data-count") or 0)
        for rect in bars.iter(f"{SVG}rect")
        if rect.get("data-jurisdiction")
    }
    for code in CODES:
        assert counts[(code, "bar caught")] == report["summary"][code]["caught"]
    line = next(s for s in svgs(response.text) if s.get("data-plot") == "harmonization")
    dates = [c.get("data-date") for c in line.iter(f"{SVG}circle")]
    assert dates == [p["date"] for p in report["timeline"] if p["harmonization"] is not None]
    planes = [s for s in svgs(response.text) if s.get("data-plot") == "plane"]
    us = next(p for p in planes if p.get("data-jurisdiction") == "US")
    ringed = {
        c.get("data-product") for c in us.iter(f"{SVG}circle") if "moved" in c.get("class", "")
    }
    plotted = {c.get("data-product") for c in us.iter(f"{SVG}circle")}
    moved_us = {m["product"] for m in report["movements"] if m["jurisdiction"] == "US"}
    assert len(plotted) > 10 and ringed == plotted & moved_us
    before = [r for r in us.iter(f"{SVG}rect") if r.get("class") == "band before"]
    after = [r for r in us.iter(f"{SVG}rect") if r.get("class") == "band after"]
    assert not before and after  # no US region on 2024-01-01, one on 2025-12-01
    assert "US:4A906.a.2" in response.text


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"from": "2025-01-01", "to": "2024-01-01"}, 422, "to"),
        ({"from": "2024-13-01", "to": "2025-01-01"}, 422, "from"),
        ({"from": "2024-01-01", "to": "2025-02-30"}, 422, "to"),
        ({"to": "2025-01-01"}, 422, "from"),
        ({"from": "no-such-release", "to": "2025-01-01"}, 404, "from"),
        ({"from": "2024-01-01", "to": "no-such-release"}, 404, "to"),
        ({"from": "2024-01-01", "to": "2025-01-01", "format": "pdf"}, 422, "format"),
        ({"from": "2024-01-01", "jurisdiction": "XX"}, 422, "jurisdictions"),
    ],
)
def test_bad_input_is_named(
    client: TestClient, params: dict[str, str], status: int, field: str
) -> None:
    response = client.get("/v1/reports/impact", params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["field"].startswith(field)


def test_not_acceptable(client: TestClient) -> None:
    response = client.get(
        "/v1/reports/impact", params={"from": FROM}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406


def test_a_span_without_changes_says_so(context: Context, knowledge: Knowledge) -> None:
    run = impact_report(context.store, knowledge, "2026-01-01", "2026-06-01", ["US"])
    assert run.report["changes"] == [] and run.report["movements"] == []
    assert "No entry of US" in run.report["notes"][0]
    assert [p["date"] for p in run.report["timeline"]] == ["2026-01-01", "2026-06-01"]
