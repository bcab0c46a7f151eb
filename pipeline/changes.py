"""Record-level changes between two releases: changes.csv, CHANGELOG.md and a JSON summary.

People who download a new release want to know what changed since the one they have,
record by record. Two release folders are compared as they were published: each one's
own `datapackage.json` gives its tables, fields, types and primary keys (these may
differ between releases: that is a schema change), and its CSV files are read as text
exactly as published (an empty cell is NULL), so old and new values are the published
text. Records are matched by primary key with one DuckDB FULL OUTER JOIN per table;
nothing is loaded into Python row by row, so million-row tables take seconds.

Not here: building or publishing releases (publish.py), validation (validate.py).
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from pipeline.validate import DESCRIPTOR

#: Columns of changes.csv, in order.
CHANGES_COLUMNS = ("table", "key", "change", "field", "old_value", "new_value")
#: Joins the primary-key values of a record into changes.csv's `key` column.
KEY_SEPARATOR = " | "
#: The same CSV dialect as the release's tables: RFC 4180, comma, `"` doubled, LF.
CSV_OPTIONS = "FORMAT csv, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n'"
#: Examples kept per table and kind of change for the changelog's "notable changes".
EXAMPLE_LIMITS = {"added": 20, "removed": 20, "changed": 5}
#: Most-changed fields named per table in the changelog.
TOP_FIELDS = 5
#: Longest value shown in the changelog's examples (changes.csv always has all of it).
EXAMPLE_WIDTH = 80
#: Column marking which side of the join a record came from (not a published name).
_PRESENT = "__changes_present__"

Example = tuple[str, str, str, str, str | None, str | None]


class NotARelease(ValueError):
    """The path is not a readable release folder (or its descriptor does not fit its CSVs)."""


@dataclass(frozen=True)
class TableChanges:
    """Record counts of one published table between two releases.

    `rows_before` is None when the table is new, `rows_after` None when it was removed;
    `fields_changed` names only fields with at least one changed record, contract order.
    """

    table: str
    rows_before: int | None
    rows_after: int | None
    added: int
    removed: int
    changed: int
    fields_changed: dict[str, int]


@dataclass(frozen=True)
class SchemaChange:
    """One difference between the two releases' table shapes.

    `change` is `table_added`, `table_removed`, `column_added`, `column_removed`,
    `retyped` or `key_changed`; `before`/`after` are types or key lists as text. Breaking
    changes (anything but an added table or column) can break a reader's scripts.
    """

    table: str
    column: str | None
    change: str
    before: str | None
    after: str | None
    breaking: bool


@dataclass(frozen=True)
class Changes:
    """Everything the changelog, quality.json and the landing page say about changes.

    `examples` are rows of changes.csv, in its order: per table the first
    EXAMPLE_LIMITS["added"] added and ["removed"] removed records, and the first change
    of up to EXAMPLE_LIMITS["changed"] different fields (table, key, change, field,
    old, new; field is "" for added and removed records).
    """

    old_version: str | None
    new_version: str
    tables: tuple[TableChanges, ...]
    schema: tuple[SchemaChange, ...]
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class _Table:
    """One resource of a release descriptor: where its CSV is and what shape it has."""

    name: str
    path: Path
    fields: tuple[tuple[str, str], ...]  # (name, type text), column order
    key: tuple[str, ...]
    delimiter: str
    quote: str

    @property
    def columns(self) -> list[str]:
        """Column names in order."""
        return [name for name, _ in self.fields]

    def type_of(self, column: str) -> str:
        """The column's type text."""
        return dict(self.fields)[column]


@dataclass(frozen=True)
class _Release:
    """A release folder read through its own descriptor."""

    root: Path
    version: str
    tables: dict[str, _Table]


# --- reading releases -------------------------------------------------------------------


def release_folder(path: Path | str) -> Path:
    """The release folder for a folder or its datapackage.json; NotARelease otherwise.

    The CLI takes either form, like `commitments validate` does.
    """
    path = Path(path)
    if not path.exists():
        raise NotARelease(f"{path} does not exist")
    folder = path if path.is_dir() else path.parent
    if path.is_file() and path.name != DESCRIPTOR:
        raise NotARelease(f"{path} is not a release folder nor its {DESCRIPTOR}")
    if not (folder / DESCRIPTOR).is_file():
        raise NotARelease(f"{folder} is not a release: it has no {DESCRIPTOR}")
    return folder


