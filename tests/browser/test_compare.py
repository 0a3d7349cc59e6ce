"""The comparison matrix in a browser: every jurisdiction, statuses in words, a pair's relations."""

from __future__ import annotations

from typing import Any

from exportgraph.knowledge.current import current
from exportgraph.services.reference import entries
from tests.ui.test_matrix import is_column

from .conftest import Server, playwright_expect

expect = playwright_expect()


def _shown_codes(page: Any) -> list[str]:
    codes: list[str] = page.locator("#matrix thead th[data-jurisdictions]").evaluate_all(
        "cells => cells.flatMap(c => c.dataset.jurisdictions.split(' '))"
    )
    return codes


def test_the_matrix_shows_every_jurisdiction(page: Any, server: Server, screenshot: Any) -> None:
    page.goto("/compare?as_of=2025-12-01")
    expected = sorted(
        j["code"] for j in entries.list_jurisdictions(current(server.context)) if is_column(j)
    )
    assert sorted(_shown_codes(page)) == expected
    qc = page.locator('#matrix tr[data-kind="quantum-computer"]')
    us = qc.locator('td[data-jurisdictions="US"]')
    expect(us).to_have_attribute("data-status", "controlled")
    expect(us.locator(".status")).to_have_text("Controlled")
    expect(us).to_contain_text("4A906.a.1")
    expect(us).to_contain_text("2024-09-06")
    # status is written in every cell, not shown by colour alone
    cells = page.locator("#matrix tbody td")
    assert cells.count() == page.locator("#matrix tbody td .status").count()
    expect(page.get_by_role("list", name="Legend")).to_contain_text("Provisional")
    screenshot(page, "04-compare-matrix")
    # every member state as its own column
    page.get_by_role("link", name="Show every member state as its own column").click()
    shown = _shown_codes(page)
    assert sorted(shown) == expected
    assert page.locator("#matrix thead th.group").count() == 0


def test_a_pair_of_jurisdictions_shows_the_derived_relations(page: Any, screenshot: Any) -> None:
    page.goto("/compare?as_of=2025-12-01")
    page.get_by_label("Compare entries of").select_option("US")
    page.get_by_label("with those of").select_option("EU")
    page.get_by_role("button", name="Show").click()
    row = page.locator('#pair-table tr[data-entry="US:4A906.a.2"][data-match="EU:4A506.a.2"]')
    expect(row).to_contain_text("exactMatch")
    screenshot(page.locator("#pair"), "05-compare-pair")
