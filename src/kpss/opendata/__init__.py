"""Open data: Open Referral HSDS 3.0 both ways, CSV tables and the public view as JSON.

Everything here is built on the public view (:mod:`kpss.publish.view`), so open data
follows its rules: secret addresses show the obec only, no personal data, only http,
https, mailto and tel links. The exporters are :mod:`kpss.opendata.exporters`; the HSDS
importer is :mod:`kpss.opendata.hsds_import`; the mapping is documented in
``docs/user-guide/open-data.md``.

- HSDS: :mod:`~kpss.opendata.hsds_build` (catalogue → records),
  :mod:`~kpss.opendata.hsds_write` (JSON files or the tabular package),
  :mod:`~kpss.opendata.hsds_read` and :mod:`~kpss.opendata.hsds_catalog` (back to a
  catalogue), :mod:`~kpss.opendata.hsds_flat` (nested ↔ flat),
  :mod:`~kpss.opendata.hsds_tables` (the tabular shape), :mod:`~kpss.opendata.hsds_vocabulary`
  (taxonomies and kpss's own terms), :mod:`~kpss.opendata.ids` (UUID 5 ids);
- CSV: :mod:`~kpss.opendata.csv_rows`; public JSON: :mod:`~kpss.opendata.public_json`.
"""
