"""The XML rendition of register items (``rpss.xml``), written fast for generated data.

The rule is kpss's (see :mod:`kpss.rpss.xml_rendition`): root ``<rpss xmlns="urn:kpss:rpss:1">``,
one ``<polozka>`` line per item; an object's keys are child elements in order (empty:
``type="object"``), an array is ``type="array"`` with ``<item>`` children, a string is the
escaped text (``&``, ``<``, ``>`` and ``\\r``), numbers and booleans carry ``type=``, null is
``nil="true"``. kpss's own writer also refuses what XML cannot carry; generated data never
holds such values, so this writer only renders. Objects shared between items (a provider
in each of its services) are rendered once and reused.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

NAMESPACE = "urn:kpss:rpss:1"
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
ROOT_START = f'<rpss xmlns="{NAMESPACE}">\n'
ROOT_END = "</rpss>\n"


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class Renderer:
    """Renders items; values whose ``id()`` is in *shared* are rendered once per name.

    *shared* must only hold ids of objects that stay alive while the renderer is used.
    """

    def __init__(self, shared: Container[int]) -> None:
        self._shared = shared
        self._done: dict[tuple[int, str], str] = {}

    def item(self, item: dict[str, Any]) -> str:
        """One item as its ``<polozka>…</polozka>`` line."""
        out = ["<polozka>"]
        for key, value in item.items():
            self._value(key, value, out)
        out.append("</polozka>\n")
        return "".join(out)

    def _value(self, name: str, value: Any, out: list[str]) -> None:
        kind = type(value)
        if kind is str:
            out.append(f"<{name}>{_escape(value)}</{name}>" if value else f"<{name}/>")
        elif value is None:
            out.append(f'<{name} nil="true"/>')
        elif kind is bool:
            out.append(f'<{name} type="boolean">{"true" if value else "false"}</{name}>')
        elif kind is int:
            out.append(f'<{name} type="number">{value}</{name}>')
        elif kind is dict or kind is list:
            if id(value) not in self._shared:
                self._container(name, value, out)
                return
            key = (id(value), name)
            done = self._done.get(key)
            if done is None:
                parts: list[str] = []
                self._container(name, value, parts)
                done = self._done[key] = "".join(parts)
            out.append(done)
        else:
            raise TypeError(f"generated data holds a {kind.__name__} under {name!r}")

    def _container(self, name: str, value: dict[str, Any] | list[Any], out: list[str]) -> None:
        if not value:
            out.append(f'<{name} type="{"object" if type(value) is dict else "array"}"/>')
        elif type(value) is dict:
            out.append(f"<{name}>")
            for key, child in value.items():
                self._value(key, child, out)
            out.append(f"</{name}>")
        else:
            out.append(f'<{name} type="array">')
            for child in value:
                self._value("item", child, out)
            out.append(f"</{name}>")
