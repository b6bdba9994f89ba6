"""No command writes over its input; write errors name the output, never the temporary
file; a device or FIFO as SOURCE is said to be one (and is never opened)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kpss
from kpss.atomic import atomic_directory, atomic_text
from kpss.cli import cli
from kpss.errors import UsageError

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "rpss-plzensky" / "rpss.json"
LOCAL = "nazev,obec\nDomov pro seniory,Kralovice\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "rpss.json")
    (tmp_path / "seznam.csv").write_text(LOCAL, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "rpss.json"), "--all", "-o", str(tmp_path / "cat.json")]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


CASES = {
    "export -o SOURCE": ["export", "json", "{d}/rpss.json", "--all", "-o", "{d}/rpss.json"],
    "export -o the saved catalogue it reads": [
        "export", "kpss-catalog", "{d}/cat.json", "-o", "{d}/cat.json"],
    "export rpss-json -o the saved catalogue": [
        "export", "rpss-json", "{d}/cat.json", "-o", "{d}/cat.json"],
    "export web -o the folder of SOURCE": ["export", "web", "{d}/rpss.json", "--all", "-o", "{d}"],
    "export -o a link to SOURCE": ["export", "rpss-xml", "{d}/rpss.json", "-o", "{d}/link.json"],
    "import -o SOURCE": ["import", "{d}/rpss.json", "-o", "{d}/rpss.json"],
    "import --report SOURCE": ["import", "{d}/rpss.json", "--report", "{d}/rpss.json"],
    "import -o and --report one file": [
        "import", "{d}/rpss.json", "-o", "{d}/x.json", "--report", "{d}/x.json"],
    "match --csv SOURCE": ["match", "{d}/seznam.csv", "{d}/rpss.json", "--csv", "{d}/rpss.json"],
    "match --csv LOCAL": ["match", "{d}/seznam.csv", "{d}/rpss.json", "--csv", "{d}/seznam.csv"],
    "match -o LOCAL": ["match", "{d}/seznam.csv", "{d}/rpss.json", "-o", "{d}/seznam.csv"],
    "match --report SOURCE": [
        "match", "{d}/seznam.csv", "{d}/rpss.json", "--report", "{d}/rpss.json"],
    "match -o and --csv one file": [
        "match", "{d}/seznam.csv", "{d}/rpss.json", "-o", "{d}/m.txt", "--csv", "{d}/m.txt"],
    "diff -o OLD": ["diff", "{d}/rpss.json", "{d}/cat.json", "-o", "{d}/rpss.json"],
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_command_writes_over_its_input(work: Path, case: str) -> None:
    (work / "link.json").symlink_to(work / "rpss.json")
    before = _snapshot(work)
    args = [a.format(d=work) for a in CASES[case]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Error: " in result.output
    assert "choose another" in result.output or "give two files" in result.output
    assert _snapshot(work) == before
    assert sorted(p.name for p in work.iterdir()) == sorted(
        ["rpss.json", "seznam.csv", "cat.json", "link.json"]
    )


def test_the_api_refuses_the_files_load_read(work: Path) -> None:
    result = kpss.load(work / "cat.json")
    for out in (work / "cat.json", work / "rpss.json", work):
        with pytest.raises(UsageError, match="choose another"):
            kpss.export(result.catalog, "rpss-json", out)
    with pytest.raises(UsageError, match="is the input"):
        kpss.export(result.catalog, "rpss-json", work / "seznam.csv", inputs=[work / "seznam.csv"])
    kpss.export(result.catalog, "rpss-json", work / "new.json")  # another file is fine
    assert (work / "new.json").stat().st_size > 0


def test_a_new_file_beside_the_source_is_fine(work: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", str(work / "rpss.json"), "-o", str(work / "b.json"), "--report",
              str(work / "r.json"), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (work / "b.json").is_file()
    assert (work / "r.json").is_file()


# -- write errors name the output -------------------------------------------------------
def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)


def _only_the_inputs(folder: Path, names: set[str]) -> None:
    assert {p.name for p in folder.iterdir()} == names, "a temporary file was left behind"


def test_disk_full_names_the_output_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (work / "out.json").write_text("old", encoding="utf-8")
    _disk_full(monkeypatch)
    result = CliRunner().invoke(
        cli, ["import", str(work / "rpss.json"), "-o", str(work / "out.json"), "-q"]
    )
    assert result.exit_code == 1
    line = result.output.strip().splitlines()[-1]
    assert line == (
        f"Error: {work / 'out.json'}: No space left on device ({work / 'out.json'} was left "
        "as it was)"
    )
    assert (work / "out.json").read_text(encoding="utf-8") == "old"
    _only_the_inputs(work, {"rpss.json", "seznam.csv", "cat.json", "out.json"})


def test_disk_full_while_writing_names_the_output(tmp_path: Path) -> None:
    target = tmp_path / "katalog.json"

    class Full:
        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left") as info, atomic_text(target):
        Full().write("x")
    assert info.value.filename == str(target)
    assert info.value.errno == errno.ENOSPC
    assert "was not written" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_temporary_file_is_not_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".x.json.1.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with (
        pytest.raises(OSError, match="Permission denied") as info,
        atomic_text(tmp_path / "x.json") as handle,
    ):
        handle.write("x")
    assert info.value.filename == str(tmp_path / "x.json")
    assert ".tmp" not in str(info.value)


def test_a_full_disk_in_a_folder_output_names_the_folder(tmp_path: Path) -> None:
    site = tmp_path / "web"
    (site / "old").mkdir(parents=True)

    def build_half() -> None:
        with atomic_directory(site) as building:
            (building / "index.html").write_text("<p>", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device", str(building / "index.html"))

    with pytest.raises(OSError, match="No space left") as info:
        build_half()
    assert info.value.filename == str(site)
    assert "left as it was" in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["web"]
    assert [p.name for p in site.iterdir()] == ["old"]


def test_other_errors_inside_a_writer_keep_their_own_file(tmp_path: Path) -> None:
    """An error about another file (say, a missing input) is not blamed on the output."""
    with pytest.raises(FileNotFoundError) as info, atomic_text(tmp_path / "o.txt"):
        (tmp_path / "missing.txt").read_text(encoding="utf-8")
    assert info.value.filename == str(tmp_path / "missing.txt")


# -- devices and FIFOs as SOURCE --------------------------------------------------------
COMMANDS = {
    "import": ["import", "{s}"],
    "export": ["export", "json", "{s}", "-o", "{d}/o.json"],
    "search": ["search", "domov", "{s}"],
    "match SOURCE": ["match", "{d}/seznam.csv", "{s}", "-o", "{d}/m.json"],
    "match LOCAL": ["match", "{s}", "{d}/rpss.json", "-o", "{d}/m.json"],
    "diff OLD": ["diff", "{s}", "{d}/rpss.json"],
    "diff NEW": ["diff", "{d}/rpss.json", "{s}"],
    "convert": ["convert", "{s}", "{d}/o.xml"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dev_null_is_not_a_register(work: Path, command: str) -> None:
    args = [a.format(s="/dev/null", d=work) for a in COMMANDS[command]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "/dev/null: is not a regular file (a device, FIFO or socket)" in result.output
    assert "no such file" not in result.output


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_is_refused_without_waiting_for_a_writer(work: Path, command: str) -> None:
    fifo = work / "pipe.json"
    os.mkfifo(fifo)
    args = [a.format(s=fifo, d=work) for a in COMMANDS[command]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "kpss", *args], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 1, done.stderr
    assert f"{fifo}: is not a regular file (a device, FIFO or socket)" in done.stderr
    assert not (work / "o.json").exists()
    assert not (work / "m.json").exists()
