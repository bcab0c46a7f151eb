"""Reader of OGP's commitments export (CSV or XLSX): one ExportRow per commitment row.

The export is OGP's own spreadsheet, saved as CSV (171 columns, CRLF rows, bare LF
inside quoted cells, about 86 binary policy-area columns) or kept as a workbook. The
reader keeps cell text as found (the SQL maps codes) and only does what needs the row at
hand: the commitment ID (with the URL as a fallback), loose dates, institution lists and
policy-area flags. Every problem becomes a Reject; nothing raises on bad content. Built
for a million rows: one pass, column positions worked out once from the header.

The archival OGP Explorer CSV holds a subset of the same columns (two named differently)
and no commitment ID: `read_explorer` reads it with the same row reader, asking a caller's
function for each row's ID (pipeline.raw.identifiers.explorer_ids matches rows to known
commitments).

OGP renames and drops columns: every file's header is compared with its format's
columns (vocab/export_columns.csv, the policy areas' export columns): the columns it
lacks are one warning, each column the reader does not know one warning, and the file's
column coverage (`ExportReadResult.columns`) goes into the release's quality report. A
header without the columns that identify a row is rejected as a whole, saying so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Literal, TextIO

from pipeline.raw.encodings import NotText, decode_text
from pipeline.raw.fields.dates import LooseDate, numeric_order, parse_loose_date
from pipeline.raw.fields.institutions import contact_details, split_roles
from pipeline.raw.readers.xlsx import Record, find_header, open_workbook, sheet_records
from pipeline.raw.source_records import (
    ExportInstitution,
    ExportPolicyArea,
    ExportReadResult,
    ExportRow,
    HeaderColumn,
    Reject,
    Severity,
)
from pipeline.raw.utf8 import first_invalid_byte
from pipeline.textutil import COMMITMENT_ID_RE, fold
from pipeline.vocabulary import placeholder_reasons, read_vocab

# No OGP cell comes near this (the sample's longest, a Full Text, has 16,156 characters); a
# cell this long is an unclosed quote swallowing the file.
MAX_CELL_CHARS = 1_000_000
# Bytes read at a time from a file on disk, and data records read between two hand-overs
# of the rows to the caller: what bounds the reader's memory whatever the file's size.
STREAM_CHUNK = 1 << 20
BATCH_ROWS = 5_000
ID_HEADER = "Commitment Unique Identifier"
URL_HEADER = "URL"
START_HEADER = "Start Date"
END_HEADER = "End Date"
LEAD_HEADER = "Lead Institution"
SUPPORT_HEADER = "Supporting Institution(s)"
EXPLORER_MARKS = ("Comm No", "Short Title")
#: A header without its format's identifying columns that still names this many columns
#: of the export or the Explorer is taken for one (renamed or dropped columns), so that
#: its file is rejected saying what is missing rather than as unrecognised.
DRIFT_MIN_COLUMNS = 4
#: Columns named in a warning about missing ones (the count says how many there are).
MISSING_SHOWN = 10
HeaderKind = Literal["ogp_export", "ogp_explorer"]
# A commitment ID for an Explorer row's values, or None, with what was tried.
IdFinder = Callable[[Mapping[str, str | None]], tuple[str | None, str]]

_URL_ID = re.compile(r"/commitments/([a-z]{2,4}\d{4})/?(?:[?#].*)?$", re.IGNORECASE)
_NO_AREA = frozenset({"0", "", "NA"})
_AREA_VALUES = frozenset({"1", "ND"})
Role = Literal["lead", "support"]
#: Receives each batch of a file read in batches (rows, their institutions and areas, rejects).
BatchHandler = Callable[[ExportReadResult], None]


@cache
def export_columns() -> dict[str, str]:
    """Export header → snake_case raw column name (vocab/export_columns.csv)."""
    return {r["header"]: r["column"] for r in read_vocab("export_columns")}


@cache
def policy_area_headers() -> frozenset[str]:
    """Headers of the export's binary policy-area columns (policy_areas.csv `export_column`)."""
    return frozenset(r["export_column"] for r in read_vocab("policy_areas") if r["export_column"])


