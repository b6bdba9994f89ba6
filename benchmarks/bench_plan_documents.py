"""Benchmark of planning documents: the example plan in each format, and the territory
analysis of every ORP of a kraj against loading the national register once.

In the same run, ``--repeat`` times each (median, CPU seconds of this process):

* **plan html / odt / pdf**: ``examples/plans/kralovice-2023-2025`` built and written
  (the PDF through WeasyPrint, tagged PDF/UA-1), without and with the territory chapter
  on the bundled sample register;
* **load**: ``kpss.load`` of the national synthetic register (6,733 services, seed 1,
  written once by :func:`kpss.testing.write_register` into ``benchmarks/.data/national``),
  the baseline;
* **analysis**: for every ORP of ``--kraj`` (Plzeňský kraj by default), the territory
  analysis (:func:`kpss.planning.analysis.analyse_territory` with one shared
  :func:`~kpss.planning.analysis.capacity_index`) rendered as HTML;
  ``ratio`` = analysis / load (goal ≤ 1×);
* **one ORP as PDF**: the first ORP's analysis laid out as a PDF (for scale).

    python benchmarks/bench_plan_documents.py [--repeat 3] [--kraj 43]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _data import national_file  # noqa: E402

import kpss  # noqa: E402
from kpss.model.catalog import Catalog  # noqa: E402
from kpss.model.plan import PlanTerritory  # noqa: E402
from kpss.planning import load_plan, resolve_territory  # noqa: E402
from kpss.planning.analysis import analyse_territory, capacity_index  # noqa: E402
from kpss.planning.documents import (  # noqa: E402
    plan_document,
    render_html,
    territory_document,
    write_document,
)
from kpss.reference import territory  # noqa: E402

PLAN = HERE.parent / "examples" / "plans" / "kralovice-2023-2025"
SAMPLE = HERE.parent / "examples" / "data" / "rpss-plzensky"


def timed(job: Callable[[], object], repeat: int) -> float:
    """Median CPU seconds of *job* over *repeat* runs."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kraj", default="43", help="RÚIAN code of the kraj (43 = Plzeňský)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="kpss-bench-plan-"))

    plan = load_plan(PLAN)
    area = resolve_territory(plan)
    for fmt in ("html", "odt", "pdf"):
        seconds = timed(
            lambda fmt=fmt: write_document(plan_document(plan, area), fmt, out / f"plan.{fmt}"),
            args.repeat,
        )
        print(f"plan {fmt:4}  {seconds:7.3f} s")
    sample = kpss.load(SAMPLE / "rpss.json", codes=SAMPLE / "ciselniky").catalog
    chapter = analyse_territory(sample, area)
    for fmt in ("html", "odt", "pdf"):
        seconds = timed(
            lambda fmt=fmt: write_document(
                plan_document(plan, area, chapter), fmt, out / f"plan-register.{fmt}"
            ),
            args.repeat,
        )
        print(f"plan {fmt:4}  {seconds:7.3f} s  with the territory chapter (sample register)")

    source = national_file()
    loaded: list[Catalog] = []
    load_s = timed(lambda: loaded.append(kpss.load(source).catalog), args.repeat)
    catalog = loaded[-1]
    orps = [o for o in territory().orp.values() if o.kraj_code == args.kraj]
    areas = [resolve_territory(PlanTerritory(orp=o.code)) for o in orps]

    def analyse_all() -> None:
        index = capacity_index(catalog)
        for each in areas:
            render_html(territory_document(analyse_territory(catalog, each, index=index)))

    analysis_s = timed(analyse_all, args.repeat)
    first = analyse_territory(catalog, areas[0])
    pdf_s = timed(
        lambda: write_document(territory_document(first), "pdf", out / "orp.pdf"), args.repeat
    )
    print(f"register: {len(catalog)} services; kraj {args.kraj}: {len(areas)} ORP")
    print(f"load      {load_s:7.3f} s  (baseline)")
    print(
        f"analysis  {analysis_s:7.3f} s  all {len(areas)} ORP as HTML, "
        f"ratio {analysis_s / load_s:.2f}× (goal ≤ 1×)"
    )
    print(f"one ORP as PDF {pdf_s:7.3f} s  ({areas[0].name})")


if __name__ == "__main__":
    main()
