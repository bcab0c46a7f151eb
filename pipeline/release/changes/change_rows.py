"""The `change_rows` temp table: every change row of every table, and its total order.

Rows from all tables are collected in one DuckDB table with sort values per key
position, so changes.csv and the changelog's examples come out in one deterministic
order however DuckDB ran the joins. Not here: finding the changes (table_changes.py).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipeline.contract import quote_ident, quote_literal
from pipeline.release import safe_cells
from pipeline.release.changes.model import CHANGES_COLUMNS, EXAMPLE_LIMITS, KEY_SEPARATOR, Example
from pipeline.release.changes.release import ReleaseTable

#: The same CSV dialect as the release's tables: RFC 4180, comma, `"` doubled, LF.
CSV_OPTIONS = "FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n'"


def create_rows_table(con: duckdb.DuckDBPyConnection, width: int) -> None:
    """The table collecting every change row of every table, with its sort values."""
    sort = ", ".join(f"s{j}_i HUGEINT, s{j}_d DOUBLE, s{j}_t VARCHAR" for j in range(width))
    con.execute(
        f"CREATE TEMP TABLE change_rows (pos INTEGER, part INTEGER, {sort}, change VARCHAR, "
        'field_pos INTEGER, "table" VARCHAR, "key" VARCHAR, field VARCHAR, '
        "old_value VARCHAR, new_value VARCHAR)"
    )


def row_select(
    position: int,
    table: ReleaseTable,
    keys: Sequence[str],
    change: str,
    field_pos: str,
    width: int,
    part: int = 0,
) -> str:
    """The SELECT list of change_rows up to `key`; keys are SQL expressions of the key.

    `change` and `field_pos` are SQL expressions too (a column or a literal).
    """
    key_text = f"concat_ws({quote_literal(KEY_SEPARATOR)}, {', '.join(keys)})" if keys else "''"
    types = [table.type_of(k) for k in table.record_key]
    sort = ", ".join(_sort_columns(keys, types, width))
    head = f"{position}, {part}, {sort}, {change}, {field_pos}"
    return f"{head}, {quote_literal(table.name)}, {key_text}"


def _sort_columns(keys: Sequence[str], types: Sequence[str], width: int) -> list[str]:
    """Per key position: (integer, number, text) sort values, NULL-padded to `width`.

    Integer keys sort as numbers (milestone 10 after 2); text breaks ties and orders
    the rest, so the order is total whatever the values.
    """
    columns: list[str] = []
    for j in range(width):
        if j >= len(keys):
            columns += ["NULL", "NULL", "NULL"]
            continue
        kind = types[j].split(" ", 1)[0]
        columns.append(f"TRY_CAST({keys[j]} AS HUGEINT)" if kind == "integer" else "NULL")
        columns.append(f"TRY_CAST({keys[j]} AS DOUBLE)" if kind == "number" else "NULL")
        columns.append(keys[j])
    return columns


def _order_by(width: int) -> str:
    """The total order of changes.csv: table, part, key values, change, field.

    `part` is 0 except for the added records of a table whose records could not be
    matched (1): its removed records come first, then the added ones.
    """
    keys = [f"s{j}_{kind} ASC NULLS LAST" for j in range(width) for kind in "idt"]
    tail = ["change", "field_pos NULLS FIRST", "old_value NULLS FIRST", "new_value NULLS FIRST"]
    return ", ".join(["pos", "part", *keys, *tail])


def examples(con: duckdb.DuckDBPyConnection, width: int) -> tuple[Example, ...]:
    """The first change rows per table and kind (one per field for changed values)."""
    limits = " ".join(f"WHEN {quote_literal(k)} THEN {n}" for k, n in EXAMPLE_LIMITS.items())
    order = _order_by(width)
    rows = con.execute(
        'SELECT "table", "key", change, coalesce(field, \'\'), old_value, new_value FROM ('
        f"SELECT *, row_number() OVER (PARTITION BY pos, change ORDER BY {order}) AS nth FROM ("
        f"SELECT *, row_number() OVER (PARTITION BY pos, change, field ORDER BY {order}) AS "
        "first_of_field FROM change_rows) WHERE change <> 'changed' OR first_of_field = 1) "
        f"WHERE nth <= CASE change {limits} ELSE 0 END ORDER BY {order}"
    ).fetchall()
    return tuple((t, k, c, f, o, n) for t, k, c, f, o, n in rows)


def write_changes_csv(con: duckdb.DuckDBPyConnection, target: Path, width: int) -> None:
    """COPY every change row, fully ordered, to `target` (replaced atomically); text
    cells escaped as pipeline/release/safe_cells.py says."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}-{secrets.token_hex(8)}")
    # Cells a spreadsheet would run as formulas made inert, as in every published CSV.
    columns = ", ".join(
        f"{safe_cells.escape_sql(quote_ident(c))} AS {quote_ident(c)}" for c in CHANGES_COLUMNS
    )
    try:
        con.execute(
            f"COPY (SELECT {columns} FROM change_rows ORDER BY {_order_by(width)}) "
            f"TO {quote_literal(str(temp))} ({CSV_OPTIONS})"
        )
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
