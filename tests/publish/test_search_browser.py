"""The search of the web catalogue in headless Chromium: type a query, see the results.

The pages here are minimal ones with the form and results region that the web catalogue's
pages carry (``<form role="search">``, ``#kpss-q``, ``#kpss-search-results``); the exported
catalogue itself is searched in test_accessibility.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kpss.publish.search import IndexStats, SearchDocument, script_tags, write_index

from . import browser as harness
from .browser import errors_of, served

browser = harness.browser
page = harness.page

SERVICES = [
    SearchDocument(
        url="sluzby/1000001.html",
        title="Pečovatelská služba – Město Kralovice",
        type="service",
        summary="Terénní služba pro seniory v\u00a0ORP Kralovice",
        text="osoby se zdravotním postižením Kralovice Plasy Město Kralovice",
    ),
    SearchDocument(
        url="sluzby/1000002.html",
        title="Domov pro seniory – Domov Sv. Anny",
        type="service",
        summary="Pobytová služba",
        text="senioři Plasy",
    ),
    SearchDocument(
        url="poskytovatele/00257061.html",
        title="Město Kralovice",
        type="provider",
        summary="<b>Poskytovatel</b> 1 služby & spol.",
        text="pečovatelská služba Kralovice",
    ),
    SearchDocument(
        url="obce/559024.html",
        title="Kralovice",
        type="obec",
        summary="Obec v\u00a0ORP Kralovice",
        text="Plzeňský kraj",
    ),
    SearchDocument(
        url="situace/dluhy.html",
        title="Mám dluhy",
        type="situation",
        summary="Kam se obrátit, když nestačíte splácet",
        text="dluhové poradenství exekuce",
    ),
]
MANY = [
    SearchDocument(
        url=f"druhy/odlehcovaci-{number}.html",
        title=f"Odlehčovací služba {number}",
        type="kind",
        summary=f"Druh služby číslo {number}",
        text="respitní péče",
    )
    for number in range(1, 24)
]
FORM = (
    '<form role="search" action="{root}hledat.html">'
    '<label for="kpss-q">Hledat v\u00a0katalogu</label>'
    '<input id="kpss-q" name="q" type="search"><button>Hledat</button></form>'
)


def page_html(title: str, root: str, results: bool) -> str:
    region = '<div id="kpss-search-results" aria-live="polite"></div>' if results else ""
    return (
        f'<!doctype html><html lang="cs"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="icon" href="data:,">{script_tags(root)}</head>'
        f"<body><main><h1>{title}</h1>{FORM.format(root=root)}{region}</main></body></html>"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IndexStats]:
    folder = tmp_path_factory.mktemp("site")
    stats = write_index([*SERVICES, *MANY], folder)
    (folder / "hledat.html").write_text(page_html("Hledat", "", True), encoding="utf-8")
    for document in [*SERVICES, *MANY]:
        path = folder / document.url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(document.title, "../", False), encoding="utf-8")
    return folder, stats


@pytest.fixture(scope="module")
def url(site: tuple[Path, IndexStats]) -> Iterator[str]:
    with served(site[0]) as home:
        yield home


def search(page, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type *query* on hledat.html; the status line and the result titles."""
    page.goto(url + "hledat.html")
    page.fill("#kpss-q", query)
    status = page.locator("#kpss-search-results .kpss-search-status")
    status.wait_for()
    return [status.inner_text(), *page.locator("a.kpss-search-result-title").all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pecovatelska", ["Pečovatelská služba – Město Kralovice", "Město Kralovice"]),
        ("PEČOVAT", ["Pečovatelská služba – Město Kralovice", "Město Kralovice"]),
        ("senior", ["Pečovatelská služba – Město Kralovice", "Domov pro seniory – Domov Sv. Anny"]),
        (
            "seniorům",
            ["Pečovatelská služba – Město Kralovice", "Domov pro seniory – Domov Sv. Anny"],
        ),
        ("senioři domov", ["Domov pro seniory – Domov Sv. Anny"]),
        ("dluh", ["Mám dluhy"]),
        ("exekuci", ["Mám dluhy"]),
    ],
)
def test_query_folds_case_and_diacritics_and_matches_czech_word_forms(page, url, query, expected):
    status, *titles = search(page, url, query)
    assert sorted(titles) == sorted(expected)
    assert status == {1: "Nalezen 1 výsledek.", 2: "Nalezeny 2 výsledky."}[len(expected)]


