"""Write PNG pictures of a printed catalogue's cover, a contents page and a card page.

    python tests/print/page_images.py katalog.pdf OUT_DIR [--dpi 80]

Pages are found by their text (pdftotext): the cover is page 1, the contents page is the
first with "Obsah", the card page the first with "Registrační číslo". Pictures are made
by pdftoppm (Debian poppler-utils), so a person can look at the layout.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

PAGES = {"cover": None, "contents": "Obsah", "card": "Registrační číslo"}


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext separates pages by form feeds)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")


def find_pages(pdf: Path) -> dict[str, int]:
    """Picture name → page number (from 1)."""
    texts = page_texts(pdf)
    found: dict[str, int] = {}
    for name, marker in PAGES.items():
        if marker is None:
            found[name] = 1
            continue
        for number, text in enumerate(texts, start=1):
            if number > 1 and marker in text:
                found[name] = number
                break
    return found


def write_images(pdf: Path, out: Path, dpi: int = 80) -> dict[str, Path]:
    """Write ``<pdf stem>-<name>.png`` into *out* for each page found; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, number in find_pages(pdf).items():
        prefix = out / f"{pdf.stem}-{name}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(prefix),
            ],
            check=True,
        )
        written[name] = prefix.with_suffix(".png")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: install Debian's poppler-utils", file=sys.stderr)
            return 1
    for name, path in write_images(args.pdf, args.out, args.dpi).items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
