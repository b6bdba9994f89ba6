"""Open data: HSDS, CSV and public JSON exports of the whole country, against one load.

Run: ``python benchmarks/bench_opendata.py [--repeat 3] [--validate]``. The national
register (``kpss.testing``, 6,733 services, seed 1) is generated once into
``benchmarks/.data/national/``. In one process, the baseline is loading that register
once (``kpss.load``, the reference data already loaded); every export is timed on the
loaded catalogue (CPU time, best of ``--repeat``) and printed as a ratio to the load (goal for
``kpss export hsds``: ≤ 0.5×). The HSDS export is split into its steps: the public view,
the HSDS records, the writing.

``--validate`` also times the validation of the national export: every JSON record
against the official HSDS 3.0 schemas (the copies in ``tests/opendata/schemas``) with
format checking, and the tabular package with Frictionless (``pip install -e .[test]``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SCHEMAS = HERE.parent / "tests" / "opendata" / "schemas"

from _data import national_file  # noqa: E402


def best(repeat: int, work: Callable[[], Any]) -> float:
    """The shortest CPU time of *repeat* runs of *work*, in seconds (CPU time: other work
    on the machine does not count; everything here runs in this one process)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def _inline(name: str, seen: tuple[str, ...] = ()) -> Any:
    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return _inline(node["$ref"], (*seen, name))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def validate_json(folder: Path) -> int:
    """Validate every record; the number of errors."""
    from jsonschema import Draft202012Validator, FormatChecker

    errors = 0
    for file, schema in (
        ("services.json", "service.json"),
        ("organizations.json", "organization.json"),
        ("taxonomies.json", "taxonomy.json"),
        ("taxonomy_terms.json", "taxonomy_term.json"),
    ):
        validator = Draft202012Validator(_inline(schema), format_checker=FormatChecker())
        for record in json.loads((folder / file).read_text(encoding="utf-8")):
            errors += sum(1 for _ in validator.iter_errors(record))
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="also time the validation")
    args = parser.parse_args()

    import kpss
    from kpss import reference
    from kpss.opendata.hsds_build import build_hsds
    from kpss.opendata.hsds_write import write_hsds
    from kpss.plugins.manager import get_exporters, get_importers
    from kpss.publish.view import public_view

    path = national_file()
    reference.territory(), reference.law(), reference.code_book()
    get_importers(), get_exporters()
    catalog = kpss.load(path).catalog  # warm-up: caches, page cache
    load = best(args.repeat, lambda: kpss.load(path))
    print(f"services: {len(catalog)}; load (baseline): {load:.2f} s CPU")

    work = Path(tempfile.mkdtemp(prefix="kpss-bench-opendata-"))
    try:
        rows: list[tuple[str, float]] = []

        def export(fmt: str, name: str, **settings: str) -> Callable[[], None]:
            return lambda: kpss.export(catalog, fmt, work / name, settings=settings)

        view_time = best(args.repeat, lambda: public_view(catalog, sections=()))
        view = public_view(catalog, sections=())
        status_on = catalog.snapshot_date or dt.date.today()
        build_time = best(args.repeat, lambda: build_hsds(catalog, view, status_on=status_on))
        document = build_hsds(catalog, view, status_on=status_on)
        write_time = best(args.repeat, lambda: write_hsds(document, work / "steps"))
        rows += [
            ("kpss export hsds (JSON)", best(args.repeat, export("hsds", "hsds"))),
            ("  public view", view_time),
            ("  HSDS records", build_time),
            ("  writing the JSON files", write_time),
            (
                "kpss export hsds (tabular)",
                best(args.repeat, export("hsds", "tab", tabular="true")),
            ),
            ("kpss export csv", best(args.repeat, export("csv", "a.csv"))),
            (
                "kpss export csv (facilities)",
                best(args.repeat, export("csv", "b.csv", rows="facility")),
            ),
            ("kpss export json", best(args.repeat, export("json", "p.json"))),
            (
                "kpss load hsds (JSON)",
                best(args.repeat, lambda: kpss.load(work / "hsds" / "services.json")),
            ),
            (
                "kpss load hsds (tabular)",
                best(args.repeat, lambda: kpss.load(work / "tab" / "datapackage.json")),
            ),
        ]
        width = max(len(name) for name, _ in rows)
        for name, seconds in rows:
            print(f"{name:<{width}}  {seconds:6.2f} s  {seconds / load:5.2f}× load")
        sizes = {
            "HSDS JSON": sum(f.stat().st_size for f in (work / "hsds").iterdir()),
            "HSDS tabular": sum(f.stat().st_size for f in (work / "tab").iterdir()),
        }
        for name, size in sizes.items():
            print(f"{name}: {size / 1e6:.1f} MB")

        if args.validate:
            start = time.process_time()
            errors = validate_json(work / "hsds")
            took = time.process_time() - start
            print(f"jsonschema, every record of the national JSON: {took:.1f} s, {errors} errors")
            import frictionless

            start = time.process_time()
            report = frictionless.validate(str(work / "tab" / "datapackage.json"))
            print(
                f"frictionless, the national tabular package: {time.process_time() - start:.1f} s, "
                f"valid={report.valid}, {len(report.flatten(['type']))} errors"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
