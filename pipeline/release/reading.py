"""Reading a published release's CSV tables as text, in DuckDB, through its own descriptor.

The quality report, the landing page and the change log all describe what was published,
so they read the files one way: every column as VARCHAR under the descriptor's field
names, no sniffing (a guessed dialect or type could alter a value, and an empty table
would lose its columns), an empty cell as NULL, a text cell escaped against spreadsheet
formulas (safe_cells) read back to its value. A descriptor may be hand-edited, so no
path in it may lead outside the release folder. Not here: writing releases (build.py).
"""

from __future__ import annotations

import atexit
import csv
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb

from pipeline.contract import quote_ident, quote_literal
from pipeline.db import connect
from pipeline.digests import count_line_feeds
from pipeline.release import safe_cells
from pipeline.release.csv_pieces import PIECE_BYTES, NoRecordEnd, record_pieces, worth_reading_whole


def release_path(release: Path, relative: str) -> Path:
    """A descriptor's POSIX path inside `release`; ValueError naming it if it would leave."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        raise ValueError(f"path {relative!r} leaves the release folder {release}")
    return release.joinpath(*pure.parts)


# A Data Package resource name: what a table's Parquet file may be named after.
_RESOURCE_NAME = re.compile(r"^[a-z0-9._-]+$")


def parquet_path(release: Path, name: str) -> Path:
    """`parquet/<name>.parquet` of a resource; ValueError if `name` is no Data Package
    name (a descriptor under validation must not point the validator outside)."""
    if not _RESOURCE_NAME.match(name) or name in {".", ".."}:
        raise ValueError(f"resource name {name!r} is not a Data Package name")
    return release / "parquet" / f"{name}.parquet"


def read_csv_text(
    path: Path | Sequence[Path],
    columns: Sequence[str],
    delimiter: str = ",",
    quote: str = '"',
    *,
    keep_empty: bool = False,
    parallel: bool = True,
    header: bool = True,
) -> str:
    """SQL read_csv() of a published CSV: header skipped, `columns` as VARCHAR, '' = NULL.

    Columns are named by position, so check_header first; `quote` doubles as the
    escape (RFC 4180) and lines end in LF, as publish writes them. `parallel = False`
    only after checking what the serial reader read (see csv_source): it silently
    drops a row with an unterminated quote. `header = False` reads files of records
    only: pieces cut by csv_pieces, `path` then listing them in order.
    `keep_empty` reads an empty cell as '' instead (NULL then never occurs): validation
    applies a field's own missing values, which need not include ''. The null string is
    then a lone LF, which an unquoted cell cannot hold, and quoted cells are never null.
    """
    types = ", ".join(f"{quote_literal(c)}: 'VARCHAR'" for c in columns)
    empty = (
        f", nullstr = {quote_literal(chr(10))}, allow_quoted_nulls = false" if keep_empty else ""
    )
    files = (
        quote_literal(str(path))
        if isinstance(path, Path)
        else "[" + ", ".join(quote_literal(str(p)) for p in path) + "]"
    )
    return (
        f"read_csv({files}, header = {str(header).lower()}, "
        f"auto_detect = false, all_varchar = true, columns = {{{types}}}, "
        f"delim = {quote_literal(delimiter)}, "
        f"quote = {quote_literal(quote)}, escape = {quote_literal(quote)}, new_line = '\\n', "
        f"parallel = {str(parallel).lower()}{empty})"
    )


def csv_source(path: Path, columns: Sequence[str], delimiter: str = ",", quote: str = '"') -> str:
    """read_csv_text with a reading that reads this file whole.

    DuckDB 2.0's parallel reader refuses some well-formed files whose quoted cells hold
    line breaks ("does not support a full read on this file"; met on a 490 MB
    commitments.csv), and its serial reader runs out of memory on a 4.9 GB one under
    the pipeline's limit. A large refused file is cut into pieces of whole records
    (csv_pieces), kept in a temporary folder while the process lives, and read as a
    list; a small one is read serially. A reading other than the parallel one of the
    file is used only once shown to have read every line: its rows plus the line feeds
    inside its cells must account for every line feed of the file. The choice is made
    once per file version and process.
    """
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, tuple(columns), delimiter, quote)
    if key not in _READINGS:
        _READINGS[key] = _reading(path, columns, delimiter, quote)
    return _READINGS[key]


_READINGS: dict[tuple[object, ...], str] = {}
_REFUSED = "Parallel CSV Reader"


def _reading(path: Path, columns: Sequence[str], delimiter: str, quote: str) -> str:
    """The read_csv() SQL csv_source settles on for this file (see there). An error other
    than the parallel reader's refusal is left to the query that reads the file."""
    whole = read_csv_text(path, columns, delimiter, quote)
    if worth_reading_whole(path) and not _refused(whole):
        return whole
    if path.stat().st_size > PIECE_BYTES:
        pieces = _cut(path, quote)
        for parallel in (True, False):
            source = read_csv_text(
                pieces, columns, delimiter, quote, parallel=parallel, header=False
            )
            if parallel and _refused(source):
                continue
            check_reading(path, source, columns)
            return source
    serial = read_csv_text(path, columns, delimiter, quote, parallel=False)
    check_reading(path, serial, columns)
    return serial


