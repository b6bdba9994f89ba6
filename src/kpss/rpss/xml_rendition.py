"""The XML rendition of the register (``rpss.xml``): JSON value ⇄ XML element, losslessly.

The rule (the one of ``gen_rpss.py``): root ``<rpss xmlns="urn:kpss:rpss:1">`` with one
``<polozka>`` per item. A value under key K becomes ``<K>``: an object's children are its
keys in order (empty object ``<K type="object"/>``); an array is ``<K type="array">`` with one
``<item>`` per member (empty ``<K type="array"/>``); a string is the text (empty string
``<K/>``); a number has ``type="number"`` and its JSON text; a boolean ``type="boolean"`` and
``true``/``false``; null is ``<K nil="true"/>``.

Beyond the plain rule, the writer escapes ``\\r`` as ``&#13;`` (XML parsers would turn it into
``\\n``) and refuses characters XML 1.0 cannot carry, numbers JSON cannot carry (NaN,
Infinity, integers beyond Python's digit limit) and nesting deeper than :data:`MAX_DEPTH`,
so a round trip is always exact. The reader refuses text mixed with elements and numbers
out of range.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from kpss.errors import KpssError

NS = "urn:kpss:rpss:1"
_PREFIX = "{" + NS + "}"
_PREFIX_LEN = len(_PREFIX)
_ITEM = _PREFIX + "item"
ITEM_TAG = _PREFIX + "polozka"
HEADER = f'<?xml version="1.0" encoding="UTF-8"?>\n<rpss xmlns="{NS}">\n'.encode()
FOOTER = b"</rpss>\n"

_ATTRIBUTES = frozenset({"type", "nil"})
#: XML's white space (not str.isspace, which takes U+00A0 and other text as space too).
XML_SPACE = " \t\r\n"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
_ESCAPE = re.compile(r"[&<>\r]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
MAX_DEPTH = 256
"""The deepest element libxml2 reads without huge-tree mode (the root is level 1)."""
_NODE_NAMES = {
    "_ProcessingInstruction": "a processing instruction",
    "_XSLTProcessingInstruction": "a processing instruction",
    "_Entity": "an entity reference",
    "_Comment": "a comment",
}


class RenditionError(KpssError, ValueError):
    """A value or element does not follow the rendition rule; ``path`` names the field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _text(value: str, path: str) -> str:
    bad = _INVALID.search(value)
    if bad:
        raise RenditionError(path, f"character U+{ord(bad.group()):04X} cannot be written in XML")
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def number_problem(value: int | float) -> str | None:
    """Why *value* cannot be written as a JSON number (NaN, Infinity, too many digits)."""
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a JSON number"
    try:
        str(value)
    except ValueError:  # an int beyond Python's int/str digit limit
        return "number has too many digits"
    return None


def _number(value: int | float, path: str) -> str:
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        raise RenditionError(path or "$", number_problem(value) or "not a number") from None


def _check_key(key: Any, path: str) -> None:
    """A key must be an XML element name not reserved by XML (``xml…``), at every depth."""
    if not isinstance(key, str) or not _NAME.match(key) or key.lower().startswith("xml"):
        raise RenditionError(path, f"key {key!r} is not an XML element name")


def value_to_xml(name: str, value: Any, out: list[str], path: str = "", depth: int = 3) -> None:
    """Append the XML of *value* under element *name* to *out* (strings to be joined).

    *depth* is the level of element *name* in the document (root 1, ``<polozka>`` 2);
    deeper than :data:`MAX_DEPTH` is refused, as XML readers would refuse the document.
    """
    if depth > MAX_DEPTH:
        raise RenditionError(
            path or "$",
            f"nested deeper than {MAX_DEPTH} XML levels (XML parsers refuse such documents)",
        )
    if value is None:
        out.append(f'<{name} nil="true"/>')
    elif value is True or value is False:
        out.append(f'<{name} type="boolean">{"true" if value else "false"}</{name}>')
    elif isinstance(value, str):
        out.append(f"<{name}>{_text(value, path)}</{name}>" if value else f"<{name}/>")
    elif isinstance(value, int | float):
        out.append(f'<{name} type="number">{_number(value, path)}</{name}>')
    elif isinstance(value, dict):
        if not value:
            out.append(f'<{name} type="object"/>')
            return
        out.append(f"<{name}>")
        for key, child in value.items():
            sub = f"{path}.{key}" if path else key
            _check_key(key, sub)
            value_to_xml(key, child, out, sub, depth + 1)
        out.append(f"</{name}>")
    elif isinstance(value, list):
        if not value:
            out.append(f'<{name} type="array"/>')
            return
        out.append(f'<{name} type="array">')
        for i, child in enumerate(value):
            value_to_xml("item", child, out, f"{path}[{i}]", depth + 1)
        out.append(f"</{name}>")
    else:
        raise RenditionError(path or "$", f"cannot render a {type(value).__name__}")


