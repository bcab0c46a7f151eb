"""Run a release's compiled constraint checks in DuckDB and collect located violations.

First the screen (screen.py) proves in one pass per file the tables that are clean.
Every other CSV is loaded once (reading.py), typed once (values.py), then each check
of compile.py is one query over it; the tables its foreign keys reference are loaded
too. Violations come back in frictionless' order (table, row, then position within the
row) and, like frictionless' `limit_errors`, at most LIMIT_ERRORS per table are listed.
DuckDB works in a throwaway in-memory database that spills to a temporary folder, never
next to the release.
Not here: the descriptor, file hashes, Parquet and SHA256SUMS (pipeline/validate/validator.py).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline.db import connect
from pipeline.release import safe_cells
from pipeline.release.reading import LineFeeds, parquet_path, release_path
from pipeline.validate.constraints.compile import (
    CELL,
    EXTRA_CELL,
    FOREIGN_KEY,
    MISSING_CELL,
    Check,
    compile_checks,
    key_columns,
    needed_fields,
)
from pipeline.validate.constraints.parquet import first_differing_row
from pipeline.validate.constraints.reading import LoadedTable, Unreadable, load_table
from pipeline.validate.constraints.screen import screen_tables
from pipeline.validate.constraints.spec import TableSpec, table_spec
from pipeline.validate.constraints.values import complete_values, load_columns
from pipeline.validate.violations import Violation

#: Violations listed per table (frictionless' default `limit_errors`).
LIMIT_ERRORS = 1000
Order = tuple[int, int, int, int]


@dataclass
class DataResult:
    """What the data checks found: violations, rows read per table, warnings."""

    violations: list[Violation] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Per table whose Parquet file was compared: the first row that differs, or None.
    parquet: dict[str, int | None] = field(default_factory=dict)
    #: Tables the screen proved clean, never loaded (constraints/screen.py).
    screened: set[str] = field(default_factory=set)


def _with_references(checked: list[TableSpec], specs: list[TableSpec]) -> list[TableSpec]:
    """`checked` plus the tables their foreign keys reference, in descriptor order."""
    wanted = {s.name for s in checked}
    wanted.update(fk.resource for s in checked for fk in s.foreign_keys)
    return [s for s in specs if s.name in wanted]


def check_data(
    root: Path,
    descriptor: dict[str, Any],
    skip: set[str],
    parquet: Path | None = None,
    line_feeds: LineFeeds | None = None,
) -> DataResult:
    """Check every resource's CSV except those in `skip` (missing files, already reported).

    With a `parquet` folder, each table's `<name>.parquet` there is compared with the
    CSV, row by row: by the screen's digests, or with the loaded CSV
    (constraints/parquet.py) to locate a difference. `line_feeds` counts a file's line
    feeds for the screen (validator.py passes the counts its hashing thread takes).
    """
    resources = [r for r in descriptor.get("resources") or [] if isinstance(r, dict)]
    specs = [table_spec(position, r) for position, r in enumerate(resources)]
    result = DataResult()
    found: dict[str, list[tuple[Order, Violation]]] = {s.name: [] for s in specs}
    with tempfile.TemporaryDirectory(prefix="validate-") as spill:
        con = connect(spill=spill)
        try:
            safe = safe_cells.declared(descriptor)
            screening = screen_tables(con, root, specs, skip, parquet, safe, line_feeds)
            result.screened = set(screening.clean)
            result.rows.update(screening.clean)
            result.parquet.update({n: None for n, same in screening.parquet_same.items() if same})
            checked = [s for s in specs if s.name not in screening.clean]
            wanted = _with_references(checked, specs)
            needed = needed_fields(specs)
            tables = _load_all(con, root, wanted, needed, skip, found, result)
            names = {s.name for s in specs}
            to_check = [t for t in tables.values() if t.spec.name not in screening.clean]
            for step in (_complete_values, _run_checks):  # every value before any check
                for table in to_check:
                    listed = found[table.spec.name]
                    try:
                        listed.extend(step(con, table, tables, needed[table.spec.name]))
                    except Exception as exc:  # one table's failure must not hide the others'
                        message = f"the checks of {table.spec.name} could not run: {exc}"
                        violation = Violation(
                            table.spec.name, None, {}, None, "validator", None, message
                        )
                        listed.append(((-1, 0, 0, 0), violation))
            for table in to_check:
                found[table.spec.name].extend(_unchecked_references(table, tables, names, skip))
            if parquet is not None:
                unsettled = {t.spec.name: t for t in to_check if t.spec.name not in result.parquet}
                result.parquet.update(_compare_parquet(con, unsettled, parquet, safe))
        finally:
            con.close()
    result.rows = {s.name: result.rows[s.name] for s in specs if s.name in result.rows}
    for spec in specs:
        listed = sorted(found[spec.name], key=lambda pair: pair[0])
        if len(listed) > LIMIT_ERRORS:
            result.warnings.append(
                f"{spec.name}: more than {LIMIT_ERRORS} violations, only the first "
                f"{LIMIT_ERRORS} are listed"
            )
        result.violations.extend(v for _, v in listed[:LIMIT_ERRORS])
    return result


def _complete_values(
    con: duckdb.DuckDBPyConnection,
    table: LoadedTable,
    _tables: dict[str, LoadedTable],
    kept: set[str],
) -> list[tuple[Order, Violation]]:
    """Parse in Python what SQL left open (frictionless-read fields report errors here)."""
    found = complete_values(con, table, kept, key_columns(table))
    return [(_order_of(table, v), v) for v in found]


def _run_checks(
    con: duckdb.DuckDBPyConnection,
    table: LoadedTable,
    tables: dict[str, LoadedTable],
    _kept: set[str],
) -> list[tuple[Order, Violation]]:
    """Run a table's compiled checks (foreign keys read the referenced tables' values)."""
    return _run(con, table, compile_checks(table, tables))


def _load_all(
    con: duckdb.DuckDBPyConnection,
    root: Path,
    specs: list[TableSpec],
    needed: dict[str, set[str]],
    skip: set[str],
    found: dict[str, list[tuple[Order, Violation]]],
    result: DataResult,
) -> dict[str, LoadedTable]:
    """Load every readable table of `specs` with its `needed` fields; an unreadable one
    becomes a violation of its own."""
    tables: dict[str, LoadedTable] = {}
    for spec in specs:
        if spec.name in skip or spec.name in tables:
            continue
        name = f"t{spec.position}"
        try:
            path = release_path(root, spec.path)
            kept = needed[spec.name]
            table = load_table(
                con, path, spec, lambda fields, kept=kept: load_columns(fields, kept), name
            )
        except Unreadable as exc:
            found[spec.name].append(((-1, 0, 0, 0), exc.violation))
            continue
        except (OSError, ValueError, duckdb.Error) as exc:
            message = f"could not read {spec.path}: {exc}"
            found[spec.name].append(
                ((-1, 0, 0, 0), Violation(spec.name, None, {}, None, "source-error", None, message))
            )
            continue
        tables[spec.name] = table
        result.rows[spec.name] = table.rows
        found[spec.name].extend((_order_of(table, v), v) for v in table.violations)
    return tables


def _compare_parquet(
    con: duckdb.DuckDBPyConnection, tables: dict[str, LoadedTable], folder: Path, safe: bool
) -> dict[str, int | None]:
    """First differing row per table with a Parquet file and a CSV of the schema's fields."""
    compared: dict[str, int | None] = {}
    for name, table in tables.items():
        try:
            file = parquet_path(folder.parent, name)
        except ValueError:
            continue  # validator.py reports the name
        if not file.is_file() or [f.name for f in table.fields] != [
            f.name for f in table.spec.fields
        ]:
            continue
        try:
            compared[name] = first_differing_row(con, table, file, safe)
        except duckdb.Error:
            continue  # validator.py compares it the slow way and reports what fails
    return compared


