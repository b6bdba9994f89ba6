"""The fixtures of kpss.testing's pytest plugin, for the tests of the generator itself.

(Once the plugin is registered through the ``pytest11`` entry point these imports only
repeat what pytest already offers; a conftest's fixtures take precedence.)
"""

from __future__ import annotations

from kpss.testing.pytest_plugin import (  # noqa: F401
    _rpss_loaded,
    rpss_catalog,
    rpss_factory,
    rpss_folder,
)
