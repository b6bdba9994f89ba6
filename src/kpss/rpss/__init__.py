"""The machinery of the MPSV register of social-service providers (RPSS) that the
``rpss-json`` and ``rpss-xml`` plugins share.

- :mod:`~kpss.rpss.json_stream`, :mod:`~kpss.rpss.xml_stream`: streaming readers;
- :mod:`~kpss.rpss.xml_rendition`: the XML rendition rule (JSON value ⇄ element);
  :mod:`~kpss.rpss.item_writers`: streaming writers of items (JSON and XML);
- :mod:`~kpss.rpss.mapping`: register item → model; :mod:`~kpss.rpss.write`: model →
  register item and file;
- :mod:`~kpss.rpss.build`: raw items → Catalog + import report;
- :mod:`~kpss.rpss.copy`: lossless JSON ⇄ XML; :mod:`~kpss.rpss.snapshot_diff` and
  :mod:`~kpss.rpss.diff_render`: snapshot differences; :mod:`~kpss.rpss.fetch`: download.

Read a register with :func:`kpss.load`.
"""
