"""Stage: source values mapped to release fields and codes, personal data removed, and
the merge decided, in DuckDB's schema `stage` (assets/stage.py, Dagster group `stage`).

Modules: steps (vocabularies loaded, then one SQL file per step), personal_data (e-mail
addresses and phone numbers out of free text), sql/ (source_values, candidates, choices,
record_ledger). Not here: reading files (pipeline/raw/), the published tables
(pipeline/core/), the shared macros (pipeline/macros.sql).
"""
