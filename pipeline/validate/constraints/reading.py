"""Load a release CSV into DuckDB as raw cell text, rows numbered as frictionless numbers them.

The table has `__row` (header = row 1), `__blank` (every cell missing: frictionless'
blank row) and the columns the caller selects over `r<i>`, the raw text of field i
('' kept as '', NULL only for a cell the record lacks). DuckDB reads the file when it
provably reads it as frictionless does: UTF-8 without a byte-order mark, the header's
labels (its cells stripped, as labels.py reads them) the schema's field names with no
cell spanning lines (the line-feed count takes the header as one line), no sniffed
initial-space rule, DuckDB's strict reader accepting every record and no line skipped
(counted by line feeds: DuckDB skips blank lines, frictionless reports them as blank
rows). A large file DuckDB will not read whole is read in pieces of whole records
(csv_pieces), under the same checks. Otherwise csv_mirror reads it in Python, which
also reports the header and record-shape problems frictionless reports (an empty first
line is then the header).
Not here: parsing values (values.py) or the checks (compile.py).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.contract import quote_ident, quote_literal
from pipeline.release.csv_pieces import PIECE_BYTES, NoRecordEnd, record_pieces, worth_reading_whole
from pipeline.release.reading import (
    LineFeeds,
    csv_header,
    feeds_inside_sql,
    read_csv_text,
    reads_every_line,
)
from pipeline.validate.constraints.csv_mirror import CsvReading, csv_reading, records
from pipeline.validate.constraints.labels import expected_fields, header_labels, label_violations
from pipeline.validate.constraints.spec import FieldSpec, TableSpec
from pipeline.validate.violations import Violation

LF = "chr(10)"
#: SELECT expressions for a table, given its fields in file order.
Columns = Callable[[tuple[FieldSpec, ...]], list[str]]
#: SELECT over one read_csv() source, given the rows read before it.
Body = Callable[[str, int], str]


class Unreadable(Exception):
    """The file cannot be read as a table at all; `violation` says why."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(violation.message)
        self.violation = violation


@dataclass
class LoadedTable:
    """A table loaded into DuckDB: its fields in column order, rows, and shape problems."""

    spec: TableSpec
    sql_name: str
    fields: tuple[FieldSpec, ...]
    rows: int
    violations: list[Violation] = field(default_factory=list)

    def field(self, name: str) -> FieldSpec | None:
        """The loaded field called `name` (None if the CSV has no such column)."""
        return next((f for f in self.fields if f.name == name), None)


def missing_sql(spec: FieldSpec, column: str | None = None) -> str:
    """SQL: the cell is missing (absent, or one of the field's missing values)."""
    column = column or spec.column
    if not spec.missing:
        return f"({column} IS NULL)"
    values = ", ".join(quote_literal(v) for v in spec.missing)
    return f"({column} IS NULL OR {column} IN ({values}))"


def load_table(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    spec: TableSpec,
    columns: Columns,
    sql_name: str,
) -> LoadedTable:
    """Load `path` as table `sql_name` with `__row`, `__blank` and the `columns` selected.

    `columns(fields)` gives SELECT expressions over the raw columns `r<i>` of the
    fields as the file lays them out (known only once its header is read).
    """
    try:
        reading = csv_reading(path, spec.encoding, spec.delimiter, spec.quote)
    except (UnicodeDecodeError, LookupError) as exc:
        raise Unreadable(_unreadable(spec, "encoding-error", exc)) from exc
    if _duckdb_agrees(path, spec, reading):
        for how in duckdb_readings(path):
            loaded = _load_with_duckdb(con, path, spec, columns, sql_name, how)
            if loaded is not None:
                return loaded
    return _load_with_python(con, path, spec, reading, columns, sql_name)


def duckdb_readings(path: Path) -> tuple[str, ...]:
    """The DuckDB readings to try, in order: the parallel reader refuses some valid
    files, and a large one is then read in pieces (a small one serially); a very large
    one in pieces straight away (csv_pieces.worth_reading_whole)."""
    if not worth_reading_whole(path):
        return ("pieces",)
    return ("parallel", "pieces" if path.stat().st_size > PIECE_BYTES else "serial")


def duckdb_reads_as_frictionless(path: Path, spec: TableSpec) -> bool:
    """Whether DuckDB's strict reader may read `path` (see the module docstring)."""
    try:
        reading = csv_reading(path, spec.encoding, spec.delimiter, spec.quote)
    except (OSError, UnicodeDecodeError, LookupError):
        return False
    return _duckdb_agrees(path, spec, reading)


