"""Record-level changes of one table between two releases, in DuckDB.

Records are matched by key with one FULL OUTER JOIN over the published CSVs; nothing is
loaded into Python row by row, so million-row tables take seconds. Each table's counts
are returned and its change rows inserted into change_rows. Not here: pairing tables
and running the comparison (compare.py), the order of change rows (change_rows.py).
"""

from __future__ import annotations

from typing import Any

import duckdb

from pipeline.contract import quote_ident, quote_literal
from pipeline.release.changes.change_rows import row_select
from pipeline.release.changes.model import NotARelease, TableChanges
from pipeline.release.changes.release import ReleaseTable

#: Column marking which side of the join a record came from (not a published name).
_PRESENT = "__changes_present__"


def first_release_table(con: duckdb.DuckDBPyConnection, new: ReleaseTable) -> TableChanges:
    """A table of a first release: every record is new (changes.csv lists none of them)."""
    rows = _count(con, new)
    return TableChanges(new.name, None, rows, rows, 0, 0, {})


def compare_table(
    con: duckdb.DuckDBPyConnection,
    pos: int,
    old: ReleaseTable | None,
    new: ReleaseTable | None,
    width: int,
) -> TableChanges:
    """Counts of one table; its change rows go into change_rows."""
    if old is not None and new is not None:
        key = _join_key(con, old, new)
        if key is not None:
            return _joined_table(con, pos, old, new, key, width)
        # No shared key to match records by: the table's records were replaced.
        removed = _whole_table(con, pos, old, "removed", width)
        added = _whole_table(con, pos, new, "added", width, part=1)
        return TableChanges(new.name, removed, added, added, removed, 0, {})
    if new is not None:
        rows = _whole_table(con, pos, new, "added", width)
        return TableChanges(new.name, None, rows, rows, 0, 0, {})
    if old is not None:
        rows = _whole_table(con, pos, old, "removed", width)
        return TableChanges(old.name, rows, None, 0, rows, 0, {})
    raise ValueError("a table missing from both releases")


def _count(con: duckdb.DuckDBPyConnection, table: ReleaseTable) -> int:
    """Rows of a published table."""
    return int(_fetch(con, f"SELECT count(*) FROM {table.read_csv()}", table)[0][0])


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, table: ReleaseTable) -> list[tuple[Any, ...]]:
    """Run a statement reading a table's CSV; a malformed CSV becomes NotARelease.

    Which file could not be read matters more to the reader than DuckDB's parser state.
    """
    try:
        return con.execute(sql).fetchall()
    except duckdb.InvalidInputException as exc:
        raise NotARelease(f"table {table.name}: a CSV file cannot be read: {exc}") from exc


def _whole_table(
    con: duckdb.DuckDBPyConnection,
    pos: int,
    table: ReleaseTable,
    change: str,
    width: int,
    part: int = 0,
) -> int:
    """Record every row of `table` as added or removed; return the row count."""
    keys = [quote_ident(k) for k in table.record_key]
    head = row_select(pos, table, keys, quote_literal(change), "NULL", width, part)
    sql = f"INSERT INTO change_rows SELECT {head}, NULL, NULL, NULL FROM {table.read_csv()}"
    return int(_fetch(con, sql, table)[0][0])  # INSERT returns the number of rows


def _join_key(
    con: duckdb.DuckDBPyConnection, old: ReleaseTable, new: ReleaseTable
) -> list[str] | None:
    """Columns to match old and new records by, or None when there are none.

    The new release's key, when the old table has its columns and is unique on them
    (always so when the key did not change).
    """
    key = new.record_key
    if list(old.key) == list(new.key) and old.key:
        return key
    if not set(key) <= set(old.columns):
        return None
    columns = ", ".join(quote_ident(k) for k in key)
    sql = f"SELECT count(*) = count(DISTINCT ({columns})) FROM {old.read_csv()}"
    return key if _fetch(con, sql, old)[0][0] else None


