"""The pytest plugin: its fixtures here, and loaded with -p in another pytest run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from kpss.model.catalog import Catalog
from kpss.testing import RegisterFactory, RegisterInfo


def test_rpss_folder_is_a_small_national_register(rpss_folder: RegisterInfo) -> None:
    assert (rpss_folder.spec.services, rpss_folder.spec.seed) == (300, 7)
    assert rpss_folder.xml is not None
    assert rpss_folder.xml.is_file()
    assert (rpss_folder / "rpss.json") == rpss_folder.json
    assert Path(rpss_folder) == rpss_folder.folder
    assert (rpss_folder.codes / "cilove-skupiny-osoby.json").is_file()
    kraje = {i["poskytovatel"]["adresa"]["kraj"]["id"] for i in _items(rpss_folder)}
    assert len(kraje) >= 10  # from all over the country


def _items(info: RegisterInfo) -> list[dict]:
    import json

    return json.loads(info.json.read_bytes())["polozky"]


def test_rpss_catalog_is_a_fresh_copy(rpss_catalog: Catalog, _rpss_loaded: Catalog) -> None:  # noqa: PT019
    assert len(rpss_catalog) == 300
    assert rpss_catalog is not _rpss_loaded
    assert rpss_catalog.services == _rpss_loaded.services
    assert rpss_catalog.services is not _rpss_loaded.services
    rpss_catalog.services.clear()
    assert len(_rpss_loaded) == 300
    assert rpss_catalog.label("CilovaSkupinaOsoby/101")  # read with the register's code lists


def test_rpss_factory_writes_each_register_once(
    rpss_factory: RegisterFactory, tmp_path_factory
) -> None:
    first = rpss_factory(services=12, seed=9)
    assert rpss_factory(services=12, seed=9) is first
    other = rpss_factory(services=12, seed=10)
    assert other.folder != first.folder
    assert first.folder.parent.parent == other.folder.parent.parent  # pytest's session folders


def test_the_plugin_works_in_another_pytest_run(tmp_path: Path) -> None:
    (tmp_path / "test_uses_fixtures.py").write_text(
        textwrap.dedent(
            """
            def test_factory(rpss_factory):
                info = rpss_factory(services=5, seed=2, faults=["wrong-type"])
                assert info.counts.services == 5
                assert info.damage("wrong-type").field == "formy[0].kapacity[0].pocet"

            def test_catalog(rpss_catalog, rpss_folder):
                assert len(rpss_catalog) == rpss_folder.counts.services == 300
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "kpss.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            "-q",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
