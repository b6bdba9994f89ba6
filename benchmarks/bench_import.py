"""Register import: time and peak memory of kpss against plain baselines, in one run.

Run: ``python benchmarks/bench_import.py [--repeat 5]``. The full national file
(``kpss.testing.write_register`` at the national size, seed 1, with ``rpss.xml``) is
generated once into ``benchmarks/.data/import-national/``.

Each measurement runs in its own fresh subprocess; its peak RSS is the child's
``ru_maxrss`` (``os.wait4``), its time is measured inside the child around the work only
(module imports excluded; for kpss the reference data — territory, law, code lists — and
the plugin manager are loaded before the clock starts, as in a long-running process; their
one-time cost is printed separately). The best of
``--repeat`` runs is kept. Figures are ratios measured in this run:

- JSON: ``kpss.rpss.build(rpss.json)`` → Catalog vs a plain ``json.load`` of the file
  (targets: time ≤ 1.5×, peak RSS ≤ ¼);
- XML: ``kpss.rpss.build(rpss.xml)`` → Catalog vs a bare lxml ``iterparse`` loop that
  clears elements (every element; target: time ≤ 2.5× with the pure-Python reader), and,
  for information, vs a loop
  that lets lxml hand Python only the 6,733 ``<polozka>`` elements (``tag=``) and clears
  them: that one does no work per element in Python, so it measures libxml2's parse alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "import-national"

PRELUDE = """
import json, sys, time, gc
path = sys.argv[1]
codes = sys.argv[2]
"""

CASES: dict[str, str] = {
    "json.load": """
t0, c0 = time.perf_counter(), time.process_time()
with open(path, "rb") as handle:
    data = json.load(handle)
n = len(data["polozky"])
""",
    "kpss stream (decode only)": """
from kpss.rpss.json_stream import JsonItemStream
t0, c0 = time.perf_counter(), time.process_time()
n = sum(1 for _ in JsonItemStream(path))
""",
    "kpss load(rpss.json)": """
from kpss import reference
from kpss import load
from kpss.plugins.manager import get_importers
r0 = time.perf_counter()
book = reference.code_book(codes); reference.territory(); reference.law(); get_importers()
ref = time.perf_counter() - r0
t0, c0 = time.perf_counter(), time.process_time()
result = load(path, codes=book)
n = len(result.catalog)
""",
    "lxml iterparse (bare)": """
from lxml import etree
t0, c0 = time.perf_counter(), time.process_time()
n = 0
for _, el in etree.iterparse(path, resolve_entities=False, no_network=True, load_dtd=False):
    n += 1  # every element, not only items
    el.clear()
""",
    "lxml iterparse (items only)": """
from lxml import etree
t0, c0 = time.perf_counter(), time.process_time()
n = 0
for _, el in etree.iterparse(path, events=("end",), tag="{urn:kpss:rpss:1}polozka",
                             resolve_entities=False, no_network=True, load_dtd=False):
    n += 1
    el.clear(keep_tail=True)
    while el.getprevious() is not None:
        del el.getparent()[0]
""",
    "kpss load(rpss.xml)": """
from kpss import reference
from kpss import load
from kpss.plugins.manager import get_importers
r0 = time.perf_counter()
book = reference.code_book(codes); reference.territory(); reference.law(); get_importers()
ref = time.perf_counter() - r0
t0, c0 = time.perf_counter(), time.process_time()
result = load(path, codes=book)
n = len(result.catalog)
""",
}
EPILOGUE = """
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu, "n": n, "ref": globals().get("ref")}))
"""


def national() -> Path:
    """The national register with its XML rendition and code lists, generated once."""
    from kpss.testing import RegisterInfo, write_register

    try:
        info = RegisterInfo.read(DATA)
    except Exception:  # not there yet, or made by another generator: write it anew
        info = None
    if info is None or info.xml is None or not Path(info.xml).is_file():
        if DATA.exists():
            import shutil

            shutil.rmtree(DATA)
        print("generating the national register with kpss.testing …", file=sys.stderr)
        write_register(DATA, xml=True)
    return DATA


def measure(case: str, path: Path, codes: Path) -> dict[str, float]:
    """Run one case in a fresh interpreter; its timings and its peak RSS in MB."""
    code = PRELUDE + textwrap.dedent(CASES[case]) + EPILOGUE
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(codes)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{case} failed with exit code {process.returncode}")
    result: dict[str, float] = json.loads(out)
    result["rss"] = usage.ru_maxrss / 1024  # kB on Linux
    return result


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of several runs, with the peak RSS of the largest run."""
    chosen = dict(min(runs, key=lambda r: r["wall"]))
    chosen["rss"] = max(r["rss"] for r in runs)
    return chosen


def main(argv: list[str] | None = None) -> None:
    """Print the figures and the ratios of this run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    folder = national()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sizes = {name: (folder / name).stat().st_size / 1e6 for name in ("rpss.json", "rpss.xml")}
    print(
        f"national file: {manifest['counts']['services']} services, "
        f"rpss.json {sizes['rpss.json']:.1f} MB, rpss.xml {sizes['rpss.xml']:.1f} MB; "
        f"best of {args.repeat} runs, each in a fresh process"
    )
    codes = folder / "ciselniky"
    runs: dict[str, list[dict[str, float]]] = {case: [] for case in CASES}
    for _ in range(args.repeat):  # round robin: a busy moment hits every case alike
        for case in CASES:
            source = folder / ("rpss.xml" if "xml" in case or "lxml" in case else "rpss.json")
            runs[case].append(measure(case, source, codes))
    results = {case: best(found) for case, found in runs.items()}
    print(f"load average after the runs: {os.getloadavg()[0]:.2f}")
    for case, r in results.items():
        extra = f", set-up {r['ref']:.2f} s before" if r.get("ref") else ""
        unit = "elements" if case == "lxml iterparse (bare)" else "items"
        print(
            f"  {case:<28} wall {r['wall']:6.2f} s  cpu {r['cpu']:6.2f} s  "
            f"peak RSS {r['rss']:6.0f} MB  ({int(r['n'])} {unit}{extra})"
        )
    base, kpss = results["json.load"], results["kpss load(rpss.json)"]
    bare, xml = results["lxml iterparse (bare)"], results["kpss load(rpss.xml)"]
    items_only = results["lxml iterparse (items only)"]
    print("ratios (this run):")
    print(
        f"  JSON import / json.load: time {kpss['wall'] / base['wall']:.2f}× wall, "
        f"{kpss['cpu'] / base['cpu']:.2f}× cpu (target ≤ 1.5×); "
        f"peak RSS {kpss['rss'] / base['rss']:.2f}× (target ≤ 0.25×)"
    )
    print(
        f"  XML import / bare iterparse: time {xml['wall'] / bare['wall']:.2f}× wall, "
        f"{xml['cpu'] / bare['cpu']:.2f}× cpu (target ≤ 2.5×); "
        f"peak RSS {xml['rss'] / bare['rss']:.2f}×"
    )
    print(
        f"  XML import / items-only iterparse (libxml2 parse alone): "
        f"time {xml['wall'] / items_only['wall']:.2f}× wall, "
        f"{xml['cpu'] / items_only['cpu']:.2f}× cpu (for information)"
    )


if __name__ == "__main__":
    main()