def _refused(source: str) -> bool:
    """Whether DuckDB's parallel reader refuses to read `source` whole, or cannot within
    the memory limit."""
    with connect() as con:
        try:
            con.execute(f"SELECT count(*) FROM {source}").fetchall()
        except duckdb.OutOfMemoryException:
            return True
        except duckdb.Error as error:
            return _REFUSED in str(error)
    return False


def _cut(path: Path, quote: str) -> list[Path]:
    """`path`'s records in pieces, in a folder removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="ogp-csv-pieces-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    try:
        return list(record_pieces(path, folder, quote, PIECE_BYTES))
    except NoRecordEnd as exc:
        raise ValueError(f"DuckDB cannot read this CSV whole: {exc}") from exc


def check_serial_reading(
    path: Path, columns: Sequence[str], delimiter: str = ",", quote: str = '"'
) -> None:
    """ValueError naming the file unless DuckDB's serial reader reads every line of it."""
    check_reading(path, read_csv_text(path, columns, delimiter, quote, parallel=False), columns)


def check_reading(path: Path, source: str, columns: Sequence[str]) -> None:
    """ValueError naming the file unless `source` (a reading of it) reads every line
    (reads_every_line)."""
    with connect() as con:
        try:
            [(rows, feeds)] = con.execute(
                f"SELECT count(*), coalesce(sum({feeds_inside_sql(columns)}), 0) FROM {source}"
            ).fetchall()
        except duckdb.Error as error:
            raise ValueError(f"{path}: DuckDB cannot read this CSV: {error}") from error
    if not reads_every_line(path, rows, feeds):
        raise ValueError(
            f"{path}: DuckDB cannot read this CSV whole (its parallel reader refuses it, and "
            f"the {rows} rows another reading reads do not account for the file's lines)"
        )


def feeds_inside_sql(columns: Sequence[str]) -> str:
    """SQL: the number of line feeds inside a row's cells (a missing cell holds none)."""
    lf = "chr(10)"
    return (
        " + ".join(
            f"CASE WHEN contains({c}, {lf}) THEN strlen({c}) - strlen(replace({c}, {lf}, '')) "
            "ELSE 0 END"
            for c in map(quote_ident, columns)
        )
        or "0"
    )


#: A file's (line feeds, whether it ends with one).
LineFeeds = Callable[[Path], tuple[int, bool]]


def reads_every_line(
    path: Path, rows: int, feeds_inside: int, line_feeds: LineFeeds | None = None
) -> bool:
    """Whether a reading of `path` giving `rows` records with `feeds_inside` line feeds in
    their cells read every line of it: the header's line, one per record and those inside
    cells must be the file's line feeds. It catches what a reader drops silently: blank
    lines, a row with an unterminated quote (its line feeds go with it), CR line ends.
    `line_feeds` counts the file's (default: count_line_feeds, reading it now)."""
    in_file, final = (line_feeds or count_line_feeds)(path)
    return in_file == 1 + rows + feeds_inside - (0 if final else 1)


