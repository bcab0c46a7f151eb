"""read_export on XLSX workbooks, and recognising workbooks and other ZIPs by content.

The workbooks are written here with openpyxl from the real sample export
(`samples/ogp-export/`): the same data as a CSV must read to the same rows, institutions
and policy areas, whether the cells hold text or real numbers and dates.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pipeline.raw.discovery import discover, recognise
from pipeline.raw.extract_export import extract_exports
from pipeline.raw.readers.export import read_export
from pipeline.raw.readers.xlsx import cell_text
from pipeline.raw.source_records import ExportReadResult
from pipeline.raw.tables import files_of_kind, source_files_from_arrow, source_tables
from tests.fixtures.samples import SAMPLE_EXPORT

Rows = Sequence[Sequence[object]]
DATE_HEADERS = ("Start Date", "End Date")


def sample_rows() -> list[list[str]]:
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


SAMPLE_ROWS = sample_rows()
HEADER = SAMPLE_ROWS[0]


def workbook_bytes(*sheets: tuple[str, Rows]) -> bytes:
    """An XLSX file with one sheet per (title, rows), as openpyxl writes it."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def from_csv() -> ExportReadResult:
    return read_export(SAMPLE_EXPORT.read_bytes())


def assert_same_rows(got: ExportReadResult, want: ExportReadResult) -> None:
    assert got.header == want.header
    assert len(got.rows) == len(want.rows) == 153
    for mine, theirs in zip(got.rows, want.rows, strict=True):
        assert (mine.location, mine.row_number, mine.commitment_id) == (
            theirs.location,
            theirs.row_number,
            theirs.commitment_id,
        )
        assert mine.values == theirs.values, mine.location
    assert got.institutions == want.institutions
    assert got.policy_areas == want.policy_areas


# --- the same data as CSV and as XLSX ------------------------------------------------------


def test_a_text_workbook_reads_like_the_csv(from_csv: ExportReadResult) -> None:
    data = workbook_bytes(("Export", SAMPLE_ROWS))
    result = read_export(data, "xlsx")
    assert_same_rows(result, from_csv)
    where = [(r.location, r.severity, r.commitment_id) for r in result.rejects]
    assert where == [(r.location, r.severity, r.commitment_id) for r in from_csv.rejects]
    # Reasons name the sheet and the worksheet row: row N sits on line N + 1.
    first = result.rejects[0]
    number = int(first.location.split(",")[0].removeprefix("row "))
    assert f"row {number} (sheet 'Export', line {number + 1})" in first.reason


def typed(header: str, text: str, parsed: str | None, precision: str | None) -> object:
    """A sample cell as a spreadsheet would hold it: a number, a date, or text."""
    if header in DATE_HEADERS:
        numeric = text.replace("/", "").isdigit() and text.count("/") == 2
        return date.fromisoformat(parsed) if numeric and precision == "day" and parsed else text
    for number in (int, float):
        try:
            value = number(text)
        except ValueError:
            continue
        # Numeric twins (`_Specificity`) as floats: `3.0` must read back as `3`.
        value = float(value) if header.startswith("_") else value
        return value if cell_text(value) == text else text
    return text


def typed_rows(from_csv: ExportReadResult) -> list[list[object]]:
    rows: list[list[object]] = [list(HEADER)]
    for cells, row in zip(SAMPLE_ROWS[1:], from_csv.rows, strict=True):
        values = row.values
        parsed = {
            "Start Date": (values["start_date_parsed"], values["start_date_precision"]),
            "End Date": (values["end_date_parsed"], values["end_date_precision"]),
        }
        rows.append(
            [
                typed(h, text, *parsed.get(h, (None, None)))
                for h, text in zip(HEADER, cells, strict=True)
            ]
        )
    return rows


def test_numbers_and_real_dates_read_like_the_csv(from_csv: ExportReadResult) -> None:
    rows = typed_rows(from_csv)
    cells = [cell for row in rows[1:] for cell in row]
    assert sum(isinstance(c, int) for c in cells) > 10_000
    assert sum(isinstance(c, float) for c in cells) > 100
    assert sum(isinstance(c, date) for c in cells) > 150
    result = read_export(workbook_bytes(("Export", rows)), "xlsx")
    dated = {"start_date", "end_date"}
    for mine, theirs in zip(result.rows, from_csv.rows, strict=True):
        assert mine.commitment_id == theirs.commitment_id
        kept = {k: v for k, v in mine.values.items() if k not in dated}
        assert kept == {k: v for k, v in theirs.values.items() if k not in dated}
    assert result.institutions == from_csv.institutions
    assert result.policy_areas == from_csv.policy_areas
    # A real date cell reads as ISO text, parsed to the same day as the CSV's `08/01/2022`.
    first = result.rows[0].values
    assert (first["start_date"], first["start_date_parsed"]) == ("2022-08-01", "2022-08-01")
    assert from_csv.rows[0].values["start_date"] == "08/01/2022"
    assert [r for r in result.rejects if r.severity == "error"] == []


