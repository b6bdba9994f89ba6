"""How the synthetic register looks per kind of service (druh): share, forms, units, people.

Keys are the kinds' keys in :func:`kpss.law` (``"49"``, ``"60a"``, ``"cdz"``). The allowed
forms come from the law table; this module only says which form is the usual main one and
how often each kind occurs. The shares approximate the national register (6,733 services
in August 2026); the target-group ids are those of :mod:`kpss.testing.code_lists`.
"""

from __future__ import annotations

from collections.abc import Mapping

from kpss.model.law import Form

#: Relative number of services of each kind in the national register (approximate).
KIND_SHARES: Mapping[str, int] = {
    "37": 700, "39": 330, "40": 750, "41": 40, "42": 40, "43": 100, "44": 380, "45": 70,
    "46": 280, "47": 55, "48": 210, "49": 520, "50": 380, "51": 210, "52": 140, "54": 55,
    "55": 25, "56": 15, "57": 210, "58": 35, "59": 85, "60": 50, "60a": 15, "61": 65,
    "62": 240, "63": 75, "64": 60, "65": 560, "66": 270, "67": 160, "68": 18, "69": 380,
    "70": 410, "cdz": 25,
}  # fmt: skip

#: The usual main form where the law allows several (the others are added at random).
MAIN_FORM: Mapping[str, Form] = {
    "37": Form.AMBULANTNI, "40": Form.TERENNI, "42": Form.TERENNI, "44": Form.POBYTOVA,
    "54": Form.TERENNI, "56": Form.TERENNI, "59": Form.AMBULANTNI, "60": Form.AMBULANTNI,
    "60a": Form.AMBULANTNI, "61": Form.AMBULANTNI, "62": Form.AMBULANTNI, "64": Form.POBYTOVA,
    "65": Form.TERENNI, "66": Form.AMBULANTNI, "70": Form.TERENNI, "cdz": Form.TERENNI,
}  # fmt: skip

#: Forms assumed for kinds whose forms no source states (the law table has ``None``).
ASSUMED_FORMS: Mapping[str, frozenset[Form]] = {
    "cdz": frozenset({Form.TERENNI, Form.AMBULANTNI}),
}

#: Kinds provided non-stop in every form (tísňová péče, telefonická krizová pomoc).
NON_STOP = frozenset({"41", "55"})

#: Share of facilities with a secret address (utajenaAdresa) per kind.
SECRET_SHARE: Mapping[str, float] = {"57": 0.5, "60a": 0.85, "60": 0.3, "58": 0.2}

#: Share of services of a kind that have seniors (CilovaSkupinaOsoby/24) as a target group.
SENIOR_SHARE: Mapping[str, float] = {
    "37": 0.2, "39": 0.65, "40": 0.85, "41": 0.95, "42": 0.6, "44": 0.8, "45": 0.7,
    "46": 0.45, "47": 0.2, "48": 0.05, "49": 1.0, "50": 0.75, "52": 0.95, "64": 0.1,
    "66": 0.8, "cdz": 0.05,
}  # fmt: skip

#: Target groups a kind draws from (besides seniors), ids of CilovaSkupinaOsoby.
TARGET_POOLS: Mapping[str, tuple[int, ...]] = {
    "37": (120, 118, 124, 112, 111, 107, 104, 106, 122, 26, 119, 117),
    "39": (116, 114, 115, 112, 118, 119, 117, 30, 27),
    "40": (118, 112, 116, 114, 30, 26),
    "41": (118, 112, 116, 119),
    "42": (119, 117, 118, 116),
    "43": (115, 111, 114, 118),
    "44": (30, 114, 115, 116, 112, 118, 27, 26),
    "45": (107, 30, 118, 111),
    "46": (115, 114, 30, 116, 111),
    "47": (115, 114, 116),
    "48": (115, 114, 116, 119, 117, 111),
    "49": (30, 112, 116, 27, 114),
    "50": (30, 111, 110, 115),
    "51": (115, 111, 114, 116),
    "52": (112, 116, 30, 27),
    "54": (124, 114, 119, 117, 116, 115),
    "55": (120, 104, 106, 121, 107),
    "56": (117, 118),
    "57": (107, 124, 104, 120, 108),
    "58": (108, 101, 123),
    "59": (110, 121, 107),
    "60": (120, 104, 106, 105, 124),
    "60a": (104, 106, 120),
    "61": (107, 110, 121),
    "62": (101, 102, 122, 121),
    "63": (107, 110),
    "64": (110, 111),
    "65": (124, 122, 102),
    "66": (118, 116, 119, 117, 112, 30),
    "67": (115, 114, 111, 116),
    "68": (110, 111),
    "69": (107, 110, 121, 122, 102, 109),
    "70": (111, 115, 119, 117, 110, 114, 116),
    "cdz": (111, 110),
}

