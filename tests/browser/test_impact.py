"""The impact report and a pending change's impact in a browser: the SVG plots render with a size,
the products sit on the plane, the regions before and after are drawn."""

from __future__ import annotations

from typing import Any

from exportgraph.services.partners.screening import loaded_index
from exportgraph.services.standards import changes
from exportgraph.services.users import User

from .conftest import Server, playwright_expect

expect = playwright_expect()
REPORT = "/v1/reports/impact?from=2024-01-01&to=2025-12-01&jurisdiction=US&jurisdiction=EU"


def _sizes(page: Any, selector: str) -> list[dict[str, float]]:
    sizes: list[dict[str, float]] = page.locator(selector).evaluate_all(
        "svgs => svgs.map(s => { const r = s.getBoundingClientRect();"
        " return {width: r.width, height: r.height}; })"
    )
    return sizes


def test_the_report_page_draws_its_plots(page: Any, screenshot: Any) -> None:
    page.goto(REPORT, wait_until="load")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024-01-01 → 2025-12-01")
    for plot in ("migration", "harmonization", "matrix", "plane"):
        expect(page.locator(f'svg[data-plot="{plot}"]').first).to_be_visible()
    sizes = _sizes(page, "svg.impact-plot")
    assert len(sizes) >= 5 and all(s["width"] > 100 and s["height"] > 80 for s in sizes)
    us = page.locator('svg[data-plot="plane"][data-jurisdiction="US"]')
    assert us.locator("circle.product").count() > 10
    assert us.locator("rect.band.after").count() > 0
    # the products lacking a published figure are counted on the plot, never placed
    assert int(us.get_attribute("data-undrawn") or 0) > 0
    expect(us.locator("text.undrawn").first).to_contain_text("not drawn")
    expect(page.locator("#changes")).to_contain_text("US:3A901.a")
    # the CSV and JSON links give the same report
    csv_link = page.get_by_role("link", name="CSV")
    assert "format=csv" in (csv_link.get_attribute("href") or "")
    screenshot(page, "20-impact-report")


def test_a_pending_change_shows_its_impact_before_review(
    page: Any, server: Server, screenshot: Any
) -> None:
    store = server.context.store
    criterion = "EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:thresholdValue"
    proposal = changes.propose(
        store,
        User("browser-impact-editor", "editor"),
        {
            "summary": "EU C-NOT error bound to 5e-4 (browser)",
            "rationale": "impact shown before review",
            "base_version": store.data_version(),
            "remove": f'{criterion} "0.001"^^xsd:decimal .',
            "add": f'{criterion} "0.0005"^^xsd:decimal .',
        },
    )
    # the example agreements' researcher exchanges screen their recipients: read the list first,
    # as any first agreement validation of the process does (seconds on a loaded machine)
    loaded_index()
    try:
        page.goto(f"/review/changes/{proposal['id']}", wait_until="load")
        section = page.locator("#impact")
        expect(section).to_be_visible()
        expect(section).to_contain_text("Nothing has been written")
        eu = section.locator('svg[data-plot="plane"][data-jurisdiction="EU"]')
        expect(eu).to_be_visible()
        assert eu.locator('rect.band.before[data-entry="EU:4A506.a.2"]').count() > 0
        # the shipped example agreements are assessed (those in this band are licensed)
        agreements = section.locator("#impact-agreements")
        expect(agreements).to_contain_text("the shipped example agreements")
        assert int(agreements.get_attribute("data-assessed") or 0) > 0
        assert all(s["width"] > 100 for s in _sizes(page, "#impact svg.impact-plot"))
        screenshot(page, "21-pending-change-impact")
    finally:
        changes.reject(store, User("browser-impact-reviewer", "reviewer"), proposal["id"])