@cache
def explorer_columns() -> dict[str, str]:
    """The archival Explorer's header → raw column name (export_columns.csv's
    `explorer_header`: the Explorer holds eleven of the export's columns)."""
    return {
        r["explorer_header"]: r["column"]
        for r in read_vocab("export_columns")
        if r["explorer_header"]
    }


@cache
def explorer_aliases() -> dict[str, str]:
    """The Explorer's own names for export columns (`Country`, `Comm No`) → raw column."""
    return {h: c for h, c in explorer_columns().items() if h not in export_columns()}


@cache
def format_columns(kind: HeaderKind) -> dict[str, str]:
    """Every column of a format, header → the field it holds (a raw column name, or for
    a policy-area column its header): the 171 of the export, the Explorer's eleven."""
    if kind == "ogp_explorer":
        return explorer_columns()
    areas = sorted(policy_area_headers())
    return {**export_columns(), **{header: header for header in areas}}


def header_kind(names: Collection[str]) -> HeaderKind | None:
    """What a header row (cell names, trimmed) makes a table: an OGP export (it has the ID
    column), an Explorer table (both its marks), or neither; the sources recognise files
    by it. A header lacking those but naming DRIFT_MIN_COLUMNS columns of either format
    is that format's, renamed or cut: its reader rejects it saying what is missing."""
    present = set(names)
    if ID_HEADER in present:
        return "ogp_export"
    if all(mark in present for mark in EXPLORER_MARKS):
        return "ogp_explorer"
    known = present & (set(format_columns("ogp_export")) | set(explorer_columns()))
    if len(known) < DRIFT_MIN_COLUMNS:
        return None
    return "ogp_explorer" if known & set(explorer_aliases()) else "ogp_export"


Picker = Callable[[list[str]], tuple[str, ...]]


def _picker(indices: Sequence[int]) -> Picker:
    """A function taking the cells at `indices` out of a row in one C-level call."""
    if not indices:
        return lambda cells: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda cells: (cells[only],)
    return itemgetter(*indices)


@dataclass(frozen=True)
class _Layout:
    """Where each thing sits in this file's header, worked out once per file."""

    width: int
    column_names: tuple[str, ...]  # raw column names present, in header order
    column_cells: Picker  # their cells
    absent: tuple[str, ...]  # known raw columns this header lacks (always None)
    area_headers: tuple[str, ...]  # policy-area headers present, in header order
    area_cells: Picker  # their cells
    id_at: int | None
    url_at: int | None
    lead_at: int | None
    support_at: int | None


def _layout(header: list[str], kind: _Kind) -> tuple[_Layout, list[Reject], list[HeaderColumn]]:
    """Column index maps for a header, a warning per column the reader will not read and
    one for the format's columns it lacks, and the header's column coverage.

    The kind's `aliases` add header names for raw columns (the Explorer's `Country`); a
    second header naming a column already read is not read.
    """
    known = {**export_columns(), **kind.aliases}
    areas = policy_area_headers()
    at: dict[str, int] = {}
    read_from: dict[str, str] = {}  # raw column → the header it is read from
    rejects: list[Reject] = []
    columns: list[HeaderColumn] = []
    for index, name in enumerate(header):
        column = known.get(name)
        if name in at:
            reason = f"column '{name}' appears more than once; only the first one is read"
            rejects.append(Reject(f"column '{name}'", "warning", reason))
            columns.append(HeaderColumn(name, index + 1, "ignored"))
        elif column is not None and column in read_from:
            first = read_from[column]
            reason = (
                f"column '{name}' holds the same field as column '{first}'; only '{first}' is read"
            )
            rejects.append(Reject(f"column '{name}'", "warning", reason))
            columns.append(HeaderColumn(name, index + 1, "ignored"))
        elif column is None and name not in areas:
            reason = f"column '{name}' (position {index + 1}) is not an OGP export column; not read"
            rejects.append(Reject(f"column '{name}'", "warning", reason))
            columns.append(HeaderColumn(name, index + 1, "unknown"))
        else:
            at[name] = index
            columns.append(HeaderColumn(name, index + 1, "read"))
            if column is not None:
                read_from[column] = name
    expected = format_columns(kind.format)
    found = {*read_from, *at}  # raw columns, and policy-area headers
    missing = [name for name, field in expected.items() if field not in found]
    columns += [HeaderColumn(name, None, "missing") for name in missing]
    if missing:
        rejects.append(Reject("header", "warning", _missing_reason(kind, missing, len(expected))))
    layout = _Layout(
        width=len(header),
        column_names=tuple(known[h] for h in at if h in known),
        column_cells=_picker([index for h, index in at.items() if h in known]),
        absent=tuple(c for c in dict.fromkeys(export_columns().values()) if c not in read_from),
        area_headers=tuple(h for h in at if h in areas),
        area_cells=_picker([index for h, index in at.items() if h in areas]),
        id_at=at.get(ID_HEADER),
        url_at=at.get(URL_HEADER),
        lead_at=at.get(LEAD_HEADER),
        support_at=at.get(SUPPORT_HEADER),
    )
    return layout, rejects, columns


