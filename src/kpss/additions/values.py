"""Values of an additions entry: each key's text turned into model values, or a problem.

Every parser takes a node of the tree (:mod:`kpss.additions.tree`) and returns the model
value, or raises :class:`Problem` naming the node and what was expected. The reader adds
the file, identifikator and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kpss.additions import hours as h
from kpss.additions.format import (
    ACCESSIBILITY_KEYS,
    ADDRESS_KEYS,
    CONTACT_KINDS,
    HOURS_KEYS,
    PHOTO_KEYS,
    language_code,
    language_words,
    related_kind,
    word_key,
)
from kpss.additions.tree import Map, Node, Scalar, Seq, is_empty
from kpss.errors import AmbiguousNameError, NotFoundError
from kpss.model.contacts import Address, Contact, ContactKind
from kpss.model.names import fold
from kpss.model.services import (
    RELATED_KIND_LABELS,
    Accessibility,
    Charge,
    OpeningHours,
    Photo,
    RelatedKind,
)
from kpss.model.territory import Level, Territory
from kpss.publish.urls import email_href, phone_href, web_href

#: Largest photo accepted (bytes).
MAX_PHOTO_BYTES = 20 * 1024 * 1024
#: Image types recognised by their first bytes, with their media type.
IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TRUE = frozenset({"ano", "true", "yes", "a"})
_FALSE = frozenset({"ne", "false", "no", "n"})
_FREE = frozenset({"zdarma", "bez uhrady", "bezplatne", "bezplatna", "free"})
_PAID = frozenset({"za uhradu", "placena", "uhrada", "hrazena", "paid", "s uhradou"})
_LEVEL_WORDS = {
    "obec": Level.OBEC,
    "orp": Level.ORP,
    "pou": Level.POU,
    "okres": Level.OKRES,
    "kraj": Level.KRAJ,
}


class Problem(Exception):
    """A bad value: *message* says what was expected; *node* is where it is."""

    def __init__(self, message: str, node: Node | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.field = field


class Problems(Exception):
    """Several bad items of one list, each a :class:`Problem`: all are reported at once, so
    a coordinator does not find them one fix at a time."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word closest to a misspelt *word*, when it is close enough."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(
        fold(word), list(known), scorer=fuzz.ratio, processor=fold, score_cutoff=60
    )
    return found[0] if found else None


def unknown_key(key: Scalar, known: Sequence[str], where: str) -> Problem:
    """The problem of a key that is not one of *known*, suggesting the closest."""
    near = closest(key.text, known)
    hint = f"did you mean {near!r}?" if near else f"expected one of {', '.join(known)}"
    return Problem(f"unknown key {key.text!r} {where}; {hint}", key, key.text)


def check_keys(node: Map, known: Sequence[str], where: str) -> None:
    """Raise :class:`Problem` for the first key of *node* not in *known*."""
    for key, _ in node.pairs:
        if key.text not in known:
            raise unknown_key(key, known, where)


def _kind(node: Node) -> str:
    return {Scalar: "a text", Seq: "a list", Map: "a mapping"}[type(node)]


def scalar(node: Node, expected: str = "a text") -> Scalar:
    """*node* as a scalar, or a problem saying it is a list or mapping."""
    if not isinstance(node, Scalar):
        raise Problem(f"expected {expected}, got {_kind(node)}", node)
    return node


def text(node: Node) -> str:
    """A text, stripped; control characters are refused."""
    value = scalar(node).text.strip()
    bad = _CONTROL.search(value)
    if bad:
        raise Problem(f"the text contains the control character U+{ord(bad.group()):04X}", node)
    return value


def optional_text(node: Node | None) -> str | None:
    """A text, or ``None`` when left empty."""
    return None if node is None or is_empty(node) else text(node)