def _unchecked_references(
    table: LoadedTable, tables: dict[str, LoadedTable], names: set[str], skip: set[str]
) -> list[tuple[Order, Violation]]:
    """A violation per foreign key whose referenced table is absent or unreadable."""
    found = []
    for number, fk in enumerate(table.spec.foreign_keys):
        if fk.resource in tables:
            continue
        if fk.resource in skip:
            reason = "has no file"
        elif fk.resource in names:
            reason = "could not be read"
        else:
            reason = "is not in the descriptor"
        fields = ", ".join(fk.fields)
        message = f'foreign key "{fields}" cannot be checked: table "{fk.resource}" {reason}'
        violation = Violation(table.spec.name, None, {}, fields, "foreign-key", None, message)
        found.append(((-1, FOREIGN_KEY, number, 0), violation))
    return found


def _run(
    con: duckdb.DuckDBPyConnection, table: LoadedTable, checks: list[Check]
) -> list[tuple[Order, Violation]]:
    """Run a table's checks; each result row (kept by its Python test, if any) is a violation.

    The checks' queries are sent together (UNION ALL, each tagged with its index):
    per-query overhead, not the scans, dominates small tables.
    """
    if not checks:
        return []
    parts = [
        f"SELECT {number} AS __check, * FROM "
        f"({check.sql}{'' if check.keep else f' LIMIT {LIMIT_ERRORS + 1}'})"
        for number, check in enumerate(checks)
    ]
    names = [name for name, _ in key_columns(table)]
    found = []
    for number, row, value, note, *cells in con.execute(" UNION ALL ".join(parts)).fetchall():
        check = checks[number]
        if check.keep is not None and not check.keep(value):
            continue
        key = {name: cell for name, cell in zip(names, cells, strict=True) if cell is not None}
        if check.rule == "primary-key":
            value = ", ".join(key.values())  # as frictionless shows it: the key's cells
        shown = None if check.rule == "blank-row" else value
        message = check.message(row, value, note)
        violation = Violation(table.spec.name, row, key, check.field, check.rule, shown, message)
        found.append(((row, *check.order), violation))
    return found


def _order_of(table: LoadedTable, violation: Violation) -> Order:
    """Sort key of a violation made outside the compiled checks (header, shape, reader)."""
    if violation.row_number is None:
        return (-1, 0, 0, 0)
    loaded = table.field(violation.field or "")
    position = loaded.index if loaded is not None else 0
    phase = {"extra-cell": EXTRA_CELL, "missing-cell": MISSING_CELL}.get(violation.rule, CELL)
    return (violation.row_number, phase, position, -1 if violation.rule == "type" else 0)
