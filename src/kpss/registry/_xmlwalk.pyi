from typing import Any

from lxml import etree

class Irregular(Exception): ...

class ItemReader:
    def __call__(self, element: etree._Element) -> dict[str, Any]: ...