def _read_release(path: Path | str) -> _Release:
    """Parse a release's descriptor into tables; NotARelease names what is wrong."""
    root = release_folder(path)
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotARelease(f"{root / DESCRIPTOR} is not readable JSON: {exc}") from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise NotARelease(f"{root / DESCRIPTOR} has no `resources` list")
    tables: dict[str, _Table] = {}
    for resource in descriptor["resources"]:
        table = _read_table(root, resource)
        tables[table.name] = table
    version = descriptor.get("version")
    return _Release(root, version if isinstance(version, str) and version else root.name, tables)


def _read_table(root: Path, resource: Any) -> _Table:
    """One resource as a _Table, checking what the comparison relies on."""
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        raise NotARelease(f"{root / DESCRIPTOR}: a resource without a name")
    name = resource["name"]
    relative = resource.get("path")
    pure = PurePosixPath(relative) if isinstance(relative, str) and relative else None
    if pure is None or pure.is_absolute() or ".." in pure.parts:
        raise NotARelease(f"{root}: table {name}: path {relative!r} is not inside the release")
    schema = resource.get("schema") or {}
    fields = tuple((f["name"], _type_text(f)) for f in schema.get("fields", []))
    key = schema.get("primaryKey") or []
    key = (key,) if isinstance(key, str) else tuple(key)
    missing = [k for k in key if k not in dict(fields)]
    if missing:
        raise NotARelease(f"{root}: table {name}: primary key {missing} is not among its fields")
    dialect = resource.get("dialect") or {}
    table = _Table(
        name,
        root.joinpath(*pure.parts),
        fields,
        key,
        dialect.get("delimiter", ","),
        dialect.get("quoteChar", '"'),
    )
    _check_header(table)
    return table


def _type_text(field: dict[str, Any]) -> str:
    """A field's type as text: `date`, or `date (%d/%m/%Y)` when a format is declared."""
    kind = field.get("type", "string")
    form = field.get("format", "default")
    return kind if form in (None, "default") else f"{kind} ({form})"


def _check_header(table: _Table) -> None:
    """The CSV exists and its header is the descriptor's fields (else values would shift)."""
    try:
        with table.path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter=table.delimiter, quotechar=table.quote)
            header = next(reader, None)
    except OSError as exc:
        raise NotARelease(f"table {table.name}: a CSV file cannot be read: {exc}") from exc
    if header != table.columns:
        raise NotARelease(
            f"table {table.name}: the header of {table.path} is {header} but the "
            f"descriptor lists {table.columns}"
        )


# --- SQL helpers ------------------------------------------------------------------------


def _ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _read_csv(table: _Table) -> str:
    """read_csv() of a published table: every column as text, its own dialect, '' = NULL."""
    columns = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in table.columns)
    return (
        f"read_csv({_literal(str(table.path))}, header = true, auto_detect = false, "
        f"all_varchar = true, columns = {{{columns}}}, delim = {_literal(table.delimiter)}, "
        f"quote = {_literal(table.quote)}, escape = {_literal(table.quote)}, new_line = '\\n')"
    )


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


def _create_rows_table(con: duckdb.DuckDBPyConnection, width: int) -> None:
    """The table collecting every change row of every table, with its sort values."""
    sort = ", ".join(f"s{j}_i HUGEINT, s{j}_d DOUBLE, s{j}_t VARCHAR" for j in range(width))
    con.execute(
        f"CREATE TEMP TABLE change_rows (pos INTEGER, part INTEGER, {sort}, change VARCHAR, "
        'field_pos INTEGER, "table" VARCHAR, "key" VARCHAR, field VARCHAR, '
        "old_value VARCHAR, new_value VARCHAR)"
    )


def _row_select(
    position: int,
    table: _Table,
    keys: Sequence[str],
    change: str,
    field_pos: str,
    width: int,
    part: int = 0,
) -> str:
    """The SELECT list of change_rows up to `key`; keys are SQL expressions of the key.

    `change` and `field_pos` are SQL expressions too (a column or a literal).
    """
    key_text = f"concat_ws({_literal(KEY_SEPARATOR)}, {', '.join(keys)})" if keys else "''"
    types = [table.type_of(k) for k in _record_key(table)]
    sort = ", ".join(_sort_columns(keys, types, width))
    head = f"{position}, {part}, {sort}, {change}, {field_pos}"
    return f"{head}, {_literal(table.name)}, {key_text}"


# --- comparing --------------------------------------------------------------------------


