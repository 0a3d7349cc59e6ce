"""Search in a browser: the header's box on any page, the ranked hits with marked words, a click
through to the entry; markup in a query stays text; no sideways scroll on a phone."""

from __future__ import annotations

from typing import Any

from .conftest import playwright_expect

expect = playwright_expect()


def test_search_from_any_page_and_open_an_entry(page: Any, screenshot: Any) -> None:
    page.goto("/concepts")
    box = page.get_by_role("search", name="Search the control lists").get_by_label(
        "Search the control lists"
    )
    box.fill("atomic frequency standard")
    box.press("Enter")
    expect(page).to_have_url("/search?q=atomic+frequency+standard", ignore_case=True)
    hits = page.locator("ol.search-hits > li")
    expect(hits.first).to_have_attribute("data-id", "EU:3A002.g")
    expect(hits.nth(1)).to_have_attribute("data-id", "US:3A002.g")
    expect(hits.first.locator("mark").first).to_have_text("Atomic")
    screenshot(page, "search-results")
    page.get_by_label("Search for").fill("4A506")
    page.get_by_role("button", name="Search", exact=True).last.click()
    first = page.locator("ol.search-hits > li").first
    expect(first).to_have_attribute("data-id", "EU:4A506")
    expect(first).to_contain_text("code match")
    first.get_by_role("link", name="EU:4A506").click()
    expect(page.locator("h1")).to_have_text("EU:4A506")


def test_markup_in_a_query_is_shown_as_text(page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+laser")
    expect(page.locator("#results-title")).to_contain_text("<script>alert(1)</script> laser")
    expect(page.get_by_label("Search for")).to_have_value("<script>alert(1)</script> laser")
    assert dialogs == []
    assert page.locator("main script").count() == 0


def test_filters_on_a_narrow_screen(narrow_page: Any, screenshot: Any) -> None:
    page = narrow_page
    page.goto("/search")
    page.get_by_label("Search for").fill("dilution refrigerator")
    page.get_by_label("Jurisdiction").select_option("US")
    page.get_by_role("button", name="Search", exact=True).last.click()
    ids = page.locator("ol.search-hits > li").evaluate_all("items => items.map(i => i.dataset.id)")
    assert ids and all(i.startswith("US:") for i in ids) and "US:3A904.a" in ids
    expect(page.get_by_role("link", name="dilution refrigerator")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "search-narrow")
