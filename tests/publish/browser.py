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
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kpss.publish.serve import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "rpss-plzensky"
#: Aš, far from the sample's services: added to the exported area, its page has no service.
OBEC_WITHOUT_SERVICES = "554499"
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per test module (each module takes the fixture by assignment, and
    playwright's sync API allows one running driver at a time)."""
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


def served(site: Path) -> contextlib.AbstractContextManager[str]:
    """*site* served on 127.0.0.1 (a free port) while the block runs; yields the home URL."""
    return serving(site, 0)


@contextlib.contextmanager
def builtin_plugins_only() -> Iterator[None]:
    """No third-party plugin (no branding) while the block runs."""
    from kpss.plugins import manager

    saved = os.environ.get(manager.ENV_LOAD)
    os.environ[manager.ENV_LOAD] = ""
    manager.reset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ[manager.ENV_LOAD]
        else:
            os.environ[manager.ENV_LOAD] = saved
        manager.reset()


def export_sample(out: Path, *, branded: bool = True) -> Path:
    """The sample register (ORP Kralovice, plus an obec no service reaches) exported with
    ``kpss.export`` as the web catalogue into ``out/site`` and as fragments (a list and a
    card) placed in host pages ``out/fragment-*.html``, as a CMS would show them.
    *branded*: with the installed plugins (kpss-plzensky brands the site), else with the
    built-in ones only. Returns *out*; serve it and open ``site/…`` and ``fragment-….html``.
    """
    with contextlib.nullcontext() if branded else builtin_plugins_only():
        _export_sample(out)
    return out


def _export_sample(out: Path) -> None:
    import kpss
    from kpss.model.territory import Area, Level

    territory = kpss.territory()
    (orp,) = territory.find("Kralovice", Level.ORP)
    area = Area(
        "kralovice-as",
        "Kralovice",
        territory.obec_codes(orp) | {OBEC_WITHOUT_SERVICES},
    )
    catalog = kpss.load(
        SAMPLE / "rpss.json",
        codes=SAMPLE / "ciselniky",
        filter=kpss.resolve_filter(orp="Kralovice").filter,
    ).catalog
    kpss.export(catalog, "web", out / "site", settings={"area": area})
    first = min(catalog.services)
    for name, settings in (("list", {}), ("card", {"service": first})):
        fragment = out / f"fragment-{name}.part"
        kpss.export(catalog, "fragment", fragment, settings={"area": area, **settings})
        host = (
            '<!doctype html><html lang="cs"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Sociální služby – obec Kralovice</title></head><body><main>"
            "<h1>Sociální služby</h1><h2>V\u00a0Kralovicích a\u00a0okolí</h2>"
            f"{fragment.read_text(encoding='utf-8')}</main></body></html>"
        )
        (out / f"fragment-{name}.html").write_text(host, encoding="utf-8")


def page_types(site: Path) -> dict[str, str]:
    """One page of every type in an exported *site*: name -> path relative to the site.
    Of several pages of a type the biggest is taken (it shows the most parts)."""

    def biggest(folder: str, exclude: str = "") -> str:
        pages = [p for p in (site / folder).glob("*.html") if p.name not in {"index.html", exclude}]
        if not pages:
            raise AssertionError(f"{site / folder} has no page")
        page = max(pages, key=lambda p: (p.stat().st_size, p.name))
        return f"{folder}/{page.name}"

    without = f"{OBEC_WITHOUT_SERVICES}.html"
    return {
        "home": "index.html",
        "hledat": "hledat.html",
        "service": biggest("sluzby"),
        "services": "sluzby/index.html",
        "provider": biggest("poskytovatele"),
        "providers": "poskytovatele/index.html",
        "obec": biggest("obce", exclude=without),
        "obec-without-services": f"obce/{without}",
        "obce": "obce/index.html",
        "kind": biggest("druhy"),
        "kinds": "druhy/index.html",
        "group": biggest("skupiny"),
        "groups": "skupiny/index.html",
        "situation": biggest("situace"),
        "situations": "situace/index.html",
    }


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
    """Start collecting the page's script errors and failed requests (a list filled live).
    The browser's own request for /favicon.ico does not count."""
    problems: list[str] = []

    def response(answer: Any) -> None:
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            problems.append(f"HTTP {answer.status}: {answer.url}")

    def console(message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error: {message.text}")

    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.on("response", response)
    page.on("console", console)
    return problems
