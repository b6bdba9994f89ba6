"""Synthetic register items in the real shape of ``rpss.json``, deterministic by seed.

A :class:`Plan` holds what spans items: the obce addresses are drawn from, the providers
(with their seats, buildings and contacts), and per service its provider, kind, portalId,
``id`` and ``identifikator``. :class:`ItemMaker` then builds item *i* from the plan and a
random generator seeded by (seed, *i*) alone, so items can be streamed one by one, and a
fault in one item leaves every other item unchanged. ``random.Random`` seeded by a string
is the same on every platform and independent of ``PYTHONHASHSEED``.

Items share objects: a provider's dict is the same object in each of its services, and a
building's address dict is reused where the provider uses the building. Copy an item
before changing it (:func:`kpss.testing.register_items` yields copies).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from random import Random
from typing import Any, TypeVar

import attrs

from kpss import reference
from kpss.model.actors import ico_check_digit
from kpss.model.codes import CILOVA_SKUPINA, DEN_V_TYDNU, FORMA, TYP_KAPACITY
from kpss.model.codes import VEKOVA_SKUPINA as VEKOVA
from kpss.model.law import Form, ServiceKind
from kpss.model.territory import Obec
from kpss.testing import profile, vocabulary
from kpss.testing.code_lists import CDZ_CODE
from kpss.testing.spec import REFERENCE_DATE, RegisterSpec

Item = dict[str, Any]
T = TypeVar("T")

_DAY = REFERENCE_DATE.toordinal()
_FIRST_DAY = dt.date(2007, 1, 1).toordinal()  # the register's first day (the Act in force)
_LAST_KNOWN_END = dt.date(2026, 12, 31).toordinal()
_PRAHA = "554782"
#: Městské části Praha 1–10 (RÚIAN MOMC codes; from memory, not checked against RÚIAN).
_PRAHA_DISTRICTS = (
    "500054", "500089", "500097", "500119", "500143", "500178", "500186", "500208", "500216",
    "500224",
)  # fmt: skip
#: First two digits of PSČ per kraj (plausible, not the real PSČ list).
_PSC_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "19": ("11", "12", "13", "14", "15", "16", "17", "18", "19"),
    "27": ("25", "26", "27", "28", "29"), "35": ("37", "38", "39"), "43": ("30", "33", "34"),
    "51": ("35", "36"), "60": ("40", "41", "43", "44"), "78": ("46", "47", "51"),
    "86": ("50", "54", "55"), "94": ("53", "56", "57"), "108": ("58", "59", "67"),
    "116": ("60", "61", "62", "66", "69"), "124": ("77", "78", "79"),
    "132": ("70", "71", "72", "73", "74"), "141": ("75", "76"),
}  # fmt: skip
#: Address-point codes (kodAdresnihoMista) are 8 digits: a bijection of a running number.
_KAM_BASE, _KAM_SPAN, _KAM_STEP = 10_000_000, 90_000_000, 48_271
_BUILDINGS_PER_PROVIDER = 8
_SLOTS_PER_SERVICE = 32
_MAX_FACILITIES = 24
_DOCUMENTS = "https://mpsv.cz/agportal-server/rest/documents/"


class Dice(Random):
    """A seeded generator with quicker ``choice`` and ``randint`` (one float per draw).

    Seeded by a string, ``random.Random`` gives the same numbers on every platform and
    whatever ``PYTHONHASHSEED`` is.
    """

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        """A random element of *seq*."""
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        """A random integer from *a* to *b*, both included."""
        return a + int(self.random() * (b - a + 1))

    def run(self, seq: Sequence[T], k: int) -> list[T]:
        """*k* distinct elements of *seq*: a run of it read as a circle from a random start."""
        start = int(self.random() * len(seq))
        return [seq[(start + i) % len(seq)] for i in range(min(k, len(seq)))]


def ref(list_name: str, code: object) -> dict[str, str]:
    """A code-list reference ``{"id": "List/code"}``."""
    return {"id": f"{list_name}/{code}"}


def _date(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _address_point(number: int) -> int:
    return _KAM_BASE + (number * _KAM_STEP) % _KAM_SPAN


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += max(weight, 1.0)
        result.append(total)
    return result


class Pool:
    """The obce of the register's territory, drawn by population (towns more often)."""

    def __init__(self, spec: RegisterSpec) -> None:
        territory = reference.territory()
        if spec.kraj is not None:
            kraj = territory.kraje[spec.kraj]
            chosen = [territory.obce[code] for code in territory.obec_codes(kraj)]
        elif spec.obce is not None:
            chosen = [territory.obce[code] for code in spec.obce]
        else:
            chosen = list(territory.obce.values())
        self.obce: list[Obec] = sorted(chosen, key=lambda o: o.code)
        self.confined_to_obce = spec.obce is not None
        people = [float(o.population or 100) for o in self.obce]
        self._seats = _cumulative([p**1.15 for p in people])
        self._okres: dict[str, tuple[list[Obec], list[float]]] = {}
        self._kraj: dict[str, tuple[list[Obec], list[float]]] = {}
        for obec in self.obce:
            self._okres.setdefault(obec.okres_code, ([], []))[0].append(obec)
            self._kraj.setdefault(obec.kraj_code, ([], []))[0].append(obec)
        for groups in (self._okres, self._kraj):
            for found, cumulative in groups.values():
                cumulative += _cumulative([float(o.population or 100) for o in found])

    @staticmethod
    def _pick(rng: Dice, obce: list[Obec], cumulative: list[float]) -> Obec:
        return obce[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]

    def seat(self, rng: Dice) -> Obec:
        """An obec for a provider's seat."""
        return self._pick(rng, self.obce, self._seats)

    def in_okres(self, rng: Dice, okres: str) -> Obec:
        """An obec of *okres* (within the pool)."""
        return self._pick(rng, *self._okres[okres])

    def in_kraj(self, rng: Dice, kraj: str) -> Obec:
        """An obec of *kraj* (within the pool)."""
        return self._pick(rng, *self._kraj[kraj])


