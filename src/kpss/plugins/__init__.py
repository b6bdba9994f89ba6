"""The plugin system: hook specifications, the records plugins register, the manager.

- :mod:`kpss.plugins.hookspecs`: every hook, typed and documented;
- :mod:`kpss.plugins.records`: what plugins register (importers, exporters, sections …)
  and what importers and exporters receive and return;
- :mod:`kpss.plugins.manager`: loading (lazy, tolerant, strict mode), lookup, clashes.
"""