def _unreadable(spec: TableSpec, rule: str, exc: Exception) -> Violation:
    """A table-level violation for a file that could not be read."""
    if rule == "encoding-error":
        message = f"The data source could not be successfully decoded: {exc}"
    else:
        message = f"The data source has not supported or has inconsistent contents: {exc}"
    return Violation(spec.name, None, {}, None, rule, None, message)


def _duckdb_agrees(path: Path, spec: TableSpec, reading: CsvReading) -> bool:
    """Whether DuckDB's reader can be trusted to read this file as frictionless would."""
    if reading.encoding != "utf-8" or reading.skip_initial_space:
        return False
    if len(spec.delimiter) != 1 or len(spec.quote) != 1 or not spec.fields:
        return False
    try:
        header = csv_header(path, spec.delimiter, spec.quote)
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    if header is None or any("\n" in cell or "\r" in cell for cell in header):
        return False
    return header_labels(header) == [f.name for f in spec.fields]


def row_select(fields: tuple[FieldSpec, ...], columns: Columns) -> str:
    """`__blank`, `__hash` and the selected columns, over a source with every `r<i>` column.

    `__hash` digests the row's raw cells: the Parquet checks compare it with the same
    digest of the Parquet row (parquet.py) without reading the CSV a second time.
    """
    blank = " AND ".join(missing_sql(f) for f in fields) or "false"
    digest = f"hash({', '.join(f.column for f in fields)})" if fields else "0"
    return ", ".join([f"{blank} AS __blank", f"{digest} AS __hash", *columns(fields)])


def _load_with_duckdb(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    spec: TableSpec,
    columns: Columns,
    sql_name: str,
    how: str,
) -> LoadedTable | None:
    """DuckDB's strict reading with rows numbered, or None when read_with_duckdb fails."""
    select = f"{row_select(spec.fields, columns)}, {feeds_inside_sql(_names(spec))} AS __feeds"

    def body(source: str, rows_before: int) -> str:
        number = f"row_number() OVER () + {rows_before + 1} AS __row"
        return f"SELECT {number}, {select} FROM {source}"

    rows = read_with_duckdb(con, path, spec, body, sql_name, how)
    if rows is None:
        return None
    con.execute(f"ALTER TABLE {quote_ident(sql_name)} DROP COLUMN __feeds")
    return LoadedTable(spec, sql_name, spec.fields, rows)


def _names(spec: TableSpec) -> list[str]:
    """The raw columns `r<i>` of a table's fields, in file order."""
    return [f.column for f in spec.fields]


def read_with_duckdb(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    spec: TableSpec,
    body: Body,
    sql_name: str,
    how: str,
    line_feeds: LineFeeds | None = None,
) -> int | None:
    """Fill temporary table `sql_name` with `body` over DuckDB's strict reading of `path`;
    the rows read, or None (and no table) when the reading fails or did not read every line.

    `body(source, rows_before)` is the SELECT over one read_csv() source with every raw
    column `r<i>`, given the rows read before it; it must select `__feeds`, the line
    feeds inside the row's cells. `how`: "parallel" or "serial" reads the file whole;
    "pieces" reads it cut into files of whole records (csv_pieces), each read in
    parallel or else serially, in order.
    The check: the file's line feeds must be one per record (header included) plus
    those inside cells. It catches the blank lines DuckDB skips (frictionless reports
    them) and any other line DuckDB would drop silently (CR line ends read as nothing).
    It reads every column, which `__blank` needs anyway. The same check makes the
    serial reader safe (a row it drops for an unterminated quote takes its line feeds
    along) and the pieces (a cut inside a malformed record loses or splits lines).
    `line_feeds` counts the file's (default: read it now).
    """
    names = _names(spec)
    table = quote_ident(sql_name)
    loaded = _Loading(con, table, body)

    def read(source: Path, parallel: bool, header: bool) -> str:
        return read_csv_text(
            source,
            names,
            spec.delimiter,
            spec.quote,
            keep_empty=True,
            parallel=parallel,
            header=header,
        )

    try:
        if how == "pieces":
            with tempfile.TemporaryDirectory(prefix="ogp-validate-") as folder:
                for piece in record_pieces(path, Path(folder), spec.quote, PIECE_BYTES):
                    loaded.add([read(piece, True, False), read(piece, False, False)])
                    piece.unlink()
        else:
            loaded.add([read(path, how == "parallel", True)])
        [(rows, inside)] = con.execute(
            f"SELECT count(*), coalesce(sum(__feeds), 0) FROM {table}"
        ).fetchall()
    except (duckdb.Error, NoRecordEnd):
        con.execute(f"DROP TABLE IF EXISTS {table}")
        return None
    if not reads_every_line(path, rows, inside, line_feeds):
        con.execute(f"DROP TABLE {table}")
        return None
    return int(rows)