@attrs.define
class Parts:
    """The parts of obce (CastObce) addresses used, for ``casti-obci.json``."""

    used: dict[str, tuple[str, str]] = attrs.field(factory=dict)

    def code(self, obec: Obec, part: int) -> str:
        """The synthetic code of part *part* of *obec* (0 is the main part, named as the obec)."""
        code = f"{obec.code}{part}"
        if code not in self.used:
            names = vocabulary.PART_NAMES
            name = obec.name if part == 0 else names[(int(obec.code) + part) % len(names)]
            self.used[code] = (name, obec.code)
        return code


def person(rng: Dice, titles: bool = True) -> dict[str, str | None]:
    """A made-up person (personal data that must never be published)."""
    first, last = rng.choice(vocabulary.MEN if rng.random() < 0.35 else vocabulary.WOMEN)
    before = rng.choice(vocabulary.TITLES_BEFORE) if titles and rng.random() < 0.6 else None
    after = rng.choice(vocabulary.TITLES_AFTER) if titles and rng.random() < 0.12 else None
    return {"titulPred": before, "jmeno": first, "prijmeni": last, "titulZa": after}


def phone(rng: Dice) -> str:
    """A Czech phone number in one of the messy forms of the register."""
    first = rng.choice("67") if rng.random() < 0.6 else rng.choice("2345")
    digits = first + f"{int(rng.random() * 100_000_000):08d}"
    spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    style = rng.random()
    if style < 0.45:
        return spaced
    if style < 0.7:
        return digits
    if style < 0.85:
        return "+420" + digits
    if style < 0.93:
        return "+420 " + spaced
    return f"{spaced}, {phone(rng)}"  # two numbers in one field


def web(rng: Dice, domain: str) -> str:
    """A web address with or without a scheme or www."""
    style = rng.random()
    if style < 0.35:
        return "http://www." + domain
    if style < 0.6:
        return "https://www." + domain
    if style < 0.8:
        return "www." + domain
    if style < 0.9:
        return f"https://{domain}/{rng.choice(vocabulary.WEB_PATHS)}"
    return domain


def _slug(name: str) -> str:
    table = str.maketrans("áčďéěíňóřšťúůýž", "acdeeinorstuuyz")
    words = "".join(c if c.isalnum() else " " for c in name.split(",")[0].lower().translate(table))
    slug = "-".join(w for w in words.split() if w.isascii())[:28].strip("-")
    return slug or "sluzby"


@attrs.define
class Provider:
    """A provider of the plan: its register dict (shared by its services) and places."""

    data: Item
    seat: Obec
    buildings: list[Item]
    building_obce: list[Obec]
    domain: str
    big: bool


