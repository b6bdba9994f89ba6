"""``kpss additions init``: a starter additions file for a territory.

One entry per service, Czech order of titles, each headed by comments with what the
register says (kind, provider, places, forms, contacts, area), and the fields to fill
left empty; at the end a commented example of a related service. The file reads back
without problems and applies nothing until something is filled in. Secret addresses
fail closed: a facility whose ``secret_address`` is anything but ``False`` shows its obec
only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Iterable

from kpss.model.catalog import Catalog
from kpss.model.contacts import ContactKind
from kpss.model.services import RELATED_KIND_LABELS, Service
from kpss.model.territory import Territory

#: How many obce of a service area a comment names before "…".
AREA_LISTED = 8
#: Width of a comment line's text (the file stays under 100 columns).
COMMENT_WIDTH = 90
_UNPRINTABLE = re.compile(
    "[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\x85]"
)
_CONTACT_WORDS = {
    ContactKind.PHONE: "telefon",
    ContactKind.EMAIL: "e-mail",
    ContactKind.WEB: "web",
    ContactKind.FAX: "fax",
    ContactKind.DATA_BOX: "datová schránka",
}

_HEADER = """\
# Doplňky ke katalogu sociálních služeb{territory}
#
# Vyplňte, co o službách víte a co v registru není. Prázdné pole se nepoužije; řádky
# s '#' jsou poznámky (údaje z registru{snapshot}) a kpss je nečte.
#
#   popis                    co služba dělá, obyčejnými slovy
#   nabidka                  co nabízí: - položka
#   oteviraci_doba           - {{dny: po–pá, od: "8:00", do: "12:00"}}  nebo  po–pá 8:00–12:00
#   uhrada                   zdarma | za úhradu   (podrobnosti v uhrada_popis)
#   jazyky                   [čeština, angličtina, český znakový jazyk]
#   pristupnost              bezbarierovy_pristup / indukcni_smycka: ano | ne
#   video_znakovy_jazyk      odkaz https:// na video v českém znakovém jazyce
#   fotografie               - {{soubor: fotky/nazev.jpg, popisek: …}}  (obrázek vedle souboru)
#   kontakty                 - {{telefon: 373 396 111, poznamka: …}}  (email, web)
#   nahradit_kontakty        ano = ukázat jen místní kontakty, ne kontakty z registru
#
# Kontrola:  kpss additions check {file} {source}
# Vytvořeno: {today}, {count} služeb.
verze: 1

sluzby:
"""

_FIELDS = """\
    nazev: {name}
    popis:
    nabidka: []
    oteviraci_doba: []
    oteviraci_doba_poznamka:
    uhrada:                       # zdarma | za úhradu
    uhrada_popis:
    jazyky: []
    pristupnost:
      bezbarierovy_pristup:       # ano | ne
      indukcni_smycka:            # ano | ne
      poznamka:
    video_znakovy_jazyk:
    fotografie: []
    kontakty: []
    nahradit_kontakty:            # ano | ne
"""

_RELATED = """\

# Návazné služby, které nejsou registrované (klub seniorů, potravinová banka …).
# Druh je jeden z těchto:
{kinds}
navazne_sluzby:
#  klub-senioru-kralovice:
#    nazev: Klub seniorů Kralovice
#    druh: klub seniorů
#    provozovatel: Město Kralovice
#    adresa: {{ulice: Markova, cislo_popisne: 2, psc: 331 41, obec: Kralovice}}
#    obce: [Kralovice, Mladotice]
#    popis: Setkávání, přednášky a výlety pro seniory.
#    oteviraci_doba: út, čt 13:00–17:00
#    uhrada: zdarma
"""


def comment_text(value: object) -> str:
    """*value* as one line fit for a YAML comment (no line breaks, no unprintables)."""
    return " ".join(_UNPRINTABLE.sub(" ", str(value)).split())


def quoted(value: str) -> str:
    """*value* as a YAML double-quoted scalar (JSON escapes plus the YAML line breaks)."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def starter_yaml(
    catalog: Catalog,
    territory: Territory,
    *,
    territory_name: str | None = None,
    file: str = "doplnky.yaml",
    source: str = "SOURCE",
    today: dt.date | None = None,
) -> str:
    """The text of a starter additions file for every service of *catalog*."""
    from kpss.publish.typography import czech_key

    services = sorted(catalog, key=lambda s: (czech_key(s.title), s.identifier))
    snapshot = f" ke dni {catalog.snapshot_date.isoformat()}" if catalog.snapshot_date else ""
    parts = [
        _HEADER.format(
            territory=f" – {comment_text(territory_name)}" if territory_name else "",
            snapshot=snapshot,
            file=comment_text(file),
            source=comment_text(source),
            today=(today or dt.date.today()).isoformat(),
            count=len(services),
        )
    ]
    if not services:
        parts.append("  {}\n")
    for service in services:
        parts.append("\n")
        for line in register_lines(service, catalog, territory):
            wrapped = textwrap.wrap(line, COMMENT_WIDTH, break_on_hyphens=False)
            parts.extend(f"  # {'' if i == 0 else '  '}{w}\n" for i, w in enumerate(wrapped))
        parts.append(f"  {quoted(service.identifier)}:\n")
        parts.append(_FIELDS.format(name=quoted(comment_text(service.title))))
    kinds = textwrap.wrap(", ".join(RELATED_KIND_LABELS.values()) + ".", COMMENT_WIDTH)
    parts.append(_RELATED.format(kinds="\n".join(f"#   {line}" for line in kinds)))
    return "".join(parts)


def register_lines(service: Service, catalog: Catalog, territory: Territory) -> list[str]:
    """What the register says about *service*, as comment lines."""

    def obec(code: str | None) -> str:
        unit = territory.obec(code) if code else None
        return unit.name if unit else (code or "")

    kind = service.kind.label if service.kind else (catalog.label(service.kind_code) or "")
    provider = service.provider
    lines = [f"{service.title} – {kind}" if kind else service.title]
    lines.append(
        f"Poskytovatel: {provider.name}" + (f" (IČO {provider.ico})" if provider.ico else "")
    )
    places = []
    for facility in service.facilities:
        address = facility.address
        where = obec(address.obec_code) if address else ""
        if address and facility.secret_address is False and address.street:
            number = address.house_number or address.orientation_number or ""
            where = f"{address.street} {number}".strip() + f", {where}"
        elif facility.secret_address is not False:
            where = f"{where} (adresa utajena)" if where else "adresa utajena"
        places.append(f"{facility.name}, {where}" if where else facility.name)
    if places:
        lines.append("Místa: " + "; ".join(places))
    forms = [catalog.label(f.form_code) or f.form_code.rsplit("/", 1)[-1] for f in service.forms]
    if forms:
        lines.append("Formy: " + ", ".join(dict.fromkeys(forms)))
    if service.contacts:
        lines.append(
            "Kontakty v registru: "
            + "; ".join(f"{_CONTACT_WORDS[c.kind]} {c.value}" for c in service.contacts)
        )
    if service.service_area:
        lines.append(_area(service.service_area, territory))
    if service.valid_to is not None:
        lines.append(f"Poskytování skončilo {service.valid_to.isoformat()}")
    return [comment_text(line) for line in lines]


def _area(codes: Iterable[str], territory: Territory) -> str:
    from kpss.publish.typography import czech_sorted

    names = czech_sorted(u.name for c in codes if (u := territory.obec(c)))
    more = len(names) - AREA_LISTED
    listed = ", ".join(names[:AREA_LISTED]) + (f" a {more} dalších" if more > 0 else "")
    return f"Působnost: {listed}" if names else "Působnost: –"