def test_no_match_says_so(page, url):
    assert search(page, url, "xylofon") == ["Nic nenalezeno."]


def test_results_show_type_and_summary_as_text_and_link_to_the_page(page, url):
    problems = errors_of(page)
    search(page, url, "kralovice")
    items = page.locator(".kpss-search-result")
    texts = {
        item.locator("a").inner_text(): item.locator(".kpss-summary").inner_text()
        for item in items.all()
    }
    assert texts == {
        "Pečovatelská služba – Město Kralovice": (
            "Služba · Terénní služba pro seniory v\u00a0ORP Kralovice"
        ),
        "Město Kralovice": "Poskytovatel · <b>Poskytovatel</b> 1 služby & spol.",
        "Kralovice": "Obec · Obec v\u00a0ORP Kralovice",
    }
    assert page.locator(".kpss-search-result b").count() == 0
    page.get_by_role("link", name="Kralovice", exact=True).click()
    page.wait_for_url(url + "obce/559024.html")
    assert page.locator("h1").inner_text() == "Kralovice"
    assert problems == []


def test_query_in_the_address_is_searched(page, url):
    page.goto(url + "hledat.html?q=" + quote("domov seniory"))
    page.locator(".kpss-search-status").wait_for()
    assert page.input_value("#kpss-q") == "domov seniory"
    assert page.locator("a.kpss-search-result-title").all_inner_texts() == [
        "Domov pro seniory – Domov Sv. Anny"
    ]


def test_keyboard_only_from_a_page_without_results(page, url):
    page.goto(url + "sluzby/1000002.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kpss-q"
    page.keyboard.type("dluhy")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/hledat\.html\?q=dluhy$"))
    page.locator("a.kpss-search-result-title").wait_for()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Mám dluhy":
            break
    else:
        pytest.fail("Tab never reached the result link")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "situace/dluhy.html")


def test_more_results_on_request_with_focus_on_the_first_new_one(page, url):
    status, *titles = search(page, url, "odlehčovací")
    assert status == "Nalezeno 23 výsledků."
    assert len(titles) == 10
    page.get_by_role("button", name="Zobrazit další výsledky").click()
    page.wait_for_function("document.querySelectorAll('.kpss-search-result').length === 20")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == page.locator("a.kpss-search-result-title").nth(10).inner_text()
    page.get_by_role("button", name="Zobrazit další výsledky").click()
    page.wait_for_function("document.querySelectorAll('.kpss-search-result').length === 23")
    assert page.get_by_role("button", name="Zobrazit další výsledky").count() == 0
    titles = page.locator("a.kpss-search-result-title").all_inner_texts()
    assert sorted(titles) == sorted(document.title for document in MANY)


def test_a_query_loads_no_more_than_the_stated_bound(page, url, site):
    _, stats = site
    loaded: list[int] = []
    page.on("requestfinished", lambda request: loaded.append(request.sizes()["responseBodySize"]))
    page.on("requestfailed", lambda request: pytest.fail(f"request failed: {request.url}"))
    search(page, url, "o")  # the shortest prefix: the most index chunks and results
    page.wait_for_load_state("networkidle")
    assert len(loaded) > 5
    page_itself = (site[0] / "hledat.html").stat().st_size
    assert sum(loaded) - page_itself <= stats.max_query_bytes


def test_pages_opened_from_disk_say_how_to_search(page, site):
    problems = errors_of(page)
    page.goto((site[0] / "hledat.html").as_uri() + "?q=senior")
    message = page.locator("#kpss-search-results .kpss-search-status")
    message.wait_for()
    assert "kpss serve" in message.inner_text()
    page.goto((site[0] / "sluzby" / "1000001.html").as_uri())
    page.fill("#kpss-q", "senior")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"hledat\.html\?q=senior$"))
    page.locator(".kpss-search-status").wait_for()
    assert "kpss serve" in page.locator(".kpss-search-status").inner_text()
    assert problems == []
