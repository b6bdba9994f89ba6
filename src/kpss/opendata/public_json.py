"""``kpss export json``: the public view as one JSON document, described by a JSON Schema.

:data:`SCHEMA` (JSON Schema 2020-12) is both the documentation and the allow-list: the
document holds exactly the properties the schema names, read from the records of
:mod:`kpss.publish.view`, so a field added to the view is published only once it is added
here. Left out on purpose: page slugs of the web export, local file paths of photos and
the sources of local additions. Every property is always present (``null`` or ``[]`` when
empty). The re-readable internal catalogue is the ``kpss-catalog`` format, not this one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kpss.atomic import atomic_text
from kpss.errors import DataError, Location
from kpss.publish.view import PublicCatalog
from kpss.rpss.item_writers import not_unicode_message

FORMAT = "kpss-public/1"

Schema = dict[str, Any]


def _text(description: str, *, nullable: bool = False, fmt: str | None = None) -> Schema:
    schema: Schema = {"type": ["string", "null"] if nullable else "string"}
    if fmt:
        schema["format"] = fmt
    schema["description"] = description
    return schema


def _scalar(kind: str, description: str, *, nullable: bool = False) -> Schema:
    return {"type": [kind, "null"] if nullable else kind, "description": description}


def _list(items: Schema, description: str) -> Schema:
    return {"type": "array", "items": items, "description": description}


def _object(description: str, properties: dict[str, Schema], *, nullable: bool = False) -> Schema:
    return {
        "type": ["object", "null"] if nullable else "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _ref(description: str, *, nullable: bool = False) -> Schema:
    return _object(
        description,
        {"key": _text("identifikátor (kód, IČO, §)"), "label": _text("název pro lidi")},
        nullable=nullable,
    )


_IDS = _list(_text("identifikátor služby"), "služby (identifikátory), v českém pořadí")
_CONTACT = _object(
    "kontakt",
    {
        "kind": _text("druh: telefon, e-mail, web, fax, datová schránka"),
        "value": _text("hodnota, jak ji uvádí registr"),
        "href": _text("odkaz (jen http, https, mailto, tel)", nullable=True, fmt="uri"),
        "note": _text("poznámka", nullable=True),
    },
)
_PLACE = _object(
    "místo poskytování nebo kontaktní adresa; u utajené adresy jen obec",
    {
        "name": _text("název zařízení"),
        "obec": _ref("obec (kód ČSÚ a název)", nullable=True),
        "street": _text("ulice a číslo; null u utajené adresy", nullable=True),
        "postcode": _text("PSČ; null u utajené adresy", nullable=True),
        "secret": _scalar("boolean", "adresa je neveřejná"),
        "address": _text("adresa jedním řádkem (Plzeň – adresa neveřejná)"),
    },
)
_HOURS = _object(
    "provozní doba některých dnů",
    {"days": _text("dny (Po–Pá)"), "times": _text("časy (8:00–12:00, 13:00–16:00)")},
)
_LINK = _object(
    "odkaz na dokument, fotografii nebo video",
    {"text": _text("text odkazu"), "href": _text("odkaz (http, https)", nullable=True)},
)
_ACCESSIBILITY = _object(
    "přístupnost pro lidi s postižením; null = neznámo",
    {
        "barrier_free": _scalar("boolean", "bezbariérový přístup", nullable=True),
        "hearing_loop": _scalar("boolean", "indukční smyčka", nullable=True),
        "note": _text("poznámka", nullable=True),
    },
    nullable=True,
)
_PHOTO = _object(
    "fotografie (jen ty na webu mají odkaz)",
    {"caption": _text("popisek"), "href": _text("odkaz (http, https)", nullable=True)},
)
_RELATED = _object(
    "návazná služba, která není registrovanou sociální službou",
    {
        "key": _text("klíč v souboru doplňků", nullable=True),
        "name": _text("název"),
        "kind": _text("druh (klub seniorů …)", nullable=True),
        "operator": _text("kdo ji provozuje", nullable=True),
        "description": _text("popis", nullable=True),
        "contacts": _list(_CONTACT, "kontakty"),
        "place": {**_PLACE, "type": ["object", "null"]},
        "area": _list(_ref("obec"), "obce, kterým slouží"),
        "offer": _list(_text("položka"), "co nabízí"),
        "hours": _list(_HOURS, "provozní doba"),
        "hours_note": _text("poznámka k provozní době", nullable=True),
        "charge": _text("zdarma / za úhradu", nullable=True),
        "fees": _text("úhrada", nullable=True),
        "languages": _list(_text("jazyk"), "jazyky"),
        "accessibility": _ACCESSIBILITY,
        "sign_language": {**_LINK, "type": ["object", "null"]},
        "photos": _list(_PHOTO, "fotografie"),
        "registered": _scalar("boolean", "vždy false"),
        "mark": _text("označení „není registrovaná sociální služba“"),
    },
)
_FORM = _object(
    "forma poskytování",
    {
        "label": _text("forma (terénní, ambulantní, pobytová)"),
        "code": _text("kód z číselníku (FormaSocialniSluzby/ter)"),
        "continuous": _scalar("boolean", "poskytováno nepřetržitě", nullable=True),
        "hours": _list(_HOURS, "provozní doba formy"),
        "capacities": _list(_text("kapacita (5 lůžek)"), "registrovaná kapacita"),
    },
)
_SERVICE = _object(
    "registrovaná sociální služba, jak ji vidí občan",
    {
        "id": _text("identifikátor služby v registru"),
        "title": _text("název (druh a poskytovatel, případně zařízení)"),
        "kind": _ref("druh služby (§ a název)"),
        "kind_plain": _text("druh služby srozumitelně", nullable=True),
        "provider": _ref("poskytovatel (IČO a název)"),
        "forms": _list(_FORM, "formy poskytování"),
        "groups": _list(_ref("cílová skupina (kód a název)"), "cílové skupiny"),
        "ages": _list(_text("věková skupina"), "věkové skupiny"),
        "age_note": _text("doplňující údaj k věku", nullable=True),
        "places": _list(_PLACE, "místa poskytování"),
        "area": _list(_ref("obec"), "obce, které služba pokrývá (územní působnost)"),
        "area_outside": _scalar("integer", "kolik dalších pokrytých obcí leží mimo území"),
        "contacts": _list(_CONTACT, "kontakty"),
        "contacts_of_provider": _scalar(
            "boolean", "služba nemá vlastní kontakty; contacts jsou poskytovatele"
        ),
        "contact_places": _list(_PLACE, "kontaktní adresy"),
        "hours": _list(_HOURS, "provozní doba služby jako celku"),
        "hours_note": _text("poznámka k provozní době", nullable=True),
        "charge": _text("zdarma / za úhradu", nullable=True),
        "fees": _text("úhrada", nullable=True),
        "description": _text("popis služby", nullable=True),
        "offer": _list(_text("položka"), "co služba nabízí"),
        "languages": _list(_text("jazyk (čeština …)"), "jazyky"),
        "accessibility": _ACCESSIBILITY,
        "links": _list(_LINK, "dokumenty a fotografie"),
        "photos": _list(_PHOTO, "fotografie"),
        "sign_language": {**_LINK, "type": ["object", "null"]},
        "related": _list(_RELATED, "návazné služby"),
        "sections": _list(_ref("životní situace"), "životní situace"),
        "valid_from": _text(
            "od kdy bude služba poskytována (jen když začne později)", nullable=True, fmt="date"
        ),
    },
)
_PROVIDER = _object(
    "poskytovatel; sídlo jen jako obec",
    {
        "key": _text("IČO, nebo název u poskytovatele bez IČO"),
        "name": _text("název"),
        "ico": _text("IČO", nullable=True),
        "seat": _ref("obec sídla", nullable=True),
        "contacts": _list(_CONTACT, "kontakty"),
        "services": _IDS,
    },
)
_KIND = _object(
    "druh sociální služby podle zákona č. 108/2006 Sb.",
    {
        "key": _text("klíč (§ bez značky: 40), u neznámého druhu kód registru"),
        "name": _text("název (pečovatelská služba)"),
        "label": _text("§ 40 pečovatelská služba"),
        "paragraph": _text("§ 40", nullable=True),
        "category": _text("kategorie (služby sociální péče)", nullable=True),
        "plain": _text("vysvětlení pro lidi", nullable=True),
        "services": _IDS,
    },
)
_GROUP = _object(
    "cílová skupina",
    {"code": _text("kód (CilovaSkupinaOsoby/24)"), "label": _text("název"), "services": _IDS},
)
_OBEC = _object(
    "obec: služby v ní, služby, které ji pokrývají, a pomoc v okolí",
    {
        "code": _text("kód obce (ČSÚ)"),
        "name": _text("název"),
        "orp": _text("ORP", nullable=True),
        "okres": _text("okres", nullable=True),
        "population": _scalar("integer", "počet obyvatel", nullable=True),
        "in_territory": _scalar("boolean", "leží v exportovaném území"),
        "located": _IDS,
        "covering": _IDS,
        "nearby": _IDS,
    },
)
_SECTION = _object(
    "životní situace",
    {
        "key": _text("klíč"),
        "title": _text("název"),
        "description": _text("popis", nullable=True),
        "where_to_turn": _text("kam se obrátit jinde", nullable=True),
        "services": _IDS,
    },
)

#: The JSON Schema of ``kpss export json`` (Czech descriptions; the document's language).
SCHEMA: Schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://kpss.readthedocs.io/schemas/kpss-public-1.json",
    "title": "Veřejný katalog sociálních služeb (kpss export json)",
    **_object(
        "veřejný pohled na katalog: co smí vidět občan",
        {
            "format": {"const": FORMAT, "description": "formát a jeho verze"},
            "title": _text("název katalogu", nullable=True),
            "territory": _ref("území katalogu", nullable=True),
            "as_of": _text("stav dat k (datum snímku registru)", nullable=True, fmt="date"),
            "services": _list(_SERVICE, "služby v českém pořadí názvů"),
            "providers": _list(_PROVIDER, "poskytovatelé v českém pořadí"),
            "kinds": _list(_KIND, "druhy služeb v pořadí zákona"),
            "groups": _list(_GROUP, "cílové skupiny"),
            "obce": _list(_OBEC, "obce"),
            "sections": _list(_SECTION, "životní situace"),
            "related": _list(_RELATED, "návazné služby, které nejsou registrované"),
        },
    ),
}


def _dump(value: Any, schema: Schema) -> Any:
    """*value* as JSON, keeping exactly the properties *schema* names."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if "items" in schema:
        items = value.values() if isinstance(value, Mapping) else value
        return [_dump(item, schema["items"]) for item in items]
    if "properties" in schema:
        return {
            name: _dump(getattr(value, name), sub) for name, sub in schema["properties"].items()
        }
    return value


def public_document(view: PublicCatalog, title: str | None = None) -> dict[str, Any]:
    """The JSON document of *view* (see :data:`SCHEMA`)."""
    properties = SCHEMA["properties"]
    document: dict[str, Any] = {"format": FORMAT, "title": title}
    document["territory"] = _dump(view.territory, properties["territory"])
    document["as_of"] = _dump(view.as_of, properties["as_of"])
    for name in ("services", "providers", "kinds", "groups", "obce", "sections", "related"):
        document[name] = _dump(getattr(view, name), properties[name])
    return document


def write_public_json(view: PublicCatalog, out: Path, title: str | None = None) -> None:
    """Write the public JSON document of *view* to the file *out*, atomically."""
    document = public_document(view, title)
    try:
        with atomic_text(out) as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    except UnicodeEncodeError as exc:
        raise DataError(not_unicode_message(exc), Location(file=str(out))) from exc
