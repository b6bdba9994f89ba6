"""A cache of written registers by their spec: the engine of the ``rpss_factory`` fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kpss.testing.folder import write_spec
from kpss.testing.info import RegisterInfo
from kpss.testing.spec import RegisterSpec


class RegisterFactory:
    """Writes each distinct register once, into a fresh folder from *new_folder*.

    Call it with the arguments of :func:`~kpss.testing.write_register` (without the
    folder); equal arguments (after normalising, e.g. faults in any order) return the
    same :class:`~kpss.testing.RegisterInfo`. Treat the files as read-only.
    """

    def __init__(self, new_folder: Callable[[], Path]) -> None:
        self._new_folder = new_folder
        self._made: dict[RegisterSpec, RegisterInfo] = {}

    def __call__(self, **options: Any) -> RegisterInfo:
        """The register of *options* (those of :class:`~kpss.testing.RegisterSpec`)."""
        spec = RegisterSpec(**options)
        if spec not in self._made:
            self._made[spec] = write_spec(self._new_folder(), spec)
        return self._made[spec]
