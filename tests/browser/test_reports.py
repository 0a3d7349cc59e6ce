"""The impact report and the what-if reached from the web UI: the navigation's pages, their forms
(dates or releases and jurisdictions; an entry's threshold), the pages they open, and a value that
cannot be read shown beside its field."""

from __future__ import annotations

from typing import Any

from .conftest import playwright_expect

expect = playwright_expect()


def test_the_report_form_opens_the_report(page: Any, screenshot: Any) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Impact report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact report")
    page.get_by_label("From").fill("2024-01-01")
    page.get_by_label("To", exact=True).fill("2025-12-01")
    page.get_by_label("United States (US)").check()
    page.get_by_label("European Union (EU)").check()
    screenshot(page, "reports-form")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024-01-01 → 2025-12-01")
    expect(page.locator('svg[data-plot="plane"][data-jurisdiction="US"]')).to_be_visible()
    expect(page.locator('svg[data-plot="plane"][data-jurisdiction="GB"]')).to_have_count(0)
    csv = page.get_by_role("link", name="CSV").get_attribute("href") or ""
    assert "format=csv" in csv and "jurisdiction=US" in csv and "jurisdiction=EU" in csv


def test_a_date_that_cannot_be_read_is_shown_beside_its_field(page: Any) -> None:
    page.goto("/reports?from=2024-13-45&to=")
    field = page.get_by_label("From")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#from-error")).to_contain_text("from")
    expect(field).to_have_value("2024-13-45")


def test_an_entrys_criterion_opens_the_what_if(page: Any, screenshot: Any) -> None:
    page.goto("/entries/EU:4A506.a.2")
    page.get_by_role("row", name="cnot-error").get_by_role("link", name="What if…").click()
    expect(page.get_by_label("Entry", exact=True)).to_have_value("EU:4A506.a.2")
    expect(page.get_by_label("Parameter", exact=True)).to_have_value("cnot-error")
    page.get_by_label("Threshold", exact=True).fill("5e-4")
    page.get_by_label("European Union (EU)").check()
    screenshot(page, "whatif-form")
    page.get_by_role("button", name="Show the impact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What if the rule changed?")
    expect(page.locator('svg[data-plot="plane"][data-jurisdiction="EU"]').first).to_be_visible()
    page.go_back()
    page.get_by_label("Threshold", exact=True).fill("a lot")
    page.get_by_role("button", name="Show the impact").click()
    expect(page.get_by_label("Threshold", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#threshold-error")).to_contain_text("a lot")