@dataclass
class _Loading:
    """A temporary table filled from one source after another, in order."""

    con: duckdb.DuckDBPyConnection
    table: str
    body: Body
    rows: int = 0
    created: bool = False

    def add(self, readings: list[str]) -> None:
        """Append the rows of the first of `readings` (ways to read the same records)
        that DuckDB reads; the last one's error if none does."""
        for attempt, source in enumerate(readings, start=1):
            body = self.body(source, self.rows)
            sql = (
                f"INSERT INTO {self.table} {body}"
                if self.created
                else f"CREATE TEMP TABLE {self.table} AS {body}"
            )
            try:
                self.con.execute(sql)
            except duckdb.Error:
                if attempt == len(readings):
                    raise
                continue
            self.created = True
            self.rows = int(self.con.execute(f"SELECT count(*) FROM {self.table}").fetchall()[0][0])
            return


def _load_with_python(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    spec: TableSpec,
    reading: CsvReading,
    columns: Columns,
    sql_name: str,
) -> LoadedTable:
    """csv_mirror's reading, with the header and record-shape violations it finds."""
    try:
        stream = records(path, reading)
        record = next(stream, None)
        if record is None:
            raise Unreadable(_unreadable(spec, "source-error", ValueError("the source is empty")))
        labels = header_labels(record)
        fields = expected_fields(spec, labels)
        width = len(fields)
        numbers: list[int] = []
        texts: list[list[str | None]] = [[] for _ in fields]
        shape: list[Violation] = []
        for number, cells in enumerate(stream, start=2):
            numbers.append(number)
            for index, values in enumerate(texts):
                values.append(cells[index] if index < len(cells) else None)
            if len(cells) != width:
                shape.extend(_shape_violations(spec, fields, number, cells))
    except UnicodeDecodeError as exc:
        raise Unreadable(_unreadable(spec, "encoding-error", exc)) from exc
    except csv.Error as exc:
        raise Unreadable(_unreadable(spec, "source-error", exc)) from exc
    arrays = {"__row": pa.array(numbers, pa.int64())}
    arrays.update({f.column: pa.array(v, pa.string()) for f, v in zip(fields, texts, strict=True)})
    view = f"{sql_name}_source"
    con.register(view, pa.table(arrays))
    try:
        con.execute(
            f"CREATE TEMP TABLE {quote_ident(sql_name)} AS SELECT __row, "
            f"{row_select(fields, columns)} FROM {quote_ident(view)}"
        )
    finally:
        con.unregister(view)
    blank = {
        r for (r,) in con.sql(f"SELECT __row FROM {quote_ident(sql_name)} WHERE __blank").fetchall()
    }
    kept = [v for v in shape if v.row_number not in blank]  # a blank row is reported as such
    found = label_violations(spec, labels) if labels != [f.name for f in spec.fields] else []
    return LoadedTable(spec, sql_name, fields, len(numbers), found + kept)


def _shape_violations(
    spec: TableSpec, fields: tuple[FieldSpec, ...], number: int, cells: list[str]
) -> list[Violation]:
    """extra-cell per surplus cell, missing-cell per absent one (frictionless' errors)."""
    positions = {f.name: f.index for f in fields}
    key = {
        name: cells[positions[name]]
        for name in spec.primary_key
        if name in positions and positions[name] < len(cells)
    }
    found: list[Violation] = []
    for position in range(len(fields), len(cells)):
        message = (
            f'Row at position "{number}" has an extra value in field at position "{position + 1}"'
        )
        found.append(
            Violation(spec.name, number, key, None, "extra-cell", cells[position], message)
        )
    for missing in fields[len(cells) :]:
        message = (
            f'Row at position "{number}" has a missing cell in field "{missing.name}" '
            f'at position "{missing.index + 1}"'
        )
        found.append(Violation(spec.name, number, key, missing.name, "missing-cell", "", message))
    return found
