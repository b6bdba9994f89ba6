"""Matching 1,000 messy local rows against the whole country: kpss vs naive per-pair loops.

Run: ``python benchmarks/bench_match.py [--rows 1000] [--naive-rows N] [--repeat 5]``.
The national file (6,733 services) is generated with kpss.testing into
``benchmarks/.data/`` on first use; the local list is made from it by
``tests/search/messy.py`` (no diacritics, capitals, typos, swapped words, other legal-form
spellings, phones in other formats, webs without scheme, obec in a column or an address,
~10 % services that are not registered).

Measured in one run, on the same rows and the same normalised register names:

* **kpss**: :class:`kpss.find.match.Matcher` — indexes built once, then ``match()`` (median of
  ``--repeat`` runs; the index build is reported apart).
* **naive, same scoring**: for every (row, register service) pair, a Python loop calls
  ``rapidfuzz.fuzz.token_sort_ratio`` on every name of the service (the names kpss scores:
  title, facilities, provider, provider + title, kind + obec) plus the same word-subset
  rule, and keeps the best service. No blocking, no cdist, no contact evidence (so it does
  less than kpss). By default over all rows; ``--naive-rows N`` times the first N rows and
  extrapolates linearly (printed as such).
* **naive, title only**: the cheapest loop one might write: ``fuzz.token_sort_ratio`` of
  the row's name and each service's title, for every pair. It does far less work than
  kpss and finds much less; shown for scale.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "search"))

from _data import national_catalog
from messy import messy_rows
from rapidfuzz import fuzz

from kpss import reference
from kpss.find.local_list import LocalList
from kpss.find.match import SUBSET_SCORE, Matcher, MatchResult
from kpss.find.text import normalize

COLUMNS = {
    "Název": "name",
    "Poskytovatel": "provider",
    "IČ": "ico",
    "Obec": "obec",
    "Adresa": "address",
    "Telefon": "phone",
    "Web": "web",
}


def naive_same_scoring(names: list[str], register: list[list[str]]) -> tuple[list[int], float]:
    """Best service per row by a per-pair loop over every name; (choices, seconds)."""
    words = [[frozenset(k.split()) for k in keys] for keys in register]
    start = time.perf_counter()
    best_of_rows: list[int] = []
    for name in names:
        query = frozenset(name.split())
        best, best_score = -1, -1.0
        for number, keys in enumerate(register):
            for key, key_words in zip(keys, words[number], strict=True):
                score = fuzz.token_sort_ratio(name, key)
                if score < SUBSET_SCORE and (query <= key_words or key_words <= query):
                    score = SUBSET_SCORE
                if score > best_score:
                    best, best_score = number, score
        best_of_rows.append(best)
    return best_of_rows, time.perf_counter() - start


def naive_title_only(names: list[str], titles: list[str]) -> tuple[list[int], float]:
    """The cheapest per-pair loop (row name × service title): (choices, seconds)."""
    start = time.perf_counter()
    chosen: list[int] = []
    for name in names:
        best, best_score = -1, -1.0
        for number, title in enumerate(titles):
            score = fuzz.token_sort_ratio(name, title)
            if score > best_score:
                best, best_score = number, score
        chosen.append(best)
    return chosen, time.perf_counter() - start


def quality(result: MatchResult, truth: list[str | None]) -> dict[str, Any]:
    right = sum(1 for m in result.matched if truth[m.local_index] == m.identifier)
    proposed = sum(
        1 for a in result.ambiguous if truth[a.local_index] in {c.identifier for c in a.candidates}
    )
    registered = sum(1 for t in truth if t is not None)
    lost = sum(1 for i in result.unmatched_local if truth[i] is not None)
    return {
        "matched": len(result.matched),
        "right": right,
        "ambiguous": len(result.ambiguous),
        "proposed": proposed,
        "unmatched": len(result.unmatched_local),
        "lost": lost,
        "registered": registered,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--naive-rows", type=int, default=None, help="time the naive loop on N rows only"
    )
    args = parser.parse_args()

    catalog, load_seconds = national_catalog()
    territory = reference.territory()
    rows, truth = messy_rows(catalog, territory, args.rows, args.seed)
    local = LocalList.of([{COLUMNS[k]: v for k, v in row.items()} for row in rows])
    print(f"register: {len(catalog)} services (loaded in {load_seconds:.1f} s); "
          f"local list: {len(local)} messy rows")  # fmt: skip

    start = time.perf_counter()
    matcher = Matcher(catalog, territory)
    build = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # as in bench_search: the loaded catalogue is long-lived
    runs: list[float] = []
    cpu: list[float] = []
    result = None
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = matcher.match(local)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert result is not None
    kpss_seconds = statistics.median(runs)
    print(f"kpss: indexes built once in {build:.2f} s; match() of {len(local)} rows: "
          f"median {kpss_seconds:.3f} s (min {min(runs):.3f}, max {max(runs):.3f}; "
          f"CPU median {statistics.median(cpu):.3f} s) over {args.repeat} runs")  # fmt: skip
    q = quality(result, truth)
    print(f"  matched {q['matched']} rows, {q['right']} to the right service "
          f"({100 * q['right'] / max(q['matched'], 1):.1f} % precision); ambiguous "
          f"{q['ambiguous']} (the right service among the candidates in {q['proposed']}); "
          f"unmatched {q['unmatched']} ({q['lost']} of them registered); "
          f"{q['registered']} rows stand for registered services")  # fmt: skip

    names = [normalize(entry.get("name")) for entry in local.entries]
    register = [matcher._names[n] for n in range(len(matcher.services))]
    subset = names if args.naive_rows is None else names[: args.naive_rows]
    choices, naive = naive_same_scoring(subset, register)
    scale = len(names) / len(subset)
    label = "measured" if scale == 1 else f"measured on {len(subset)} rows × {scale:g}"
    naive_total = naive * scale
    keys = sum(len(k) for k in register)
    print(f"naive, same scoring ({len(subset)} rows × {len(register)} services, {keys} "
          f"names): {naive_total:.1f} s ({label})")  # fmt: skip
    right = sum(1 for i, c in enumerate(choices) if truth[i] == matcher.services[c].identifier)
    print(
        f"  its best service is the right one for {right} of {len(subset)} rows "
        "(no obec blocking, no phone/web/IČO evidence)"
    )
    titles = [normalize(s.title) for s in matcher.services]
    _, title_only = naive_title_only(names, titles)
    print(f"naive, title only ({len(names)} × {len(titles)} pairs): {title_only:.1f} s")
    ratio = naive_total / kpss_seconds
    print(
        f"kpss vs naive same scoring: {ratio:.0f}× faster (index build excluded); "
        f"{naive_total / (kpss_seconds + build):.0f}× with the index build included"
    )
    print(f"kpss vs naive title-only loop: {title_only / kpss_seconds:.1f}× faster")
    print(f"targets: >= 20x: {'OK' if ratio >= 20 else 'MISSED'}; "
          f"<= 1 s: {'OK' if kpss_seconds <= 1.0 else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
