"""XLSX workbooks → the records the CSV path yields, so one row reader reads both.

OGP's export may arrive as a workbook rather than CSV. openpyxl reads it read-only (rows
streamed, formulas as their cached values); each cell becomes the text a CSV export of
the same sheet shows (`12`, not `12.0`; dates as ISO), so the readers see the same strings
whichever way the file came. A workbook is a table of positioned cells, not a stream of
delimited records: a short row only lacks trailing empty cells, and a cell right of the
header cannot shift other cells, so it is reported and left unread, not a ragged row.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape
from openpyxl.workbook.workbook import Workbook

from pipeline.raw.limits import MAX_UNZIPPED_BYTES, cap
from pipeline.raw.source_records import Reject

# A header sits in the first rows of a sheet; a sheet blank this far down holds no table.
SNIFF_ROWS = 50

HeaderTest = Callable[[list[str]], bool]
# (row number below the header, worksheet row, cells): what the row reader consumes.
Record = tuple[int, int, list[str]]


def cell_text(value: object) -> str:
    """A cell as a CSV export shows it: integral numbers without `.0`, dates in ISO, a
    carriage return as itself."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Excel stores control characters as `_x000D_`; openpyxl leaves them escaped.
        return unescape(value) if "_x" in value else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    return str(value)


MAX_ZIP_RATIO = 200


def open_workbook(data: bytes) -> Workbook | str:
    """The workbook, read-only with cached formula values, or why openpyxl cannot open it.

    openpyxl raises many kinds of error on a broken file (ZIP, XML, KeyError for a missing
    part) and warns about harmless oddities; none of that may escape a reader.
    """
    bomb = unzipped_too_large(data)
    if bomb:
        return bomb
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        return f"an XLSX workbook openpyxl cannot open ({type(error).__name__}: {error})"


def unzipped_too_large(data: bytes) -> str | None:
    """Why a ZIP must not be opened (a zip bomb), or None.

    The sizes its directory declares bound what Python's zipfile will ever inflate, so
    they are checked before anything is inflated: in total under OGP_MAX_UNZIPPED_BYTES
    (default 1 GiB), and no member inflating more than MAX_ZIP_RATIO times its size.
    """
    most = cap(MAX_UNZIPPED_BYTES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # not a readable ZIP: openpyxl says why
    total = sum(m.file_size for m in members)
    if total > most:
        return (
            f"a ZIP that would inflate to {total} bytes, over the cap of {most} bytes "
            f"({MAX_UNZIPPED_BYTES}): not opened (a zip bomb?)"
        )
    for member in members:
        if member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1) and (
            member.file_size > 1 << 20
        ):
            return (
                f"a ZIP whose part {member.filename!r} would inflate {member.compress_size} "
                f"bytes to {member.file_size} (over {MAX_ZIP_RATIO} times): not opened "
                "(a zip bomb?)"
            )
    return None


def _header_cells(values: tuple[object, ...]) -> list[str]:
    """Header names, trimmed, without the empty cells right of the last name."""
    names = [cell_text(value).strip() for value in values]
    while names and not names[-1]:
        names.pop()
    return names


def _first_names(rows: Iterator[tuple[object, ...]]) -> tuple[int, list[str]] | None:
    """Worksheet row and header names of the first non-blank row among `rows` (from row 1)."""
    for line, values in enumerate(rows, start=1):
        names = _header_cells(values)
        if names:
            return line, names
    return None


def sheet_headers(workbook: Workbook) -> Iterator[tuple[str, int, list[str]]]:
    """(sheet title, worksheet row, names) of each sheet's first non-blank row, in sheet order.

    Sheets with nothing in their first SNIFF_ROWS rows are skipped. Dimensions recorded
    in the file are ignored: some writers record wrong ones, and openpyxl would cut rows.
    """
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, max_row=SNIFF_ROWS, values_only=True)
        try:
            found = _first_names(rows)
        finally:
            rows.close()
        if found:
            yield sheet.title, *found


def find_header(workbook: Workbook, is_header: HeaderTest) -> tuple[str, int, list[str]] | None:
    """The first sheet whose first non-blank row passes `is_header`, with that row."""
    return next((found for found in sheet_headers(workbook) if is_header(found[2])), None)


def sheet_records(
    workbook: Workbook, title: str, header_line: int, width: int, problems: list[Reject]
) -> Iterator[Record]:
    """Each row below the header with its cells as text, padded to the header's width.

    A cell right of the header is a warning (once per column), not read; a sheet that
    breaks mid-way ends with a file-level error, rows before it kept. Closes the workbook.
    """
    sheet = workbook[title]
    sheet.reset_dimensions()
    reported: set[int] = set()
    line = header_line
    try:
        rows = sheet.iter_rows(min_row=header_line + 1, values_only=True)
        for line, values in enumerate(rows, start=header_line + 1):
            cells = [cell_text(value) for value in values[:width]]
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            elif len(values) > width:
                _report_extra(title, line, width, values, reported, problems)
            yield line - header_line, line, cells
    except Exception as error:
        reason = (
            f"sheet '{title}', line {line + 1}: the workbook cannot be read from here on "
            f"({type(error).__name__}: {error}); rest of sheet skipped"
        )
        problems.append(Reject("file", "error", reason))
    finally:
        workbook.close()


def _report_extra(
    title: str,
    line: int,
    width: int,
    values: tuple[object, ...],
    reported: set[int],
    problems: list[Reject],
) -> None:
    """Warn once per column about cells right of the header's last name."""
    for index in range(width, len(values)):
        if index in reported or not cell_text(values[index]).strip():
            continue
        reported.add(index)
        letter = get_column_letter(index + 1)
        reason = (
            f"sheet '{title}', column {letter} has cells right of the header's last column "
            f"(first at line {line}) but no header name; not read"
        )
        problems.append(Reject(f"column {letter}", "warning", reason))
