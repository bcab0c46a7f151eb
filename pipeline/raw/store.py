"""Raw record tables in and out of DuckDB's schema `raw`, as the readers hand them over."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from pipeline.contract import quote_ident


def write_raw(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], prefix: str = ""
) -> None:
    """Replace raw tables with Arrow tables (`rejects` becomes `raw.<prefix>rejects`)."""
    con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    for name, table in tables.items():
        target = f"{prefix}{name}" if name == "rejects" else name
        con.register("incoming", table)
        try:
            con.execute(
                f"CREATE OR REPLACE TABLE raw.{quote_ident(target)} AS SELECT * FROM incoming"
            )
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
            con.execute(f"INSERT INTO raw.{quote_ident(target)} BY NAME SELECT * FROM incoming")
        finally:
            con.unregister("incoming")


def read_raw(con: duckdb.DuckDBPyConnection, name: str) -> pa.Table:
    """One raw table as Arrow, ordered as written."""
    return con.sql(f"SELECT * FROM raw.{quote_ident(name)}").to_arrow_table()