def items(node: Node, separators: str = ";") -> list[Scalar]:
    """The items of a list, or of one text split at *separators*."""
    if isinstance(node, Seq):
        return [scalar(item, "a text item") for item in node.items if not is_empty(item)]
    one = scalar(node, "a list or a text")
    parts = re.split(f"[{re.escape(separators)}]", one.text)
    return [Scalar(p.strip(), one.line, one.column) for p in parts if p.strip()]


def texts(node: Node) -> tuple[str, ...]:
    """A list of texts (or one text with items separated by ``;``)."""
    return tuple(text(item) for item in items(node))


def boolean(node: Node) -> bool:
    """``ano``/``ne`` (also ``true``/``false``)."""
    value = word_key(scalar(node, "ano or ne").text)
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise Problem(f"expected ano or ne, got {scalar(node).text!r}", node)


def charge(node: Node) -> Charge:
    """``zdarma`` or ``za úhradu``."""
    value = word_key(text(node))
    if value in _FREE:
        return Charge.FREE
    if value in _PAID:
        return Charge.PAID
    raise Problem(f"expected zdarma or za úhradu, got {scalar(node).text!r}", node)


def languages(node: Node) -> tuple[str, ...]:
    """ISO 639 codes of the languages named (``čeština, angličtina`` or codes)."""
    codes: list[str] = []
    for item in items(node, ",;"):
        code = language_code(item.text)
        if code is None:
            near = closest(item.text, language_words())
            hint = f"; did you mean {near!r}?" if near else ""
            raise Problem(f"unknown language {item.text!r}{hint}", item)
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def web_url(node: Node) -> str:
    """An http(s) address (a bare ``www.…`` gets ``https://``); other schemes are refused."""
    value = text(node)
    href = web_href(value)
    if href is None:
        raise Problem(f"expected a web address starting with https://, got {value!r}", node)
    return href


def opening_hours(node: Node) -> tuple[OpeningHours, ...]:
    """A text ``po–pá 8:00–12:00; so 9:00–11:00`` or a list of those and of mappings."""
    if isinstance(node, Scalar):
        return _hours_text(node)
    if isinstance(node, Map):
        raise Problem("expected a list of hours (- {dny: po–pá, od: '8:00', do: '12:00'})", node)
    result: list[OpeningHours] = []
    for item in node.items:
        if isinstance(item, Scalar):
            result.extend(_hours_text(item))
        elif isinstance(item, Map):
            result.extend(_hours_map(item))
        else:
            raise Problem("expected {dny, od, do} or a text such as 'po–pá 8:00–12:00'", item)
    return tuple(result)


def _hours_text(node: Scalar) -> tuple[OpeningHours, ...]:
    try:
        return h.parse_hours_text(node.text)
    except ValueError as exc:
        raise Problem(str(exc), node) from None


def _hours_map(node: Map) -> tuple[OpeningHours, ...]:
    check_keys(node, HOURS_KEYS, "in opening hours")
    parts: dict[str, Node] = {key.text: value for key, value in node.pairs}
    for key in ("dny", "od", "do"):
        if key not in parts or is_empty(parts[key]):
            raise Problem(f"the hours need '{key}'", node, key)
    days_node = parts["dny"]
    try:
        names = [i.text for i in items(days_node, ",")] if isinstance(days_node, Seq) else None
        days = h.parse_days(names if names is not None else scalar(days_node).text)
    except ValueError as exc:
        raise Problem(str(exc), days_node, "dny") from None
    try:
        opens = h.parse_time(scalar(parts["od"]).text)
    except ValueError as exc:
        raise Problem(str(exc), parts["od"], "od") from None
    try:
        closes = h.parse_time(scalar(parts["do"]).text, closing=True)
        h.time_range(opens, closes, f"{scalar(parts['od']).text}–{scalar(parts['do']).text}")
    except ValueError as exc:
        raise Problem(str(exc), parts["do"], "do") from None
    return h.hours_of(days, [(opens, closes)], optional_text(parts.get("poznamka")))


