"""The words kpss and its HSDS files share: taxonomies, kpss's own terms, link types, URIs.

Register code lists become HSDS taxonomies whose term codes are the code-list ids
(``DruhSocialniSluzby/4``, ``CilovaSkupinaOsoby/24``). What the register knows and HSDS
has no field for (the register identifier, the dates of provision …) is an HSDS
``attribute`` whose term comes from the taxonomy ``kpss`` and whose ``value`` is the datum.
Obce and areas are named by RÚIAN linked-data URIs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kpss.model.codes import (
    CILOVA_SKUPINA,
    CODE_LIST_FILES,
    DRUH,
    FORMA,
    TYP_KAPACITY,
    VEKOVA_SKUPINA,
)

#: The taxonomy of obce (term codes ``Obec/554791``, as the register writes obec ids).
OBEC = "Obec"
#: kpss's own taxonomy: register data HSDS has no field for (term codes ``kpss/…``).
KPSS = "kpss"
#: Term codes of the categories of §32, parents of the kinds (kpss's codes).
CATEGORY_PREFIX = "kpss/kategorie/"

MPSV_CODE_LISTS = "https://data.mpsv.cz/od/soubory/ciselniky/"

#: name → (description, uri) of every taxonomy kpss writes.
TAXONOMIES: Mapping[str, tuple[str, str | None]] = {
    DRUH: (
        "Druhy sociálních služeb podle zákona č. 108/2006 Sb., o sociálních službách "
        "(číselník MPSV); nadřazené pojmy jsou kategorie služeb podle § 32.",
        MPSV_CODE_LISTS + CODE_LIST_FILES[DRUH],
    ),
    FORMA: (
        "Formy poskytování sociálních služeb podle § 33 zákona č. 108/2006 Sb. (číselník MPSV).",
        MPSV_CODE_LISTS + CODE_LIST_FILES[FORMA],
    ),
    TYP_KAPACITY: (
        "Typy kapacity sociálních služeb (číselník MPSV); hodnota atributu je registrovaná "
        "kapacita formy poskytování, ke které je atribut připojen.",
        MPSV_CODE_LISTS + CODE_LIST_FILES[TYP_KAPACITY],
    ),
    CILOVA_SKUPINA: (
        "Cílové skupiny osob (číselník MPSV).",
        MPSV_CODE_LISTS + CODE_LIST_FILES[CILOVA_SKUPINA],
    ),
    VEKOVA_SKUPINA: (
        "Věkové skupiny osob (číselník MPSV).",
        MPSV_CODE_LISTS + CODE_LIST_FILES[VEKOVA_SKUPINA],
    ),
    OBEC: ("Obce a vojenské újezdy, kódy ČSÚ a RÚIAN.", None),
    KPSS: (
        "Údaje registru poskytovatelů sociálních služeb a místních doplňků katalogu, pro "
        "které HSDS nemá pole; hodnota atributu je údaj sám (kpss).",
        None,
    ),
}

# kpss's own terms: code → (name, description)
IDENTIFIER = "kpss/identifikator"
REGISTER_ID = "kpss/idRegistru"
PORTAL_ID = "kpss/portalId"
OWN_NAME = "kpss/nazev"
VALID_FROM = "kpss/poskytovanoOd"
VALID_TO = "kpss/poskytovanoDo"
OFFER = "kpss/nabidka"
WEB = "kpss/web"
DATA_BOX = "kpss/datovaSchranka"
SIGN_VIDEO = "kpss/videoZnakovyJazyk"
SECRET = "kpss/utajenaAdresa"
REGISTERED = "kpss/registrovana"
RELATED_KEY = "kpss/klicDoplnku"
RELATED_KIND = "kpss/druhNavazneSluzby"
#: ``attribute.value`` of :data:`REGISTERED` on a related service that is not registered.
NOT_REGISTERED_VALUE = "false"

KPSS_TERMS: Mapping[str, tuple[str, str]] = {
    IDENTIFIER: (
        "identifikátor služby",
        "Identifikátor registrované sociální služby v registru poskytovatelů (MPSV).",
    ),
    REGISTER_ID: ("id záznamu v registru", "Číslo záznamu služby v otevřených datech registru."),
    PORTAL_ID: ("id na portálu", "Číslo služby v katalogu MPSV (portalId)."),
    OWN_NAME: (
        "vlastní název služby",
        "Název, který službě dal poskytovatel nebo koordinátor (registr názvy služeb nemá).",
    ),
    VALID_FROM: ("poskytováno od", "První den poskytování (RRRR-MM-DD)."),
    VALID_TO: ("poskytováno do", "Poslední den poskytování (RRRR-MM-DD)."),
    OFFER: ("co služba nabízí", "Jedna položka toho, co služba nabízí, slovy pro lidi."),
    WEB: ("další webová adresa", "Webová adresa vedle té v poli url nebo website."),
    DATA_BOX: ("datová schránka", "Identifikátor datové schránky."),
    SIGN_VIDEO: ("video ve znakovém jazyce", "Odkaz na video v českém znakovém jazyce."),
    SECRET: (
        "adresa neveřejná",
        "Adresa místa je utajená (např. azylový dům); zveřejněna je nejvýše obec.",
    ),
    REGISTERED: (
        "registrovaná sociální služba",
        "Hodnota false: návazná služba, která není registrovanou sociální službou "
        "(klub seniorů, sociální práce obecního úřadu …), z místních doplňků katalogu.",
    ),
    RELATED_KEY: ("klíč návazné služby", "Klíč návazné služby v souboru místních doplňků."),
    RELATED_KIND: (
        "druh návazné služby",
        "Druh návazné služby, která není registrovaná (klub-senioru, potravinova-banka …).",
    ),
}

# attribute.link_type: what the term says about the linked object
LINK_KIND = "service_kind"
LINK_FORM = "form_of_provision"
LINK_CAPACITY = "capacity"
LINK_TARGET_GROUP = "target_group"
LINK_AGE_GROUP = "age_group"
LINK_OBEC = "municipality"
LINK_REGISTER = "register_data"

#: ``external_identifier_type`` of a location identified by its RÚIAN address point.
ADDRESS_POINT = "RUIAN-AM"
#: ``identifier_scheme`` of an IČO (org-id.guide), with its ``identifier_type``.
ICO_SCHEME = "CZ-ICO"
ICO_TYPE = "IČO"

RUIAN = "https://linked.cuzk.cz/resource/ruian/"
_RUIAN_URI = re.compile(r"/ruian/(vusc|okres|orp|obec)/(\d+)/?\Z")

#: ``schedule.description`` of a form provided round the clock.
CONTINUOUS_TEXT = "nepřetržitě"
#: ``attribute.value`` of a form: whether it is provided round the clock.
CONTINUOUS_VALUES: Mapping[bool, str] = {True: "nepřetržitě", False: "v časových rozsazích"}

#: ``accessibility.description`` parts for each known flag of
#: :class:`~kpss.model.services.Accessibility` (joined by ``"; "``).
ACCESSIBILITY_TEXTS: Mapping[tuple[str, bool], str] = {
    ("barrier_free", True): "bezbariérový přístup",
    ("barrier_free", False): "bez bezbariérového přístupu",
    ("hearing_loop", True): "indukční smyčka",
    ("hearing_loop", False): "bez indukční smyčky",
}

COUNTRY = "CZ"


def ruian_uri(level: str, code: str) -> str:
    """``https://linked.cuzk.cz/resource/ruian/obec/554791`` (level vusc, okres, orp, obec)."""
    return f"{RUIAN}{level}/{code}"


def parse_ruian_uri(uri: str) -> tuple[str, str] | None:
    """(level, code) of a RÚIAN URI, or ``None`` for anything else."""
    found = _RUIAN_URI.search(uri.strip())
    return (found.group(1), found.group(2)) if found else None
