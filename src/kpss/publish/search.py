"""Offline search of the static web catalogue (vyhledávání v katalogu bez serveru).

The index is a Pagefind bundle written into the site's ``pagefind/`` folder. Pagefind
splits the index into small chunks, so a query loads only the chunks of its words and the
fragments of the results it shows; it folds case and diacritics ("pecovatelska" finds
"Pečovatelská") and matches word prefixes, which stands in for Czech endings ("senior"
finds "seniory" and "senioři"). Its browser code is an ES module with WebAssembly, so the
search needs the site served over HTTP (``kpss serve DIR``); pages opened from disk still
browse and the search form says how to search.

The pages are not parsed: each :class:`SearchDocument` becomes a small HTML file in a
temporary folder that the Pagefind binary (PyPI ``pagefind[bin]``) indexes through its
command line, offline.
"""

from __future__ import annotations

import html
import importlib
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs
import markupsafe

from kpss.atomic import atomic_directory
from kpss.errors import KpssError

__all__ = [
    "BUNDLE_DIR",
    "DOCUMENT_TYPES",
    "RESULTS_PER_PAGE",
    "IndexStats",
    "SearchDocument",
    "SearchIndexError",
    "measure_index",
    "pagefind_executable",
    "script_tags",
    "write_index",
]

DOCUMENT_TYPES = ("service", "provider", "obec", "kind", "group", "situation")
"""The kinds of pages a result can point to."""

TYPE_LABELS = {
    "service": "Služba",
    "provider": "Poskytovatel",
    "obec": "Obec",
    "kind": "Druh služby",
    "group": "Cílová skupina",
    "situation": "Životní situace",
}
"""Czech labels of :data:`DOCUMENT_TYPES`, shown beside a result and indexed with it."""

BUNDLE_DIR = "pagefind"
"""The folder of the site that holds the index and the search script."""

SCRIPT_NAME = "kpss-search.js"
RESULTS_PER_PAGE = 10
"""Results the search script shows at once (it loads one fragment per shown result)."""

_SAFE_URL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*\.html")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
# Files of the Pagefind bundle that kpss-search.js never loads (Pagefind's own UIs).
_UNUSED = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)[.].*")


class SearchIndexError(KpssError):
    """The search index cannot be built (a bad document, or the Pagefind binary is missing)."""


@attrs.frozen
class SearchDocument:
    """One page of the site as the search knows it."""

    url: str
    """Path of the page relative to the site root, e.g. ``sluzby/1234567.html``."""
    title: str
    type: str
    """One of :data:`DOCUMENT_TYPES`."""
    summary: str
    """One line shown under the result."""
    text: str
    """Further words to find the page by (kind, groups, obce, provider, description)."""


@attrs.frozen
class IndexStats:
    """What the written index weighs."""

    documents: int
    files: int
    """Files of the bundle, the search script included."""
    total_bytes: int
    max_query_bytes: int
    """Most bytes a one-word query loads: the script, Pagefind's code and entry files, the
    largest index chunk and the fragments of the largest :data:`RESULTS_PER_PAGE` results."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the ``pagefind[bin]`` package, or a clear error."""
    try:
        found = Path(importlib.import_module("pagefind_bin").get_executable())
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(
            "the search index needs the Pagefind binary, which was not found "
            f"({error}); install it with: pip install 'pagefind[bin]'"
        ) from None
    return found


def write_index(documents: Iterable[SearchDocument], site: Path) -> IndexStats:
    """Write the search index of *documents* into ``site/pagefind/`` (replaced whole)."""
    site = Path(site)
    executable = pagefind_executable()
    with (
        tempfile.TemporaryDirectory(prefix="kpss-search-") as scratch,
        atomic_directory(site / BUNDLE_DIR) as bundle,
    ):
        count = _write_pages(documents, Path(scratch))
        _run_pagefind(executable, Path(scratch), bundle)
        for leftover in bundle.iterdir():
            if _UNUSED.fullmatch(leftover.name):
                leftover.unlink()
        script = resources.files("kpss.publish").joinpath("static", "search.js")
        (bundle / SCRIPT_NAME).write_bytes(script.read_bytes())
    return measure_index(site, count)