def _quoted(names: Sequence[str], shown: int = MISSING_SHOWN) -> str:
    """'a', 'b', … (the first `shown` names)."""
    listed = ", ".join(f"'{name}'" for name in names[:shown])
    return listed + (", …" if len(names) > shown else "")


def _missing_reason(kind: _Kind, missing: list[str], total: int) -> str:
    return (
        f"the header lacks {len(missing)} of the {total} {kind.name} columns "
        f"(renamed or dropped?): {_quoted(missing)}; their fields are empty in every "
        "row of this file"
    )


#: Up to this size a CSV is read whole and may be in any encoding encodings.py reads;
#: a larger one is read as a stream and must be UTF-8 (with or without a BOM).
WHOLE_TEXT_BYTES = 16 << 20


def _not_utf8(offset: int, bad: int) -> Reject:
    reason = (
        f"file is not UTF-8: byte 0x{bad:02X} at byte offset {offset} is not valid UTF-8 "
        f"(a CSV over {WHOLE_TEXT_BYTES} bytes is read as a stream and must be UTF-8)"
    )
    return Reject("file", "error", reason)


def _decode(data: bytes, problems: list[Reject]) -> str | Reject:
    """The file as text in its encoding (encodings.decode_text; a warning in `problems`
    when it is not UTF-8), or a file-level error saying why it is not text."""
    try:
        decoded = decode_text(data)
    except NotText as error:
        return Reject("file", "error", str(error))
    if decoded.note:
        problems.append(Reject("file", "warning", decoded.note))
    return decoded.text


def _first_bad_byte(path: Path) -> Reject | None:
    """The file-level error _decode gives, found chunk by chunk (the file is never held whole)."""
    found = first_invalid_byte(path, STREAM_CHUNK)
    return None if found is None else _not_utf8(*found)


def _records(text: str | TextIO, problems: list[Reject]) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, cells) per CSV record; a CSV error ends the file with a Reject.

    The csv module's cell-size limit is process-wide and other libraries raise it; the
    reader sets its own (MAX_CELL_CHARS) while it reads, so a file reads the same way
    whatever else was imported.
    """
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(stream)
    line = 1
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        reason = f"line {line}: the CSV cannot be read from here on ({error}); rest of file skipped"
        problems.append(Reject("file", "error", reason))
    finally:
        csv.field_size_limit(previous)


@lru_cache(maxsize=65536)
def _institution_names(lead: str, support: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lead and support names, the lead left out of the support; cached: exports repeat
    the same bodies row after row, and splitting is the costliest step of reading a row."""
    lead_names, support_names = split_roles(lead, support)
    return tuple(lead_names), tuple(support_names)


@lru_cache(maxsize=65536)
def _has_contacts(text: str) -> bool:
    """Whether a cell holds a person's contact details (left out of the names)."""
    return bool(contact_details(text))


