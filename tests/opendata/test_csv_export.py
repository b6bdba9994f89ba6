"""kpss export csv: one row per service or facility, documented columns, safe cells."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pytest
from tests.opendata.data import FORMULA, HEAD, OWN_NAME, SECRET_STREET, STATUTORY

import kpss
from kpss.opendata.csv_rows import FACILITY_COLUMNS, SERVICE_COLUMNS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "open-data.md"


def _read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@pytest.fixture(scope="module")
def service_rows(
    features: kpss.Catalog, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("csv") / "sluzby.csv"
    kpss.export(features, "csv", out)
    return _read(out)


def test_one_row_per_service_with_czech_headers(
    service_rows: list[dict[str, str]], features: kpss.Catalog
) -> None:
    assert len(service_rows) == len(features)
    assert list(service_rows[0]) == [c.header for c in SERVICE_COLUMNS]
    assert {r["Identifikátor"] for r in service_rows} == {s.identifier for s in features}


def test_cells_hold_the_public_view(
    service_rows: list[dict[str, str]], features: kpss.Catalog
) -> None:
    first = next(iter(features))
    row = next(r for r in service_rows if r["Identifikátor"] == first.identifier)
    assert row["Název"] == OWN_NAME
    assert row["Formy"] == "terénní, ambulantní"
    assert row["Provozní doba"].startswith("terénní: nepřetržitě; ambulantní: Po 9:00–11:00")
    assert row["Kapacita"] == "ambulantní: 4 kontaktů (10 min.)"
    assert row["Telefony"] == "'+420 777 123 456 (krizová linka)"
    assert row["Weby"] == "https://www.rozcesti.example.cz; https://rozcesti.example.cz/en"
    assert row["Upřesnění věku"] == "od 18 let"
    assert "Plzeň" in row["Územní působnost"]


def test_formula_cells_are_neutralised(service_rows: list[dict[str, str]]) -> None:
    cells = [cell for row in service_rows for cell in row.values()]
    assert any(cell.startswith("'" + FORMULA) for cell in cells)
    assert "'-200 Kč za hodinu u fakultativních úkonů" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


def test_nothing_secret_or_personal(service_rows: list[dict[str, str]]) -> None:
    text = repr(service_rows)
    for word in (SECRET_STREET, *STATUTORY, *HEAD, "javascript:"):
        assert word not in text


def test_facility_rows(features: kpss.Catalog, tmp_path: Path) -> None:
    out = tmp_path / "zarizeni.csv"
    kpss.export(
        features,
        "csv",
        out,
        settings={"rows": "facility", "headers": "en", "bom": "true", "delimiter": ";"},
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid;name;")
    rows = _read(out, ";")
    assert list(rows[0]) == [c.key for c in FACILITY_COLUMNS]
    expected = sum(max(1, len(s.facilities)) for s in features)
    assert len(rows) == expected
    secret = [r for r in rows if r["secret"] == "ano"]
    assert secret
    assert all(r["street"] == "" and r["postcode"] == "" for r in secret)
    public = [r for r in rows if r["secret"] == "ne"]
    assert all(r["obec"] and r["obec_code"].isdigit() for r in public)


def test_without_bom_the_file_starts_with_the_header(
    features: kpss.Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "a.csv"
    kpss.export(features, "csv", out, settings={"headers": "en"})
    assert out.read_bytes().startswith(b"id,name,registered,paragraph,")
    assert b"\r\n" in out.read_bytes()


@pytest.mark.parametrize(
    "settings", [{"rows": "provider"}, {"headers": "de"}, {"delimiter": "|"}, {"bom": "snad"}]
)
def test_unknown_setting_values_are_refused(
    features: kpss.Catalog, tmp_path: Path, settings: dict[str, str]
) -> None:
    with pytest.raises(kpss.UsageError, match="expected one of"):
        kpss.export(features, "csv", tmp_path / "a.csv", settings=settings)
    assert not (tmp_path / "a.csv").exists()


def test_every_column_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for column in (*SERVICE_COLUMNS, *FACILITY_COLUMNS):
        assert f"`{column.key}`" in text, column.key
        assert column.header in text, column.header


def test_text_that_is_not_unicode_names_the_service(features: kpss.Catalog, tmp_path: Path) -> None:
    first = next(iter(features))
    broken = kpss.Catalog(codes=features.codes, snapshot_date=features.snapshot_date)
    broken.add(attrs.evolve(first, description="zlom \udcff"))
    with pytest.raises(kpss.DataError) as error:
        kpss.export(broken, "csv", tmp_path / "a.csv")
    assert error.value.location.file == str(tmp_path / "a.csv")
    assert error.value.location.identifier == first.identifier
    assert not (tmp_path / "a.csv").exists()
