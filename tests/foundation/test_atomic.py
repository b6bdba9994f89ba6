"""Writers never leave half-written output, and outputs get the usual file mode."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kpss.atomic import atomic_bytes, atomic_directory, atomic_text


class Boom(Exception):
    pass


def test_text_appears_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "catalog.json"
    with atomic_text(target) as handle:
        handle.write("příliš žluťoučký kůň\n")
        assert not target.exists()  # nothing visible before the end
    assert target.read_text(encoding="utf-8") == "příliš žluťoučký kůň\n"
    assert list(target.parent.iterdir()) == [target]


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "catalog.xml"
    target.write_bytes(b"old")

    def write_half() -> None:
        with atomic_bytes(target) as handle:
            handle.write(b"half of the new")
            raise Boom

    with pytest.raises(Boom):
        write_half()
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_mode_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with atomic_text(tmp_path / "a.txt") as handle:
            handle.write("x")
        with atomic_directory(tmp_path / "site") as folder:
            (folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o750


def test_directory_replaces_only_when_complete(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with atomic_directory(site) as folder:
        (folder / "index.html").write_text("v1", encoding="utf-8")

    def build_half() -> None:
        with atomic_directory(site) as folder:
            (folder / "index.html").write_text("v2, half", encoding="utf-8")
            raise Boom

    with pytest.raises(Boom):
        build_half()
    assert (site / "index.html").read_text(encoding="utf-8") == "v1"
    with atomic_directory(site) as folder:
        (folder / "index.html").write_text("v3", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "v3"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
