"""An editor's change goes through review: propose, see the shapes report, a reviewer approves."""

from __future__ import annotations

import re
from typing import Any

from exportgraph.knowledge.current import current
from exportgraph.services.reference.concepts import get_concept

from .conftest import Server, playwright_expect

expect = playwright_expect()

LABEL = "errore C-NOT (prova del browser)"


def _sign_in(browser: Any, server: Server, token: str) -> Any:
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/review")
    page.get_by_label("Access token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("header .who")).to_contain_text("Signed in as")
    return page


def test_an_editors_change_goes_through_review(
    browser: Any, server: Server, screenshot: Any
) -> None:
    editor = _sign_in(browser, server, server.token("browser-editor", "editor"))
    cookie = next(c for c in editor.context.cookies() if c["name"] == "eg_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert editor.evaluate("document.cookie") == ""  # scripts cannot read the token
    editor.get_by_label("Summary").fill("Italian alternative label of the C-NOT error")
    editor.get_by_label("Rationale").fill("Used in the Italian national guidance.")
    editor.get_by_label("Statements to add (Turtle)").fill(
        f'parameter:cnot-error skos:altLabel "{LABEL}"@it .'
    )
    editor.get_by_role("button", name="Propose").click()
    expect(editor).to_have_url(re.compile(r"/review/changes/\d+$"))
    change_url = editor.url
    expect(editor.locator("#change-status")).to_have_attribute("data-status", "proposed")
    expect(editor.locator("#shapes-report")).to_have_attribute("data-conforms", "true")
    expect(editor.get_by_role("button", name="Approve and apply")).to_have_count(0)
    expect(editor.locator(".notice")).to_contain_text("your own change")
    screenshot(editor, "07-review-proposed")

    reviewer = _sign_in(browser, server, server.token("browser-reviewer", "reviewer"))
    change_id = change_url.rsplit("/", 1)[1]
    queued = reviewer.locator(f'#queue-h + .table-wrap tr[data-change="{change_id}"]')
    expect(queued).to_contain_text("Italian alternative label")
    queued.get_by_role("link").click()
    reviewer.get_by_label("Comment (optional)").fill("Checked against the guidance.")
    reviewer.get_by_role("button", name="Approve and apply").click()
    expect(reviewer.locator("#change-status")).to_have_attribute("data-status", "approved")
    expect(reviewer.locator("#change-status")).to_contain_text("browser-reviewer")
    screenshot(reviewer, "08-review-approved")
    # the change is in the graph: the concept page shows the label
    concept = get_concept(current(server.context), "cnot-error")
    assert LABEL in concept["alt_labels"].get("it", [])
    reviewer.goto("/concepts/cnot-error?lang=it")
    expect(reviewer.locator('#labels tr[data-lang="it"]')).to_contain_text(LABEL)
    # the editor signs out: the cookie is gone
    editor.goto(change_url)
    editor.get_by_role("button", name="Sign out").click()
    expect(editor.locator("header .who")).to_contain_text("Sign in")
    assert not [c for c in editor.context.cookies() if c["name"] == "eg_session"]
    editor.context.close()
    reviewer.context.close()
