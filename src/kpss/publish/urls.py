"""What may be linked in public output: http, https, mailto and tel, nothing else.

Register contacts are typed by hand: webs without a scheme (``www.obec.cz``), e-mails with
spaces, phones as ``+420 737 123 970``. These functions turn a value into a safe ``href``
or say ``None`` (show the value as text). ``javascript:``, ``data:`` and every other scheme
are never linked.
"""

from __future__ import annotations

import functools
import re

__all__ = ["LINKABLE_SCHEMES", "email_href", "is_linkable", "phone_href", "web_href"]

LINKABLE_SCHEMES = ("http", "https", "mailto", "tel")

_HOST = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?::\d{1,5})?"
_PATH = r"(?:[/?#][^\s\"'<>\\`]*)?"
_WEB = re.compile(rf"(?i)(https?)://({_HOST}{_PATH})")
_BARE = re.compile(rf"{_HOST}{_PATH}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_EMAIL = re.compile(r"[^\s@<>\"'(),;:\\]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")
_PHONE_JUNK = re.compile(r"[\s().\-/]")
_PHONE = re.compile(r"\+?\d{9,15}")
CZECH_NUMBER_DIGITS = 9


@functools.lru_cache(maxsize=1 << 14)
def web_href(value: str) -> str | None:
    """An http(s) link for a web address; a bare ``www.obec.cz`` gets ``https://``.

    >>> web_href("www.kralovice.cz/socialni"), web_href("javascript:alert(1)")
    ('https://www.kralovice.cz/socialni', None)
    """
    text = value.strip()
    found = _WEB.fullmatch(text)
    if found:
        return f"{found.group(1).lower()}://{found.group(2)}"
    scheme = _SCHEME.match(text)
    if scheme and "." not in scheme.group(1):
        return None  # another scheme (javascript:, data:, ftp:) is never linked
    if _BARE.fullmatch(text):
        return f"https://{text}"
    return None


def email_href(value: str) -> str | None:
    """A ``mailto:`` link for one e-mail address (a ``mailto:`` prefix is accepted)."""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return f"mailto:{text}" if _EMAIL.fullmatch(text) else None


def phone_href(value: str) -> str | None:
    """A ``tel:`` link; nine digits are a Czech number and get ``+420``.

    >>> phone_href("737 123 970"), phone_href("+420 (737) 123-970"), phone_href("linka 5")
    ('tel:+420737123970', 'tel:+420737123970', None)
    """
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[len("tel:") :]
    text = _PHONE_JUNK.sub("", text)
    if text.startswith("00"):
        text = "+" + text[2:]
    if not _PHONE.fullmatch(text):
        return None
    if len(text) == CZECH_NUMBER_DIGITS and text.isdigit():
        text = "+420" + text
    return f"tel:{text}"


def is_linkable(href: str | None) -> bool:
    """Whether *href* uses one of :data:`LINKABLE_SCHEMES` (or is a relative site path)."""
    if not href:
        return False
    found = _SCHEME.match(href)
    if found is None:
        return not href.startswith("//") and not any(c in href for c in "\"'<> \\")
    return found.group(1).lower() in LINKABLE_SCHEMES
