"""Comparison keys for contacts: phone numbers, web addresses and e-mails as people write them.

>>> phones("737 123 970, 602 277 272")
('737123970', '602277272')
>>> phones("+420602277272")
('602277272',)
>>> web_key("https://www.Senevida.cz/kontakty/")
'senevida.cz/kontakty'
>>> web_domain("www.senevida.cz")
'senevida.cz'
>>> email_key(" INFO@Naděje.cz ")
'info@nadeje.cz'
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kpss.model.names import fold

__all__ = ["email_domain", "email_key", "phones", "web_domain", "web_key"]

_PHONE_RUN = re.compile(r"(?:\+|00)?\d[\d\s/().-]{7,}\d")
_DIGITS = re.compile(r"\D+")
_CZ_LENGTH = 9


def phones(text: str | None) -> tuple[str, ...]:
    """National 9-digit keys of every phone number in *text* (+420/00420 prefix dropped).

    Several numbers in one string ("737 123 970, 602 277 272" or "… / …") are split;
    foreign numbers keep their full digits with the country code.
    """
    if not text:
        return ()
    found: list[str] = []
    for part in re.split(r"[,;]|\s{2,}|\s(?:nebo|a|or)\s", text):
        for run in _PHONE_RUN.findall(part):
            digits = _DIGITS.sub("", run)
            if run.startswith("00"):
                digits = digits[2:]
            if digits.startswith("420") and len(digits) == 3 + _CZ_LENGTH:
                digits = digits[3:]
            if len(digits) > _CZ_LENGTH and len(digits) % _CZ_LENGTH == 0 and "+" not in run:
                # two numbers written without a separator: "737123970 602277272"
                found.extend(digits[i : i + _CZ_LENGTH] for i in range(0, len(digits), _CZ_LENGTH))
            elif len(digits) >= _CZ_LENGTH:
                found.append(digits)
    return tuple(dict.fromkeys(found))


def web_key(text: str | None) -> str | None:
    """A web address without scheme, ``www.``, query, fragment and trailing slash."""
    if not text or not text.strip():
        return None
    value = text.strip()
    if "://" not in value:
        value = "http://" + value
    parts = urlsplit(value)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host:
        return None
    path = parts.path.rstrip("/")
    return fold(host) + path.lower()


def web_domain(text: str | None) -> str | None:
    """The host of a web address without ``www.`` (``senevida.cz``)."""
    key = web_key(text)
    return key.split("/", 1)[0] if key else None


def email_key(text: str | None) -> str | None:
    """An e-mail address trimmed, case-folded and without diacritics; ``None`` if not one."""
    if not text:
        return None
    value = fold(text.strip().removeprefix("mailto:"))
    return value if "@" in value and " " not in value else None


def email_domain(text: str | None) -> str | None:
    """The domain of an e-mail address (``nadeje.cz``)."""
    key = email_key(text)
    return key.rsplit("@", 1)[1] if key else None
