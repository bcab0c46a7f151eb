"""Running the DuckDB side of the pipeline: raw tables in, normalised tables out.

Raw record tables land in schema `raw`; the vocabularies in `stage.vocab_*`; the merge
works in `stage`; published tables are built in `core`, each created from the contract
(`schema.duckdb_ddl`) and filled by one SQL file in `pipeline/sql/` with
`INSERT ... BY NAME`, so a table's shape is never written twice.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

import duckdb
import pyarrow as pa

from pipeline import schema
from pipeline.db import scalar
from pipeline.vocabulary import read_vocab, vocab_path

VOCABULARIES = (
    "ratings",
    "placeholders",
    "policy_areas",
    "field_map",
    "export_columns",
    "members",
)
# Build order of the published tables: a table comes after the tables its SQL reads.
CORE_ORDER = (
    "commitments",
    "members",
    "action_plans",
    "commitment_institutions",
    "institutions",
    "commitment_policy_areas",
    "policy_areas",
    "irm_assessments",
    "milestones",
    "notes",
    "conflicts",
    "rejects",
    "sources",
)
# Per-commitment steps run a commitment-ID range at a time (`_execute_by_key_range`):
# the SQL after this line runs once per range, each range about this many candidates.
EACH_KEY_RANGE = "-- for each key range:"
ROWS_PER_KEY_RANGE = 4_000_000


@cache
def sql_text(name: str) -> str:
    """The SQL of one step, from `pipeline/sql/<name>.sql`."""
    return (resources.files("pipeline") / "sql" / f"{name}.sql").read_text(encoding="utf-8")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def export_value_columns() -> list[str]:
    """Export columns field_map reads one-to-one (dates, lists and keys are read apart)."""
    columns = {
        row["source_field"]
        for row in read_vocab("field_map")
        if row["source_kind"] == "export" and row["scale"] not in {"date", "list", "ids"}
    }
    columns.discard("member_id")
    return sorted(columns)


def write_raw(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], prefix: str = ""
) -> None:
    """Replace raw tables with Arrow tables (`rejects` becomes `raw.<prefix>rejects`)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for name, table in tables.items():
        target = f"{prefix}{name}" if name == "rejects" else name
        con.register("incoming", table)
        try:
            con.execute(f"CREATE OR REPLACE TABLE raw.{_quote(target)} AS SELECT * FROM incoming")
        finally:
            con.unregister("incoming")


def append_raw(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], prefix: str = ""
) -> None:
    """Add Arrow tables' rows to raw tables write_raw created (same names and columns)."""
    for name, table in tables.items():
        if table.num_rows == 0:
            continue
        target = f"{prefix}{name}" if name == "rejects" else name
        con.register("incoming", table)
        try:
            con.execute(f"INSERT INTO raw.{_quote(target)} BY NAME SELECT * FROM incoming")
        finally:
            con.unregister("incoming")


def read_raw(con: duckdb.DuckDBPyConnection, name: str) -> pa.Table:
    """One raw table as Arrow, ordered as written."""
    return con.sql(f"SELECT * FROM raw.{_quote(name)}").to_arrow_table()


def load_vocabularies(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The vocabulary CSVs as `stage.vocab_<name>` tables; returns row counts."""
    con.execute(sql_text("macros"))
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
    con.execute(sql_text("macros"))
    text = sql_text(step)
    if "{export_columns}" in text:
        text = text.replace("{export_columns}", ", ".join(map(_quote, export_value_columns())))
    _execute_by_key_range(con, text, key_ranges)


def key_ranges(con: duckdb.DuckDBPyConnection) -> int:
    """How many commitment-ID ranges `choices` is split into: enough that one range's
    candidates (`ROWS_PER_KEY_RANGE`) group in memory."""
    rows = scalar(con, "SELECT count(*) FROM stage.candidates")
    return max(1, -(-rows // ROWS_PER_KEY_RANGE))


def chosen_ranges(con: duckdb.DuckDBPyConnection) -> int:
    """How many ranges `choices` was written in (stage.key_ranges): the steps reading it
    follow the same ranges, even if the candidates changed since."""
    return scalar(con, "SELECT ranges FROM stage.key_ranges")


def _execute_by_key_range(
    con: duckdb.DuckDBPyConnection,
    text: str,
    count_ranges: Callable[[duckdb.DuckDBPyConnection], int],
) -> None:
    """Run a step's SQL; the part after `EACH_KEY_RANGE`, if any, once per commitment-ID
    range (`count_ranges` says how many).

    A step that groups every candidate by commitment at once spills to disk once the
    candidates outgrow DuckDB's memory limit (at 1,000,000 commitments, ×14-27 the time
    for ×10 the data, and more spill than the disk had); a range at a time spills far
    less (docs/benchmarks.md). `{ranges}` stands for the count and `{range}` for the
    range's number, as in `hash(commitment_id) % {ranges} = {range}`.
    """
    if EACH_KEY_RANGE not in text:
        con.execute(text)
        return
    once, _, each = text.partition(EACH_KEY_RANGE)
    ranges = count_ranges(con)
    if once.strip():
        con.execute(once.replace("{ranges}", str(ranges)))
    for number in range(ranges):
        con.execute(each.replace("{ranges}", str(ranges)).replace("{range}", str(number)))


def build_core_table(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Create `core.<table>` from the contract and fill it with its SQL; returns its row count."""
    con.execute(sql_text("macros"))
    con.execute(schema.duckdb_ddl(table, schema="core"))
    _execute_by_key_range(con, sql_text(table), chosen_ranges)
    return scalar(con, f"SELECT count(*) FROM core.{_quote(table)}")


def preview(con: duckdb.DuckDBPyConnection, table: str, rows: int = 5) -> str:
    """The first rows of a table in key order, as Markdown, for Dagster's asset metadata."""
    relation = con.sql(f"SELECT * FROM ({schema.select_for_publish(table)}) LIMIT {int(rows)}")
    names = relation.columns
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for record in relation.fetchall():
        cells = [_cell(value) for value in record]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
