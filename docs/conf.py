"""Sphinx configuration of the kpss documentation (MyST Markdown, furo theme)."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "kpss"
author = "kpss developers"
copyright = "kpss developers"
release = importlib.metadata.version("kpss")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser", "sphinx.ext.autodoc", "kpss_cli_docs"]
source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"
exclude_patterns = ["_build", "_ext", "plugins/kpss-mesto/**", "**/.pytest_cache"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}
# A builtin in a signature (``type``, ``id``) also matches attributes of that name in
# several kpss classes; Sphinx then warns that the reference is ambiguous. It is not.
suppress_warnings = ["ref.python"]

html_theme = "furo"
html_title = f"kpss {release}"
