"""Usable without a mouse and on a narrow screen; errors are shown next to their field."""

from __future__ import annotations

from typing import Any

from .conftest import playwright_expect

expect = playwright_expect()


def _focused_id(page: Any) -> str:
    value: str = page.evaluate("document.activeElement && document.activeElement.id || ''")
    return value


def _tab_to(page: Any, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_id(page) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_classify_with_the_keyboard_only(page: Any) -> None:
    page.goto("/classify")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    _tab_to(page, "p-cnot-error")
    page.keyboard.type("8e-4")
    _tab_to(page, "p-physical-qubits")
    page.keyboard.type("120")
    page.keyboard.press("Enter")  # submits the form
    expect(page.locator('#summary-table tr[data-jurisdiction="US"]')).to_have_attribute(
        "data-controlled", "true"
    )


def test_every_field_has_a_label(page: Any) -> None:
    for path in (
        "/classify",
        "/compare",
        "/agreements",
        "/review",
        "/reviews",
        "/concepts",
        "/reports",
        "/whatif",
    ):
        page.goto(path)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.id || el.name)"""
        )
        assert unlabelled == [], (path, unlabelled)


def test_narrow_screen_errors_next_to_the_field(narrow_page: Any, screenshot: Any) -> None:
    page = narrow_page
    page.goto("/classify")
    page.locator("#p-physical-qubits").fill("12O")
    page.locator("#p-cnot-error").fill("8e-4")
    page.get_by_role("button", name="Classify").click()
    error = page.locator("#field-physical-qubits #physical-qubits-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("not a number")
    field = page.locator("#p-physical-qubits")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "physical-qubits-error")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px)"
    screenshot(page, "09-narrow-field-error")
    page.goto("/compare?as_of=2025-12-01")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the table scrolls alone
    screenshot(page, "10-narrow-compare")
