"""The staging steps: vocabularies loaded into DuckDB, then one SQL file per step.

Steps (each `pipeline/stage/sql/<step>.sql`, building `stage.<step>`): source_values
(every value every raw record gives), candidates (mapped to release fields and codes),
choices (the value each field takes, by precedence), record_ledger (every raw record
read and every reject, for the count identity).
"""

from __future__ import annotations

import duckdb

from pipeline.contract import quote_ident
from pipeline.db import scalar
from pipeline.sql_steps import create_macros, execute_by_key_range, sql_text
from pipeline.vocabulary import read_vocab, vocab_path

VOCABULARIES = (
    "ratings",
    "placeholders",
    "policy_areas",
    "field_map",
    "export_columns",
    "members",
    "international_bodies",
)
# `choices` runs a commitment-ID range at a time, each range about this many candidates.
ROWS_PER_KEY_RANGE = 4_000_000


def export_value_columns() -> list[str]:
    """Export columns field_map reads one-to-one (dates, lists and keys are read apart)."""
    columns = {
        row["source_field"]
        for row in read_vocab("field_map")
        if row["source_kind"] == "export" and row["scale"] not in {"date", "list", "ids"}
    }
    columns.discard("member_id")
    return sorted(columns)


def load_vocabularies(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The vocabulary CSVs as `stage.vocab_<name>` tables; returns row counts."""
    create_macros(con)
    counts = {}
    for name in VOCABULARIES:
        con.execute(
            f"CREATE OR REPLACE TABLE stage.vocab_{name} AS SELECT * FROM "
            "read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"')",
            [str(vocab_path(name))],
        )
        counts[name] = scalar(con, f"SELECT count(*) FROM stage.vocab_{name}")
    return counts


def run_stage(con: duckdb.DuckDBPyConnection, step: str) -> None:
    """One staging step (`stage.<step>` and its companions)."""
    create_macros(con)
    text = sql_text("pipeline.stage", step)
    if "{export_columns}" in text:
        columns = ", ".join(map(quote_ident, export_value_columns()))
        text = text.replace("{export_columns}", columns)
    execute_by_key_range(con, text, key_ranges)


def key_ranges(con: duckdb.DuckDBPyConnection) -> int:
    """How many commitment-ID ranges `choices` is split into: enough that one range's
    candidates (`ROWS_PER_KEY_RANGE`) group in memory."""
    rows = scalar(con, "SELECT count(*) FROM stage.candidates")
    return max(1, -(-rows // ROWS_PER_KEY_RANGE))
