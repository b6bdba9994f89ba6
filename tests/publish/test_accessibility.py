"""WCAG 2.1 AA of the web catalogue and the CMS fragments, in headless Chromium.

The sample register (ORP Kralovice, plus an obec that no service reaches) is exported with
and without the kpss-plzensky branding; one page of every type is opened over HTTP and
checked by axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa: 0 violations), for visible
keyboard focus, and for reflow at 320 CSS pixels (no horizontal scrolling).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from . import browser as harness
from .browser import (
    axe_violations,
    describe_violations,
    errors_of,
    export_sample,
    page_types,
    served,
)

browser = harness.browser
page = harness.page

PAGE_TYPES = [
    "home",
    "hledat",
    "service",
    "services",
    "provider",
    "providers",
    "obec",
    "obec-without-services",
    "obce",
    "kind",
    "kinds",
    "group",
    "groups",
    "situation",
    "situations",
]
FRAGMENTS = ["fragment-list", "fragment-card"]
LOOKS = ["branded", "plain"]


@pytest.fixture(scope="module", params=LOOKS)
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """(URL of the served export folder, page paths by type) for each look."""
    out = export_sample(tmp_path_factory.mktemp(request.param), branded=request.param == "branded")
    paths = {name: f"site/{path}" for name, path in page_types(out / "site").items()}
    paths.update({name: f"{name}.html" for name in FRAGMENTS})
    with served(out) as url:
        yield url, paths


def open_page(page, exported, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    url, paths = exported
    problems = errors_of(page)
    response = page.goto(url + paths[name])
    assert response is not None
    assert response.ok, f"{paths[name]}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    return problems


def test_every_page_type_was_exported(exported):
    _, paths = exported
    assert sorted(paths) == sorted(PAGE_TYPES + FRAGMENTS)


@pytest.mark.parametrize("name", PAGE_TYPES + FRAGMENTS)
def test_no_wcag_violations(page, exported, name):
    problems = open_page(page, exported, name)
    violations = axe_violations(page)
    assert not violations, f"{name}: axe found\n{describe_violations(violations)}"
    assert problems == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pecovatelska", "Pečovatelská služba – Vlaštovka, z. s."),
        ("senior", "Pečovatelská služba – Vlaštovka, z. s."),
        ("nýřany", "Nýřany"),
    ],
)
def test_search_results_are_found_and_accessible(page, exported, query, expected):
    problems = open_page(page, exported, "hledat")
    page.locator("#kpss-q").press_sequentially(query)
    page.locator("#kpss-search-results .kpss-search-status").wait_for()
    titles = page.locator("a.kpss-search-result-title").all_inner_texts()
    assert expected in titles
    # Only the status line is announced, not every result.
    assert page.locator("#kpss-search-results").get_attribute("aria-live") == "off"
    assert page.locator(".kpss-search-status").get_attribute("role") == "status"
    violations = axe_violations(page)
    assert not violations, f"hledat with results: axe found\n{describe_violations(violations)}"
    assert problems == []


def test_search_from_the_home_page_by_keyboard(page, exported):
    url, _ = exported
    open_page(page, exported, "home")
    page.locator("#kpss-q").focus()
    page.keyboard.type("osobní asistence")
    page.keyboard.press("Enter")
    service = re.compile(r"^Osobní asistence – ")
    link = page.locator("a.kpss-search-result-title").filter(has_text=service)
    link.wait_for()
    assert page.url.endswith("index.html?q=osobn%C3%AD+asistence")  # the query can be shared
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(url) + r"site/sluzby/\d+\.html$"))
    assert page.locator("h1").inner_text().startswith("Osobní asistence")


FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
          s.textDecorationLine, s.borderColor].join(" | ");
}"""


@pytest.mark.parametrize("name", ["home", "service", "obec", "hledat", "fragment-card"])
def test_keyboard_focus_is_visible(page, exported, name):
    """Tab through the first focusable elements: each looks different when focused."""
    open_page(page, exported, name)
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        tag = page.evaluate("el => el.tagName", focused)
        if tag == "BODY":
            break
        with_focus = page.evaluate(FOCUS_STYLE, focused)
        box = page.evaluate("el => el.getBoundingClientRect().toJSON()", focused)
        page.evaluate("el => el.blur()", focused)
        without_focus = page.evaluate(FOCUS_STYLE, focused)
        label = page.evaluate("el => el.outerHTML.slice(0, 120)", focused)
        assert with_focus != without_focus, f"{name}: focus not visible on {label}"
        assert box["width"] > 0
        assert box["height"] > 0, f"{name}: focused element has no size: {label}"
        page.evaluate("el => el.focus()", focused)  # go on from here
        seen += 1
    assert seen >= (1 if name.startswith("fragment") else 3)


def test_skip_link_comes_first_and_leads_to_the_content(page, exported):
    open_page(page, exported, "service")
    page.keyboard.press("Tab")
    skip = page.evaluate_handle("document.activeElement")
    assert page.evaluate("el => el.getAttribute('href')", skip) == "#obsah"
    box = page.evaluate("el => el.getBoundingClientRect().toJSON()", skip)
    assert box["top"] >= 0
    assert box["left"] >= 0, "the skip link is off screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#obsah"
    assert page.locator("main#obsah").count() == 1


@pytest.fixture
def narrow(browser) -> Iterator:  # type: ignore[no-untyped-def]
    """A page 320 CSS pixels wide (WCAG 1.4.10 Reflow), like a phone."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="cs-CZ")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGE_TYPES + FRAGMENTS)
def test_no_horizontal_scrolling_on_a_phone(narrow, exported, name):
    open_page(narrow, exported, name)
    if name == "hledat":
        narrow.fill("#kpss-q", "služba")
        narrow.locator(".kpss-search-status").wait_for()
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{name}: the page is {width} px wide at a 320 px viewport"
