"""Synthetic MPSV register data for tests: kpss's own and those of plugin authors.

:func:`write_register` writes a folder in the real shape of the open data (``rpss.json``,
optionally kpss's XML rendition ``rpss.xml``, code lists ``ciselniky/*.json`` and
``manifest.json``), deterministic by seed, from one service to the national 6,733, with
broken variants on demand (:class:`Fault`). :func:`register_items` yields the same items
as dicts. Everything in the data is invented; the people stand for personal data that
must never be published.

The pytest fixtures are in :mod:`kpss.testing.pytest_plugin`; importing this package does
not import pytest.
"""

from __future__ import annotations

from kpss.testing.factory import RegisterFactory
from kpss.testing.folder import write_register
from kpss.testing.info import Counts, DamagedRecord, RegisterInfo
from kpss.testing.items import register_items
from kpss.testing.spec import (
    FAULTS,
    MAX_SERVICES,
    NATIONAL_SERVICES,
    REFERENCE_DATE,
    Fault,
    RegisterSpec,
)

__all__ = [
    "FAULTS",
    "MAX_SERVICES",
    "NATIONAL_SERVICES",
    "REFERENCE_DATE",
    "Counts",
    "DamagedRecord",
    "Fault",
    "RegisterFactory",
    "RegisterInfo",
    "RegisterSpec",
    "register_items",
    "write_register",
]
