"""Print output for one ORP and a whole kraj of the national synthetic register: PDF and ODT.

Run: ``python benchmarks/bench_print.py [--orp Klatovy] [--kraj "Plzeňský kraj"]
[--by group] [--page A4] [--soffice]``. The national register (6,733 services,
:func:`kpss.testing.write_register`, seed 1) is written into ``benchmarks/.data/national/``
on first use (shared with the search benchmarks).

For each territory, in the same run:

* **PDF** (:func:`kpss.publish.print.catalogue.write_catalogue_pdf`): wall time, pages, and
  kpss's own share — planning the book and rendering its HTML — as a ratio to WeasyPrint's
  layout and writing of that HTML (goal: kpss ≤ 0.2× the layout);
* **ODT** (:func:`kpss.publish.print.catalogue_odt.write_catalogue_odt`): wall time and size;
  with ``--soffice`` also LibreOffice's headless conversion of it to PDF (time and pages).

CPU seconds of the process are printed beside wall seconds: other jobs share the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _data import national_file  # benchmarks/ is on sys.path when a script there runs

import kpss
from kpss.publish.print.book import plan_book
from kpss.publish.print.catalogue import write_catalogue_pdf
from kpss.publish.print.catalogue_odt import write_catalogue_odt
from kpss.publish.print.settings import PrintSettings
from kpss.publish.view import public_view

GOAL = 0.2


def _pdf_pages(pdf: Path) -> int | None:
    tool = shutil.which("pdfinfo")
    if tool is None:
        return None
    out = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    line = next((x for x in out.splitlines() if x.startswith("Pages:")), "")
    return int(line.split()[-1]) if line else None


def _soffice(odt: Path, folder: Path) -> tuple[float, int | None] | None:
    tool = shutil.which("soffice")
    if tool is None:
        print("  soffice: not installed (apt-get install libreoffice-writer-nogui)")
        return None
    start = time.perf_counter()
    subprocess.run(
        [
            tool,
            f"-env:UserInstallation={(folder / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(odt),
        ],
        check=True,
        capture_output=True,
        timeout=3600,
    )
    return time.perf_counter() - start, _pdf_pages(folder / (odt.stem + ".pdf"))


def run(label: str, source: Path, filter_names: dict[str, str], args: argparse.Namespace) -> None:
    resolved = kpss.resolve_filter(**filter_names)
    catalog = kpss.load(source, filter=resolved.filter).catalog
    view = public_view(catalog)
    settings = PrintSettings(page=args.page, by=args.by)
    print(f"\n{label}: {len(view.services)} services, {len(view.providers)} providers")
    with tempfile.TemporaryDirectory(prefix="kpss-bench-print-") as tmp:
        folder = Path(tmp)
        cpu, wall = time.process_time(), time.perf_counter()
        report = write_catalogue_pdf(
            view,
            folder / "katalog.pdf",
            title="Katalog sociálních služeb",
            territory_name=label,
            settings=settings,
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        ratio = report.html_seconds / report.layout_seconds
        cpu_ratio = report.html_cpu_seconds / report.layout_cpu_seconds
        size = (folder / "katalog.pdf").stat().st_size
        print(
            f"  PDF ({args.page}, by {args.by}): {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"{report.pages} pages, {size / 1e6:.2f} MB"
        )
        print(
            f"    kpss (book + HTML) {report.html_seconds:.2f} s, WeasyPrint layout + write "
            f"{report.layout_seconds:.1f} s: ratio {ratio:.3f}x "
            f"({'meets' if ratio <= GOAL else 'misses'} the goal ≤ {GOAL}x)"
        )
        print(
            f"    CPU: kpss {report.html_cpu_seconds:.2f} s, WeasyPrint "
            f"{report.layout_cpu_seconds:.1f} s: ratio {cpu_ratio:.3f}x"
        )
        start = time.perf_counter()
        book = plan_book(view, title="Katalog sociálních služeb", territory_name=label, by=args.by)
        odt = write_catalogue_odt(book, folder / "katalog.odt", settings)
        seconds = time.perf_counter() - start
        print(f"  ODT: {seconds:.2f} s, {odt.stat().st_size / 1e6:.2f} MB")
        if args.soffice:
            converted = _soffice(odt, folder)
            if converted is not None:
                print(f"    LibreOffice → PDF: {converted[0]:.1f} s, {converted[1]} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orp", default="Klatovy")
    parser.add_argument("--kraj", default="Plzeňský kraj")
    parser.add_argument("--by", default="group", choices=("group", "kind", "obec", "situation"))
    parser.add_argument("--page", default="A4", choices=("A4", "A5"))
    parser.add_argument("--soffice", action="store_true", help="also convert the ODT to PDF")
    parser.add_argument("--skip-kraj", action="store_true")
    args = parser.parse_args()
    source = national_file()
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    run(f"ORP {args.orp}", source, {"orp": args.orp}, args)
    if not args.skip_kraj:
        run(args.kraj, source, {"kraj": args.kraj}, args)
    print(f"\nload average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
