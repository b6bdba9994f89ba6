"""Benchmark of local additions for the whole country, against the load alone.

The national synthetic register (6,733 services, seed 1) is written once by
:func:`kpss.testing.write_register` into ``benchmarks/.data/additions-national/``, with an
additions file that fills every field of every service (description, offer, structured
hours, charge and fees, languages, accessibility, a sign-language link, two local
contacts) and 500 related services. In the same run, ``--repeat`` times each (median):

* **load**: ``kpss.load(rpss.json, enrich=False)``, the baseline;
* **load + additions**: the same with ``additions=doplnky.yaml`` (read, check, apply);
* the two parts on their own: **read** (:func:`kpss.additions.read_additions`) and
  **apply** (:func:`kpss.additions.apply_additions` on the loaded catalogue);
* **CSV**: the simple fields of every service as ``doplnky.csv`` (one row each), read.

Times are CPU seconds of this process (``time.process_time``), so that other work on the
machine does not blur the ratios. ``ratio`` = load + additions / load (goal ≤ 1.1×).

    python benchmarks/bench_additions.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import kpss
from kpss.additions import apply_additions, read_additions
from kpss.testing import write_register

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "additions-national"
RELATED = 500

ENTRY = """\
  "{ident}":
    nazev: "{name}"
    popis: >
      Pomáháme lidem v obci {n} zůstat doma: přijedeme, poradíme a domluvíme, co je
      potřeba. Služba je určena seniorům a lidem se zdravotním postižením.
    nabidka: [pomoc s hygienou, dovoz obědů, nákupy, doprovod k lékaři]
    oteviraci_doba:
      - {{dny: po–pá, od: "7:30", do: "15:30"}}
      - {{dny: st, od: "15:30", do: "18:00", poznamka: po objednání}}
    oteviraci_doba_poznamka: Jindy po domluvě.
    uhrada: za úhradu
    uhrada_popis: Podle ceníku, 135 Kč za hodinu.
    jazyky: [čeština, angličtina]
    pristupnost: {{bezbarierovy_pristup: ano, indukcni_smycka: ne}}
    video_znakovy_jazyk: https://www.example.cz/znakovy-jazyk/{ident}
    kontakty:
      - {{telefon: 373 396 {phone:03d}, poznamka: koordinátorka}}
      - email: sluzba{ident}@example.cz
"""

RELATED_ENTRY = """\
  klub-{n}:
    nazev: Klub seniorů {name}
    druh: klub seniorů
    provozovatel: Obec {name}
    obce: ["{code}"]
    oteviraci_doba: út, čt 13:00–17:00
    uhrada: zdarma
"""


CSV_HEADER = (
    "identifikator;popis;nabidka;oteviraci_doba;uhrada;uhrada_popis;jazyky;"
    "bezbarierovy_pristup;video_znakovy_jazyk;telefon;email\n"
)
CSV_ROW = (
    '{ident};"Pomáháme lidem v obci {n} zůstat doma.";pomoc s hygienou, dovoz obědů;'
    '"po–pá 7:30–15:30; st 15:30–18:00";za úhradu;135 Kč za hodinu;čeština, angličtina;ano;'
    "https://www.example.cz/znakovy-jazyk/{ident};373 396 {phone:03d};sluzba{ident}@example.cz\n"
)


def prepare() -> tuple[Path, Path, Path]:
    """The register and its additions files (YAML, CSV), written on the first run."""
    register, additions, table = DATA / "rpss.json", DATA / "doplnky.yaml", DATA / "doplnky.csv"
    if register.is_file() and additions.is_file() and table.is_file():
        return register, additions, table
    print(f"writing the national register and its additions into {DATA} …", file=sys.stderr)
    write_register(DATA, services=6733, seed=1)
    catalog = kpss.load(register, enrich=False).catalog
    obce = sorted(kpss.territory().obce.values(), key=lambda o: o.code)[:RELATED]
    parts = ["verze: 1\nsluzby:\n"]
    for n, service in enumerate(catalog):
        name = service.title.replace("\\", " ").replace('"', "'")
        parts.append(ENTRY.format(ident=service.identifier, name=name, n=n, phone=n % 1000))
    parts.append("navazne_sluzby:\n")
    for n, obec in enumerate(obce):
        parts.append(RELATED_ENTRY.format(n=n, name=obec.name, code=obec.code))
    additions.write_text("".join(parts), encoding="utf-8")
    rows = [CSV_HEADER]
    for n, service in enumerate(catalog):
        rows.append(CSV_ROW.format(ident=service.identifier, n=n, phone=n % 1000))
    table.write_text("".join(rows), encoding="utf-8")
    return register, additions, table


def median_time(run: Callable[[], object], repeat: int) -> float:
    """The median CPU time of *run* in seconds."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs", flush=True)
    register, path, table = prepare()
    catalog = kpss.load(register, enrich=False).catalog
    additions = read_additions(path)
    applied = apply_additions(catalog, additions)
    filled = sum(1 for s in applied.catalog if s.sources)
    print(
        f"services {len(catalog)}, with additions {filled}, related {len(applied.catalog.related)}"
        f", additions file {path.stat().st_size / 1e6:.1f} MB",
        flush=True,
    )
    load = median_time(lambda: kpss.load(register, enrich=False), args.repeat)
    both = median_time(lambda: kpss.load(register, enrich=False, additions=path), args.repeat)
    read = median_time(lambda: read_additions(path), args.repeat)
    apply = median_time(lambda: apply_additions(catalog, additions), args.repeat)
    csv = median_time(lambda: read_additions(table), args.repeat)
    print(
        f"load {load:6.2f} s  load + additions {both:6.2f} s  ratio {both / load:4.2f}x  "
        f"(read {read:5.2f} s = {read / load:4.2f}x, apply {apply:5.3f} s = "
        f"{(load + apply) / load:4.2f}x with the load)",
        flush=True,
    )
    print(
        f"CSV of the simple fields ({table.stat().st_size / 1e6:.1f} MB): read {csv:5.2f} s, "
        f"with load and apply {(load + csv + apply) / load:4.2f}x",
        flush=True,
    )
    print(f"load average {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