def compare_releases(old: Path | None, new: Path, changes_csv: Path | None = None) -> Changes:
    """Compare release `old` (None: `new` is the first release) with release `new`.

    When `changes_csv` is given, every record-level change is written there (header
    only for a first release). Raises NotARelease for a folder that is not a release.
    """
    new_release = _read_release(new)
    old_release = _read_release(old) if old is not None else None
    pairs = _table_pairs(old_release, new_release)
    width = max([1] + [len(_record_key(t)) for _, o, n in pairs for t in (o, n) if t])
    with tempfile.TemporaryDirectory(prefix="changes-") as spill, duckdb.connect() as con:
        con.execute(f"SET temp_directory = {_literal(spill)}")
        _create_rows_table(con, width)
        if old_release is None:
            tables = tuple(_first_release_table(con, n) for _, _, n in pairs if n)
            schema: tuple[SchemaChange, ...] = ()
        else:
            tables = tuple(
                _compare_table(con, pos, o, n, width) for pos, (_, o, n) in enumerate(pairs)
            )
            schema = _schema_changes(old_release, new_release)
        examples = _examples(con, width)
        if changes_csv is not None:
            _write_changes_csv(con, Path(changes_csv), width)
    return Changes(
        old_release.version if old_release else None,
        new_release.version,
        tables,
        schema,
        examples,
    )


def _table_pairs(
    old: _Release | None, new: _Release
) -> list[tuple[str, _Table | None, _Table | None]]:
    """(name, old table, new table): the new release's order, then tables it removed."""
    old_tables = old.tables if old else {}
    pairs = [(name, old_tables.get(name), table) for name, table in new.tables.items()]
    pairs += [(name, table, None) for name, table in old_tables.items() if name not in new.tables]
    return pairs


def _count(con: duckdb.DuckDBPyConnection, table: _Table) -> int:
    """Rows of a published table."""
    return int(_fetch(con, f"SELECT count(*) FROM {_read_csv(table)}", table)[0][0])


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, table: _Table) -> list[tuple[Any, ...]]:
    """Run a statement reading a table's CSV; a malformed CSV becomes NotARelease.

    Which file could not be read matters more to the reader than DuckDB's parser state.
    """
    try:
        return con.execute(sql).fetchall()
    except duckdb.InvalidInputException as exc:
        raise NotARelease(f"table {table.name}: a CSV file cannot be read: {exc}") from exc


def _first_release_table(con: duckdb.DuckDBPyConnection, new: _Table) -> TableChanges:
    """A table of a first release: every record is new (changes.csv lists none of them)."""
    rows = _count(con, new)
    return TableChanges(new.name, None, rows, rows, 0, 0, {})