#: Facility name patterns per kind: {town}, {word}, {kind} (the kind's name), {provider}.
FACILITY_NAMES: Mapping[str, tuple[str, ...]] = {
    "49": ("Domov pro seniory {town}", "Domov seniorů {word}", "Senior centrum {town}"),
    "50": ("Domov se zvláštním režimem {town}", "Alzheimer centrum {town}", "Domov {word}"),
    "48": ("Domov pro osoby se zdravotním postižením {town}", "Domov {word}", "Zámek {town}"),
    "57": ("Azylový dům pro matky s dětmi {town}", "Azylový dům {town}", "Azylový dům {word}"),
    "63": ("Noclehárna {town}", "Noclehárna pro muže", "Noclehárna pro ženy {town}"),
    "51": ("Chráněné bydlení {word}", "Chráněné bydlení {town}", "Byty {word}"),
}
GENERIC_FACILITY_NAMES = (
    "{kind} {town}", "Centrum {word}", "{provider}", "Pracoviště {town}", "Kancelář {town}",
    "{kind}", "Středisko {word} {town}",
)  # fmt: skip


#: Provider names per legal form ({town}, {word}, {po}: the suffix of a public body's
#: organisation), the role of the first statutory member, and whether the IČO is public.
PROVIDER_NAMES: Mapping[str, tuple[tuple[str, ...], str, bool]] = {
    "charita": (
        ("Charita {town}", "Oblastní charita {town}", "Farní charita {town}"),
        "ředitel",
        False,
    ),
    "diakonie": (("Diakonie ČCE – středisko {word}",), "ředitelka", False),
    "cirkev": (
        ("Římskokatolická farnost {town}", "Křesťanské společenství {word}"),
        "farář",
        False,
    ),
    "po": (
        (
            "Sociální služby města {town}{po}",
            "Centrum sociálních služeb {town}{po}",
            "Pečovatelská služba {town}{po}",
        ),
        "ředitel",
        True,
    ),
    "domov": (
        (
            "Domov pro seniory {town}{po}",
            "Domov {word}{po}",
            "Centrum sociálních služeb {town}{po}",
        ),
        "ředitelka",
        True,
    ),
    "zu": (("{word}, z. ú.", "{word} z.ú.", "Centrum {word} {town}, z. ú."), "ředitel", False),
    "ops": (("{word}, o. p. s.", "{word} o.p.s.", "Společnost {word}, o.p.s."), "ředitelka", False),
    "zs": (
        (
            "{word}, z. s.",
            "Spolek {word} {town}, z.s.",
            "Svaz postižených civilizačními chorobami, z. s., pobočka {town}",
        ),
        "předseda",
        False,
    ),
    "sro": (("{word} s.r.o.", "{word} care, s. r. o.", "Senior {word} s.r.o."), "jednatel", False),
    "as": (("Nemocnice {town}, a. s.",), "předseda představenstva", False),
}
ORGANISATION_SUFFIXES = (
    ", příspěvková organizace", ", příspěvková organizace", ", p. o.", ", p.o.", " p.o.",
    " - příspěvková organizace", "",
)  # fmt: skip


def capacity_units(kind: str, form: Form) -> tuple[str, ...]:
    """Capacity units (TypKapacitySocialniSluzby codes) that fit *kind* in *form*.

    Beds for residential forms and noclehárny; calls for telefonická krizová pomoc;
    interventions or clients for counselling, crisis help and intervention centres;
    contacts or clients for contact centres, low-threshold services and street work;
    clients otherwise.
    """
    if form is Form.POBYTOVA or kind == "63":
        return ("luzka",)
    if kind == "55":
        return ("hovor",)
    if kind in ("37", "60", "60a"):
        return ("interv", "klient")
    if kind in ("59", "61", "62", "69"):
        return ("kontakt", "klient")
    return ("klient",)


#: Range of the registered capacity (pocet) per unit.
CAPACITY_RANGE: Mapping[str, tuple[int, int]] = {
    "luzka": (4, 120),
    "klient": (1, 40),
    "interv": (2, 30),
    "kontakt": (5, 80),
    "hovor": (1, 6),
}
#: Czech genitive plural of each unit, for the capacity descriptions.
UNIT_WORDS: Mapping[str, str] = {
    "luzka": "lůžek",
    "klient": "klientů",
    "interv": "intervencí",
    "kontakt": "kontaktů",
    "hovor": "hovorů",
}