def _joined_table(
    con: duckdb.DuckDBPyConnection,
    pos: int,
    old: ReleaseTable,
    new: ReleaseTable,
    key: list[str],
    width: int,
) -> TableChanges:
    """Match records by key (one FULL OUTER JOIN), count and record their changes."""
    shared = [c for c in new.columns if c in old.columns and c not in key]
    _create_delta(con, old, new, key, shared)
    counts = _fetch(con, _counts_sql(shared), new)[0]
    _fetch(con, _delta_rows_sql(pos, new, key, shared, width), new)
    added, removed, changed = map(int, counts[:3])
    fields = {c: int(n) for c, n in zip(shared, counts[3:], strict=True) if n}
    return TableChanges(
        new.name, _count(con, old), _count(con, new), added, removed, changed, fields
    )


def _create_delta(
    con: duckdb.DuckDBPyConnection,
    old: ReleaseTable,
    new: ReleaseTable,
    key: list[str],
    shared: list[str],
) -> None:
    """Temp table `delta`: the records added, removed or with a shared field changed.

    k<j> holds the key values; o<i>/n<i> the old/new values of shared column i, kept
    only for changed records (added and removed ones are listed by key alone).
    """
    present = f"o.{_PRESENT} IS NOT NULL AND n.{_PRESENT} IS NOT NULL"
    keys = [f"COALESCE(n.{quote_ident(k)}, o.{quote_ident(k)}) AS k{j}" for j, k in enumerate(key)]
    values = [
        f"CASE WHEN {present} THEN {side}.{quote_ident(c)} END AS {side}{i}"
        for i, c in enumerate(shared)
        for side in "on"
    ]
    differs = [f"o.{quote_ident(c)} IS DISTINCT FROM n.{quote_ident(c)}" for c in shared]
    join = " AND ".join(f"o.{quote_ident(k)} = n.{quote_ident(k)}" for k in key)
    sql = (
        f"CREATE OR REPLACE TEMP TABLE delta AS SELECT CASE WHEN o.{_PRESENT} IS NULL THEN "
        f"'added' WHEN n.{_PRESENT} IS NULL THEN 'removed' ELSE 'changed' END AS change, "
        f"{', '.join(keys + values)} "
        f"FROM (SELECT *, true AS {_PRESENT} FROM {old.read_csv()}) AS o "
        f"FULL OUTER JOIN (SELECT *, true AS {_PRESENT} FROM {new.read_csv()}) AS n ON {join} "
        f"WHERE {' OR '.join([f'o.{_PRESENT} IS NULL', f'n.{_PRESENT} IS NULL', *differs])}"
    )
    _fetch(con, sql, new)


def _counts_sql(shared: list[str]) -> str:
    """Added, removed, changed records, then changed records per shared field."""
    per_field = [
        f"count(*) FILTER (WHERE change = 'changed' AND o{i} IS DISTINCT FROM n{i})"
        for i in range(len(shared))
    ]
    kinds = [
        f"count(*) FILTER (WHERE change = '{kind}')" for kind in ("added", "removed", "changed")
    ]
    return f"SELECT {', '.join(kinds + per_field)} FROM delta"


def _delta_rows_sql(
    pos: int, new: ReleaseTable, key: list[str], shared: list[str], width: int
) -> str:
    """INSERT the delta's rows: one per added/removed record, one per changed field."""
    keys = [f"k{j}" for j in range(len(key))]
    whole = row_select(pos, new, keys, "change", "NULL", width)
    parts = [f"SELECT {whole}, NULL, NULL, NULL FROM delta WHERE change <> 'changed'"]
    for i, column in enumerate(shared):
        field = row_select(pos, new, keys, "'changed'", str(i), width)
        parts.append(
            f"SELECT {field}, {quote_literal(column)}, o{i}, n{i} FROM delta "
            f"WHERE change = 'changed' AND o{i} IS DISTINCT FROM n{i}"
        )
    return "INSERT INTO change_rows " + " UNION ALL ".join(parts)