def accessibility(node: Node) -> Accessibility:
    """``{bezbarierovy_pristup: ano, indukcni_smycka: ne, poznamka: …}``."""
    if not isinstance(node, Map):
        raise Problem("expected {bezbarierovy_pristup: ano/ne, indukcni_smycka: ano/ne}", node)
    check_keys(node, tuple(ACCESSIBILITY_KEYS), "in pristupnost")
    values: dict[str, Any] = {}
    for key, value in node.pairs:
        if is_empty(value):
            continue
        attr = ACCESSIBILITY_KEYS[key.text]
        try:
            values[attr] = text(value) if attr == "note" else boolean(value)
        except Problem as problem:
            problem.field = key.text
            raise
    return Accessibility(**values)


def _sniff(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(16)
    for magic, media_type in IMAGE_MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def photo_file(node: Scalar, folder: Path) -> Photo:
    """A picture next to the additions file: inside *folder*, existing, of an image type."""
    written = node.text.strip()
    relative = Path(written)
    if (
        relative.is_absolute()
        or written.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", written)
    ):
        raise Problem(f"expected a path relative to the additions file, got {written!r}", node)
    base = folder.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise Problem(f"the picture {written!r} is outside the additions file's folder", node)
    if not target.is_file():
        raise Problem(f"no picture {written!r} next to the additions file", node)
    size = target.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise Problem(f"the picture {written!r} has {size} bytes; at most {MAX_PHOTO_BYTES}", node)
    media_type = _sniff(target)
    if media_type is None:
        raise Problem(f"{written!r} is not a JPEG, PNG, GIF or WebP picture", node)
    return Photo("", None, str(target), media_type)


def photos(node: Node, folder: Path) -> tuple[Photo, ...]:
    """Pictures: file paths or ``{soubor|url: …, popisek: …}``."""
    result: list[Photo] = []
    entries = node.items if isinstance(node, Seq) else tuple(items(node))
    for item in entries:
        if isinstance(item, Scalar):
            if not is_empty(item):
                result.append(_photo_of(item, None, folder))
            continue
        if not isinstance(item, Map):
            raise Problem("expected {soubor: cesta, popisek: text} or a path", item)
        check_keys(item, PHOTO_KEYS, "in fotografie")
        parts = {key.text: value for key, value in item.pairs if not is_empty(value)}
        if ("soubor" in parts) == ("url" in parts):
            raise Problem("a photo needs either 'soubor' or 'url'", item)
        source = parts.get("soubor") or parts["url"]
        result.append(_photo_of(scalar(source), optional_text(parts.get("popisek")), folder))
    return tuple(result)


def _photo_of(node: Scalar, caption: str | None, folder: Path) -> Photo:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", node.text.strip()):
        return Photo(web_url(node), caption)
    found = photo_file(node, folder)
    return Photo(found.url, caption, found.file, found.media_type)


_CONTACT_KIND = {
    "telefon": ContactKind.PHONE,
    "email": ContactKind.EMAIL,
    "web": ContactKind.WEB,
    "datova_schranka": ContactKind.DATA_BOX,
}


def contacts(node: Node) -> tuple[Contact, ...]:
    """``[{telefon: 373 396 111, poznamka: …}, {email: …}]``."""
    if not isinstance(node, Seq):
        raise Problem("expected a list of contacts (- telefon: 373 396 111)", node)
    result: list[Contact] = []
    bad: list[Problem] = []
    for item in node.items:
        try:
            result.append(_contact_item(item))
        except Problem as problem:
            bad.append(problem)
    if bad:
        raise Problems(bad)
    return tuple(result)


def _contact_item(item: Node) -> Contact:
    if not isinstance(item, Map):
        raise Problem("expected a contact such as {telefon: 373 396 111}", item)
    check_keys(item, (*CONTACT_KINDS, "poznamka"), "in a contact")
    kinds = [(k, v) for k, v in item.pairs if k.text in CONTACT_KINDS and not is_empty(v)]
    if len(kinds) != 1:
        raise Problem(f"a contact needs exactly one of {', '.join(CONTACT_KINDS)}", item)
    key, value = kinds[0]
    return contact(key.text, value, optional_text(item.get("poznamka")))


def contact(kind: str, node: Node, note: str | None = None) -> Contact:
    """One contact of *kind* (``telefon``, ``email``, ``web``, ``datova_schranka``), checked."""
    value = text(node)
    if kind == "telefon" and phone_href(value) is None:
        raise Problem(f"expected a phone number such as 373 396 111, got {value!r}", node, kind)
    if kind == "email" and email_href(value) is None:
        raise Problem(f"expected an e-mail address, got {value!r}", node, kind)
    if kind == "web":
        value = web_url(node)
    if kind == "datova_schranka" and not re.fullmatch(r"[a-z0-9]{7}", value.lower()):
        raise Problem(f"expected a data box ID of 7 letters and digits, got {value!r}", node, kind)
    return Contact(_CONTACT_KIND[kind], value, note)


def kind(node: Node) -> RelatedKind:
    """A kind of related service from the documented list."""
    value = text(node)
    found = related_kind(value)
    if found is None:
        labels = ", ".join(RELATED_KIND_LABELS.values())
        raise Problem(f"unknown kind {value!r}; expected one of: {labels}", node)
    return found


def unit_obce(node: Scalar, territory: Territory) -> frozenset[str]:
    """Obec codes of ``Kralovice``, ``559199``, ``ORP Kralovice`` or ``okres Plzeň-sever``."""
    from kpss.find.places import resolve

    written = node.text.strip()
    first, _, rest = written.partition(" ")
    level = _LEVEL_WORDS.get(fold(first))
    name = rest.strip() if level is not None and rest.strip() else written
    try:
        unit = resolve(territory, name, level or Level.OBEC).unit
    except AmbiguousNameError as exc:
        raise Problem(f"{exc}; write the six-digit code of the one meant", node) from None
    except NotFoundError as exc:
        raise Problem(str(exc), node) from None
    return territory.obec_codes(unit)


def obce(node: Node, territory: Territory) -> frozenset[str]:
    """The obec codes of every unit named."""
    codes: set[str] = set()
    for item in items(node, ",;"):
        codes |= unit_obce(item, territory)
    return frozenset(codes)


def address(node: Node, territory: Territory) -> Address:
    """``{ulice, cislo_popisne, cislo_orientacni, doplnek, psc, obec}``; ``obec`` required."""
    if not isinstance(node, Map):
        raise Problem("expected {ulice, cislo_popisne, psc, obec}", node)
    check_keys(node, tuple(ADDRESS_KEYS), "in adresa")
    parts: Mapping[str, Node] = {k.text: v for k, v in node.pairs if not is_empty(v)}
    if "obec" not in parts:
        raise Problem("the address needs 'obec'", node, "obec")
    obec_node = scalar(parts["obec"])
    codes = unit_obce(obec_node, territory)
    if len(codes) != 1:
        raise Problem(f"expected one obec, got {obec_node.text!r}", obec_node, "obec")
    obec = territory.obec(next(iter(codes)))
    number = None
    if "cislo_popisne" in parts:
        digits = text(parts["cislo_popisne"])
        if not digits.isdigit():
            raise Problem(
                f"expected a house number (digits), got {digits!r}",
                parts["cislo_popisne"],
                "cislo_popisne",
            )
        number = int(digits)
    postcode = None
    if "psc" in parts:
        postcode = "".join(text(parts["psc"]).split())
        if not re.fullmatch(r"\d{5}", postcode):
            raise Problem(
                f"expected a PSČ of five digits, got {text(parts['psc'])!r}", parts["psc"], "psc"
            )
    return Address(
        street=optional_text(parts.get("ulice")),
        house_number=number,
        orientation_number=optional_text(parts.get("cislo_orientacni")),
        supplement=optional_text(parts.get("doplnek")),
        postcode=postcode,
        obec_code=obec.code if obec else None,
        okres_code=obec.okres_code if obec else None,
        kraj_code=obec.kraj_code if obec else None,
    )
