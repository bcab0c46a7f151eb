"""Small DuckDB helpers.

DuckDB 2 keeps a result pending on the connection until it is read to the end, and
refuses other work on that connection meanwhile; these read results whole.
"""

from __future__ import annotations

from typing import Any

import duckdb


def first_row(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> tuple[Any, ...]:
    """The first row of a query's result (the rest is read and dropped)."""
    rows = con.execute(sql, params or []).fetchall()
    return tuple(rows[0]) if rows else ()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns."""
    row = first_row(con, sql, params)
    return row[0] if row else None
