"""Raw: source files found, recognised and read into DuckDB's schema `raw`, unchanged in
meaning (assets/raw.py, Dagster group `raw`).

What each kind of source holds and how the readers handle it: docs/sources.md.

Modules: discovery (finding files in the sources folders: checksums, sidecar provenance,
kind by content), source_state (the folders' state as hashes, for the sensor), limits
(size caps), encodings and utf8 (the text of a file), readers/ (one reader per source
format), source_records (the dataclasses readers return), fields/ (parsers of single
fields: dates, lists, institutions, contacts, hyphenation, descriptions), identifiers/
(members, countries, OGP addresses, Explorer IDs), extract_pages and extract_export
(files of a kind → raw tables), tables (the raw tables' shapes and accumulator), store
(raw tables in and out of DuckDB). Not here: mapping values to the release's codes
(pipeline/stage/), Dagster wiring (assets/raw.py).
"""
