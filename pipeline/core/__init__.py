"""Core: the published tables built in DuckDB's schema `core`, one per table of the
contract, each with a blocking integrity check (assets/core.py, Dagster group `core`).

Modules: tables (build order, each table created from the contract and filled by its
sql/<table>.sql), checks (integrity checks derived from the contract), accounting (the
count identity: raw records in = published + rejected), preview (first rows as Markdown
for the UI), sql/ (13 SQL files, one per table). Not here: the contract itself
(pipeline/contract.py), writing files (pipeline/release/).
"""