def item_to_xml(item: dict[str, Any]) -> bytes:
    """One register item as its ``<polozka>…</polozka>`` line (UTF-8 bytes)."""
    parts = ["<polozka>"]
    for key, value in item.items():
        _check_key(key, str(key))
        value_to_xml(key, value, parts, key)
    parts.append("</polozka>\n")
    return "".join(parts).encode("utf-8")


def _inside(exc: RenditionError, key: str) -> RenditionError:
    """The same error with *key* prepended to its path (paths are built only on errors)."""
    if exc.path in ("", "$"):
        path = key
    elif exc.path.startswith("["):
        path = key + exc.path
    else:
        path = f"{key}.{exc.path}"
    return RenditionError(path, exc.message)


def _value(element: Any) -> Any:
    attributes = element.attrib
    kind = nil = None
    if attributes:
        for name in attributes:
            if name not in _ATTRIBUTES:
                raise RenditionError(
                    "", f"unknown attribute {name!r} (the rendition has only type= and nil=)"
                )
        kind, nil = attributes.get("type"), attributes.get("nil")
        if kind is not None and nil is not None:
            raise RenditionError("", "type= and nil= together (null has no type)")
    if kind is None:
        if nil is not None:
            if nil != "true" or len(element) or element.text:
                raise RenditionError("", 'expected an empty element with nil="true"')
            return None
        if len(element):
            result: dict[str, Any] = {}
            for child in element:
                tag = child.tag
                if type(tag) is not str:
                    raise RenditionError("", f"expected elements, got {node_name(child)}")
                if not tag.startswith(_PREFIX):
                    raise RenditionError("", f"expected elements in namespace {NS}, got {tag!r}")
                key = tag[_PREFIX_LEN:]
                if key in result:
                    raise RenditionError(key, "the same key appears twice")
                try:
                    result[key] = _value(child)
                except RenditionError as exc:
                    raise _inside(exc, key) from None
                tail = child.tail
                if tail and tail.strip(XML_SPACE):
                    raise RenditionError("", "mixed text and elements")
            text = element.text
            if text and text.strip(XML_SPACE):
                raise RenditionError("", "mixed text and elements")
            return result
        return element.text or ""
    if kind == "array":
        values = []
        for i, child in enumerate(element):
            if child.tag != _ITEM:
                raise RenditionError(f"[{i}]", 'expected <item> in type="array"')
            try:
                values.append(_value(child))
            except RenditionError as exc:
                raise _inside(exc, f"[{i}]") from None
            tail = child.tail
            if tail and tail.strip(XML_SPACE):
                raise RenditionError("", "mixed text and elements")
        text = element.text
        if text and text.strip(XML_SPACE):
            raise RenditionError("", 'text inside type="array"')
        return values
    if len(element):
        raise RenditionError("", f'type="{kind}" cannot have child elements')
    text = element.text
    if kind == "number":
        return _read_number(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise RenditionError("", f'expected true or false in type="boolean", got {text!r}')
        return text == "true"
    if kind == "object":
        if text and text.strip(XML_SPACE):
            raise RenditionError("", 'text inside type="object"')
        return {}
    raise RenditionError("", f"unknown type={kind!r} (expected number, boolean, array, object)")


def _read_number(text: str | None) -> int | float:
    if text and text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1):
        return _int(text)
    match = _NUMBER.match(text or "")
    if text is None or not match:
        raise RenditionError("", f'expected a JSON number in type="number", got {text!r}')
    if not (match.group(1) or match.group(2)):
        return _int(text)
    number = float(text)
    if not math.isfinite(number):
        raise RenditionError("", f"number out of range: {text}")
    return number


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than Python's int/str conversion limit
        raise RenditionError("", f"number out of range ({len(text)} digits)") from None


def node_name(node: Any) -> str:
    """What a non-element node is, for messages (``a processing instruction``)."""
    return _NODE_NAMES.get(type(node).__name__, f"a {type(node).__name__.lstrip('_')} node")


def element_to_value(element: Any) -> Any:
    """The JSON value of one element by the rendition rule; :class:`RenditionError` if not."""
    try:
        return _value(element)
    except RenditionError as exc:
        raise RenditionError(exc.path or "$", exc.message) from None


def item_from_element(element: Any) -> dict[str, Any]:
    """One ``<polozka>`` as a register item dict."""
    if element.get("type") is not None or element.get("nil") is not None:
        raise RenditionError("$", "<polozka> must be a plain object")
    value = element_to_value(element)
    if value == "":
        return {}
    if not isinstance(value, dict):
        raise RenditionError("$", "<polozka> must hold elements")
    return value


__all__ = [
    "MAX_DEPTH",
    "NS",
    "RenditionError",
    "element_to_value",
    "item_from_element",
    "item_to_xml",
    "node_name",
    "value_to_xml",
]