def test_the_data_may_sit_on_a_later_sheet_below_blank_rows(from_csv: ExportReadResult) -> None:
    notes = [["About this file"], [], ["Commitments of the Open Government Partnership"]]
    data = workbook_bytes(("Notes", notes), ("Data", [[], [], *SAMPLE_ROWS]))
    assert recognise(data) == ("ogp_export", "xlsx", None)
    result = read_export(data, "xlsx")
    assert_same_rows(result, from_csv)
    # Row numbers count from the header (line 3), lines are the worksheet's.
    assert "row 8 (sheet 'Data', line 11)" in result.rejects[0].reason


def test_a_workbook_without_an_export_header_is_one_file_level_error() -> None:
    data = workbook_bytes(("Notes", [["Country", "Commitments"], ["Chile", "12"]]))
    result = read_export(data, "xlsx")
    assert (result.header, result.rows) == ([], [])
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "no sheet" in error.reason
    assert "'Notes'" in error.reason
    kind, file_format, reason = recognise(data)
    assert (kind, file_format) == ("unrecognised", "xlsx")
    assert reason is not None
    assert "an XLSX workbook whose sheets have no OGP export header" in reason


def test_a_header_below_the_first_non_blank_row_is_not_a_header() -> None:
    data = workbook_bytes(("Export", [["OGP commitments, 2024 download"], *SAMPLE_ROWS]))
    assert recognise(data)[0] == "unrecognised"
    assert [r.location for r in read_export(data, "xlsx").rejects] == ["file"]


def test_missing_trailing_cells_are_empty_not_a_ragged_row() -> None:
    title_at = HEADER.index("Short Title")
    short = ["BG0090", "Bulgaria", "4", "12", *[""] * (title_at - 4), "Online Petitions"]
    full = list(SAMPLE_ROWS[1])
    data = workbook_bytes(("Export", [HEADER, short, full]))
    stored = load_workbook(io.BytesIO(data), read_only=True)["Export"]
    stored.reset_dimensions()
    widths = [len(row) for row in stored.iter_rows(min_row=1, values_only=True)]
    assert widths == [len(HEADER), title_at + 1, len(HEADER)]  # really missing in the file
    result = read_export(data, "xlsx")
    assert [r.severity for r in result.rejects if r.severity == "error"] == []
    first = result.rows[0]
    assert (first.commitment_id, first.values["short_title"]) == ("BG0090", "Online Petitions")
    assert first.values["full_text"] is None
    assert first.values["commitment_number"] == "12"
    assert result.rows[1].values == read_export(SAMPLE_EXPORT.read_bytes()).rows[0].values


def test_a_cell_right_of_the_header_is_a_warning_once_per_column_and_rows_are_kept() -> None:
    header = ["Commitment Unique Identifier", "Country/Locality", "Short Title"]
    rows = [
        header,
        ["BG0090", "Bulgaria", "Online Petitions", None, "checked"],
        ["BG0091", "Bulgaria", "Open Parliament", None, "checked too"],
    ]
    result = read_export(workbook_bytes(("Export", rows)), "xlsx")
    assert [r.commitment_id for r in result.rows] == ["BG0090", "BG0091"]
    missing, warning = result.rejects
    assert (missing.location, missing.severity) == ("header", "warning")
    assert "lacks 168 of the 171 OGP export columns" in missing.reason
    assert (warning.location, warning.severity) == ("column E", "warning")
    assert "line 2" in warning.reason
    assert "not read" in warning.reason


def test_a_formula_without_a_cached_value_is_empty() -> None:
    header = ["Commitment Unique Identifier", "Country/Locality", "Theme"]
    data = workbook_bytes(("Export", [header, ["BG0090", "Bulgaria", "=CONCAT(B2, B2)"]]))
    [row] = read_export(data, "xlsx").rows
    assert row.values["theme"] is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  As typed\n", "  As typed\n"),
        ("Agency A_x000D_\nAgency B", "Agency A\r\nAgency B"),
        (12, "12"),
        (12.0, "12"),
        (-0.0, "0"),
        (0.1, "0.1"),
        (2 / 3, "0.6666666666666666"),
        (True, "TRUE"),
        (False, "FALSE"),
        (date(2016, 7, 1), "2016-07-01"),
        (datetime(2016, 7, 1), "2016-07-01"),
        (datetime(2016, 7, 1, 9, 30, 5), "2016-07-01T09:30:05"),
        (time(9, 30), "09:30:00"),
    ],
)
def test_cells_become_the_text_a_csv_export_shows(value: object, text: str) -> None:
    assert cell_text(value) == text


