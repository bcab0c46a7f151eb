"""Prove tables clean in one pass each, without loading them: check_data's fast path.

A valid release is the common case, and proving a table valid needs neither row
numbers nor its text kept. Per table, one DuckDB read of the CSV keeps, per
row: whether any row check fails (blank row, type, required, enum, pattern, bounds,
lengths: the very conditions compile.py locates rows with), the line feeds inside
its cells, a digest of its cells, and only the fields that unique, primary and
foreign keys compare. Then a table is clean when no row check failed, no unique
value or primary key repeats or is all missing, every foreign key finds its row,
the line feeds account for every line of the file (reading.py), and, with a Parquet
folder, the Parquet file digests the same, row for row in the same order.

A clean table would get no violation from the locating path (run.py), so it skips
it. Every other table goes there, which finds and words each violation as
frictionless does: one whose file DuckDB cannot read as frictionless does, one with
a field only frictionless' reader parses, one whose foreign key points at a table
not screened, and any that failed a test above (a cell SQL leaves for Python to
parse fails the type test here, so Python's judgement is never skipped).
Not here: locating and wording violations (run.py, compile.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.contract import quote_ident, quote_literal
from pipeline.db import first_row, scalar
from pipeline.release.reading import LineFeeds, feeds_inside_sql, parquet_path, release_path
from pipeline.validate.constraints.compile import compile_checks, foreign_key_test, needed_fields
from pipeline.validate.constraints.parquet import parquet_row_cells
from pipeline.validate.constraints.reading import (
    LoadedTable,
    duckdb_readings,
    duckdb_reads_as_frictionless,
    read_with_duckdb,
    row_select,
)
from pipeline.validate.constraints.spec import FieldSpec, TableSpec
from pipeline.validate.constraints.types import parsed_type
from pipeline.validate.constraints.values import (
    has_value_column,
    load_columns,
    value_sql,
    value_type,
)

#: Rules the screen tests over whole tables (_key_tests); every other check of
#: compile.py must come with its row test, or the table is not screened.
KEY_RULES = ("unique", "primary-key", "foreign-key")


@dataclass
class Screening:
    """What the screen proved: clean tables with their rows, Parquet files that match."""

    clean: dict[str, int] = field(default_factory=dict)
    #: Per table whose Parquet file was digested: whether it holds the CSV's rows.
    parquet_same: dict[str, bool] = field(default_factory=dict)


def screen_tables(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    specs: list[TableSpec],
    skip: set[str],
    parquet: Path | None,
    safe: bool,
    line_feeds: LineFeeds | None = None,
) -> Screening:
    """Screen every table not in `skip`; the temporary tables it makes are dropped.
    `line_feeds` counts a file's (default: read it now)."""
    screening = Screening()
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        return screening  # which file a name means is the locating path's business
    compared = _compared_fields(specs)
    narrow: dict[str, LoadedTable] = {}
    try:
        for spec in specs:
            if spec.name in skip or not _screenable(spec):
                continue
            name = f"s{spec.position}"
            table = _read_narrow(con, root, spec, compared[spec.name], name, line_feeds)
            if table is not None:
                narrow[spec.name] = table
        totals = _totals(con, narrow)
        if parquet is not None:
            screening.parquet_same = _parquet_same(con, narrow, totals, parquet, safe)
        passed = [narrow[name] for name, (bad, _) in totals.items() if bad == 0]
        held = _keys_hold(con, passed, narrow)
        screening.clean = {name: t.rows for name, t in narrow.items() if name in held}
    finally:
        for table in narrow.values():
            con.execute(f"DROP TABLE IF EXISTS {quote_ident(table.sql_name)}")
    return screening


def _screenable(spec: TableSpec) -> bool:
    """Whether SQL judges every field (no field needs frictionless' own reader)."""
    return bool(spec.fields) and all(
        parsed_type(f) is not None or not has_value_column(f) for f in spec.fields
    )


