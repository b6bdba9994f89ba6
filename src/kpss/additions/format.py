"""The additions file format: its keys, what each means, and the records read from it.

An additions file (doplňky) is YAML (or a folder of YAML and CSV files)::

    verze: 1
    sluzby:                      # entries keyed by the register's identifikator
      "6947466":
        nazev: Pečovatelská služba Nýřany   # the register's name; only checked
        popis: Pomáháme seniorům zůstat doma.
        oteviraci_doba:
          - {dny: po–pá, od: "7:00", do: "15:30"}
        uhrada: za úhradu
    navazne_sluzby:              # related services that are not registered
      klub-senioru-kralovice:
        nazev: Klub seniorů Kralovice
        druh: klub seniorů
        obce: [Kralovice]

Keys are Czech words without diacritics. :data:`SERVICE_KEYS` and :data:`RELATED_KEYS`
list them with their meaning; ``docs/user-guide/additions.md`` explains them for the
coordinator. A CSV file carries the simple fields (:data:`CSV_COLUMNS`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from kpss.model.names import fold
from kpss.model.services import LANGUAGES, RelatedKind, RelatedService

#: The format version this kpss reads (``verze:``; optional).
VERSION = 1

TOP_KEYS: dict[str, str] = {
    "verze": "format version (1)",
    "sluzby": "additions to registered services, keyed by identifikator",
    "navazne_sluzby": "related services that are not registered, keyed by a short key",
}


@attrs.frozen
class Key:
    """One key of an entry: the model attribute it sets and what it means (Czech)."""

    attr: str | None
    meaning: str
    example: str = ""


#: Keys shared by registered services and related services.
COMMON_KEYS: dict[str, Key] = {
    "popis": Key("description", "co služba dělá, obyčejnými slovy", "Pomáháme seniorům …"),
    "nabidka": Key("offer", "co služba nabízí: seznam položek", "[nákup, úklid, dovoz obědů]"),
    "oteviraci_doba": Key(
        "opening_hours",
        "kdy je otevřeno: seznam {dny, od, do, poznamka} nebo text 'po–pá 8:00–12:00'",
        "[{dny: po–pá, od: '8:00', do: '12:00'}]",
    ),
    "oteviraci_doba_poznamka": Key("hours_note", "poznámka k otevírací době", "jindy po domluvě"),
    "uhrada": Key("charge", "zdarma, nebo za úhradu", "zdarma"),
    "uhrada_popis": Key("fees", "podrobnosti o úhradě", "dle ceníku, 135 Kč/hod."),
    "jazyky": Key(
        "languages", "jazyky, ve kterých se s vámi domluví (názvy nebo kódy)", "[čeština]"
    ),
    "pristupnost": Key(
        "accessibility",
        "{bezbarierovy_pristup: ano/ne, indukcni_smycka: ano/ne, poznamka: text}",
        "{bezbarierovy_pristup: ano}",
    ),
    "video_znakovy_jazyk": Key(
        "sign_language_video", "odkaz (https) na video v českém znakovém jazyce", "https://…"
    ),
    "fotografie": Key(
        "photos",
        "seznam {soubor: cesta k obrázku vedle tohoto souboru, popisek: text} nebo {url: …}",
        "[{soubor: fotky/klub.jpg, popisek: Klubovna}]",
    ),
    "kontakty": Key(
        "local_contacts",
        "místní kontakty: seznam {telefon|email|web|datova_schranka: hodnota, poznamka: text}",
        "[{telefon: 373 396 111, poznamka: sociální pracovnice}]",
    ),
}

#: Keys of an entry under ``sluzby`` (a registered service).
SERVICE_KEYS: dict[str, Key] = {
    "nazev": Key(None, "název služby v registru (jen pro kontrolu, nezobrazuje se)"),
    **COMMON_KEYS,
    "nahradit_kontakty": Key(
        "replace_contacts", "ano: místní kontakty nahradí kontakty z registru", "ne"
    ),
}

#: Keys of an entry under ``navazne_sluzby`` (a related service that is not registered).
RELATED_KEYS: dict[str, Key] = {
    "nazev": Key("name", "název (povinný)", "Klub seniorů Kralovice"),
    "druh": Key("kind", "druh ze seznamu návazných služeb (povinný)", "klub seniorů"),
    "provozovatel": Key("operator", "kdo ji provozuje", "Město Kralovice"),
    "adresa": Key(
        "address",
        "{ulice, cislo_popisne, cislo_orientacni, psc, obec}",
        "{ulice: Markova, cislo_popisne: 2, psc: 331 41, obec: Kralovice}",
    ),
    "obce": Key("obce", "obce, kterým slouží (názvy, kódy, 'ORP Kralovice')", "[Kralovice]"),
    **COMMON_KEYS,
    "kontakty": attrs.evolve(COMMON_KEYS["kontakty"], attr="contacts"),
}

ACCESSIBILITY_KEYS: dict[str, str] = {
    "bezbarierovy_pristup": "barrier_free",
    "indukcni_smycka": "hearing_loop",
    "poznamka": "note",
}
HOURS_KEYS = ("dny", "od", "do", "poznamka")
PHOTO_KEYS = ("soubor", "url", "popisek")
CONTACT_KINDS = ("telefon", "email", "web", "datova_schranka")
ADDRESS_KEYS: dict[str, str] = {
    "ulice": "street",
    "cislo_popisne": "house_number",
    "cislo_orientacni": "orientation_number",
    "doplnek": "supplement",
    "psc": "postcode",
    "obec": "obec_code",
}

#: Columns of a CSV additions file: the simple fields, one service per row.
#: ``bezbarierovy_pristup``, ``indukcni_smycka`` and ``pristupnost_poznamka`` fill
#: ``pristupnost``; ``telefon``, ``email`` and ``web`` (several separated by ``;``) fill
#: ``kontakty``; list fields take items separated by ``;``.
CSV_COLUMNS: dict[str, str] = {
    "identifikator": "identifikator of the service in the register (required)",
    "nazev": SERVICE_KEYS["nazev"].meaning,
    "popis": COMMON_KEYS["popis"].meaning,
    "nabidka": "co služba nabízí, položky oddělené středníkem",
    "oteviraci_doba": "text 'po–pá 8:00–12:00, 13:00–16:00; st 8:00–18:00'",
    "oteviraci_doba_poznamka": COMMON_KEYS["oteviraci_doba_poznamka"].meaning,
    "uhrada": COMMON_KEYS["uhrada"].meaning,
    "uhrada_popis": COMMON_KEYS["uhrada_popis"].meaning,
    "jazyky": "jazyky oddělené čárkou nebo středníkem",
    "bezbarierovy_pristup": "ano / ne",
    "indukcni_smycka": "ano / ne",
    "pristupnost_poznamka": "poznámka k přístupnosti",
    "video_znakovy_jazyk": COMMON_KEYS["video_znakovy_jazyk"].meaning,
    "fotografie": "cesty k obrázkům oddělené středníkem",
    "telefon": "místní telefon(y)",
    "email": "místní e-mail(y)",
    "web": "místní web",
    "nahradit_kontakty": SERVICE_KEYS["nahradit_kontakty"].meaning,
}

#: Words for the kinds of related services (folded), besides each kind's label and value.
_RELATED_KIND_WORDS: dict[str, RelatedKind] = {
    "klub": RelatedKind.SENIOR_CLUB,
    "seniorsky klub": RelatedKind.SENIOR_CLUB,
    "potravinova pomoc": RelatedKind.FOOD_BANK,
    "socialni prace": RelatedKind.MUNICIPAL_SOCIAL_WORK,
    "socialni pracovnik obce": RelatedKind.MUNICIPAL_SOCIAL_WORK,
    "socialni prace obecniho uradu": RelatedKind.MUNICIPAL_SOCIAL_WORK,
    "dluhove poradenstvi": RelatedKind.DEBT_ADVICE,
    "pujcovna kompenzacnich pomucek": RelatedKind.AID_LOAN,
    "jine": RelatedKind.OTHER,
}


@functools.lru_cache(maxsize=4096)
def word_key(text: str) -> str:
    """*text* folded (no case, no diacritics) with single spaces: how words are compared.

    Cached: the same few words (days, ``ano``, ``zdarma``, languages) come thousands of
    times in a large file.
    """
    return " ".join(fold(text).split())


def related_kind(text: str) -> RelatedKind | None:
    """The kind *text* names (its value, its label, or a usual word), or ``None``."""
    folded = word_key(text.replace("-", " "))
    for kind in RelatedKind:
        if folded in (kind.value.replace("-", " "), fold(kind.label)):
            return kind
    return _RELATED_KIND_WORDS.get(folded)


#: Language names and usual words (folded) → ISO 639 code.
_LANGUAGE_WORDS: dict[str, str] = {
    **{fold(name): code for code, name in LANGUAGES.items()},
    **{code: code for code in LANGUAGES},
    "cesky": "cs",
    "czech": "cs",
    "anglicky": "en",
    "english": "en",
    "nemecky": "de",
    "rusky": "ru",
    "ukrajinsky": "uk",
    "slovensky": "sk",
    "polsky": "pl",
    "vietnamsky": "vi",
    "romsky": "rom",
    "znakovy jazyk": "cse",
    "czj": "cse",
    "cesky znakovy jazyk": "cse",
}


def language_code(text: str) -> str | None:
    """The ISO 639 code of a language name or code (``angličtina``, ``en``), or ``None``."""
    return _LANGUAGE_WORDS.get(word_key(text))


def language_words() -> tuple[str, ...]:
    """The language names and codes to suggest for a misspelt one."""
    return (*LANGUAGES.values(), *LANGUAGES)


@attrs.frozen
class FieldValue:
    """One field an entry sets: the key in the file, the model attribute, value and line."""

    key: str
    attr: str
    value: Any
    line: int | None = None


@attrs.frozen
class ServiceEntry:
    """The additions to one registered service (an entry under ``sluzby``).

    ``name`` is the ``nazev`` written in the entry (checked against the register, never
    applied); ``fields`` are the filled fields only, each with its line.
    """

    identifier: str
    file: str
    line: int | None
    fields: tuple[FieldValue, ...] = ()
    name: str | None = None


@attrs.frozen
class RelatedEntry:
    """One related service that is not registered (an entry under ``navazne_sluzby``)."""

    key: str
    file: str
    line: int | None
    service: RelatedService


@attrs.frozen
class Additions:
    """Everything read from an additions file or folder, ready to apply.

    ``services`` by identifikator, ``related`` by key, ``files`` the files read.
    """

    services: Mapping[str, ServiceEntry] = attrs.field(factory=dict)
    related: Mapping[str, RelatedEntry] = attrs.field(factory=dict)
    files: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.services) + len(self.related)