def _compare_table(
    con: duckdb.DuckDBPyConnection, pos: int, old: _Table | None, new: _Table | None, width: int
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


def _record_key(table: _Table) -> list[str]:
    """The columns identifying a record: the primary key, or every column without one."""
    return list(table.key) or table.columns


def _whole_table(
    con: duckdb.DuckDBPyConnection,
    pos: int,
    table: _Table,
    change: str,
    width: int,
    part: int = 0,
) -> int:
    """Record every row of `table` as added or removed; return the row count."""
    keys = [_ident(k) for k in _record_key(table)]
    head = _row_select(pos, table, keys, _literal(change), "NULL", width, part)
    sql = f"INSERT INTO change_rows SELECT {head}, NULL, NULL, NULL FROM {_read_csv(table)}"
    return int(_fetch(con, sql, table)[0][0])  # INSERT returns the number of rows


def _join_key(con: duckdb.DuckDBPyConnection, old: _Table, new: _Table) -> list[str] | None:
    """Columns to match old and new records by, or None when there are none.

    The new release's key, when the old table has its columns and is unique on them
    (always so when the key did not change).
    """
    key = _record_key(new)
    if list(old.key) == list(new.key) and old.key:
        return key
    if not set(key) <= set(old.columns):
        return None
    columns = ", ".join(_ident(k) for k in key)
    sql = f"SELECT count(*) = count(DISTINCT ({columns})) FROM {_read_csv(old)}"
    return key if _fetch(con, sql, old)[0][0] else None


def _joined_table(
    con: duckdb.DuckDBPyConnection,
    pos: int,
    old: _Table,
    new: _Table,
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
    con: duckdb.DuckDBPyConnection, old: _Table, new: _Table, key: list[str], shared: list[str]
) -> None:
    """Temp table `delta`: the records added, removed or with a shared field changed.

    k<j> holds the key values; o<i>/n<i> the old/new values of shared column i, kept
    only for changed records (added and removed ones are listed by key alone).
    """
    present = f"o.{_PRESENT} IS NOT NULL AND n.{_PRESENT} IS NOT NULL"
    keys = [f"COALESCE(n.{_ident(k)}, o.{_ident(k)}) AS k{j}" for j, k in enumerate(key)]
    values = [
        f"CASE WHEN {present} THEN {side}.{_ident(c)} END AS {side}{i}"
        for i, c in enumerate(shared)
        for side in "on"
    ]
    differs = [f"o.{_ident(c)} IS DISTINCT FROM n.{_ident(c)}" for c in shared]
    join = " AND ".join(f"o.{_ident(k)} = n.{_ident(k)}" for k in key)
    sql = (
        f"CREATE OR REPLACE TEMP TABLE delta AS SELECT CASE WHEN o.{_PRESENT} IS NULL THEN "
        f"'added' WHEN n.{_PRESENT} IS NULL THEN 'removed' ELSE 'changed' END AS change, "
        f"{', '.join(keys + values)} "
        f"FROM (SELECT *, true AS {_PRESENT} FROM {_read_csv(old)}) AS o "
        f"FULL OUTER JOIN (SELECT *, true AS {_PRESENT} FROM {_read_csv(new)}) AS n ON {join} "
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


def _delta_rows_sql(pos: int, new: _Table, key: list[str], shared: list[str], width: int) -> str:
    """INSERT the delta's rows: one per added/removed record, one per changed field."""
    keys = [f"k{j}" for j in range(len(key))]
    whole = _row_select(pos, new, keys, "change", "NULL", width)
    parts = [f"SELECT {whole}, NULL, NULL, NULL FROM delta WHERE change <> 'changed'"]
    for i, column in enumerate(shared):
        field = _row_select(pos, new, keys, "'changed'", str(i), width)
        parts.append(
            f"SELECT {field}, {_literal(column)}, o{i}, n{i} FROM delta "
            f"WHERE change = 'changed' AND o{i} IS DISTINCT FROM n{i}"
        )
    return "INSERT INTO change_rows " + " UNION ALL ".join(parts)


def _examples(con: duckdb.DuckDBPyConnection, width: int) -> tuple[Example, ...]:
    """The first change rows per table and kind (one per field for changed values)."""
    limits = " ".join(f"WHEN {_literal(k)} THEN {n}" for k, n in EXAMPLE_LIMITS.items())
    order = _order_by(width)
    rows = con.execute(
        'SELECT "table", "key", change, coalesce(field, \'\'), old_value, new_value FROM ('
        f"SELECT *, row_number() OVER (PARTITION BY pos, change ORDER BY {order}) AS nth FROM ("
        f"SELECT *, row_number() OVER (PARTITION BY pos, change, field ORDER BY {order}) AS "
        "first_of_field FROM change_rows) WHERE change <> 'changed' OR first_of_field = 1) "
        f"WHERE nth <= CASE change {limits} ELSE 0 END ORDER BY {order}"
    ).fetchall()
    return tuple((t, k, c, f, o, n) for t, k, c, f, o, n in rows)


def _write_changes_csv(con: duckdb.DuckDBPyConnection, target: Path, width: int) -> None:
    """COPY every change row, fully ordered, to `target` (replaced atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}-{secrets.token_hex(8)}")
    columns = ", ".join(_ident(c) for c in CHANGES_COLUMNS)
    try:
        con.execute(
            f"COPY (SELECT {columns} FROM change_rows ORDER BY {_order_by(width)}) "
            f"TO {_literal(str(temp))} ({CSV_OPTIONS})"
        )
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


# --- schema changes ---------------------------------------------------------------------


def _schema_changes(old: _Release, new: _Release) -> tuple[SchemaChange, ...]:
    """Table and column differences: new release's table order, then removed tables."""
    found: list[SchemaChange] = []
    for name, table in new.tables.items():
        before = old.tables.get(name)
        if before is None:
            found.append(SchemaChange(name, None, "table_added", None, None, False))
        else:
            found.extend(_table_schema_changes(before, table))
    for name in old.tables:
        if name not in new.tables:
            found.append(SchemaChange(name, None, "table_removed", None, None, True))
    return tuple(found)


def _table_schema_changes(old: _Table, new: _Table) -> list[SchemaChange]:
    """Key change, removed columns (old order), retyped then added columns (new order)."""
    name = new.name
    found: list[SchemaChange] = []
    if old.key != new.key:
        found.append(
            SchemaChange(name, None, "key_changed", ", ".join(old.key), ", ".join(new.key), True)
        )
    before, after = dict(old.fields), dict(new.fields)
    for column, kind in old.fields:
        if column not in after:
            found.append(SchemaChange(name, column, "column_removed", kind, None, True))
    for column, kind in new.fields:
        if column in before and before[column] != kind:
            found.append(SchemaChange(name, column, "retyped", before[column], kind, True))
    for column, kind in new.fields:
        if column not in before:
            found.append(SchemaChange(name, column, "column_added", None, kind, False))
    return found


# --- reporting --------------------------------------------------------------------------


def changes_summary(changes: Changes) -> dict[str, Any]:
    """JSON-able summary for quality.json, index.json and the landing page.

    Tables keep the release's order (a dict, in insertion order); totals are records.
    """
    totals = {
        kind: sum(getattr(t, kind) for t in changes.tables)
        for kind in ("added", "removed", "changed")
    }
    return {
        "old_version": changes.old_version,
        "new_version": changes.new_version,
        "first_release": changes.old_version is None,
        "total": {**totals, "records": sum(totals.values())},
        "breaking": any(s.breaking for s in changes.schema),
        "tables": {
            t.table: {
                "rows_before": t.rows_before,
                "rows_after": t.rows_after,
                "added": t.added,
                "removed": t.removed,
                "changed": t.changed,
                "fields_changed": dict(t.fields_changed),
            }
            for t in changes.tables
        },
        "schema_changes": [
            {
                "table": s.table,
                "column": s.column,
                "change": s.change,
                "before": s.before,
                "after": s.after,
                "breaking": s.breaking,
            }
            for s in changes.schema
        ],
    }


def render_changelog(changes: Changes) -> str:
    """CHANGELOG.md: what changed, for a reader who is not a programmer.

    Deterministic: every list follows the release's order or an explicit sort.
    """
    parts = [_title(changes)]
    breaking = [s for s in changes.schema if s.breaking]
    if breaking:
        parts.append(_breaking_section(changes, breaking))
    parts.append(_counts_section(changes))
    if changes.old_version is not None:
        parts.append(_notable_section(changes))
        parts.append(_schema_section(changes))
        parts.append(
            "Every change is listed in `changes.csv`: one row per added or removed record "
            "and per changed field (`table`, `key`, `change`, `field`, `old_value`, "
            "`new_value`)."
        )
    return "\n\n".join(parts) + "\n"


def _title(changes: Changes) -> str:
    """Heading and a one-paragraph summary."""
    if changes.old_version is None:
        rows = sum(t.rows_after or 0 for t in changes.tables)
        return (
            f"# Changes in release {changes.new_version} (first release)\n\n"
            f"This is the first release: there is no earlier release to compare it with. "
            f"It holds {_plural(rows, 'record')} in {_plural(len(changes.tables), 'table')}."
        )
    summary = changes_summary(changes)["total"]
    touched = sum(1 for _ in changed_tables(changes))
    if summary["records"]:
        text = (
            f"{_plural(summary['added'], 'record')} added, {summary['removed']:,} removed and "
            f"{summary['changed']:,} changed, in {touched:,} of "
            f"{_plural(len(changes.tables), 'table')}."
        )
    else:
        text = "No record was added, removed or changed."
    return (
        f"# Changes in release {changes.new_version} since release {changes.old_version}\n\n"
        f"Records are compared by their identifier (the table's primary key). {text}"
    )


def _plural(count: int, noun: str) -> str:
    """`1 record`, `2 records` (with thousands separators)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _breaking_section(changes: Changes, breaking: list[SchemaChange]) -> str:
    """The schema changes that can break scripts written for the previous release."""
    lines = [
        "## Breaking changes",
        "",
        f"Scripts written for release {changes.old_version} may need changing:",
        "",
    ]
    lines += [f"- {_describe_schema_change(s)}" for s in breaking]
    return "\n".join(lines)


def _describe_schema_change(change: SchemaChange) -> str:
    """One schema change as a sentence."""
    table, column = _code(change.table), _code(change.column or "")
    return {
        "table_added": f"{table}: new table",
        "table_removed": f"{table}: table removed",
        "column_added": f"{table}: new column {column} ({change.after})",
        "column_removed": f"{table}: column {column} removed (it was {change.before})",
        "retyped": f"{table}: column {column} changed type from {change.before} to {change.after}",
        "key_changed": f"{table}: primary key changed from ({change.before}) to ({change.after})",
    }.get(change.change, f"{table}: {change.change} {column}")


def _counts_section(changes: Changes) -> str:
    """A table of rows before and after, added, removed and changed, per table."""
    lines = [
        "## Records per table",
        "",
        "| table | rows before | rows after | added | removed | changed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in changes.tables:
        note = " (new)" if t.rows_before is None and changes.old_version else ""
        note = " (removed)" if t.rows_after is None else note
        cells = [_number(t.rows_before), _number(t.rows_after), *map(_number, _kinds(t))]
        lines.append(f"| {t.table}{note} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _kinds(t: TableChanges) -> tuple[int, int, int]:
    """(added, removed, changed)."""
    return t.added, t.removed, t.changed


def _number(value: int | None) -> str:
    """A count with thousands separators; a dash for "no such table"."""
    return "—" if value is None else f"{value:,}"


def _notable_section(changes: Changes) -> str:
    """Per changed table: records added and removed, most changed fields, examples."""
    blocks = ["## Notable changes"]
    for t in changed_tables(changes):
        examples = [e for e in changes.examples if e[0] == t.table]
        blocks.append(_table_notes(t, examples))
    if len(blocks) == 1:
        blocks.append("None: every record is the same as in the previous release.")
    return "\n\n".join(blocks)


def _table_notes(t: TableChanges, examples: list[Example]) -> str:
    """The notable changes of one table."""
    lines = [f"### {t.table}", ""]
    for kind, count in (("added", t.added), ("removed", t.removed)):
        if count:
            lines.append(_keys_line(kind, count, [e[1] for e in examples if e[2] == kind]))
    if t.changed:
        lines += _changed_lines(t, [e for e in examples if e[2] == "changed"])
    return "\n".join(lines)


def _keys_line(kind: str, count: int, keys: list[str]) -> str:
    """`- **Added** (3 records): `A`, `B` and 1 more`: the keys a reader can look up."""
    listed = ", ".join(_code(k) for k in keys)
    more = f" and {count - len(keys):,} more" if count > len(keys) else ""
    return f"- **{kind.capitalize()}** ({_plural(count, 'record')}): {listed}{more}"


def _changed_lines(t: TableChanges, examples: list[Example]) -> list[str]:
    """Changed records: the most changed fields (ties in contract order), a few examples."""
    top = sorted(t.fields_changed.items(), key=lambda item: -item[1])[:TOP_FIELDS]
    named = ", ".join(f"{_code(f)} ({n:,})" for f, n in top)
    more = len(t.fields_changed) - len(top)
    rest = f" and {_plural(more, 'other field')}" if more > 0 else ""
    changed = _plural(t.changed, "record")
    lines = [f"- **Changed** ({changed}). Fields changed most: {named}{rest}."]
    if examples:
        lines.append("- **Examples** (old → new):")
    for _, key, _, field, old, new in examples:
        lines.append(f"  - {_code(key)} {_code(field)}: {_value(old)} → {_value(new)}")
    return lines


def _value(text: str | None) -> str:
    """A value for the changelog: one line, shortened, `(empty)` for no value."""
    if text is None:
        return "(empty)"
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) > EXAMPLE_WIDTH:
        flat = flat[: EXAMPLE_WIDTH - 1].rstrip() + "…"
    return _code(flat)


def _code(text: str) -> str:
    """A Markdown code span that survives backticks inside the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _schema_section(changes: Changes) -> str:
    """Every schema change, additive ones included."""
    if not changes.schema:
        return "## Schema changes\n\nNone: every table has the same columns, types and keys."
    lines = ["## Schema changes", ""]
    for s in changes.schema:
        flag = " **(breaking)**" if s.breaking else ""
        lines.append(f"- {_describe_schema_change(s)}{flag}")
    return "\n".join(lines)


def changed_tables(changes: Changes) -> Iterable[TableChanges]:
    """Tables with at least one added, removed or changed record (release order)."""
    return (t for t in changes.tables if t.added or t.removed or t.changed)


def change_line(summary: dict[str, Any]) -> str:
    """One line for a run report: what changed since the previous release."""
    if summary.get("first_release"):
        return "changes: first release (nothing to compare with)"
    total = summary["total"]
    breaking = "; BREAKING schema changes" if summary.get("breaking") else ""
    return (
        f"changes since {summary['old_version']}: {total['added']} added, "
        f"{total['removed']} removed, {total['changed']} changed records{breaking}"
    )