def _blank(cells: list[str]) -> bool:
    return all(not cell or cell.isspace() for cell in cells)


def _url_id(url: str | None) -> str | None:
    """The commitment ID at the end of a commitment-page URL (`.../commitments/bg0090/`)."""
    match = _URL_ID.search(url) if url else None
    return match[1].upper() if match else None


class _RowReader:
    """Turns data records into rows, institutions, policy areas and rejects of one result."""

    def __init__(self, layout: _Layout, result: ExportReadResult, place: str = "") -> None:
        self.layout = layout
        self.result = result
        self.place = place  # what locates a line beyond its number: "sheet 'Data', "
        self.first_row: dict[str, int] = {}
        self.placeholders = frozenset(placeholder_reasons())

    def reject(
        self, location: str, severity: Severity, reason: str, cid: str | None = None
    ) -> None:
        self.result.rejects.append(Reject(location, severity, reason, cid))

    def add(self, number: int, line: int, cells: list[str]) -> None:
        """Read one data record (`row N` = Nth record after the header, blank ones counted)."""
        where = f"row {number} ({self.place}line {line})"
        if len(cells) != self.layout.width:
            self._ragged(number, where, cells)
            return
        values = self._values(cells)
        cid = self._commitment_id(number, where, cells, values)
        if cid is None:
            return
        self._check_duplicate(number, where, cid)
        self._dates(number, where, cid, values)
        self.result.rows.append(ExportRow(f"row {number}", number, cid, values))
        self._institutions(number, cid, cells)
        self._policy_areas(number, where, cid, cells)

    def _ragged(self, number: int, where: str, cells: list[str]) -> None:
        at = self.layout.id_at
        shown = cells[at].strip() if at is not None and at < len(cells) else ""
        ident = f" (identifier '{shown}')" if shown else ""
        cid = shown.upper() if COMMITMENT_ID_RE.match(shown.upper()) else None
        reason = (
            f"{where}{ident}: {len(cells)} cells where the header has {self.layout.width}; "
            "row dropped"
        )
        self.reject(f"row {number}", "error", reason, cid)

    def _commitment_id(
        self, number: int, where: str, cells: list[str], values: dict[str, str | None]
    ) -> str | None:
        """The row's ID (upper case), falling back to the URL's; None (row dropped) if neither."""
        at, url_at = self.layout.id_at, self.layout.url_at
        given = cells[at].strip().upper() if at is not None else ""
        from_url = _url_id(cells[url_at].strip()) if url_at is not None else None
        if COMMITMENT_ID_RE.match(given):
            if from_url and from_url != given:
                reason = f"{where}: URL names '{from_url}' but {ID_HEADER} is '{given}'; ID kept"
                self.reject(f"row {number}, column '{URL_HEADER}'", "warning", reason, given)
            return given
        shown = cells[at].strip() if at is not None else ""
        problem = f"{ID_HEADER} '{shown}' is not a commitment ID" if shown else f"no {ID_HEADER}"
        if from_url:
            reason = f"{where}: {problem}; using '{from_url}' from the URL"
            self.reject(f"row {number}", "warning", reason, from_url)
            return from_url
        reason = f"{where}: {problem} and the URL names none; row dropped"
        self.reject(f"row {number}", "error", reason)
        return None

    def _check_duplicate(self, number: int, where: str, cid: str) -> None:
        earlier = self.first_row.setdefault(cid, number)
        if earlier != number:
            reason = f"{where}: commitment ID '{cid}' already seen at row {earlier}; both rows kept"
            self.reject(f"row {number}", "warning", reason, cid)

    def _values(self, cells: list[str]) -> dict[str, str | None]:
        """Cell text by raw column name: trimmed, '' → None; columns the file lacks → None."""
        values: dict[str, str | None] = dict.fromkeys(self.layout.absent)
        for name, cell in zip(
            self.layout.column_names, self.layout.column_cells(cells), strict=True
        ):
            values[name] = cell.strip() or None
        return values

    def _dates(self, number: int, where: str, cid: str, values: dict[str, str | None]) -> None:
        """Add `*_parsed` / `*_precision`, warning about unreadable dates and guesses.

        A row writes both its dates the same way, so an unmistakable one (`31/12/2016`)
        settles how to read an ambiguous one (`1/7/2014`) in the same row.
        """
        start, end = values.get("start_date"), values.get("end_date")
        orders = {numeric_order(start), numeric_order(end)} - {None}
        order = orders.pop() if len(orders) == 1 else None
        for prefix, header, text in (
            ("start_date", START_HEADER, start),
            ("end_date", END_HEADER, end),
        ):
            parsed = parse_loose_date(text, day_first=order == "day/month")
            values[f"{prefix}_parsed"] = parsed.iso if parsed else None
            values[f"{prefix}_precision"] = parsed.precision if parsed else None
            reason = self._date_problem(text, parsed, order)
            if reason:
                location = f"row {number}, column '{header}'"
                self.reject(location, "warning", f"{where}: {header} '{text}' {reason}", cid)

    def _date_problem(
        self, text: str | None, parsed: LooseDate | None, order: str | None
    ) -> str | None:
        """Why a date cell deserves a warning (unreadable, or read with a guess), if it does."""
        if not text:
            return None
        if parsed is None:
            if fold(text) in self.placeholders:
                return None
            return "is not a date the reader understands; left unparsed"
        if parsed.note is None or (order != "day/month" and parsed.note.startswith("ambiguous")):
            # The export writes month/day: an ambiguous date read that way follows the
            # file's convention; only a reading settled otherwise by the row is worth a note.
            return None
        context = f" (the row's other date is written {order})" if order else ""
        return f"→ {parsed.iso}: {parsed.note}{context}"

    def _institutions(self, number: int, cid: str, cells: list[str]) -> None:
        """Lead and supporting bodies; a person's contact details in them are left out."""
        lead_at, support_at = self.layout.lead_at, self.layout.support_at
        lead = cells[lead_at].strip() if lead_at is not None else ""
        support = cells[support_at].strip() if support_at is not None else ""
        if not lead and not support:
            return
        lead_names, support_names = _institution_names(lead, support)
        roles: tuple[tuple[Role, tuple[str, ...]], ...] = (
            ("lead", lead_names),
            ("support", support_names),
        )
        for role, names in roles:
            for position, name in enumerate(names, start=1):
                self.result.institutions.append(
                    ExportInstitution(number, cid, role, position, name)
                )
        for header, text in ((LEAD_HEADER, lead), (SUPPORT_HEADER, support)):
            if text and _has_contacts(text):
                reason = (
                    f"row {number}: '{header}' holds a person's contact details "
                    "(e-mail or phone); left out of the institution names"
                )
                self.reject(f"row {number}, column '{header}'", "warning", reason, cid)

    def _policy_areas(self, number: int, where: str, cid: str, cells: list[str]) -> None:
        """`1` / `ND` become areas; `0`, empty and `NA` mean none; anything else is flagged."""
        area_cells = self.layout.area_cells(cells)
        for header, cell in zip(self.layout.area_headers, area_cells, strict=True):
            if cell == "0":
                continue
            value = cell.strip().upper()
            if value in _AREA_VALUES:
                self.result.policy_areas.append(ExportPolicyArea(number, cid, header, value))
            elif value not in _NO_AREA:
                shown = cell.strip()
                reason = f"{where}: policy-area column '{header}' holds '{shown}', not a 0/1 flag"
                self.reject(f"row {number}, column '{header}'", "warning", reason, cid)


