"""html_to_pdf: tagged, offline (nothing from the network or outside its folders), atomic."""

from __future__ import annotations

import http.server
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.print.tools import flat, pdf_pages

from kpss.errors import UsageError
from kpss.publish.print import html_to_pdf

PANGRAM = "Příliš žluťoučký kůň úpěl ďábelské ódy"


def _page(head: str = "", body: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="cs"><head><meta charset="utf-8"><title>Zkouška</title>'
        f"{head}</head><body><h1 id='nadpis'>{PANGRAM}</h1>{body}</body></html>"
    )


def test_tagged_pdf_with_language_title_and_czech_text(tmp_path: Path) -> None:
    result = html_to_pdf(_page(), tmp_path, tmp_path / "a.pdf")
    reader = PdfReader(result.path)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "cs"
    assert reader.metadata is not None
    assert reader.metadata.title == "Zkouška"
    assert PANGRAM in flat(pdf_pages(result.path)[0])
    assert result.pages == 1
    assert result.anchors == {"nadpis": 1}


def test_nothing_is_fetched_from_the_network(tmp_path: Path, serve_http) -> None:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"h1 { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    base = serve_http(Handler)
    head = (
        f'<link rel="stylesheet" href="{base}/style.css">'
        f"<style>@font-face {{ font-family: Web; src: url({base}/font.ttf); }}"
        f"@import url({base}/import.css); body {{ font-family: Web, sans-serif }}</style>"
    )
    body = f'<img src="{base}/logo.png" alt="logo"><img src="https://example.org/x.png" alt="x">'
    result = html_to_pdf(_page(head, body), tmp_path, tmp_path / "a.pdf")
    assert requests == []
    assert {f"{base}/style.css", f"{base}/font.ttf", f"{base}/logo.png"} <= set(result.refused)
    assert "https://example.org/x.png" in result.refused
    assert PANGRAM in flat(pdf_pages(result.path)[0])


def test_files_only_from_the_allowed_folders(tmp_path: Path) -> None:
    inside, outside = tmp_path / "templates", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (inside / "ok.css").write_text("h1::after { content: ' POVOLENO'; }", encoding="utf-8")
    (outside / "no.css").write_text("h1::before { content: 'ZAKÁZÁNO '; }", encoding="utf-8")
    head = (
        f'<link rel="stylesheet" href="{(inside / "ok.css").as_uri()}">'
        f'<link rel="stylesheet" href="{(outside / "no.css").as_uri()}">'
    )
    result = html_to_pdf(_page(head), tmp_path / "out", tmp_path / "a.pdf", allowed=[inside])
    text = flat(pdf_pages(result.path)[0])
    assert "POVOLENO" in text
    assert "ZAKÁZÁNO" not in text
    assert result.refused == ((outside / "no.css").as_uri(),)


def test_extra_stylesheets_and_plain_variant(tmp_path: Path) -> None:
    sheet = tmp_path / "extra.css"
    sheet.write_text("h1::after { content: ' EXTRA'; }", encoding="utf-8")
    result = html_to_pdf(_page(), tmp_path, tmp_path / "a.pdf", stylesheets=[sheet], variant=None)
    assert "EXTRA" in flat(pdf_pages(result.path)[0])
    assert "/StructTreeRoot" not in PdfReader(result.path).trailer["/Root"]


def test_pages_reported_as_laid_out(tmp_path: Path) -> None:
    seen: list[int] = []
    body = "".join(f"<p style='break-before: page'>Strana {n}</p>" for n in range(5))
    result = html_to_pdf(_page(body=body), tmp_path, tmp_path / "a.pdf", on_page=seen.append)
    assert result.pages == 6
    assert seen == [1, 2, 3, 4, 5, 6]


def test_refuses_a_folder_and_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        html_to_pdf(_page(), tmp_path, tmp_path)
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    with pytest.raises(Exception, match="ua-9"):
        html_to_pdf(_page(), tmp_path, out, variant="pdf/ua-9")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
