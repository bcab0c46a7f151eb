"""Whether a release's Parquet file holds exactly its CSV's rows, value for value, in order.

Publish writes both files from one ordered query, so row i of the Parquet file must be
row i of the CSV once its typed values are written as the CSV writes them (booleans
`true`/`false`, dates ISO, datetimes in the contract's UTC format, NULL as an empty
cell, text escaped as safe_cells escapes it when the release says so). DuckDB compares
the two row by row (POSITIONAL JOIN) and returns the first row that differs.
Not here: row counts and column names (validator.py checks them first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.contract import DATETIME_FORMAT, quote_ident, quote_literal
from pipeline.db import connect
from pipeline.release import safe_cells
from pipeline.release.reading import csv_source


def as_csv_text(field: dict[str, Any], column: str, safe: bool = False) -> str:
    """SQL: a Parquet value as the CSV cell publish writes for it (NULL for an empty cell);
    `safe`: the release escapes text cells a spreadsheet would run (safe_cells)."""
    kind = field.get("type", "string")
    if kind == "boolean":
        return f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN 'true' ELSE 'false' END"
    if kind == "datetime":
        return f"strftime(timezone('UTC', {column}), '{DATETIME_FORMAT}')"
    text = f"CAST({column} AS VARCHAR)"
    return safe_cells.escape_sql(text) if safe and safe_cells.is_text(field) else text


def first_difference(
    csv_path: Path,
    parquet_path: Path,
    fields: list[dict[str, Any]],
    delimiter: str = ",",
    quote: str = '"',
    safe: bool = False,
) -> tuple[int, str] | None:
    """(row number as frictionless counts it, header = 1; first differing field) of the
    first row where the two files disagree, or None when every row matches."""
    names = [f["name"] for f in fields]
    differs = " OR ".join(
        f"c.{quote_ident(f'c{i}')} IS DISTINCT FROM {as_csv_text(f, f'p.{quote_ident(n)}', safe)}"
        for i, (f, n) in enumerate(zip(fields, names, strict=True))
    )
    which = ", ".join(
        f"{quote_ident(n)}: c.{quote_ident(f'c{i}')} IS DISTINCT FROM "
        f"{as_csv_text(f, f'p.{quote_ident(n)}', safe)}"
        for i, (f, n) in enumerate(zip(fields, names, strict=True))
    )
    renamed = ", ".join(f"{quote_ident(n)} AS {quote_ident(f'c{i}')}" for i, n in enumerate(names))
    source = csv_source(csv_path, names, delimiter, quote)
    sql = (
        f"SELECT c.__row, {{{which}}} FROM "
        f"(SELECT row_number() OVER () + 1 AS __row, {renamed} FROM {source}) AS c "
        f"POSITIONAL JOIN read_parquet({quote_literal(str(parquet_path))}) AS p "
        f"WHERE {differs or 'false'} LIMIT 1"
    )
    with connect() as con:
        rows = con.execute(sql).fetchall()
    if not rows:
        return None
    row, flags = rows[0]
    return int(row), next(name for name, differ in flags.items() if differ)