class _ExplorerRowReader(_RowReader):
    """The row reader for Explorer rows: their ID comes from a finder, not from a cell."""

    def __init__(
        self, layout: _Layout, result: ExportReadResult, place: str, find_id: IdFinder
    ) -> None:
        super().__init__(layout, result, place)
        self.find_id = find_id

    def _commitment_id(
        self, number: int, where: str, cells: list[str], values: dict[str, str | None]
    ) -> str | None:
        """The finder's ID; None (row dropped, with an error naming the row) if it has none."""
        cid, tried = self.find_id(values)
        if cid is not None:
            return cid
        reason = (
            f"{where}: no commitment ID could be found for the Explorer row "
            f"{_explorer_row(values)}: {tried}; row dropped"
        )
        self.reject(f"row {number}", "error", reason)
        return None


def _explorer_row(values: Mapping[str, str | None]) -> str:
    """An Explorer row's identifying cells, as a reject shows them."""
    shown = (
        ("Country", "country_locality"),
        ("Action Plan Number", "action_plan_number"),
        ("Comm No", "commitment_number"),
        ("Short Title", "short_title"),
    )
    return ", ".join(
        f"{header} '{values[column]}'" if values.get(column) else f"{header} empty"
        for header, column in shown
    )


@dataclass(frozen=True)
class _Table:
    """A file's header and its data records, whatever the file format."""

    header: list[str]
    records: Iterator[Record]
    place: str  # "" for a CSV; "sheet 'Name', " for a workbook


