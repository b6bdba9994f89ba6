# cython: language_level=3, boundscheck=False, wraparound=False
"""The compiled fast path of :func:`kpss.registry.xmlrule.item_from_element`.

It reads the libxml2 tree that lxml has already parsed (lxml's public C API), so it never
parses anything itself: safety stays with lxml's parser. It handles only what the rendition
rule writes; on anything else (an unknown attribute, a comment or processing instruction,
an element outside the namespace, a repeated key, a number or boolean it does not take
for certain) it raises :class:`Irregular` and the caller runs the Python implementation,
which gives the same value or the positioned error. So both paths return equal values.
"""

from cpython.bytes cimport PyBytes_AS_STRING
from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport strcmp, strlen
from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Element, import_lxml__etree

import_lxml__etree()


class Irregular(Exception):
    """The element is not plain rendition data; use the Python implementation."""


cdef const char* _NS = b"urn:kpss:rpss:1"


cdef inline str _decode(const tree.xmlChar* text):
    return PyUnicode_DecodeUTF8(<const char*>text, strlen(<const char*>text), NULL)


cdef inline bint _is(const tree.xmlChar* text, const char* expected):
    return strcmp(<const char*>text, expected) == 0


cdef inline bint _in_namespace(tree.xmlNode* node):
    return node.ns is not NULL and node.ns.href is not NULL and _is(node.ns.href, _NS)


cdef bint _blank(const tree.xmlChar* text):
    """Only XML white space (what ``str.isspace`` accepts of the characters XML allows)."""
    cdef const unsigned char* p = <const unsigned char*>text
    while p[0]:
        if p[0] != 32 and p[0] != 9 and p[0] != 10 and p[0] != 13:
            return False
        p += 1
    return True


cdef class _Names:
    """Element names as Python strings, one object per name of libxml2's name dictionary.

    Keyed by the name's address; the stored bytes are compared on every hit, so a name
    that lives outside the dictionary (freed and reused memory) is never mistaken.
    """

    cdef dict _by_address

    def __cinit__(self):
        self._by_address = {}

    cdef str get(self, const tree.xmlChar* name):
        cdef size_t address = <size_t>name
        entry = self._by_address.get(address)
        if entry is not None and strcmp(<const char*>name, PyBytes_AS_STRING((<tuple>entry)[0])) == 0:
            return <str>(<tuple>entry)[1]
        text = _decode(name)
        self._by_address[address] = (<bytes><const char*>name, text)
        return text


cdef object _text(tree.xmlNode* node):
    """The text of an element without element children (lxml's ``.text or ""``)."""
    cdef tree.xmlNode* child = node.children
    if child is NULL:
        return ""
    if child.next is NULL and child.type == tree.XML_TEXT_NODE:
        return _decode(child.content)
    parts = []
    while child is not NULL:
        if child.type != tree.XML_TEXT_NODE and child.type != tree.XML_CDATA_SECTION_NODE:
            raise Irregular()
        parts.append(_decode(child.content))
        child = child.next
    return "".join(parts)


cdef bint _has_elements(tree.xmlNode* node):
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE:
            return True
        child = child.next
    return False


cdef object _value(tree.xmlNode* node, _Names names):
    cdef const tree.xmlChar* kind = NULL
    cdef const tree.xmlChar* nil = NULL
    cdef tree.xmlAttr* attr = node.properties
    cdef tree.xmlNode* value
    cdef tree.xmlNode* child
    while attr is not NULL:
        value = attr.children
        if attr.ns is not NULL or value is NULL or value.next is not NULL:
            raise Irregular()
        if value.type != tree.XML_TEXT_NODE:
            raise Irregular()
        if _is(attr.name, b"type"):
            kind = value.content
        elif _is(attr.name, b"nil"):
            nil = value.content
        else:
            raise Irregular()
        attr = attr.next
    if kind is not NULL and nil is not NULL:
        raise Irregular()
    if kind is NULL:
        if nil is not NULL:
            if not _is(nil, b"true") or node.children is not NULL:
                raise Irregular()
            return None
        if not _has_elements(node):
            return _text(node)
        result = {}
        child = node.children
        while child is not NULL:
            if child.type == tree.XML_ELEMENT_NODE:
                if not _in_namespace(child):
                    raise Irregular()
                key = names.get(child.name)
                if key in result:
                    raise Irregular()
                result[key] = _value(child, names)
            elif child.type != tree.XML_TEXT_NODE or not _blank(child.content):
                raise Irregular()
            child = child.next
        return result
    if _is(kind, b"array"):
        values = []
        child = node.children
        while child is not NULL:
            if child.type == tree.XML_ELEMENT_NODE:
                if not _in_namespace(child) or not _is(child.name, b"item"):
                    raise Irregular()
                values.append(_value(child, names))
            elif child.type != tree.XML_TEXT_NODE or not _blank(child.content):
                raise Irregular()
            child = child.next
        return values
    text = _text(node)
    if _is(kind, b"number"):
        if text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1):
            try:
                return int(text)
            except ValueError:  # beyond the int/str digit limit: the Python rule says why
                raise Irregular() from None
        raise Irregular()
    if _is(kind, b"boolean"):
        if text == "true":
            return True
        if text == "false":
            return False
        raise Irregular()
    if _is(kind, b"object") and not text.strip(" \t\r\n"):
        return {}
    raise Irregular()


cdef class ItemReader:
    """Turns ``<polozka>`` elements of one document into item dicts."""

    cdef _Names _names

    def __cinit__(self):
        self._names = _Names()

    def __call__(self, _Element element not None):
        """The item dict of *element*, or :class:`Irregular`."""
        cdef tree.xmlNode* node = element._c_node
        if node.properties is not NULL or not _has_elements(node):
            raise Irregular()
        value = _value(node, self._names)
        if type(value) is not dict:  # pragma: no cover - guarded above
            raise Irregular()
        return value
