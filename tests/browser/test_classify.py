"""Classify the 120-qubit machine in a real browser; the plot puts it inside the US region."""

from __future__ import annotations

import re
from typing import Any

from exportgraph.services.partners.classify import classify

from .conftest import Server, playwright_expect

expect = playwright_expect()

AS_OF = "2025-12-01"
ITEM = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}


def classify_in_page(page: Any, qubits: str = "120", error: str = "8e-4") -> None:
    page.goto("/classify")
    page.get_by_label("Kind of item").select_option("quantum-computer")
    page.locator("#p-physical-qubits").fill(qubits)
    page.locator("#p-cnot-error").fill(error)
    page.get_by_label("Date", exact=True).fill(AS_OF)
    page.get_by_role("button", name="Classify").click()
    expect(page.locator("#summary-table")).to_be_visible()


def test_the_120_qubit_machine_is_controlled_in_us_and_eu(
    page: Any, server: Server, screenshot: Any
) -> None:
    classify_in_page(page)
    for jurisdiction, entry in (("US", "US:4A906.a.2"), ("EU", "EU:4A506.a.2")):
        row = page.locator(f'#summary-table tr[data-jurisdiction="{jurisdiction}"]')
        expect(row).to_have_attribute("data-controlled", "true")
        expect(row.locator(".status")).to_have_text("Controlled")
        expect(row.get_by_role("link", name=entry)).to_be_visible()
    expect(page.locator("#summary")).to_contain_text("Controlled")
    # every jurisdiction's answer is the classification service's
    expected = classify(server.context, ITEM, None, AS_OF)
    for result in expected["results"]:
        code = result["jurisdiction"]
        row = page.locator(
            f'#summary-table tr[data-jurisdiction="{code}"], '
            f'#summary-table tr[data-jurisdictions~="{code}"]'
        )
        expect(row).to_have_attribute("data-controlled", str(result["controlled"]).lower())
    # the details name the thresholds that decided
    details = page.locator('#result-US section[data-entry="US:4A906.a.2"]')
    expect(details).to_contain_text("≥ 100")
    expect(details).to_contain_text("≤ 0.001")
    screenshot(page, "01-classify-120-qubits")


def _box(locator: Any) -> tuple[float, float, float, float]:
    return tuple(float(locator.get_attribute(k)) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def test_the_plot_puts_the_machine_inside_the_us_region(page: Any, screenshot: Any) -> None:
    classify_in_page(page)
    figure = page.locator("#plot-US")
    expect(figure).to_have_attribute("data-inside", "true")
    point = figure.locator("circle[data-inside]")
    expect(point).to_have_attribute("data-inside", "true")
    assert "US:4A906.a.2" in (point.get_attribute("data-bands") or "").split()
    cx, cy = float(point.get_attribute("cx")), float(point.get_attribute("cy"))
    bands = figure.locator("rect.band")
    assert bands.count() >= 8
    hits = []
    for index in range(bands.count()):
        x, y, w, h = _box(bands.nth(index))
        if x <= cx <= x + w and y <= cy <= y + h:
            hits.append(bands.nth(index).get_attribute("data-entry"))
    assert hits == ["US:4A906.a.2"]
    # and on screen: the dot's centre is inside the drawn band
    band = figure.locator('rect.band[data-entry="US:4A906.a.2"]').bounding_box()
    dot = point.bounding_box()
    centre = (dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
    assert band["x"] <= centre[0] <= band["x"] + band["width"]
    assert band["y"] <= centre[1] <= band["y"] + band["height"]
    screenshot(page.locator("#plot"), "02-classify-plot")


def test_a_worse_machine_falls_outside_every_band(page: Any) -> None:
    classify_in_page(page, error="5e-3")
    expect(page.locator('#summary-table tr[data-jurisdiction="US"]')).to_have_attribute(
        "data-controlled", "false"
    )
    figure = page.locator("#plot-US")
    point = figure.locator("circle[data-inside]")
    expect(point).to_have_attribute("data-inside", "false")
    cx, cy = float(point.get_attribute("cx")), float(point.get_attribute("cy"))
    bands = figure.locator("rect.band")
    for index in range(bands.count()):
        x, y, w, h = _box(bands.nth(index))
        assert not (x <= cx <= x + w and y <= cy <= y + h)


def test_a_band_opens_its_entry_page(page: Any, screenshot: Any) -> None:
    classify_in_page(page)
    page.locator('#plot-US a:has(rect[data-entry="US:4A906.a.2"])').click()
    expect(page).to_have_url(re.compile(r"/entries/US:4A906\.a\.2$"))
    expect(page.locator("h1")).to_have_text("US:4A906.a.2")
    expect(page.locator("#sources a").first).to_be_visible()
    expect(page.locator("#equivalents")).to_contain_text("EU:4A506.a.2")
    screenshot(page, "03-entry-page")


def test_another_kind_brings_its_parameters_and_keeps_what_was_typed(page: Any) -> None:
    page.goto("/classify")
    expect(page.locator("#show-fields")).to_be_hidden()  # the script redraws the fields itself
    page.locator("#p-physical-qubits").fill("120")
    page.get_by_label("Kind of item").select_option("dilution-refrigerator")
    expect(page.locator("#p-cooling-power")).to_be_visible()
    expect(page.locator("#p-physical-qubits")).to_have_value("120")
    assert page.locator("#param-grid .field").count() < 10
    page.locator("#show-all-parameters").check()
    expect(page.locator("#p-wafer-diameter")).to_be_visible()
    assert page.locator("#param-grid .field").count() > 100
    expect(page.locator("#p-physical-qubits")).to_have_value("120")