def measure_index(site: Path, documents: int) -> IndexStats:
    """Sizes of the bundle in ``site/pagefind/`` (see :class:`IndexStats`)."""
    bundle = Path(site) / BUNDLE_DIR
    sizes = {path: path.stat().st_size for path in bundle.rglob("*") if path.is_file()}
    chunks = [size for path, size in sizes.items() if path.parent.name == "index"]
    fragments = sorted(
        (size for path, size in sizes.items() if path.parent.name == "fragment"), reverse=True
    )
    fixed = sum(
        size for path, size in sizes.items() if path.parent == bundle and _loaded_by_query(path)
    )
    return IndexStats(
        documents=documents,
        files=len(sizes),
        total_bytes=sum(sizes.values()),
        max_query_bytes=fixed + max(chunks, default=0) + sum(fragments[:RESULTS_PER_PAGE]),
    )


def script_tags(root: str) -> markupsafe.Markup:
    """The ``<script>`` tag every page includes; *root* is the relative path to the site root."""
    src = f"{root}{BUNDLE_DIR}/{SCRIPT_NAME}"
    return markupsafe.Markup('<script src="{src}" data-kpss-root="{root}" defer></script>').format(
        src=src, root=root
    )


def _loaded_by_query(path: Path) -> bool:
    # The scripts (kpss-search.js, pagefind.js and its worker), the entry file, the
    # WebAssembly (Czech has no stemmer, so "unknown") and the metadata of the index.
    name = path.name
    return (
        name.endswith((".js", ".pf_meta"))
        or name == "pagefind-entry.json"
        or name.startswith("wasm.")
    )


def _write_pages(documents: Iterable[SearchDocument], folder: Path) -> int:
    seen: set[str] = set()
    made: set[Path] = set()
    for position, document in enumerate(documents, start=1):
        _check(document, position, seen)
        page = folder / document.url
        if page.parent not in made:
            page.parent.mkdir(parents=True, exist_ok=True)
            made.add(page.parent)
        with open(page, "w", encoding="utf-8") as handle:
            handle.write(_page(document))
    return len(seen)


def _check(document: SearchDocument, position: int, seen: set[str]) -> None:
    where = f"search document {position} ({document.url!r})"
    if document.type not in DOCUMENT_TYPES:
        expected = ", ".join(DOCUMENT_TYPES)
        raise SearchIndexError(f"{where}: type {document.type!r} is not one of {expected}")
    if not _SAFE_URL.fullmatch(document.url):
        raise SearchIndexError(
            f"{where}: url must be a path relative to the site root ending in .html, "
            "made of letters, digits, '.', '_', '-' and '/'"
        )
    if document.url in seen:
        raise SearchIndexError(f"{where}: another document has the same url")
    seen.add(document.url)


def _page(document: SearchDocument) -> str:
    def text(value: str) -> str:
        # ASCII white space only: the no-break spaces of Czech typography stay.
        return html.escape(_SPACE.sub(" ", value).strip(), quote=True)

    return (
        '<!doctype html><html lang="cs"><head><meta charset="utf-8">'
        f"<title>{text(document.title)}</title></head>"
        f'<body data-pagefind-body data-pagefind-meta="type:{document.type}">'
        f'<h1 data-pagefind-meta="title">{text(document.title)}</h1>'
        f'<p data-pagefind-meta="summary">{text(document.summary)}</p>'
        f"<p>{text(TYPE_LABELS[document.type])}. {text(_distinct_words(document.text))}</p>"
        "</body></html>"
    )


def _distinct_words(text: str) -> str:
    """Each word of *text* once: the index keeps every position of every word, and results
    show the summary, not an excerpt, so repeats only made chunks bigger (a description of
    3,600 characters repeats "služby" and "uživatel" dozens of times)."""
    seen: set[str] = set()
    kept = []
    for word in _WORD.findall(text):
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(word)
    return " ".join(kept)


def _run_pagefind(executable: Path, pages: Path, bundle: Path) -> None:
    # Pagefind runs in the scratch folder (below) and resolves relative paths against it.
    pages, bundle = pages.resolve(), bundle.resolve()
    command = [
        str(executable),
        "--site",
        str(pages),
        "--output-path",
        str(bundle),
        "--force-language",
        "cs",
        "--quiet",
    ]
    # Pagefind reads PAGEFIND_* variables and a pagefind.yml in its working folder:
    # neither may change the catalogue's index, so it runs in the scratch folder without them.
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND")
    }
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=environment, cwd=pages
        )
    except OSError as error:
        raise SearchIndexError(f"cannot run Pagefind ({executable}): {error}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): {output}")
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind wrote no pagefind.js into {bundle}")
