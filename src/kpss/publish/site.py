"""The static web catalogue: a folder of HTML pages built from a :class:`PublicCatalog`.

:func:`plan_site` lists the pages (path, template, context) and :func:`write_site` renders
them with the template environment into a temporary folder that replaces the output folder
only when everything is written (an interrupted export leaves the previous site intact).

Layout of the site (every link is relative, so it works from disk and under any path)::

    index.html                 home: search, life situations and the other ways in
    hledat.html                search results
    sluzby/index.html, sluzby/<identifikator>.html
    poskytovatele/index.html, poskytovatele/<IČO>.html
    obce/index.html, obce/<kód obce>.html
    druhy/index.html, druhy/<§>.html
    skupiny/index.html, skupiny/<slug>.html
    situace/index.html, situace/<slug>.html
    static/kpss.css, branding.css, sitemap.xml
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import attrs
import markupsafe

from kpss.atomic import atomic_directory
from kpss.errors import UsageError
from kpss.publish.output import check_output_folder
from kpss.publish.templates import BRANDING_CSS, static_files, template_environment
from kpss.publish.typography import czech_key
from kpss.publish.view import (
    PublicCatalog,
    PublicGroup,
    PublicKind,
    PublicObec,
    PublicProvider,
    PublicSection,
    PublicService,
    Ref,
)

__all__ = [
    "MARKER",
    "Page",
    "SiteInfo",
    "SiteUrls",
    "plan_site",
    "write_site",
]

#: A file in the root of every site kpss writes; a non-empty folder without it is not
#: replaced (``-o ~/Dokumenty`` must never delete a folder of documents).
MARKER = ".kpss-web"
EXPORTER = "web"
PROGRESS_STEP = 50


@attrs.frozen
class SiteInfo:
    """What every page shows about the whole catalogue."""

    title: str = "Katalog sociálních služeb"
    territory_name: str | None = None
    as_of: dt.date | None = None
    generated: dt.date | None = None
    base_url: str | None = None
    """The public address of the site (``https://www.kralovice.cz/katalog/``), for sitemap.xml."""


@attrs.frozen
class Page:
    """One page to render: where it goes, with which template and what it shows."""

    path: str
    template: str
    context: Mapping[str, Any]
    search: tuple[str, str, str, str] | None = None
    """``(title, type, summary, text)`` for the search index, or ``None``."""
    files: tuple[tuple[str, str], ...] = ()
    """Files the page shows, to copy into the site: ``(path in the site, source file)``."""


class SiteUrls:
    """Relative addresses of the pages, from a page *root* levels below the site root."""

    def __init__(self, root: str, obce: Iterable[str] = ()) -> None:
        self.root = root
        self._obce = frozenset(obce)

    def home(self) -> str:
        return f"{self.root}index.html"

    def search(self) -> str:
        return f"{self.root}hledat.html"

    def index(self, section: str) -> str:
        return f"{self.root}{section}/index.html"

    def service(self, service: PublicService | Ref) -> str:
        return f"{self.root}sluzby/{service.slug}.html"

    def provider(self, provider: PublicProvider | Ref) -> str:
        return f"{self.root}poskytovatele/{provider.slug}.html"

    def kind(self, kind: PublicKind | Ref) -> str:
        return f"{self.root}druhy/{kind.slug}.html"

    def group(self, group: PublicGroup | Ref) -> str:
        return f"{self.root}skupiny/{group.slug}.html"

    def situation(self, section: PublicSection | Ref) -> str:
        return f"{self.root}situace/{section.slug}.html"

    def obec(self, obec: PublicObec | Ref | None) -> str | None:
        """The page of an obec, or ``None`` when the site has none (shown as text)."""
        if obec is None:
            return None
        code = obec.code if isinstance(obec, PublicObec) else obec.key
        return f"{self.root}obce/{obec.slug}.html" if code in self._obce else None


def _letter(name: str) -> str:
    """The Czech initial of a name: ``Ch`` is a letter of its own."""
    if name[:2].casefold() == "ch":
        return "Ch"
    return name[:1].upper()


def _by_letter(items: Sequence[Any], name: Callable[[Any], str]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[_letter(name(item))].append(item)
    return sorted(groups.items(), key=lambda pair: czech_key(pair[0]))


def plan_site(view: PublicCatalog, info: SiteInfo) -> list[Page]:
    """Every page of the site for *view*, with its template and context."""
    obec_codes = [o.code for o in view.obce]
    top = SiteUrls("", obec_codes)
    sub = SiteUrls("../", obec_codes)
    services = list(view.services.values())
    territory_obce = [o for o in view.obce if o.in_territory]
    common = {
        "site": info,
        "view": view,
        "title": info.title,
        "territory_name": info.territory_name,
    }
    home_crumb = ("Úvod", None)

    def page(
        path: str,
        template: str,
        title: str,
        crumbs: Sequence[tuple[str, str | None]],
        search: tuple[str, str, str, str] | None = None,
        files: tuple[tuple[str, str], ...] = (),
        **context: Any,
    ) -> Page:
        urls = sub if "/" in path else top
        trail = [(home_crumb[0], urls.home()), *crumbs] if crumbs else []
        return Page(
            path,
            template,
            {
                **common,
                "urls": urls,
                "root": urls.root,
                "page_title": title,
                "crumbs": trail,
                "page_path": path,
                **context,
            },
            search,
            files,
        )

    def up(section: str, label: str) -> tuple[str, str]:
        return (label, sub.index(section))

    pages: list[Page] = [
        page(
            "index.html",
            "index.html",
            info.title,
            [],
            services=services,
            territory_obce=territory_obce,
        ),
        page("hledat.html", "search.html", "Hledat", [("Hledat", None)]),
        page(
            "sluzby/index.html",
            "services.html",
            "Všechny služby",
            [("Všechny služby", None)],
            letters=_by_letter(services, lambda s: s.title),
        ),
        page(
            "poskytovatele/index.html",
            "providers.html",
            "Poskytovatelé",
            [("Poskytovatelé", None)],
            letters=_by_letter(list(view.providers.values()), lambda p: p.name),
        ),
        page(
            "obce/index.html",
            "obce.html",
            "Obce",
            [("Obce", None)],
            letters=_by_letter(territory_obce, lambda o: o.name),
            others=[o for o in view.obce if not o.in_territory],
        ),
        page("druhy/index.html", "kinds.html", "Druhy služeb", [("Druhy služeb", None)]),
        page("skupiny/index.html", "groups.html", "Pro koho", [("Pro koho", None)]),
        page(
            "situace/index.html",
            "situations.html",
            "Životní situace",
            [("Životní situace", None)],
        ),
    ]
    for service in services:
        provider = view.provider_of(service)
        words = [
            service.kind.label,
            service.form_labels,
            provider.name,
            *(g.label for g in service.groups),
            *(p.name for p in service.places),
            *(p.obec.label for p in service.places if p.obec),
            *(r.label for r in service.area),
            *(s.label for s in service.sections),
            service.description or "",
            *service.offer,
        ]
        files = _photo_files(service)
        pages.append(
            page(
                f"sluzby/{service.slug}.html",
                "service.html",
                service.title,
                [up("sluzby", "Všechny služby"), (service.title, None)],
                (service.title, "service", service.summary, " ".join(words)),
                files,
                service=service,
                provider=provider,
                local_photos=[
                    (f"../{site_path}", photo.caption)
                    for (site_path, _), photo in zip(
                        files, (p for p in service.photos if p.file), strict=True
                    )
                ],
            )
        )
    for provider in view.providers.values():
        offered = view.services_in(provider.services)
        summary = f"IČO {provider.ico}" if provider.ico else "poskytovatel sociálních služeb"
        pages.append(
            page(
                f"poskytovatele/{provider.slug}.html",
                "provider.html",
                provider.name,
                [up("poskytovatele", "Poskytovatelé"), (provider.name, None)],
                (provider.name, "provider", summary, " ".join(s.title for s in offered)),
                provider=provider,
                services=offered,
            )
        )
    for obec in view.obce:
        count = len(obec.services)
        summary = f"obec, ORP {obec.orp}" if obec.orp else "obec"
        pages.append(
            page(
                f"obce/{obec.slug}.html",
                "obec.html",
                obec.name,
                [up("obce", "Obce"), (obec.name, None)],
                (obec.name, "obec", f"{summary} · služeb: {count}", obec.okres or ""),
                obec=obec,
                located=view.services_in(obec.located),
                covering=view.services_in(obec.covering),
                nearby=view.services_in(obec.nearby),
            )
        )
    for kind in view.kinds:
        pages.append(
            page(
                f"druhy/{kind.slug}.html",
                "kind.html",
                kind.label,
                [up("druhy", "Druhy služeb"), (kind.label, None)],
                (kind.label, "kind", kind.plain or kind.category or "", kind.title),
                kind=kind,
                services=view.services_in(kind.services),
            )
        )
    for group in view.groups:
        pages.append(
            page(
                f"skupiny/{group.slug}.html",
                "group.html",
                group.label,
                [up("skupiny", "Pro koho"), (group.label, None)],
                (group.label, "group", f"cílová skupina · služeb: {len(group.services)}", ""),
                group=group,
                services=view.services_in(group.services),
            )
        )
    for section in view.sections:
        pages.append(
            page(
                f"situace/{section.slug}.html",
                "situation.html",
                section.title,
                [up("situace", "Životní situace"), (section.title, None)],
                (section.title, "situation", section.description or "", ""),
                section=section,
                services=view.services_in(section.services),
            )
        )
    return pages


def write_site(
    view: PublicCatalog,
    out: Path,
    *,
    info: SiteInfo | None = None,
    template_dirs: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
    search: bool = True,
) -> list[Page]:
    """Write the site of *view* into the folder *out* (replaced whole, atomically).

    *template_dirs* (plugins' branding) are looked up before kpss's own templates;
    *progress* gets ``(pages done, pages in all)``; *search* writes the search index
    (:mod:`kpss.publish.search`). Returns the pages written.
    """
    info = info or SiteInfo(as_of=view.as_of)
    check_output_folder(out, view.source, marker=MARKER, what="the web catalogue")
    environment = template_environment(EXPORTER, template_dirs)
    assets = static_files(EXPORTER, template_dirs)
    pages = plan_site(view, info)
    scripts = _script_tags if search else _no_scripts
    total = len(pages) + (1 if search else 0)
    with atomic_directory(out) as folder:
        made: set[Path] = set()
        templates: dict[str, Any] = {}
        for done, item in enumerate(pages, start=1):
            template = templates.get(item.template)
            if template is None:
                template = templates[item.template] = environment.get_template(item.template)
            html = template.render(
                item.context, scripts=scripts(item.context["root"]), branding=BRANDING_CSS in assets
            )
            target = folder / item.path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(html)
            if progress is not None and (done % PROGRESS_STEP == 0 or done == len(pages)):
                progress(done, total)
        copies = {**{r: str(p) for r, p in assets.items()}, **_page_files(pages)}
        for relative, source in copies.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(source, target)
            except OSError as error:
                raise UsageError(f"{source}: cannot copy it into the site ({error})") from None
        _write_sitemap(folder / "sitemap.xml", pages, info)
        (folder / MARKER).write_text(
            "Written by kpss (kpss export web); the whole folder is replaced by the next export.\n",
            encoding="utf-8",
        )
        if search:
            _write_search_index(pages, folder)
            if progress is not None:
                progress(total, total)
    return pages


_IMAGE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def _photo_files(service: PublicService) -> tuple[tuple[str, str], ...]:
    """Local photos of a service as ``(foto/<slug>-<n><suffix>, source file)``."""
    found = []
    for number, photo in enumerate((p for p in service.photos if p.file), start=1):
        assert photo.file is not None
        suffix = Path(photo.file).suffix.lower()
        if not suffix or not suffix[1:].isalnum():
            suffix = _IMAGE_SUFFIXES.get(photo.media_type or "", ".img")
        found.append((f"foto/{service.slug}-{number}{suffix}", photo.file))
    return tuple(found)


def _page_files(pages: Sequence[Page]) -> dict[str, str]:
    return {target: source for page in pages for target, source in page.files}


def _script_tags(root: str) -> markupsafe.Markup:
    try:
        from kpss.publish.search import script_tags
    except ImportError:  # the search module is optional while it is being built
        return markupsafe.Markup("")
    return script_tags(root)


def _no_scripts(_root: str) -> markupsafe.Markup:
    return markupsafe.Markup("")


def _write_search_index(pages: Sequence[Page], folder: Path) -> None:
    try:
        from kpss.publish.search import SearchDocument, write_index
    except ImportError:
        return
    documents = [
        SearchDocument(
            url=p.path, title=p.search[0], type=p.search[1], summary=p.search[2], text=p.search[3]
        )
        for p in pages
        if p.search is not None
    ]
    write_index(documents, folder)


def _write_sitemap(path: Path, pages: Sequence[Page], info: SiteInfo) -> None:
    base = (info.base_url or "").rstrip("/")
    day = (info.generated or info.as_of or dt.date.today()).isoformat()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for item in pages:
        loc = f"{base}/{item.path}" if base else item.path
        lines.append(f"  <url><loc>{escape(loc)}</loc><lastmod>{day}</lastmod></url>")
    lines.append("</urlset>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
