"""The compiled reader of ``<polozka>`` elements gives exactly what the Python rule gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kpss.registry import xmlrule
from kpss.registry.xmlrule import RenditionError, item_from_element, item_reader, item_to_xml
from kpss.registry.xmlstream import iter_items as iter_xml

NS = b'xmlns="urn:kpss:rpss:1"'


def _element(body: bytes) -> Any:
    """The first ``<polozka>`` of a one-item document, parsed as the reader parses."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(b"<rpss " + NS + b"><polozka>" + body + b"</polozka></rpss>", parser)
    return root[0]


def _outcome(read: Any, element: Any) -> tuple[str, Any]:
    try:
        return "value", read(element)
    except RenditionError as exc:
        return "error", (exc.path, exc.message)


def test_the_compiled_module_is_built_in_this_install() -> None:
    # setup.py builds it wherever a C compiler is present (CI and development installs);
    # if this fails, kpss still works, with the slower Python reader.
    assert xmlrule.COMPILED, "kpss.registry._xmlwalk was not built: is a C compiler installed?"
    assert item_reader() is not item_from_element
    assert item_reader(compiled=False) is item_from_element


def test_plain_data_takes_the_compiled_path_and_odd_data_does_not() -> None:
    from kpss.registry._xmlwalk import Irregular, ItemReader

    item = {
        "s": "Domov \u010d. 5",
        "i": 42,
        "z": 0,
        "b": False,
        "n": None,
        "o": {},
        "a": [],
        "nested": {"list": [{"x": "1"}, "", True]},
    }
    element = _element(item_to_xml(item)[len(b"<polozka>") : -len(b"</polozka>\n")])
    assert ItemReader()(element) == item
    for odd in (b'<a type="number">1.5</a>', b"<a><!-- c -->x</a>", b'<a x="1">y</a>'):
        with pytest.raises(Irregular):
            ItemReader()(_element(odd))


_keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda key: not key.lower().startswith("xml")
)
_text = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    ),
    max_size=12,
)
_numbers = st.integers(-(10**20), 10**20) | st.floats(allow_nan=False, allow_infinity=False)
_values = st.recursive(
    st.none() | st.booleans() | _numbers | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys.filter(lambda k: k != "item"), _values, min_size=1, max_size=6))
def test_compiled_and_python_readers_agree_on_rendered_items(item: dict[str, Any]) -> None:
    element = _element(item_to_xml(item)[len(b"<polozka>") : -len(b"</polozka>\n")])
    fast, slow = item_reader(compiled=True)(element), item_from_element(element)
    assert fast == slow == item
    for key, value in item.items():  # floats stay floats, ints stay ints
        assert type(fast[key]) is type(value)


@pytest.mark.parametrize(
    "body",
    [
        b"<a>x</a>",
        b"<a><![CDATA[<x>]]>y</a>",
        b"<a>a &amp; b &#13;</a>",
        b'<a type="number">7</a><b type="number">-7</b><c type="number">0</c>',
        b'<a type="number">007</a>',
        b'<a type="number">1.5e3</a>',
        b'<a type="number">\xd9\xa1</a>',  # an Arabic-Indic digit: not a JSON number
        b'<a type="number">7x</a>',
        b'<a type="number"></a>',
        b'<a type="boolean">true</a><b type="boolean">yes</b>',
        b'<a type="object"/><b type="object"> </b><c type="object">x</c>',
        b'<a type="array"/><b type="array"> <item>1</item> </b>',
        b'<a type="array"><b>1</b></a>',
        b'<a type="array">text<item>1</item></a>',
        b'<a nil="true"/><b nil="false"/>',
        b'<a nil="true">x</a>',
        b'<a type="date">x</a>',
        b'<a type="number" nil="true">1</a>',
        b'<a other="1">kept</a>',
        b'<a xmlns:o="urn:other" o:type="number">1</a>',
        b"<a><b>1</b><b>2</b></a>",
        b"<a>mixed<b>1</b></a>",
        b"<a><b>1</b>tail</a>",
        b"<a><b>1</b>tail<c>2</c></a>",
        b"<a>x</a>tail<b>y</b>",
        b'<a type="array"><item>1</item>tail</a>',
        b'<a type="number">1e400</a>',
        b'<a type="number">' + b"1" * 5000 + b"</a>",
        b"<a><?pi x?></a>",
        b"<a><!-- note --></a>",
        b"<a><!-- note -->x</a>",
        b'<a><o:b xmlns:o="urn:other">1</o:b></a>',
        b'<a xmlns="">1</a>',
        b"<a><b/></a>",
        "<název>č</název>".encode(),
    ],
)
def test_compiled_reader_agrees_on_irregular_xml(body: bytes) -> None:
    element = _element(b"<identifikator>1</identifikator>" + body)
    assert _outcome(item_reader(compiled=True), element) == _outcome(item_from_element, element)


@pytest.mark.parametrize(
    "document",
    [
        b"<rpss " + NS + b"><polozka/></rpss>",
        b"<rpss " + NS + b"><polozka>text</polozka></rpss>",
        b"<rpss " + NS + b'><polozka type="array"><item>1</item></polozka></rpss>',
        b"<rpss " + NS + b'><polozka nil="true"/></rpss>',
    ],
)
def test_compiled_reader_agrees_on_odd_items(document: bytes) -> None:
    element = etree.fromstring(document)[0]
    assert _outcome(item_reader(compiled=True), element) == _outcome(item_from_element, element)


def test_names_outside_the_parser_dictionary_are_read_correctly() -> None:
    # Elements made through the API own their names; freed names can be reused memory.
    read = item_reader(compiled=True)
    for round_ in range(50):
        root = etree.Element("{urn:kpss:rpss:1}polozka")
        child = etree.SubElement(root, f"{{urn:kpss:rpss:1}}k{round_}")
        child.text = str(round_)
        assert read(root) == {f"k{round_}": str(round_)}
        del root, child


def test_without_the_compiled_module_the_stream_reads_the_same(
    small_register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = [raw.data for raw in iter_xml(small_register / "rpss.xml")]
    monkeypatch.setattr(xmlrule, "ItemReader", None)  # as where the extension is not built
    assert item_reader() is item_from_element
    python = [raw.data for raw in iter_xml(small_register / "rpss.xml")]
    assert python == compiled
    assert len(compiled) > 10


def test_kpss_no_extensions_turns_the_compiled_module_off(small_register: Path) -> None:
    check = "from kpss.registry.xmlrule import COMPILED; print(COMPILED)"
    env = {**os.environ, "KPSS_NO_EXTENSIONS": "1"}
    out = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_a_compiled_module_that_does_not_fit_lxml_falls_back_with_a_warning() -> None:
    # Cython raises ValueError at import when lxml's C types changed size since the build.
    code = """
import sys, types, warnings
class Misfit(types.ModuleType):
    def __getattr__(self, name):
        raise ValueError("lxml.etree._Element size changed, may indicate binary incompatibility")
sys.modules["kpss.registry._xmlwalk"] = Misfit("kpss.registry._xmlwalk")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from kpss.registry import xmlrule
print(xmlrule.COMPILED, xmlrule.item_reader() is xmlrule.item_from_element)
print(caught[0].category.__name__, caught[0].message)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.splitlines()
    assert first == "False True"
    assert second.startswith("RuntimeWarning kpss: the compiled XML reader does not fit")