# --- ZIPs and workbooks that are not an export --------------------------------------------


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_corrupt_zip_is_unrecognised_and_unreadable_without_raising() -> None:
    data = workbook_bytes(("Export", SAMPLE_ROWS[:3]))[:2000]
    kind, file_format, reason = recognise(data)
    assert (kind, file_format) == ("unrecognised", "unknown")
    assert reason is not None
    assert "corrupt ZIP" in reason
    [error] = read_export(data, "xlsx").rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "cannot open" in error.reason


def test_a_zip_that_is_not_a_workbook_is_unrecognised() -> None:
    data = zip_bytes({"export.csv": "Commitment Unique Identifier,URL\r\n"})
    kind, file_format, reason = recognise(data)
    assert (kind, file_format) == ("unrecognised", "unknown")
    assert reason == "a ZIP archive, not an XLSX workbook (it has no xl/workbook.xml)"


def test_a_broken_workbook_is_unrecognised_with_openpyxls_reason() -> None:
    data = zip_bytes({"xl/workbook.xml": "<workbook>not quite</workbook>"})
    kind, file_format, reason = recognise(data)
    assert (kind, file_format) == ("unrecognised", "xlsx")
    assert reason is not None
    assert "openpyxl cannot open" in reason
    [error] = read_export(data, "xlsx").rejects
    assert (error.location, error.severity) == ("file", "error")


def test_an_unknown_format_is_a_file_level_error() -> None:
    [error] = read_export(SAMPLE_EXPORT.read_bytes(), "ods").rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "'ods'" in error.reason


# --- from discovery to raw tables ----------------------------------------------------------


def test_a_workbook_in_the_sources_lands_like_the_csv(tmp_path: Path) -> None:
    (tmp_path / "export.xlsx").write_bytes(workbook_bytes(("Export", SAMPLE_ROWS)))
    (tmp_path / "export.csv").write_bytes(SAMPLE_EXPORT.read_bytes())
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    assert sorted((f.path, f.kind, f.format) for f in files) == [
        ("export.csv", "ogp_export", "csv"),
        ("export.xlsx", "ogp_export", "xlsx"),
    ]
    tables = extract_exports(files_of_kind(files, "ogp_export"))
    rows = tables["export_rows"].to_pylist()
    by_path: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_path.setdefault(str(row["path"]), []).append(row)
    strip = {"source_id", "path"}
    csv_rows, xlsx_rows = by_path["export.csv"], by_path["export.xlsx"]
    assert [{k: v for k, v in r.items() if k not in strip} for r in xlsx_rows] == [
        {k: v for k, v in r.items() if k not in strip} for r in csv_rows
    ]
    for name in ("export_institutions", "export_policy_areas"):
        per_source = tables[name].group_by("source_id").aggregate([([], "count_all")])
        assert (
            sorted(per_source.column("count_all").to_pylist()) == [tables[name].num_rows // 2] * 2
        )


def with_part(data: bytes, name: str, cut: float) -> bytes:
    """A copy of a workbook whose part `name` is cut short at fraction `cut` of its bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == name:
                content = content[: int(len(content) * cut)]
            target.writestr(item, content)
    return buffer.getvalue()


def test_a_sheet_that_breaks_mid_way_keeps_earlier_rows_and_reports_the_rest() -> None:
    data = with_part(workbook_bytes(("Export", SAMPLE_ROWS)), "xl/worksheets/sheet1.xml", 0.5)
    assert recognise(data) == ("ogp_export", "xlsx", None)
    result = read_export(data, "xlsx")
    assert 10 < len(result.rows) < 153
    errors = [r for r in result.rejects if r.severity == "error"]
    assert [(r.location, r.severity) for r in errors] == [("file", "error")]
    assert "sheet 'Export'" in errors[0].reason
    assert "rest of sheet skipped" in errors[0].reason


@pytest.mark.parametrize("cut", [0.0, 0.01, 0.3])
def test_a_sheet_that_breaks_at_once_is_never_a_crash(cut: float) -> None:
    data = with_part(workbook_bytes(("Export", SAMPLE_ROWS[:5])), "xl/worksheets/sheet1.xml", cut)
    kind, _, reason = recognise(data)
    assert kind in {"unrecognised", "ogp_export"}
    assert (reason is None) == (kind == "ogp_export")
    result = read_export(data, "xlsx")
    assert ("file", "error") in [(r.location, r.severity) for r in result.rejects]


def test_a_carriage_return_excel_escaped_reads_as_itself() -> None:
    header = ["Commitment Unique Identifier", "Country/Locality", "Supporting Institution(s)"]
    rows = [header, ["BG0090", "Bulgaria", "Agency A_x000D_\nAgency B"]]
    result = read_export(workbook_bytes(("Export", rows)), "xlsx")
    assert result.rows[0].values["supporting_institutions"] == "Agency A\r\nAgency B"
    assert [i.name for i in result.institutions] == ["Agency A", "Agency B"]
