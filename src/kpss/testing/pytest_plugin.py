"""pytest fixtures with synthetic register data, for kpss's tests and for plugin authors.

Installed kpss registers it through the ``pytest11`` entry point; without that, enable it
with ``-p kpss.testing.pytest_plugin`` or ``pytest_plugins = ["kpss.testing.pytest_plugin"]``
in a root ``conftest.py``. Fixtures:

``rpss_factory`` (session)
    :class:`~kpss.testing.RegisterFactory`: call it with the arguments of
    :func:`~kpss.testing.write_register` (no folder); each distinct register is written
    once per session under pytest's temporary folder and returned as a
    :class:`~kpss.testing.RegisterInfo`.
``rpss_folder`` (session)
    A national register of 300 services (seed 7) with ``rpss.xml`` and code lists.
``rpss_catalog`` (function)
    That register read by :func:`kpss.load` with its code lists: a fresh
    :class:`~kpss.Catalog` for each test (change it freely).

The files are shared by the whole session: read them, never change them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import kpss
from kpss.model.catalog import Catalog
from kpss.testing.factory import RegisterFactory
from kpss.testing.info import RegisterInfo

#: The size and seed of ``rpss_folder``.
FOLDER_SERVICES, FOLDER_SEED = 300, 7


@pytest.fixture(scope="session")
def rpss_factory(tmp_path_factory: pytest.TempPathFactory) -> RegisterFactory:
    """Write synthetic registers on demand, each distinct one once per session."""
    new_folder: Callable[[], Path] = lambda: tmp_path_factory.mktemp("rpss")  # noqa: E731
    return RegisterFactory(new_folder)


@pytest.fixture(scope="session")
def rpss_folder(rpss_factory: RegisterFactory) -> RegisterInfo:
    """300 services from the whole country, with ``rpss.xml`` and ``ciselniky/``."""
    return rpss_factory(services=FOLDER_SERVICES, seed=FOLDER_SEED, xml=True)


@pytest.fixture(scope="session")
def _rpss_loaded(rpss_folder: RegisterInfo) -> Catalog:
    return kpss.load(rpss_folder.json, codes=rpss_folder.codes).catalog


@pytest.fixture
def rpss_catalog(_rpss_loaded: Catalog) -> Catalog:
    """``rpss_folder`` as a catalogue (read once per session, a new object per test)."""
    held = _rpss_loaded
    return attrs.evolve(
        held,
        services=dict(held.services),
        providers=dict(held.providers),
        related=dict(held.related),
    )
