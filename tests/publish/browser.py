"""Headless Chromium for the web catalogue's tests: Debian's ``/usr/bin/chromium`` driven by
playwright's Python API (no ``playwright install``), axe-core through axe-playwright-python,
and a local HTTP server for the site (Pagefind's search needs HTTP).

Without Chromium or playwright the tests are skipped with the reason, except under
``CI=true``, where a missing browser is a failure.

A test module takes the fixtures it uses by assignment (an import used only as a fixture
argument reads as unused to linters): ``browser = harness.browser``, ``page = harness.page``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kpss.publish.serve import make_server, server_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("KPSS_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}


def unavailable(reason: str) -> None:
    """Skip with *reason*, or fail under ``CI=true`` (CI must run the browser tests)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def launch() -> Iterator[Browser]:
    """Chromium launched through playwright, closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole test session."""
    with launch() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context: no cache, no history) at desktop width."""
    context = browser.new_context(viewport=DESKTOP, locale="cs-CZ")
    try:
        yield context.new_page()
    finally:
        context.close()


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """*site* served on 127.0.0.1 (a free port) while the block runs; yields the home URL."""
    server = make_server(site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.1 A and AA violations axe-core finds on *page*."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines: rule, impact, help, and each offending element."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"<{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


def errors_of(page: Page) -> list[str]:
    """Start collecting the page's script errors and failed requests (a list filled live)."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    return problems
