"""HSDS record ids: UUIDs derived from register identifiers, the same on every export.

HSDS requires every ``id`` to be a UUID (``format: uuid``). kpss derives them with
UUID version 5 (RFC 4122, SHA-1 of a namespace and a name) from what the register
identifies a thing by, so a re-export of the same data gives the same ids and another
system can update its copy instead of duplicating it.
"""

from __future__ import annotations

import hashlib
import uuid

#: The namespace of kpss's HSDS ids: ``uuid5(NAMESPACE_URL,
#: "https://kpss.readthedocs.io/open-data/hsds-3")``. Never change it: every id would change.
NAMESPACE = uuid.UUID("7a921364-d6d0-5a57-8c4d-a1c1c589a0fb")
_PREFIX = NAMESPACE.bytes
_VARIANT = "89ab"


def hsds_id(name: str) -> str:
    """The UUID 5 of *name* in :data:`NAMESPACE` as text (what ``uuid.uuid5`` gives).

    >>> hsds_id("service/8247152") == str(uuid.uuid5(NAMESPACE, "service/8247152"))
    True
    """
    # RFC 4122 §4.3: the first 16 bytes of SHA-1(namespace + name), with the version (5)
    # in the 13th hex digit and the variant (binary 10) in the top bits of the 17th.
    digest = hashlib.sha1(_PREFIX + name.encode("utf-8")).hexdigest()
    variant = _VARIANT[int(digest[16], 16) & 3]
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{variant}{digest[17:20]}-{digest[20:32]}"
