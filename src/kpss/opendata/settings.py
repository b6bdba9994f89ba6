"""Reading the exporter settings of the open-data formats (``--set KEY=VALUE``).

From the CLI every value is a string; from Python it may already be a ``bool`` or a date.
A value that means nothing gets a :class:`~kpss.errors.UsageError` naming the setting and
what it accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from kpss.errors import UsageError
from kpss.plugins.records import ExportOptions

_YES = ("yes", "ano", "true", "1", "on")
_NO = ("no", "ne", "false", "0", "off", "")


def flag(options: ExportOptions, name: str, default: bool = False) -> bool:
    """The yes/no setting *name* (``true``/``false``, ``ano``/``ne``, ``1``/``0`` …)."""
    value = options.settings.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise UsageError(f"setting {name}={value!r}: expected true or false")


def choice(options: ExportOptions, name: str, allowed: Sequence[str]) -> str:
    """The setting *name*, one of *allowed* (the first is the default)."""
    value = options.settings.get(name)
    if value is None or str(value).strip() == "":
        return allowed[0]
    text = str(value).strip().lower()
    if text not in allowed:
        raise UsageError(f"setting {name}={value!r}: expected one of {', '.join(allowed)}")
    return text


def on_day(options: ExportOptions) -> dt.date | None:
    """The setting ``on`` (``YYYY-MM-DD``): what ended before it is left out; ``None``."""
    value = options.settings.get("on")
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"setting on={value!r}: expected a date YYYY-MM-DD") from None


def status_day(options: ExportOptions, snapshot: dt.date | None) -> dt.date:
    """The day a service's status is told for: setting ``on``, else the snapshot, else today."""
    return on_day(options) or snapshot or dt.date.today()