def _compared_fields(specs: list[TableSpec]) -> dict[str, set[str]]:
    """Per table, the fields unique, primary and foreign keys compare."""
    compared: dict[str, set[str]] = {s.name: set(s.primary_key) for s in specs}
    for spec in specs:
        compared[spec.name].update(f.name for f in spec.fields if f.constraints.get("unique"))
        for fk in spec.foreign_keys:
            compared[spec.name].update(fk.fields)
            compared.setdefault(fk.resource, set()).update(fk.reference_fields)
    return compared


def _read_narrow(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    spec: TableSpec,
    compared: set[str],
    sql_name: str,
    line_feeds: LineFeeds | None,
) -> LoadedTable | None:
    """Read the CSV into a table of `__bad`, `__hash` and the compared fields' columns,
    or None when DuckDB cannot be trusted with it."""
    try:
        path = release_path(root, spec.path)
        if not path.is_file() or not duckdb_reads_as_frictionless(path, spec):
            return None
        inner = LoadedTable(spec, "__row_source", spec.fields, 0)
        checks = compile_checks(inner, {})
        if any(c.row_test is None and c.rule not in KEY_RULES for c in checks):
            return None  # a check this screen does not know how to test: locate instead
        bad = " OR ".join(f"({c.row_test})" for c in checks if c.row_test) or "false"
        kept = needed_fields([spec])[spec.name] | compared
        select = (
            f"{row_select(spec.fields, lambda fields: load_columns(fields, kept))}, "
            f"{feeds_inside_sql([f.column for f in spec.fields])} AS __feeds"
        )
        keys = "".join(f", {c}" for c in _key_columns(spec, compared))

        def body(source: str, _rows_before: int) -> str:
            inner_rows = f"(SELECT {select} FROM {source})"
            return f"SELECT ({bad}) AS __bad, __hash, __feeds{keys} FROM {inner_rows}"

        for how in duckdb_readings(path):
            rows = read_with_duckdb(con, path, spec, body, sql_name, how, line_feeds)
            if rows is not None:
                return LoadedTable(spec, sql_name, spec.fields, rows)
    except (OSError, ValueError, duckdb.Error):
        con.execute(f"DROP TABLE IF EXISTS {quote_ident(sql_name)}")
    return None


def _key_columns(spec: TableSpec, compared: set[str]) -> list[str]:
    """The raw and value columns of the compared fields, as the locating path names them."""
    columns: list[str] = []
    for f in spec.fields:
        if f.name in compared:
            columns.append(f.column)
            if has_value_column(f):
                columns.append(f.value_column)
    return columns


def _totals(
    con: duckdb.DuckDBPyConnection, narrow: dict[str, LoadedTable]
) -> dict[str, tuple[int, int]]:
    """Per table: rows failing a row test, and the digest of its rows in order."""
    parts = [
        f"SELECT {quote_literal(name)}, coalesce(count_if(__bad), 0), sum(hash(rowid, __hash)) "
        f"FROM {quote_ident(table.sql_name)}"
        for name, table in narrow.items()
    ]
    rows = con.execute(" UNION ALL ".join(parts)).fetchall() if parts else []
    return {name: (int(bad), digest) for name, bad, digest in rows}


def _keys_hold(
    con: duckdb.DuckDBPyConnection, tables: list[LoadedTable], narrow: dict[str, LoadedTable]
) -> set[str]:
    """The `tables` in which no unique value or primary key repeats or is all missing, and
    every foreign key the locating path would check finds its row in a screened table.

    All the tests go in one query (per-query overhead dominates small tables); should it
    fail, each runs alone and a failing one counts as a violation.
    """
    tests = {t.spec.name: _key_tests(t, narrow) for t in tables}
    flat = [(name, sql) for name, listed in tests.items() for sql in listed or []]
    counts: tuple[int | None, ...] = ()
    try:
        if flat:
            counts = first_row(con, "SELECT " + ", ".join(f"({sql})" for _, sql in flat))
    except duckdb.Error:
        counts = tuple(_count_or_none(con, sql) for _, sql in flat)
    failed = {name for (name, _), count in zip(flat, counts, strict=True) if count != 0}
    return {name for name, listed in tests.items() if listed is not None and name not in failed}