@dataclass(frozen=True)
class _Kind:
    """What a reader reads: its format, the columns that identify its rows (a header
    without them is rejected), and how it finds a row's ID."""

    name: str
    format: HeaderKind
    id_headers: tuple[str, ...]  # every one must be in the header
    aliases: Mapping[str, str]
    find_id: IdFinder | None  # None: the ID is in the row (export)

    def is_header(self, header: Collection[str]) -> bool:
        """Whether a header is this format's, with the columns that identify its rows."""
        return header_kind(header) == self.format and all(h in header for h in self.id_headers)

    def not_header(self, header: Collection[str]) -> str:
        """Why a header is not one this reader reads (the file is rejected)."""
        lacking = [h for h in self.id_headers if h not in header]
        if not lacking:  # an Explorer's marks beside the export's ID column
            return f"not an {self.name} header: it holds '{ID_HEADER}', an OGP export's"
        expected = format_columns(self.format)
        there = sum(h in expected for h in set(header))
        return (
            f"not an {self.name} header: it has no {_quoted(lacking)} column (renamed or "
            f"dropped?), which identifies each row; {there} of the {len(expected)} "
            f"{self.name} columns are there; file rejected"
        )


_EXPORT = _Kind(
    name="OGP export",
    format="ogp_export",
    id_headers=(ID_HEADER,),
    aliases={},
    find_id=None,
)


def _file_records(path: Path, problems: list[Reject]) -> Iterator[tuple[int, list[str]]]:
    """_records of a UTF-8 file on disk (BOM skipped), read as a stream, never whole."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from _records(handle, problems)


def _csv_table(data: bytes | Path, problems: list[Reject]) -> _Table | Reject:
    """The CSV's first non-blank record as header, the records after it as data."""
    if isinstance(data, Path) and data.stat().st_size <= WHOLE_TEXT_BYTES:
        data = data.read_bytes()  # small: read whole, in whatever encoding it is
    if isinstance(data, Path):  # large: streamed, so it must be UTF-8
        bad = _first_bad_byte(data)
        if bad is not None:
            return bad
        records = _file_records(data, problems)
    else:
        text = _decode(data, problems)
        if isinstance(text, Reject):
            return text
        records = _records(text, problems)
    first = next((cells for _, cells in records if not _blank(cells)), None)
    if first is None:
        return Reject("file", "error", "file has no header row: it is empty")
    numbered = ((n, line, cells) for n, (line, cells) in enumerate(records, start=1))
    return _Table([name.strip() for name in first], numbered, "")


