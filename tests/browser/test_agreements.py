"""The agreement check in a browser: an invalid agreement shows the rule it fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import playwright_expect

expect = playwright_expect()


EXAMPLE = Path(__file__).resolve().parents[2] / "api" / "static" / "examples" / "agreement.json"


def test_an_invalid_agreement_shows_its_failing_rule(page: Any, screenshot: Any) -> None:
    agreement = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del agreement["dispute_resolution"]
    page.goto("/agreements")
    page.get_by_label("Agreement", exact=True).fill(json.dumps(agreement, indent=2))
    page.get_by_role("button", name="Check the agreement").click()
    report = page.locator(".agreement-report")
    expect(report).to_have_attribute("data-conforms", "false")
    expect(report.locator(".status").first).to_have_text("Does not conform")
    failing = report.locator('tr[data-rule="AGR-DISPUTE-RESOLUTION"]')
    expect(failing).to_have_attribute("data-outcome", "violation")
    expect(failing).to_contain_text("Violation")
    expect(report.locator('tr[data-rule="AGR-PARTIES"]')).to_have_attribute(
        "data-outcome", "passed"
    )
    screenshot(page, "06-agreement-report")
    with page.expect_download() as download:
        page.get_by_role("button", name="JSON").click()
    body = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert body["conforms"] is False
    assert "AGR-DISPUTE-RESOLUTION" in {v["rule"] for v in body["violations"]}


def test_the_example_and_a_file_upload(page: Any, tmp_path: Path) -> None:
    page.goto("/agreements")
    page.get_by_role("link", name="See an example agreement (JSON)").click()
    text = page.locator("#agreement-text")
    expect(text).not_to_have_value("")
    page.get_by_role("button", name="Check the agreement").click()
    expect(page.locator(".agreement-report")).to_have_attribute("data-conforms", "true")
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n<urn:a> eg:x", "utf-8"
    )
    page.goto("/agreements")
    page.get_by_label("…or a file").set_input_files(str(broken))
    page.get_by_role("button", name="Check the agreement").click()
    error = page.locator("#text-error")
    expect(error).to_be_visible()
    expect(page.locator("#agreement-text")).to_have_attribute("aria-invalid", "true")
