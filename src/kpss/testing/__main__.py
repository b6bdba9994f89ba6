"""``python -m kpss.testing OUT [options]``: write a synthetic register folder.

For benchmarks, sample data and manual checks; tests call :func:`kpss.testing.write_register`.
"""

from __future__ import annotations

import argparse
import sys
import time

from kpss.errors import KpssError
from kpss.testing.folder import write_register
from kpss.testing.spec import FAULTS, NATIONAL_SERVICES


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, write the register, print what it holds; the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m kpss.testing", description="Write a synthetic MPSV register folder."
    )
    parser.add_argument("out", help="the folder to write (new, empty, or an earlier register)")
    parser.add_argument("--services", type=int, default=NATIONAL_SERVICES)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xml", action="store_true", help="also write rpss.xml")
    parser.add_argument(
        "--fault", action="append", default=[], choices=FAULTS, help="a broken variant"
    )
    parser.add_argument("--kraj", help="confine to one kraj (RÚIAN code such as 43, or name)")
    parser.add_argument("--obec", action="append", help="confine to these obce (ČSÚ codes)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        info = write_register(
            args.out,
            services=args.services,
            seed=args.seed,
            xml=args.xml,
            faults=args.fault,
            kraj=args.kraj,
            obce=args.obec,
        )
    except KpssError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    counts = info.counts
    sizes = ", ".join(
        f"{name} {size / 1e6:.1f} MB" for name, size in info.files.items() if "/" not in name
    )
    print(
        f"Wrote {info.folder}: {counts.services} services, {counts.facilities} facilities, "
        f"{counts.providers} providers, {counts.ended} ended; {sizes} "
        f"in {time.perf_counter() - start:.1f} s"
    )
    for record in info.damaged:
        print(f"{record.fault.value}: record {record.index}, identifikator {record.identifier}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
