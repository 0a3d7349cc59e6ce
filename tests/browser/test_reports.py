"""The impact report reached from the web UI: the navigation's page, its form (dates or releases,
jurisdictions), the report it opens, and a date that cannot be read shown beside its field."""

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
