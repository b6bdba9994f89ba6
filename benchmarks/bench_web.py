"""Benchmark of ``kpss export web``: one ORP and the whole country, against a bare Jinja2 loop.

The national synthetic register (6,733 services, seed 1) is written once by
:func:`kpss.testing.write_register` into ``benchmarks/.data/web-national/``. For each
territory the benchmark times, in the same run:

* **kpss**: :func:`kpss.publish.exporters.export_web` from the catalogue to the finished
  folder: the public view, the page plan, rendering, writing, static files, sitemap and
  the atomic rename; without the search index (measured on its own, it is Pagefind's);
* **bare loop**: the same pages (kpss's page plan, made before the clock starts) rendered
  with the same templates (a Jinja2 environment with the same loader and filters, made
  and compiled inside the timing) in a plain loop that writes each page to a file.

Each is run ``--repeat`` times (median). ``ratio`` = kpss / bare loop (goal ≤ 1.5×).

    python benchmarks/bench_web.py [--repeat 3] [--orp 3206] [--search]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import kpss
from kpss.model.catalog import Catalog
from kpss.model.territory import Area
from kpss.plugins.records import ExportOptions
from kpss.publish import public_view
from kpss.publish.exporters import export_web
from kpss.publish.site import SiteInfo, plan_site
from kpss.publish.templates import template_environment
from kpss.testing import write_register

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "web-national"


def national_catalog() -> Catalog:
    """The national synthetic register, written on the first run."""
    if not (DATA / "rpss.json").is_file():
        print(f"writing the national synthetic register into {DATA} …", file=sys.stderr)
        write_register(DATA)
    return kpss.load(DATA / "rpss.json", enrich=False).catalog


def within(catalog: Catalog, area: Area) -> Catalog:
    """The services located in or covering the area (what ``--orp`` keeps)."""
    kept = [s for s in catalog if s.obce() & area.obec_codes]
    return Catalog.of(kept, codes=catalog.codes, source=catalog.source)


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_loop(catalog: Catalog, area: Area, out: Path) -> Callable[[], None]:
    """A plain render-and-write loop over kpss's pages (prepared outside the timing)."""
    view = public_view(catalog, area)
    pages = plan_site(view, SiteInfo(title="Katalog", territory_name=area.name))

    def run() -> None:
        if out.exists():
            shutil.rmtree(out)
        environment = template_environment("web")  # the same loader and filters
        templates = {p.template: environment.get_template(p.template) for p in pages}
        for page in pages:
            html = templates[page.template].render(page.context, scripts="", branding=False)
            target = out / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")

    return run


def measure(name: str, catalog: Catalog, area: Area, repeat: int, search: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="kpss-bench-web-") as scratch:
        root = Path(scratch)
        options = ExportOptions(
            title="Katalog", territory_name=area.name, settings={"area": area, "search": "no"}
        )
        out = root / "kpss"
        kpss_time = median_time(lambda: export_web(catalog, out, options), repeat)
        pages = sum(1 for _ in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        start = time.perf_counter()
        public_view(catalog, area)
        view_time = time.perf_counter() - start
        bare = median_time(bare_loop(catalog, area, root / "bare"), repeat)
        line = (
            f"{name:<10} services {len(catalog):>5}  pages {pages:>6}  {size / 1e6:6.1f} MB  "
            f"kpss {kpss_time:6.2f} s (view {view_time:.2f} s)  bare loop {bare:6.2f} s  "
            f"ratio {kpss_time / bare:4.2f}x"
        )
        if search:
            options = ExportOptions(title="Katalog", settings={"area": area})
            start = time.perf_counter()
            export_web(catalog, root / "with-search", options)
            line += f"  with search index {time.perf_counter() - start:6.2f} s"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--orp", default="3206", help="ČSÚ code of the ORP (default Kralovice)")
    parser.add_argument("--search", action="store_true", help="also time the search index")
    args = parser.parse_args()
    territory = kpss.territory()
    orp = territory.orp_by_code(args.orp)
    if orp is None:
        parser.error(f"no ORP with code {args.orp}")
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs", flush=True)
    catalog = national_catalog()
    orp_area = Area(f"orp-{orp.code}", orp.name, territory.obec_codes(orp))
    country = Area("cesko", "Česko", frozenset(territory.obce))
    measure(f"ORP {orp.name}", within(catalog, orp_area), orp_area, args.repeat, args.search)
    measure("Česko", catalog, country, args.repeat, args.search)
    print(f"load average {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
