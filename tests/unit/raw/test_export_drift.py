"""Schema drift in OGP's export: columns removed, renamed and added, on the real sample rows.

OGP renames and drops columns between versions of its export. A file recognised as an
export or Explorer table that lacks columns of its format gets one warning naming them
(count and first names); each column the reader does not know gets one warning naming
it; a file without the columns that identify its rows is rejected as a whole, with the
reason; the file's column coverage is kept for the quality report.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from openpyxl import Workbook

from pipeline.raw.discovery import recognise
from pipeline.raw.readers.export import format_columns, read_explorer, read_export
from pipeline.raw.source_records import ExportReadResult
from tests.fixtures.samples import SAMPLE_EXPORT

ID = "Commitment Unique Identifier"


def sample() -> tuple[list[str], list[dict[str, str]]]:
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


HEADER, ROWS = sample()


def drifted_csv(header: list[str], renamed: dict[str, str] | None = None) -> bytes:
    """The sample's 153 rows under `header` (new names in `renamed` hold the old column's
    cells; a column the sample lacks is filled with `x`)."""
    source = {new: old for old, new in (renamed or {}).items()}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in ROWS:
        writer.writerow([row.get(source.get(name, name), "x") for name in header])
    return buffer.getvalue().encode("utf-8")


def warnings_at(result: ExportReadResult, prefix: str) -> list[str]:
    return [r.reason for r in result.rejects if r.location.startswith(prefix)]


def test_the_sample_export_holds_every_column_of_its_format() -> None:
    result = read_export(SAMPLE_EXPORT)
    assert len(result.rows) == 153
    assert warnings_at(result, "header") == warnings_at(result, "column") == []
    assert Counter(c.status for c in result.columns) == {"read": 171}
    assert [c.position for c in result.columns] == list(range(1, 172))


def test_removed_columns_are_one_warning_with_their_count_and_first_names() -> None:
    removed = ["Theme", "Region", "Code", "Full Text", "Open Data", "Youth"]
    header = [h for h in HEADER if h not in removed]
    result = read_export(drifted_csv(header))
    assert len(result.rows) == 153  # every row still read
    [reason] = warnings_at(result, "header")
    assert reason == (
        "the header lacks 6 of the 171 OGP export columns (renamed or dropped?): 'Code', "
        "'Region', 'Theme', 'Full Text', 'Open Data', 'Youth'; their fields are empty in "
        "every row of this file"
    )
    assert {r.values["theme"] for r in result.rows} == {None}
    assert all(r.values["short_title"] for r in result.rows)  # the rest is read
    assert {p.name for p in result.policy_areas}.isdisjoint({"Open Data", "Youth"})
    missing = [c.name for c in result.columns if c.status == "missing"]
    assert sorted(missing) == sorted(removed)
    assert all(c.position is None for c in result.columns if c.status == "missing")


def test_a_renamed_column_is_missing_under_its_old_name_and_unknown_under_its_new() -> None:
    renamed = {"Short Title": "Short title (page)", "Lead Institution": "Lead Agency"}
    header = [renamed.get(h, h) for h in HEADER]
    result = read_export(drifted_csv(header, renamed))
    assert len(result.rows) == 153
    [missing] = warnings_at(result, "header")
    assert "lacks 2 of the 171 OGP export columns" in missing
    assert "'Short Title', 'Lead Institution'" in missing
    unknown = warnings_at(result, "column")
    assert unknown == [
        f"column 'Short title (page)' (position {HEADER.index('Short Title') + 1}) is not an "
        "OGP export column; not read",
        f"column 'Lead Agency' (position {HEADER.index('Lead Institution') + 1}) is not an "
        "OGP export column; not read",
    ]
    assert {r.values["short_title"] for r in result.rows} == {None}
    assert result.institutions and {i.role for i in result.institutions} == {"support"}
    statuses = {c.name: c.status for c in result.columns}
    assert statuses["Short title (page)"] == statuses["Lead Agency"] == "unknown"
    assert statuses["Short Title"] == statuses["Lead Institution"] == "missing"


def test_an_added_column_is_one_warning_naming_it_and_nothing_is_missing() -> None:
    header = [*HEADER[:5], "Reviewer Notes", *HEADER[5:], "Last Checked"]
    result = read_export(drifted_csv(header))
    assert len(result.rows) == 153
    assert warnings_at(result, "header") == []
    assert warnings_at(result, "column") == [
        "column 'Reviewer Notes' (position 6) is not an OGP export column; not read",
        "column 'Last Checked' (position 173) is not an OGP export column; not read",
    ]
    assert Counter(c.status for c in result.columns) == {"read": 171, "unknown": 2}


def test_a_file_of_five_columns_is_recognised_read_and_warned_about() -> None:
    header = [ID, "Country/Locality", "Short Title", "Commitment Title", "URL"]
    data = drifted_csv(header)
    assert recognise(data) == ("ogp_export", "csv", None)
    result = read_export(data)
    assert [r.commitment_id for r in result.rows] == [row[ID] for row in ROWS]
    [reason] = warnings_at(result, "header")
    assert reason.startswith("the header lacks 166 of the 171 OGP export columns")
    assert "'Code', 'Region', 'National Or Local', 'Commitment Dummy'" in reason
    assert reason.count("'") == 2 * 10  # the first ten named, then "…"
    assert ", …;" in reason


def test_a_file_whose_id_column_was_renamed_is_recognised_and_rejected_whole() -> None:
    header = ["Commitment ID" if h == ID else h for h in HEADER]
    data = drifted_csv(header, {ID: "Commitment ID"})
    # Recognised as the export it is (not "unrecognised"), so the reason can say why.
    assert recognise(data) == ("ogp_export", "csv", None)
    result = read_export(data)
    assert result.rows == [] and result.institutions == [] and result.policy_areas == []
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "it has no 'Commitment Unique Identifier' column (renamed or dropped?)" in error.reason
    assert "170 of the 171 OGP export columns are there; file rejected" in error.reason
    statuses = {c.name: c.status for c in result.columns}
    assert (statuses[ID], statuses["Commitment ID"]) == ("missing", "unknown")


def test_a_workbook_whose_id_column_was_dropped_is_rejected_naming_the_sheet() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Commitments"
    header = [h for h in HEADER if h != ID]
    sheet.append(header)
    for row in ROWS[:3]:
        sheet.append([row[h] for h in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert recognise(buffer.getvalue()) == ("ogp_export", "xlsx", None)
    result = read_export(buffer.getvalue(), "xlsx")
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert error.reason.startswith(
        "sheet 'Commitments', not an OGP export header: it has no 'Commitment Unique "
        "Identifier' column"
    )
    assert result.rows == []
    assert Counter(c.status for c in result.columns) == {"read": 170, "missing": 1}


def test_an_explorer_file_is_held_to_the_explorer_columns_not_the_exports() -> None:
    explorer = [h for h, _ in format_columns("ogp_explorer").items()]
    assert explorer == [
        "Country", "Action Plan Number", "Comm No", "Theme", "Commitment Title", "Short Title",
        "Full Text", "Start Date", "End Date", "Lead Institution", "Supporting Institution(s)",
    ]  # fmt: skip
    header = [h for h in explorer if h != "Theme"]
    renamed = {"Country/Locality": "Country", "Commitment Number": "Comm No"}
    result = read_explorer(drifted_csv(header, renamed), lambda values: ("BG0090", "test"))
    assert len(result.rows) == 153
    assert warnings_at(result, "header") == [
        "the header lacks 1 of the 11 OGP Explorer columns (renamed or dropped?): 'Theme'; "
        "their fields are empty in every row of this file"
    ]
    assert Counter(c.status for c in result.columns) == {"read": 10, "missing": 1}


def test_a_first_line_the_csv_module_cannot_split_is_no_table_header() -> None:
    # Found by the reader fuzz test: a carriage return inside the first line made the
    # header check raise instead of answering.
    mutated = drifted_csv(HEADER).replace(b"Commitment Unique", b"\rommitment Unique", 1)
    assert recognise(mutated)[0] != "ogp_export"
    assert recognise(b'a,"b\x00,c\n1,2,3\n')[0] == "unrecognised"
