"""Built-in plugins, registered through the entry-point group ``kpss`` like any other.

Each module here is a plugin listed under ``[project.entry-points.kpss]`` in kpss's own
``pyproject.toml``. Plugins of the distribution ``kpss`` are always loaded, whatever
``KPSS_LOAD_PLUGINS`` says; ``kpss plugins --all`` lists them.
"""