def _xlsx_table(data: bytes, kind: _Kind, problems: list[Reject]) -> _Table | Reject:
    """The first sheet whose first non-blank row is this kind's header, and its rows."""
    workbook = open_workbook(data)
    if isinstance(workbook, str):
        return Reject("file", "error", workbook)
    try:
        found = find_header(workbook, kind.is_header)
    except Exception as error:  # a sheet openpyxl cannot parse: like a corrupt file
        workbook.close()
        return Reject(
            "file", "error", f"the workbook cannot be read ({type(error).__name__}: {error})"
        )
    if found is None:
        # A sheet of this format without its identifying columns: its header, no rows
        # (_read rejects it saying what is missing, and keeps its column coverage).
        drifted = find_header(workbook, lambda names: header_kind(names) == kind.format)
        sheets = ", ".join(f"'{title}'" for title in workbook.sheetnames)
        workbook.close()
        if drifted is not None:
            return _Table(drifted[2], iter(()), f"sheet '{drifted[0]}', ")
        reason = f"no sheet's first non-blank row is an {kind.name} header (sheets: {sheets})"
        return Reject("file", "error", reason)
    title, line, header = found
    records = sheet_records(workbook, title, line, len(header), problems)
    return _Table(header, records, f"sheet '{title}', ")


def _read(
    data: bytes | Path, file_format: str, kind: _Kind, on_batch: BatchHandler | None
) -> ExportReadResult:
    """One file of `kind` through the row reader; every problem is a Reject."""
    problems: list[Reject] = []
    if file_format == "csv":
        table = _csv_table(data, problems)
    elif file_format == "xlsx":
        workbook = data.read_bytes() if isinstance(data, Path) else data
        table = _xlsx_table(workbook, kind, problems)
    else:
        table = Reject("file", "error", f"format '{file_format}' is not read (only csv and xlsx)")
    if isinstance(table, Reject):
        return ExportReadResult(header=[], rejects=[*problems, table])
    layout, column_rejects, columns = _layout(table.header, kind)
    result = ExportReadResult(header=table.header, columns=columns)
    if not kind.is_header(table.header):
        reason = f"{table.place}{kind.not_header(table.header)}"
        result.rejects.append(Reject("file", "error", reason))
        return result
    result.rejects.extend(column_rejects)
    if kind.find_id is None:
        rows = _RowReader(layout, result, table.place)
    else:
        rows = _ExplorerRowReader(layout, result, table.place, kind.find_id)
    records = 0
    for number, line, cells in table.records:
        if not _blank(cells):
            records += 1
            rows.add(number, line, cells)
            if on_batch is not None and len(result.rows) >= BATCH_ROWS:
                _hand_over(result, on_batch)
    result.rejects.extend(problems)
    if records == 0 and not any(r.severity == "error" for r in result.rejects):
        reason = "the file has a header but no data rows: nothing to read (cut short?)"
        result.rejects.append(Reject("file", "warning", reason))
    return result


def _hand_over(result: ExportReadResult, on_batch: BatchHandler) -> None:
    """Give the caller what was read so far, then forget it (a row's institutions and
    policy areas are read with the row, so a batch never splits them from it)."""
    batch = ExportReadResult(
        result.header, result.rows, result.institutions, result.policy_areas, result.rejects
    )
    result.rows, result.institutions, result.policy_areas, result.rejects = [], [], [], []
    on_batch(batch)


def read_export(
    data: bytes | Path, file_format: str = "csv", on_batch: BatchHandler | None = None
) -> ExportReadResult:
    """Rows, institutions, policy areas and rejects of one export file, `csv` or `xlsx`
    (never raises on content).

    `data` is the file's bytes or its path; a CSV path is read as a stream. With
    `on_batch`, every BATCH_ROWS rows are handed to it as they are read and the result
    keeps only what came after the last batch: memory stays flat for any file size.
    """
    return _read(data, file_format, _EXPORT, on_batch)


def read_explorer(
    data: bytes | Path,
    find_id: IdFinder,
    file_format: str = "csv",
    on_batch: BatchHandler | None = None,
) -> ExportReadResult:
    """Rows, institutions, policy areas and rejects of one archival OGP Explorer file.

    `find_id` gives each row's commitment ID from its values (raw column names); a row it
    finds none for is dropped with an error. Columns the Explorer lacks are None.
    `data` and `on_batch` as for read_export.
    """
    kind = _Kind(
        name="OGP Explorer",
        format="ogp_explorer",
        id_headers=EXPLORER_MARKS,
        aliases=explorer_aliases(),
        find_id=find_id,
    )
    return _read(data, file_format, kind, on_batch)
