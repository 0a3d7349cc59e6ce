"""Browser tests: a real uvicorn on 127.0.0.1 (free port) over a memory store built once from
the project's data, driven by Playwright with Debian's chromium.

Under CI (env CI set) a missing chromium or playwright fails the run; elsewhere the tests are
skipped with the reason shown.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from exportgraph.api.app import create_app

from exportgraph.graph.context import Context
from exportgraph.services import users
from exportgraph.settings import Settings
from tests.real_graph import real_store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "_artifacts" / "screenshots"


def playwright_expect() -> Any:
    """playwright's `expect`; without playwright the calling module is skipped (failed under CI)."""
    try:
        from playwright.sync_api import expect
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    # an assertion waits as long as an action does (the contexts' 20 s), not playwright's 5 s: on
    # a loaded machine a page's first answer can take longer than 5 s without anything being wrong
    expect.set_options(timeout=20_000)
    return expect


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str) -> None:
    """Fail under CI, skip (with the reason) elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run under CI: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


@dataclass(frozen=True)
class Server:
    """The running app: its base URL, context and users file."""

    url: str
    context: Context
    users_file: Path

    def token(self, name: str, role: str) -> str:
        """A new account's bearer token, made through the users service."""
        return users.add_user(self.users_file, name, role)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """uvicorn serving the app in a thread, over a memory store built from ontology/."""
    folder = tmp_path_factory.mktemp("ui-server")
    users_file = folder / "users.json"
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users_file))
    context = Context(settings, store=real_store())
    port = _free_port()
    app = create_app(context, warm=True)  # as `exportgraph serve` runs it
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="ui-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    # the tests time pages in a warm server (a first write or review page on a cold one computes
    # seconds of whole-graph checks and indexes: a test of its own covers that path)
    app.state.warm_up.thread.join(timeout=300)
    yield Server(f"http://127.0.0.1:{port}", context, users_file)
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Headless chromium (Debian's), launched once for the browser files (they run as one unit:
    tests/xdist_schedule.py). Closed after them: playwright's sync API keeps an event loop running
    in the thread, and a later file's asyncio.run() would fail in it."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh browser context (no cookies) on a desktop-sized window."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def narrow_page(browser: Any, server: Server) -> Iterator[Any]:
    """A phone-sized window."""
    context = browser.new_context(
        base_url=server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    context.set_default_timeout(20_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def screenshot() -> Any:
    """save(page_or_locator, name): a PNG under tests/_artifacts/screenshots/ (git-ignored); a
    page is taken whole, a locator (one section) alone."""

    def save(target: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if hasattr(target, "goto"):
            target.screenshot(path=str(path), full_page=True)
        else:
            target.screenshot(path=str(path))
        return path

    return save
