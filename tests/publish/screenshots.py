"""Screenshots of every page type of the web catalogue, for a person to look at.

Run: ``python tests/publish/screenshots.py OUTDIR [--site DIR]``. Without ``--site`` it
exports the bundled sample (ORP Kralovice) into ``OUTDIR/site`` with ``kpss.export`` (the
web catalogue, and the fragments in host pages).
Writes ``OUTDIR/<page type>-desktop.png`` and ``-mobile.png`` (full page), plus the search
with a query typed and a focused link, using Debian's ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser import DESKTOP, MOBILE, export_sample, launch, page_types, served  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--site", type=Path, help="an exported site (default: the sample)")
    args = parser.parse_args()
    out: Path = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    if args.site:
        served_folder, prefix = args.site, ""
        paths = page_types(args.site)
    else:
        served_folder, prefix = export_sample(out), "site/"
        paths = {
            **page_types(out / "site"),
            "fragment-list": "../fragment-list.html",
            "fragment-card": "../fragment-card.html",
        }
    written = []
    with launch() as browser, served(served_folder) as url:
        for width_name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
            context = browser.new_context(viewport=viewport, locale="cs-CZ")
            page = context.new_page()
            for name, path in paths.items():
                path = (prefix + path).removeprefix("site/../")
                page.goto(url + path)
                if name == "hledat":
                    page.fill("#kpss-q", "pečovatelská")
                    page.locator("#kpss-search-results .kpss-search-status").wait_for()
                target = out / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            page.goto(url + prefix + "index.html")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            target = out / f"focus-{width_name}.png"
            page.screenshot(path=str(target))
            written.append(target)
            context.close()
    for target in written:
        print(target)


if __name__ == "__main__":
    main()