class Plan:
    """What spans items: territory, providers and the assignment of services to them."""

    def __init__(self, spec: RegisterSpec) -> None:
        self.spec = spec
        self.pool = Pool(spec)
        self.parts = Parts()
        law = reference.law()
        self.kinds: dict[str, ServiceKind] = {k.key: k for k in law}
        self.kind_names = {k.key: k.name for k in law}
        rng = Dice(f"kpss.testing/{spec.seed}/plan")
        n = spec.services
        sizes = self._provider_sizes(rng, n)
        kinds = self._kinds(rng, n)
        self.providers: list[Provider] = []
        services: list[tuple[int, str]] = []
        used_ico: set[str] = set()
        start = 0
        for index, size in enumerate(sizes):
            own = kinds[start : start + size]
            start += size
            self.providers.append(self._provider(index, own, used_ico))
            services += [(index, kind) for kind in own]
        rng.shuffle(services)
        self.services = services
        #: ids of the objects items share (alive as long as the plan): rendered once.
        self.shared: set[int] = {id(p.data) for p in self.providers}
        self.shared |= {id(b) for p in self.providers for b in p.buildings}
        self.portal_ids = sorted(rng.sample(range(1, n + n // 5 + 10), n))
        self.register_ids = rng.sample(range(1_000_000, 10_000_000), n)
        self.identifiers = [str(x) for x in rng.sample(range(1_000_000, 10_000_000), n)]

    @staticmethod
    def _provider_sizes(rng: Dice, n: int) -> list[int]:
        sizes: list[int] = []
        total = 0
        while total < n:
            x = rng.random()
            size = (
                rng.randint(10, 40)
                if x < 0.022
                else rng.randint(5, 9)
                if x < 0.13
                else rng.randint(2, 4)
                if x < 0.5
                else 1
            )
            size = min(size, n - total)
            sizes.append(size)
            total += size
        return sizes

    @staticmethod
    def _kinds(rng: Dice, n: int) -> list[str]:
        """Kinds of the *n* services in proportion to their shares (largest remainder)."""
        total = sum(profile.KIND_SHARES.values())
        exact = {k: share * n / total for k, share in profile.KIND_SHARES.items()}
        counts = {k: int(v) for k, v in exact.items()}
        rest = sorted(exact, key=lambda k: (counts[k] - exact[k], k))
        for kind in rest[: n - sum(counts.values())]:
            counts[kind] += 1
        kinds = [k for k in profile.KIND_SHARES for _ in range(counts[k])]
        rng.shuffle(kinds)
        return kinds

    @staticmethod
    def _ico(rng: Dice, public: bool, used: set[str]) -> str:
        """A new IČO with a valid mod-11 check digit (public bodies: 00xxxxx or 7xxxxxx)."""
        while True:
            if public and rng.random() < 0.5:
                body = f"00{rng.randrange(100_000):05d}"
            elif public:
                body = f"7{rng.randrange(1_000_000):06d}"
            else:
                body = rng.choice("0246") + f"{rng.randrange(1_000_000):06d}"
            ico = body + str(ico_check_digit(body))
            if ico not in used:
                used.add(ico)
                return ico

    def _provider(self, index: int, kinds: list[str], used_ico: set[str]) -> Provider:
        rng = Dice(f"kpss.testing/{self.spec.seed}/provider/{index}")
        seat = self.pool.seat(rng)
        word = rng.choice(vocabulary.NAME_WORDS)
        residential = sum(1 for k in kinds if self._forms_of(k) == {Form.POBYTOVA})
        if len(kinds) >= 10:
            legal = rng.choice(("charita", "charita", "diakonie", "po", "obec", "zu", "ops"))
        elif residential * 2 >= len(kinds):
            legal = rng.choice(("domov", "domov", "domov", "sro", "zu", "charita", "ops", "as"))
        elif len(kinds) == 1 and rng.random() < 0.015:
            legal = "osoba"
        else:
            legal = rng.choice(
                (
                    "zs",
                    "zs",
                    "ops",
                    "zu",
                    "zu",
                    "sro",
                    "charita",
                    "diakonie",
                    "obec",
                    "po",
                    "cirkev",
                )
            )
        name, role, public = self._name(rng, legal, seat, word)
        statutory = []
        if legal != "osoba":
            for i in range(1 if rng.random() < 0.7 else rng.randint(2, 4)):
                member: dict[str, Any] = person(rng)
                member["funkce"] = role if i == 0 else rng.choice(vocabulary.ROLES_NEXT)
                statutory.append(member)
        domain = _slug(name) + rng.choice(vocabulary.TLDS)
        building_obce = [seat] + [
            self.pool.in_okres(rng, seat.okres_code) if rng.random() < 0.3 else seat
            for _ in range(min(_BUILDINGS_PER_PROVIDER, max(1, len(kinds) // 2)) - 1)
        ]
        buildings = [
            self.address(rng, obec, index * _BUILDINGS_PER_PROVIDER * 2 + b * 2)
            for b, obec in enumerate(building_obce)
        ]
        ico = self._ico(rng, public, used_ico)
        data = {
            "ico": ico,
            "nazev": name,
            "dic": "CZ" + ico if rng.random() < 0.45 else None,
            "adresa": buildings[0],
            "emaily": emails(rng, domain, 1, 2),
            "telefony": phones(rng, 0, 2),
            "weby": webs(rng, domain),
            "statutarniOrgany": statutory,
        }
        return Provider(data, seat, buildings, building_obce, domain, len(kinds) >= 10)

    @staticmethod
    def _name(rng: Dice, legal: str, seat: Obec, word: str) -> tuple[str, str, bool]:
        """The provider's name with its legal form, the first statutory role, public or not."""
        if legal == "obec":
            population = seat.population or 0
            if seat.code == _PRAHA:
                return f"Městská část Praha {rng.randint(1, 22)}", "starosta", True
            if population > 40_000:
                return f"Statutární město {seat.name}", "primátor", True
            title = "Město" if population > 3000 else rng.choice(("Obec", "Městys"))
            return f"{title} {seat.name}", "starosta", True
        if legal == "osoba":
            boss = person(rng)
            return (
                " ".join(x for x in (boss["titulPred"], boss["jmeno"], boss["prijmeni"]) if x),
                "",
                False,
            )
        patterns, role, public = profile.PROVIDER_NAMES[legal]
        name = rng.choice(patterns).format(
            town=seat.name, word=word, po=rng.choice(profile.ORGANISATION_SUFFIXES)
        )
        return name, role, public

    def _forms_of(self, kind: str) -> frozenset[Form]:
        forms = self.kinds[kind].forms
        return forms if forms is not None else profile.ASSUMED_FORMS[kind]

    def address(self, rng: Dice, obec: Obec, number: int) -> Item:
        """An address in *obec*; *number* is unique per address (its kodAdresnihoMista)."""
        population = obec.population or 100
        part = 0 if population < 500 or rng.random() < 0.8 else rng.randint(1, 3)
        street = (
            None if population < 1000 and rng.random() < 0.7 else rng.choice(vocabulary.STREETS)
        )
        prefixes = _PSC_PREFIXES[obec.kraj_code]
        psc = prefixes[int(obec.okres_code) % len(prefixes)] + f"{int(obec.code) % 900 + 100:03d}"
        return {
            "cisloDomovni": rng.randint(1, 3500 if population > 20_000 else 400),
            "cisloOrientacni": (
                str(rng.randint(1, 120)) + ("" if rng.random() < 0.9 else rng.choice("abc"))
                if street and rng.random() < 0.75
                else None
            ),
            "dodatekAdresy": rng.choice(vocabulary.ADDRESS_SUPPLEMENTS)
            if rng.random() < 0.05
            else None,
            "kodAdresnihoMista": _address_point(number) if rng.random() >= 0.036 else None,
            "psc": psc,
            "typCislaDomovniho": ref("TypStavebnihoObjektu", 2 if rng.random() < 0.02 else 1),
            "kraj": ref("Kraj", obec.kraj_code),
            "okres": ref("Okres", obec.okres_code),
            "obec": ref("Obec", obec.code),
            "castObce": ref("CastObce", self.parts.code(obec, part)),
            "mestskyObvodMestskaCast": (
                ref("MestskyObvodMestskaCast", rng.choice(_PRAHA_DISTRICTS))
                if obec.code == _PRAHA
                else None
            ),
            "mestskyObvodVPraze": None,
            "ulice": {"nazev": street} if street else None,
        }


def emails(rng: Dice, domain: str, least: int, most: int) -> list[Item]:
    """E-mail contacts; a few in upper case or with a leading space, as in the register."""
    result = []
    for _ in range(rng.randint(least, most)):
        value = f"{rng.choice(vocabulary.MAILBOXES)}@{domain}"
        if rng.random() < 0.05:
            value = value.upper() if rng.random() < 0.5 else " " + value
        note = rng.choice(vocabulary.CONTACT_NOTES) if rng.random() < 0.15 else None
        result.append({"email": value, "poznamka": note})
    return result


def phones(rng: Dice, least: int, most: int) -> list[Item]:
    """Phone contacts in messy formats."""
    return [
        {
            "telefon": phone(rng),
            "poznamka": rng.choice(vocabulary.CONTACT_NOTES) if rng.random() < 0.3 else None,
        }
        for _ in range(rng.randint(least, most))
    ]


def webs(rng: Dice, domain: str) -> list[Item]:
    """No or one web address."""
    return [{"web": web(rng, domain), "poznamka": None}] if rng.random() < 0.8 else []


@attrs.define
class Tally:
    """What the generator planted, counted while the items are made."""

    duplicate_facilities: int = 0
    floor_facilities: int = 0


class ItemMaker:
    """Builds item *i* of a plan; :attr:`tally` counts the planted data traps."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.tally = Tally()
        self._seed = f"kpss.testing/{plan.spec.seed}/service/"
        self._hours: dict[tuple[Any, ...], list[Item]] = {}

    def __iter__(self) -> Iterator[Item]:
        return (self.make(i) for i in range(self.plan.spec.services))

    def make(self, i: int) -> Item:
        """The clean item at position *i* (in portalId order)."""
        plan = self.plan
        rng = Dice(self._seed + str(i))
        provider_index, kind = plan.services[i]
        provider = plan.providers[provider_index]
        start, end = self._dates(rng)
        forms = self._forms(rng, kind, start)
        form_codes = {f["forma"]["id"] for f in forms}
        slot = i * _SLOTS_PER_SERVICE * 2 + 1  # odd numbers: address points of services
        facilities, slot = self._facilities(rng, provider, kind, start, end, form_codes, slot)
        groups = self._target_groups(rng, kind)
        ages, age_note = self._age_groups(rng, kind, groups)
        contact_addresses = [{"adresa": rng.choice(provider.buildings)}]
        if rng.random() < 0.08:
            contact_addresses.append({"adresa": plan.address(rng, provider.seat, slot)})
        kind_code = plan.kinds[kind].register_code or CDZ_CODE
        return {
            "portalId": plan.portal_ids[i],
            "id": plan.register_ids[i],
            "identifikator": plan.identifiers[i],
            "datumPoskytovaniOd": _date(start),
            "datumPoskytovaniDo": _date(end) if end else None,
            "kontaktniAdresy": contact_addresses,
            "druhSocialniSluzby": {"id": kind_code},
            "zarizeni": facilities,
            "poskytovatel": provider.data,
            "emaily": emails(rng, provider.domain, 1, 2),
            "telefony": phones(rng, 0, 3),
            "faxy": [{"fax": phone(rng), "poznamka": None}] if rng.random() < 0.06 else [],
            "weby": webs(rng, provider.domain),
            "ciloveSkupiny": [{"cilovaSkupina": ref(CILOVA_SKUPINA, g)} for g in groups],
            "vekoveSkupiny": [{"vekovaSkupina": ref(VEKOVA, a)} for a in ages],
            "doplnujiciInformaceVekoveSkupiny": age_note,
            "formy": forms,
            "rozsirenePusobnostiVKraji": self._area(rng, provider, form_codes),
            "doplnkoveUdaje": self._documents(rng, kind, provider.seat.name, start),
        }

    # -- parts of an item ----------------------------------------------------------------
    @staticmethod
    def _dates(rng: Dice) -> tuple[int, int | None]:
        x = rng.random()
        if x < 0.27:
            start = _FIRST_DAY
        elif x < 0.985:
            start = rng.randint(_FIRST_DAY + 1, _DAY)
        else:  # registered, starting later
            start = rng.randint(_DAY + 1, _DAY + 150)
        end: int | None = None
        if start < _DAY - 60 and rng.random() < 0.155:
            end = rng.randint(start + 30, _DAY - 1)
        elif start <= _DAY and rng.random() < 0.01:  # ending on a known future day
            end = rng.randint(_DAY + 1, _LAST_KNOWN_END)
        return start, end

    def _forms(self, rng: Dice, kind: str, start: int) -> list[Item]:
        allowed = self.plan._forms_of(kind)
        main = profile.MAIN_FORM.get(kind) or min(allowed, key=lambda f: f.value)
        chosen = [main] + [
            f for f in sorted(allowed - {main}, key=lambda f: f.value) if rng.random() < 0.32
        ]
        result = []
        for form in chosen:
            continuous = (
                form is Form.POBYTOVA
                or kind in profile.NON_STOP
                or (kind in ("39", "60", "60a") and rng.random() < 0.3)
            )
            units = profile.capacity_units(kind, form)
            first = units[0] if len(units) == 1 or rng.random() < 0.66 else units[1]
            capacities = [self._capacity(rng, kind, first, start)]
            if len(units) > 1 and rng.random() < 0.12:
                capacities.append(
                    self._capacity(rng, kind, units[1] if first == units[0] else units[0], start)
                )
            result.append(
                {
                    "forma": ref(FORMA, form.value),
                    "nepretrzitePoskytovani": continuous,
                    "casoveRozsahy": None if continuous else self._hours_of(rng),
                    "kapacity": capacities,
                }
            )
        return result

    @staticmethod
    def _capacity(rng: Dice, kind: str, unit: str, start: int) -> Item:
        low, high = profile.CAPACITY_RANGE[unit]
        if kind in ("49", "50") and unit == "luzka":
            low, high = 20, 160
        count = rng.randint(low, high)
        words = profile.UNIT_WORDS[unit]
        since = dt.date.fromordinal(start)
        x = rng.random()
        if x < 0.3:
            text = None
        elif x < 0.6:
            text = f"Maximální kapacita {count} {words} s účinností od {since:%d.%m.%Y}."
        elif x < 0.8:
            text = f"Okamžitá kapacita: {count} {words}; rozsah podle potřeb uživatelů."
        else:
            text = f"Nejvýše {count} uživatelů najednou, za rok až {count * rng.randint(5, 30)}."
        return {"pocet": count, "popis": text, "typ": ref(TYP_KAPACITY, unit)}

    def _hours_of(self, rng: Dice) -> list[Item]:
        opens = rng.choice(("07:00", "07:30", "08:00", "08:00", "09:00", "06:30"))
        closes = rng.choice(("15:00", "15:30", "16:00", "17:00", "18:00", "20:00"))
        weekend = rng.random() < 0.2
        split = tuple(d for d in range(1, 6) if rng.random() < 0.2)
        key = (opens, closes, weekend, split)
        if key not in self._hours:
            hours: list[Item] = []
            for day in range(1, 8 if weekend else 6):
                day_ref = ref(DEN_V_TYDNU, day)
                if day in split:
                    hours.append({"denVTydnu": day_ref, "od": opens, "do": "12:00"})
                    hours.append({"denVTydnu": ref(DEN_V_TYDNU, day), "od": "12:30", "do": closes})
                elif day > 5:
                    hours.append({"denVTydnu": day_ref, "od": "09:00", "do": "13:00"})
                else:
                    hours.append({"denVTydnu": day_ref, "od": opens, "do": closes})
            self._hours[key] = hours
            self.plan.shared.add(id(hours))
        return self._hours[key]

    def _facilities(
        self,
        rng: Dice,
        provider: Provider,
        kind: str,
        start: int,
        end: int | None,
        forms: set[str],
        slot: int,
    ) -> tuple[list[Item], int]:
        x = rng.random()
        if x < 0.4:
            count = 1
        elif x < 0.62:
            count = 2
        elif x < 0.75:
            count = 3
        else:
            count = (
                rng.randint(4, 6)
                if x < 0.9
                else rng.randint(7, 12)
                if x < 0.975
                else rng.randint(13, _MAX_FACILITIES - 4)
            )
        residential = f"{FORMA}/pob" in forms
        if residential and count > 3 and rng.random() < 0.7:
            count = rng.randint(1, 3)
        secret_share = profile.SECRET_SHARE.get(kind, 0.0)
        result: list[Item] = []
        seen: set[tuple[Any, ...]] = set()
        for i in range(count):
            if i == 0 or rng.random() < 0.5:
                b = int(rng.random() * len(provider.buildings))
                obec, address = provider.building_obce[b], provider.buildings[b]
            else:
                obec = (
                    self.plan.pool.in_okres(rng, provider.seat.okres_code)
                    if not provider.big or rng.random() < 0.5
                    else self.plan.pool.in_kraj(rng, provider.seat.kraj_code)
                )
                address = self.plan.address(rng, obec, slot)
                slot += 2
            secret = rng.random() < secret_share
            name = self._facility_name(rng, kind, obec.name, provider.data["nazev"])
            key = (name.casefold(), None if secret else _identity(address))
            if key in seen:
                name = f"{name} {i + 1}"
                key = (name.casefold(), key[1])
            seen.add(key)
            opens = (
                start
                if rng.random() < 0.75
                else rng.randint(start, max(start, min(_DAY + 120, (end or _DAY) + 30)))
            )
            if end is not None:
                closes = None if rng.random() < 0.4 else end
            else:
                closes = None if rng.random() < 0.93 else rng.randint(opens, _DAY + 365)
            result.append(
                {
                    "id": None,
                    "portalId": None,
                    "identifikator": None,
                    "nazev": name,
                    "poskytujeOd": _date(opens),
                    "poskytujeDo": _date(closes) if closes else None,
                    "utajenaAdresa": secret,
                    "adresa": None if secret else address,
                    "vedouci": person(rng) if rng.random() < 0.6 else None,
                }
            )
        return self._traps(rng, result, residential), slot

    def _traps(self, rng: Dice, facilities: list[Item], residential: bool) -> list[Item]:
        """Data traps: an exact duplicate, a name with a trailing space, floors of a building."""
        first = facilities[0]
        y = rng.random()
        if first["utajenaAdresa"] or y >= 0.05:
            return facilities
        if y < 0.012:
            facilities.append(dict(first))
            self.tally.duplicate_facilities += 1
        elif y < 0.024:
            facilities.append({**first, "nazev": first["nazev"] + " "})
            self.tally.duplicate_facilities += 1
        elif residential:
            for floor in range(2, 2 + rng.randint(2, 3)):
                name = (
                    f"{floor}. nadzemni podlazi"
                    if rng.random() < 0.5
                    else f"{first['nazev']} – {floor}. nadzemní podlaží"
                )
                facilities.append({**first, "nazev": name})
                self.tally.floor_facilities += 1
        return facilities

    def _facility_name(self, rng: Dice, kind: str, town: str, provider: str) -> str:
        kind_name = self.plan.kind_names[kind]
        patterns = profile.FACILITY_NAMES.get(kind, profile.GENERIC_FACILITY_NAMES)
        return rng.choice(patterns).format(
            town=town,
            word=rng.choice(vocabulary.NAME_WORDS),
            kind=kind_name[:1].upper() + kind_name[1:],
            provider=provider.split(",")[0],
        )

    @staticmethod
    def _target_groups(rng: Dice, kind: str) -> list[int]:
        pool = list(profile.TARGET_POOLS[kind])
        rng.shuffle(pool)
        groups = pool[: rng.randint(1, min(5, len(pool)))]
        if rng.random() < profile.SENIOR_SHARE.get(kind, 0.0):
            groups.insert(0, 24)
        return list(dict.fromkeys(groups))

    @staticmethod
    def _age_groups(rng: Dice, kind: str, groups: list[int]) -> tuple[list[int], str | None]:
        notes = vocabulary.AGE_NOTES
        if kind in ("49", "50", "41", "52") or (24 in groups and rng.random() < 0.6):
            return ([109, 110] if rng.random() < 0.8 else [108, 109, 110]), rng.choice(
                (None, None, notes[1], notes[2])
            )
        if kind == "54":
            return [102, 103], rng.choice((None, notes[4]))
        if kind == "62":
            return [104, 105, 106, 107][rng.randint(0, 1) :], rng.choice((None, notes[3]))
        if kind == "65":
            return ([101] if rng.random() < 0.5 else list(range(102, 109))), None
        if rng.random() < 0.25:
            return [101], None
        low = rng.choice((105, 106, 107, 107, 108))
        return list(range(low, 111 if rng.random() < 0.6 else 109)), rng.choice(
            (None, None, notes[0], notes[5])
        )

    def _area(self, rng: Dice, provider: Provider, forms: set[str]) -> list[Item]:
        """rozsirenePusobnostiVKraji: obce (and now and then an okres or a kraj) served."""
        if f"{FORMA}/ter" not in forms:
            return []
        pool, seat = self.plan.pool, provider.seat
        area: list[Item] = []
        if rng.random() < 0.6:
            served = {
                pool.in_okres(rng, seat.okres_code).code: None for _ in range(rng.randint(1, 12))
            }
            territory = reference.territory()
            for code in served:
                obec = territory.obce[code]
                area.append(
                    {
                        "kraj": ref("Kraj", obec.kraj_code),
                        "okres": ref("Okres", obec.okres_code),
                        "obec": ref("Obec", code),
                    }
                )
        if not pool.confined_to_obce:
            x = rng.random()
            if x < 0.1:
                area.append(
                    {
                        "kraj": ref("Kraj", seat.kraj_code),
                        "okres": ref("Okres", seat.okres_code),
                        "obec": None,
                    }
                )
            elif x < 0.13:
                area.append({"kraj": ref("Kraj", seat.kraj_code), "okres": None, "obec": None})
        return area

    def _documents(self, rng: Dice, kind: str, town: str, start: int) -> Item:
        kind_name = self.plan.kind_names[kind]
        titles = vocabulary.DOCUMENT_TITLES
        realisation, day = [], start
        for _ in range(rng.randint(1, 3)):
            realisation.append(
                {
                    "platnostOd": _date(day),
                    "popis": _long_text(rng, kind_name, town),
                    "priloha": _attachment(rng, titles["realizacePoskytovani"]),
                }
            )
            day = rng.randint(day, max(day, _DAY))
        first_year = max(dt.date.fromordinal(start).year, 2015)
        years = sorted(
            rng.sample(range(first_year, 2027), min(rng.randint(1, 4), 2027 - first_year))
        )
        plans = [
            {
                "platnostOd": f"{year}-01-01",
                "rok": year,
                "priloha": _attachment(rng, titles["planyFinancnihoZajisteni"].format(year=year)),
            }
            for year in years
        ]
        staff = [
            {
                "platnostOd": _date(start),
                "popis": " ".join(
                    line.format(n=f"{rng.randint(1, 40) / 4:.2f}".replace(".", ","))
                    for line in rng.run(vocabulary.STAFF, rng.randint(4, 9))
                ),
                "priloha": _attachment(rng, titles["personalniZajisteni"]),
            }
            for _ in range(rng.randint(1, 2))
        ]
        return {
            "realizacePoskytovani": realisation,
            "planyFinancnihoZajisteni": plans,
            "personalniZajisteni": staff,
        }


def _identity(address: Item) -> Any:
    """What tells addresses apart: the object (each has its own kodAdresnihoMista), or
    its content when it has none."""
    if address["kodAdresnihoMista"] is not None:
        return id(address)
    return tuple(v.get("id", v.get("nazev")) if type(v) is dict else v for v in address.values())


def _long_text(rng: Dice, kind: str, town: str) -> str:
    """The long Czech description (popis) that makes the real file its size."""
    parts = [
        "Poslání služby",
        " ".join(s.format(kind=kind, town=town) for s in rng.run(vocabulary.MISSION, 2)),
        "Cíle služby",
        "\n".join("- " + s for s in rng.run(vocabulary.GOALS, rng.randint(3, 6))),
        "Zásady poskytování služby",
        "\n".join("- " + s for s in rng.run(vocabulary.PRINCIPLES, rng.randint(4, 7))),
        "Způsob poskytování služby",
        " ".join(rng.choices(vocabulary.WAY, k=rng.randint(14, 25))),
        "Negativní vymezení cílové skupiny",
        " ".join(rng.run(vocabulary.EXCLUSIONS, rng.randint(1, 4))),
    ]
    return "\n".join(parts)


def _attachment(rng: Dice, title: str) -> Item:
    u = f"{rng.getrandbits(128):032x}"
    return {
        "nazev": title,
        "url": _DOCUMENTS + f"{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}",
        "mimeType": "application/pdf",
        "velikost": rng.randint(40_000, 2_500_000),
    }


__all__ = ["Item", "ItemMaker", "Plan", "Pool", "Provider", "Tally", "ref"]