def _count_or_none(con: duckdb.DuckDBPyConnection, sql: str) -> int | None:
    """A test's count, or None when it cannot run."""
    try:
        return int(scalar(con, sql))
    except duckdb.Error:
        return None


def _key_tests(table: LoadedTable, narrow: dict[str, LoadedTable]) -> list[str] | None:
    """SQL counts that must all be 0 for the table's keys to hold; None when a foreign key
    references a table not screened (absent, unread or not screenable: the locating path
    says which)."""
    source = quote_ident(table.sql_name)
    tests = [_repeats(source, [f]) for f in table.spec.fields if f.constraints.get("unique")]
    key = [table.field(n) for n in table.spec.primary_key]
    if key and all(f is not None for f in key):
        fields = [f for f in key if f is not None]
        all_missing = " AND ".join(f"({value_sql(f)}) IS NULL" for f in fields)
        tests.append(f"SELECT count(*) FROM {source} WHERE {all_missing}")
        tests.append(_repeats(source, fields, nan_distinct=False))
    for fk in table.spec.foreign_keys:
        if not fk.fields or not all(table.field(n) for n in fk.fields):
            continue  # the locating path compiles no check for it either
        reference = narrow.get(fk.resource)
        if reference is None:
            return None
        tests.append(
            f"SELECT count(*) FROM {source} WHERE {foreign_key_test(table, fk, reference)}"
        )
    return tests


def _repeats(source: str, fields: list[FieldSpec], nan_distinct: bool = True) -> str:
    """SQL counting values (tuples, NULLs equal) held by more than one row.

    A unique field's missing cells never repeat, nor (as in Python) does NaN; a primary
    key's tuples compare whole, missing cells included, as compile.py's check does.
    """
    values = [value_sql(f) for f in fields]
    listed = ", ".join(values)
    where = ""
    if nan_distinct:
        (value,) = values
        nan = f" AND NOT isnan({value})" if value_type(fields[0]) == "DOUBLE" else ""
        where = f" WHERE {value} IS NOT NULL{nan}"
    return (
        f"SELECT count(*) FROM (SELECT {listed} FROM {source}{where} "
        f"GROUP BY ALL HAVING count(*) > 1)"
    )


def _parquet_same(
    con: duckdb.DuckDBPyConnection,
    narrow: dict[str, LoadedTable],
    totals: dict[str, tuple[int, int]],
    folder: Path,
    safe: bool,
) -> dict[str, bool]:
    """Per table with a `<name>.parquet` DuckDB reads: whether it holds the CSV's rows in
    order (each row's cells, written as publish writes them, digest as the CSV's).

    One query for every file; should it fail, each file alone, and one that fails is
    left out: validator.py compares it the slow way and reports what fails.
    """
    queries: dict[str, str] = {}
    for name, table in narrow.items():
        try:
            file = parquet_path(folder.parent, name)
        except ValueError:
            continue  # validator.py reports the name
        if file.is_file():
            cells = parquet_row_cells(table.fields, safe)
            queries[name] = (
                f"SELECT {quote_literal(name)}, count(*), "
                f"sum(hash(file_row_number, hash({cells}))) "
                f"FROM read_parquet({quote_literal(str(file))}, file_row_number = true)"
            )
    if not queries:
        return {}
    try:
        found = con.execute(" UNION ALL ".join(queries.values())).fetchall()
    except duckdb.Error:
        found = []
        for query in queries.values():
            try:
                found += con.execute(query).fetchall()
            except duckdb.Error:
                continue
    return {
        name: rows == narrow[name].rows and digest == totals[name][1]
        for name, rows, digest in found
    }
