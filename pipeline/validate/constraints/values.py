"""Each typed field's parsed value (`v<i>`, NULL when missing or unparseable) in a loaded table.

The value columns are computed while the CSV is loaded (`load_columns`): SQL parses
the spellings types.py marks as exact and leaves NULL elsewhere. `complete_values`
then fetches the present cells still without a value (in a valid release, the few
unusual spellings, if any), parses them in Python by frictionless' own rules and
updates those rows. A field whose type or format is not mirrored is read entirely by
frictionless' field reader, which also reports its type and constraint errors
(returned here); its value column holds a text form for keys (Python values compare
equal when these do). Not here: the checks on the values (compile.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.contract import quote_ident
from pipeline.validate.constraints.messages import constraint_message, type_message
from pipeline.validate.constraints.reading import LoadedTable, missing_sql
from pipeline.validate.constraints.spec import FieldSpec
from pipeline.validate.constraints.types import ParsedType, parsed_type, storage_type
from pipeline.validate.violations import Violation


def has_value_column(field: FieldSpec) -> bool:
    """Whether a field's parsed value differs from its text (so it needs a column)."""
    parsed = parsed_type(field)
    return field.type != "any" and (parsed is None or parsed.stored)


def value_sql(field: FieldSpec) -> str:
    """SQL of a field's parsed value in a loaded table (NULL when missing)."""
    if has_value_column(field):
        return field.value_column
    return f"CASE WHEN {missing_sql(field)} THEN NULL ELSE {field.column} END"


def value_type(field: FieldSpec) -> str:
    """DuckDB type of `value_sql` (text for types stored as text keys)."""
    storage = storage_type(field)
    return storage.sql_type if storage is not None and field.type != "any" else "VARCHAR"


def load_columns(fields: tuple[FieldSpec, ...], kept: set[str]) -> list[str]:
    """SELECT expressions for loading: raw text of kept fields, then SQL-parsed values."""
    chosen = [f for f in fields if f.name in kept]
    values = [
        f"CAST({_sql_value(f)} AS {value_type(f)}) AS {f.value_column}"
        for f in chosen
        if has_value_column(f)
    ]
    return [f.column for f in chosen] + values


def _sql_value(field: FieldSpec) -> str:
    """The value SQL decides: NULL if missing or outside the exact spellings."""
    parsed = parsed_type(field)
    if parsed is None:
        return "NULL"
    value = parsed.value(field.column)
    if parsed.fast is not None:
        value = f"CASE WHEN {parsed.fast(field.column)} THEN {value} END"
    return f"CASE WHEN {missing_sql(field)} THEN NULL ELSE {value} END"


def complete_values(
    con: duckdb.DuckDBPyConnection,
    table: LoadedTable,
    kept: set[str],
    key_columns: list[tuple[str, str]],
) -> list[Violation]:
    """Parse in Python what SQL left open; return frictionless-read fields' violations."""
    found: list[Violation] = []
    for field in table.fields:
        if field.name not in kept or not has_value_column(field):
            continue
        parsed = parsed_type(field)
        if parsed is None:
            values, errors = _read_with_frictionless(con, table, field, key_columns)
            found.extend(errors)
        elif parsed.fast is not None:
            values = _read_open_cells(con, table, field, parsed)
        else:
            continue  # SQL's parse is exact for every spelling
        if values is not None:
            _update(con, table, field, values)
    return found


def _present_cells(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, field: FieldSpec, where: str, extra: str
) -> list[tuple[Any, ...]]:
    """(row, text, extra columns...) of present cells matching `where`."""
    return con.execute(
        f"SELECT __row, {field.column}{extra} FROM {quote_ident(table.sql_name)} "
        f"WHERE NOT __blank AND NOT {missing_sql(field)} AND {where} ORDER BY __row"
    ).fetchall()


def _read_open_cells(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, field: FieldSpec, parsed: ParsedType
) -> pa.Table | None:
    """Python-parsed values of present cells SQL gave no value (None if none parse)."""
    cells = _present_cells(con, table, field, f"{field.value_column} IS NULL", "")
    values = [(row, parsed.read(text)) for row, text in cells]
    parsed_rows = [(row, value) for row, value in values if value is not None]
    if not parsed_rows:
        return None
    return pa.table(
        {
            "__row": pa.array([row for row, _ in parsed_rows], pa.int64()),
            "v": pa.array([parsed.to_arrow(v) for _, v in parsed_rows], parsed.arrow),
        }
    )


def _read_with_frictionless(
    con: duckdb.DuckDBPyConnection,
    table: LoadedTable,
    field: FieldSpec,
    key_columns: list[tuple[str, str]],
) -> tuple[pa.Table | None, list[Violation]]:
    """frictionless' reader on every present cell: the values, and its errors.

    Values are stored as the same type's default format stores them (so keys compare
    across fields as Python compares them); other types as `type:repr` text keys.
    """
    from frictionless import Field

    reader = _frictionless_reader(Field, field)
    storage = storage_type(field)
    extra = "".join(f", {column}" for _, column in key_columns)
    names = [name for name, _ in key_columns]
    rows: list[int] = []
    values: list[Any] = []
    found: list[Violation] = []
    for row, text, *key_cells in _present_cells(con, table, field, "true", extra):
        value, notes = reader(text)
        key = {n: c for n, c in zip(names, key_cells, strict=True) if c is not None}
        found.extend(_cell_violation(table, field, row, text, key, rule) for rule in notes or {})
        if value is None or "type" in (notes or {}):
            continue
        if storage is not None and (stored := storage.read(value)) is not None:
            rows.append(row)
            values.append(storage.to_arrow(stored))
        elif storage is None:
            rows.append(row)
            values.append(f"{type(value).__name__}:{value!r}")
    arrow = storage.arrow if storage is not None else pa.string()
    result = pa.table({"__row": pa.array(rows, pa.int64()), "v": pa.array(values, arrow)})
    return (result if rows else None), found


def _frictionless_reader(field_class: Any, field: FieldSpec) -> Callable[[str], Any]:
    """frictionless' cell reader for the field, missing values already taken out."""
    descriptor = {k: v for k, v in field.descriptor.items() if k != "missingValues"}
    descriptor["constraints"] = {k: v for k, v in field.constraints.items() if k != "unique"}
    fl_field = field_class.from_descriptor(descriptor)
    fl_field.missing_values = []
    return fl_field.create_cell_reader()


def _cell_violation(
    table: LoadedTable, field: FieldSpec, row: int, text: str, key: dict[str, str], rule: str
) -> Violation:
    """A type or constraint violation reported by frictionless' reader."""
    position = field.index + 1
    if rule == "type":
        message = type_message(text, row, field.name, position, field.type, field.format)
    else:
        value = field.constraints.get(rule)
        message = constraint_message(text, row, field.name, position, rule, value)
    return Violation(table.spec.name, row, key, field.name, rule, text, message)


def _update(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, field: FieldSpec, values: pa.Table
) -> None:
    """Set the value column of the rows in `values` (columns `__row`, `v`)."""
    view = f"{table.sql_name}_{field.value_column}"
    con.register(view, values)
    try:
        con.execute(
            f"UPDATE {quote_ident(table.sql_name)} AS t SET {field.value_column} = "
            f"CAST(s.v AS {value_type(field)}) FROM {quote_ident(view)} AS s "
            "WHERE t.__row = s.__row"
        )
    finally:
        con.unregister(view)