def csv_header(path: Path, delimiter: str = ",", quote: str = '"') -> list[str] | None:
    """A CSV file's first record (None when the file is empty); OSError if unreadable."""
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle, delimiter=delimiter, quotechar=quote), None)


def check_header(
    path: Path, columns: Sequence[str], delimiter: str = ",", quote: str = '"'
) -> None:
    """ValueError naming the file when its header is not `columns`, in order.

    read_csv_text names columns by position: a file that does not match its descriptor
    would have its values counted under the wrong names.
    """
    header = csv_header(path, delimiter, quote)
    if header != list(columns):
        raise ValueError(f"{path}: header {header} is not the descriptor's fields {list(columns)}")


def unescaped(source: str, columns: Sequence[str], text: Sequence[str]) -> str:
    """`source` (a reading of a CSV with `columns`) as a subquery giving the true values of
    the `text` columns, whose cells the release escaped (safe_cells); `source` if none."""
    if not text:
        return source
    select = ", ".join(
        f"{safe_cells.unescape_sql(quote_ident(c))} AS {quote_ident(c)}"
        if c in text
        else quote_ident(c)
        for c in columns
    )
    return f"(SELECT {select} FROM {source})"


def escaped_fields(descriptor: dict[str, Any], resource: dict[str, Any]) -> list[str]:
    """The names of the resource's fields whose CSV cells are escaped (safe_cells): its
    text fields, when the release descriptor declares the rule; none otherwise."""
    if not safe_cells.declared(descriptor):
        return []
    fields = (resource.get("schema") or {}).get("fields") or []
    return [
        f["name"] for f in fields if isinstance(f, dict) and "name" in f and safe_cells.is_text(f)
    ]


def csv_dialect(resource: dict[str, Any]) -> tuple[str, str]:
    """(delimiter, quote character) a resource declares; RFC 4180's when it declares none."""
    dialect = resource.get("dialect") or {}
    return dialect.get("delimiter", ","), dialect.get("quoteChar", '"')


def field_names(resource: dict[str, Any]) -> list[str]:
    """A resource's field names in column order (fields without a name are skipped)."""
    fields = (resource.get("schema") or {}).get("fields") or []
    return [f["name"] for f in fields if isinstance(f, dict) and "name" in f]


def create_text_views(
    con: duckdb.DuckDBPyConnection,
    release: Path,
    descriptor: dict[str, Any],
    *,
    missing_ok: bool = False,
) -> None:
    """One view per named resource, called after its table, over its CSV as text.

    Views, not tables: DuckDB streams each file in the query that reads it. A header
    other than the descriptor's fields raises ValueError naming the file. A table whose
    file is absent (or whose path leaves the release) raises too, unless `missing_ok`:
    then it is an empty view with the descriptor's columns, so a page can say zero.
    """
    for resource in descriptor.get("resources") or []:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            continue
        view = quote_ident(resource["name"])
        columns = field_names(resource)
        path = _table_file(release, resource, missing_ok)
        if path is None or (missing_ok and not columns):
            con.execute(f"CREATE VIEW {view} AS {_empty_select(columns)}")
            continue
        delimiter, quote = csv_dialect(resource)
        check_header(path, columns, delimiter, quote)
        source = csv_source(path, columns, delimiter, quote)
        source = unescaped(source, columns, escaped_fields(descriptor, resource))
        con.execute(f"CREATE VIEW {view} AS SELECT * FROM {source}")


def _table_file(release: Path, resource: dict[str, Any], missing_ok: bool) -> Path | None:
    """The resource's CSV (default `csv/<name>.csv`); None if `missing_ok` and it is not there."""
    relative = resource.get("path") or f"csv/{resource['name']}.csv"
    if not missing_ok:
        return release_path(release, relative)
    if not isinstance(relative, str):
        return None
    try:
        path = release_path(release, relative)
    except ValueError:
        return None
    return path if path.is_file() else None


def _empty_select(columns: Sequence[str]) -> str:
    """A SELECT of no rows with these text columns (one dummy column when there are none)."""
    nulls = ", ".join(f"CAST(NULL AS VARCHAR) AS {quote_ident(c)}" for c in columns or ["_"])
    return f"SELECT {nulls} WHERE false"
