"""The archival OGP Explorer export: recognised, read, and its rows given commitment IDs.

Explorer files are built here from real rows of the sample export (`samples/ogp-export/`),
taking the Explorer's columns (docs/sources.md §3) from them; titles known from pages come
from the real sample page (`samples/ogp-pages/`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.raw.discovery import SourceFile, discover, recognise
from pipeline.raw.extract_export import extract_exports
from pipeline.raw.extract_pages import extract_pages
from pipeline.raw.identifiers.explorer_ids import ExplorerIds, number_key, title_key
from pipeline.raw.readers.export import read_explorer, read_export
from pipeline.raw.source_records import ExportReadResult
from pipeline.raw.tables import files_of_kind, source_files_from_arrow, source_tables
from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLES

EXPLORER_HEADER = [
    "Country",
    "Action Plan Number",
    "Theme",
    "Comm No",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
]
# Explorer header → the export header of the same column.
FROM_EXPORT = {"Country": "Country/Locality", "Comm No": "Commitment Number"}


def sample_by_id() -> dict[str, dict[str, str]]:
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        return {row["Commitment Unique Identifier"]: row for row in csv.DictReader(handle)}


SAMPLE = sample_by_id()


def explorer_row(cid: str, **changes: str) -> dict[str, str]:
    """The Explorer's cells of a real export row (`Comm_No=` etc. override cells)."""
    row = {h: SAMPLE[cid][FROM_EXPORT.get(h, h)] for h in EXPLORER_HEADER}
    row.update({name.replace("_", " "): value for name, value in changes.items()})
    return row


def explorer_csv(rows: Iterable[dict[str, str]], header: list[str] = EXPLORER_HEADER) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def export_ids() -> ExplorerIds:
    """The IDs the real sample export gives, as extract_exports builds them."""
    ids = ExplorerIds()
    for row in read_export(SAMPLE_EXPORT.read_bytes()).rows:
        ids.add_export_row(row)
    return ids


def read(
    ids: ExplorerIds, *rows: dict[str, str], header: list[str] = EXPLORER_HEADER
) -> ExportReadResult:
    return read_explorer(explorer_csv(rows, header), ids.identify)


def errors(result: ExportReadResult) -> list[str]:
    return [r.location for r in result.rejects if r.severity == "error"]


# --- recognition ---------------------------------------------------------------------------


def test_an_explorer_csv_is_recognised_by_its_first_line() -> None:
    data = explorer_csv([explorer_row("UK0051")])
    assert recognise(data) == ("ogp_explorer", "csv", None)
    # An export header with the same names is still an export.
    both = b"Commitment Unique Identifier," + data
    assert recognise(both) == ("ogp_export", "csv", None)
    # Without one of the two marks (renamed) it is still the Explorer's table, which
    # its reader rejects, naming the column that identifies its rows.
    only_title = data.replace(b"Comm No", b"Number", 1)
    assert recognise(only_title) == ("ogp_explorer", "csv", None)
    [error] = read_explorer(only_title, lambda values: (None, "")).rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "it has no 'Comm No' column (renamed or dropped?)" in error.reason
    assert "10 of the 11 OGP Explorer columns are there" in error.reason
    # A few names an export also has are not enough to take a file for either.
    few = b"Country,Theme,Notes\r\nBulgaria,Open Data,x\r\n"
    assert recognise(few)[0] == "unrecognised"


def test_an_explorer_workbook_is_recognised_and_read(export_ids: ExplorerIds) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Explorer"
    sheet.append(EXPLORER_HEADER)
    sheet.append([explorer_row("UK0051")[h] for h in EXPLORER_HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    assert recognise(data) == ("ogp_explorer", "xlsx", None)
    result = read_explorer(data, export_ids.identify, "xlsx")
    assert [r.commitment_id for r in result.rows] == ["UK0051"]
    assert result.rejects == []


# --- matching ------------------------------------------------------------------------------


def test_rows_match_the_export_row_of_the_same_member_plan_and_number(
    export_ids: ExplorerIds,
) -> None:
    result = read(
        export_ids,
        explorer_row("UK0051"),
        explorer_row("TBI0008"),  # a local member: `Tbilisi, Georgia`
        explorer_row("BG0090", Comm_No="012"),  # `12` in the export
        explorer_row("GE0073", Comm_No="8.0", Action_Plan_Number="04"),
        explorer_row("GE0006", Short_Title="Another title altogether"),  # number `3.2`
    )
    assert result.rejects == []
    assert [(r.row_number, r.commitment_id) for r in result.rows] == [
        (1, "UK0051"),
        (2, "TBI0008"),
        (3, "BG0090"),
        (4, "GE0073"),
        (5, "GE0006"),
    ]


def test_explorer_values_land_in_the_export_columns_and_the_rest_is_none(
    export_ids: ExplorerIds,
) -> None:
    [row] = read(export_ids, explorer_row("UK0059")).rows
    export = read_export(SAMPLE_EXPORT.read_bytes())
    [exported] = [r for r in export.rows if r.commitment_id == "UK0059"]
    shared = [
        "country_locality",
        "action_plan_number",
        "commitment_number",
        "theme",
        "commitment_title",
        "short_title",
        "full_text",
        "start_date",
        "end_date",
        "lead_institution",
        "supporting_institutions",
        "start_date_parsed",
        "end_date_parsed",
    ]
    assert {k: row.values[k] for k in shared} == {k: exported.values[k] for k in shared}
    assert row.values["commitment_unique_identifier"] is None
    assert row.values["url"] is None
    assert row.values["code"] is None
    assert set(row.values) == set(exported.values)


def test_a_row_matches_by_title_when_plan_and_number_do_not(export_ids: ExplorerIds) -> None:
    known = ExplorerIds(page_titles())
    row = {
        "Country": "United Kingdom",
        "Action Plan Number": "3",
        "Comm No": "7",
        "Short Title": "better use of data assets.",  # the page shows `Better use of data assets`
        "Commitment Title": "Better use of data assets in government",
    }
    result = read(known, row)
    assert [r.commitment_id for r in result.rows] == ["UK0073"]
    assert result.rejects == []
    # The export's own titles count too: plan 1, number 2.1 is two export rows in Chile.
    chile = read(export_ids, explorer_row("CL0006"))
    assert [r.commitment_id for r in chile.rows] == ["CL0006"]


def page_titles() -> list[tuple[str, str, str]]:
    """(member_id, title, commitment_id) of the sample pages and their member lists."""
    sources = discover([SAMPLES / "ogp-pages"])
    files = source_files_from_arrow(source_tables(sources)["source_files"])
    tables = extract_pages(files)
    titles = []
    for name in ("page_commitments", "member_list_entries"):
        for record in tables[name].to_pylist():
            titles.append((record["member_id"], record["title"], record["commitment_id"]))
    return titles


def test_an_ambiguous_title_is_no_match(export_ids: ExplorerIds) -> None:
    known = ExplorerIds([*page_titles(), ("united-kingdom", "Better Use of Data Assets", "UK0099")])
    row = {"Country": "United Kingdom", "Comm No": "7", "Short Title": "Better use of data assets"}
    result = read(known, row)
    assert result.rows == []
    [error] = result.rejects
    assert (error.location, error.severity, error.commitment_id) == ("row 1", "error", None)
    assert "2 known commitments of member 'united-kingdom' have its title (UK0073, UK0099)" in (
        error.reason
    )
    # Two export rows share Chile's plan 1, number 2.1: with no title to tell, no match.
    chile = read(export_ids, explorer_row("CL0005", Short_Title="", Commitment_Title=""))
    assert chile.rows == []
    assert (
        "2 export rows of member 'chile' have action plan 1, commitment 2.1 (CL0005, CL0006)"
        in (chile.rejects[0].reason)
    )


def test_an_unmatched_row_is_dropped_with_an_error_naming_it(export_ids: ExplorerIds) -> None:
    unknown = explorer_row("UK0051", Comm_No="99", Short_Title="Open Weather Data")
    unknown["Commitment Title"] = "Publish weather data"
    result = read(export_ids, explorer_row("UK0062"), unknown, explorer_row("UK0098"))
    assert [r.commitment_id for r in result.rows] == ["UK0062", "UK0098"]
    [error] = result.rejects
    assert (error.location, error.severity) == ("row 2", "error")
    reason = error.reason
    assert reason.startswith("row 2 (line ")
    for part in (
        "Country 'United Kingdom'",
        "Action Plan Number '2'",
        "Comm No '99'",
        "Short Title 'Open Weather Data'",
        "no commitment ID could be found",
        "no export row of member 'united-kingdom' has action plan 2, commitment 99",
        "no known commitment of member 'united-kingdom'",
        "row dropped",
    ):
        assert part in reason
    # Nothing of the dropped row lands: no institutions, no policy areas.
    assert {i.commitment_id for i in result.institutions} <= {"UK0062", "UK0098"}


def test_a_row_without_country_cannot_be_matched(export_ids: ExplorerIds) -> None:
    result = read(export_ids, explorer_row("UK0051", Country=""))
    assert errors(result) == ["row 1"]
    assert "Country empty" in result.rejects[0].reason
    assert "names no Country" in result.rejects[0].reason


# --- the header ----------------------------------------------------------------------------


def test_an_unknown_extra_column_is_warned_about_and_not_read(export_ids: ExplorerIds) -> None:
    header = [*EXPLORER_HEADER, "Reviewer"]
    result = read(export_ids, {**explorer_row("UK0051"), "Reviewer": "J. Smith"}, header=header)
    assert [r.commitment_id for r in result.rows] == ["UK0051"]
    [warning] = result.rejects
    assert (warning.location, warning.severity) == ("column 'Reviewer'", "warning")
    assert "J. Smith" not in result.rows[0].values.values()


def test_country_and_country_locality_together_read_the_first(export_ids: ExplorerIds) -> None:
    header = [*EXPLORER_HEADER, "Country/Locality"]
    row = {**explorer_row("UK0051"), "Country/Locality": "Somewhere Else"}
    result = read(export_ids, row, header=header)
    assert result.rows[0].values["country_locality"] == "United Kingdom"
    [warning] = result.rejects
    assert warning.location == "column 'Country/Locality'"
    assert "same field as column 'Country'" in warning.reason


def test_an_export_is_not_an_explorer_file_and_an_explorer_file_is_not_an_export(
    export_ids: ExplorerIds,
) -> None:
    as_explorer = read_explorer(SAMPLE_EXPORT.read_bytes(), export_ids.identify)
    assert [(r.location, r.severity) for r in as_explorer.rejects] == [("file", "error")]
    assert "not an OGP Explorer header" in as_explorer.rejects[0].reason
    as_export = read_export(explorer_csv([explorer_row("UK0051")]))
    assert [(r.location, r.severity) for r in as_export.rejects] == [("file", "error")]


# --- keys ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"), [("3", "03"), ("3", "3.0"), (" 12 ", "12"), ("2.1", "2.1"), ("1.a", "1.A")]
)
def test_numbers_compare_as_integers_where_they_parse(a: str, b: str) -> None:
    assert number_key(a) == number_key(b) is not None


def test_different_numbers_and_empty_ones_do_not_compare_equal() -> None:
    assert number_key("2.1") != number_key("2")
    assert number_key("") is None
    assert number_key(None) is None


def test_titles_compare_folded_without_a_trailing_full_stop() -> None:
    assert title_key("Côte d’Ivoire Open Data.") == title_key("cote d'ivoire open  data")
    assert title_key(" . ") is None


# --- from discovery to raw tables ----------------------------------------------------------


def test_explorer_rows_land_in_the_export_tables_after_every_export_file(
    tmp_path: Path,
) -> None:
    # `a-…` sorts before the export: it must still be read after it.
    unknown = explorer_row("UK0051", Comm_No="99", Short_Title="Open Weather Data")
    unknown["Commitment Title"] = "Publish weather data"
    rows = [explorer_row("UK0051"), explorer_row("TBI0008"), unknown]
    (tmp_path / "a-explorer.csv").write_bytes(explorer_csv(rows))
    (tmp_path / "export.csv").write_bytes(SAMPLE_EXPORT.read_bytes())
    files: list[SourceFile] = source_files_from_arrow(
        source_tables(discover([tmp_path]))["source_files"]
    )
    assert [(f.path, f.kind) for f in files] == [
        ("a-explorer.csv", "ogp_explorer"),
        ("export.csv", "ogp_export"),
    ]
    tables = extract_exports(files_of_kind(files, "ogp_export", "ogp_explorer"), page_titles())
    explorer_id = files[0].source_id
    landed = [r for r in tables["export_rows"].to_pylist() if r["source_id"] == explorer_id]
    assert [(r["location"], r["commitment_id"], r["member_id"]) for r in landed] == [
        ("row 1", "UK0051", "united-kingdom"),
        ("row 2", "TBI0008", "tbilisi-georgia"),
    ]
    assert landed[1]["country_code"] == "GEO"
    dropped = [r for r in tables["rejects"].to_pylist() if r["source_id"] == explorer_id]
    assert [(r["location"], r["severity"], r["path"]) for r in dropped] == [
        ("row 3", "error", "a-explorer.csv")
    ]
    # Nothing lost: every data row is a raw row or an error reject at its place.
    assert len(landed) + len(dropped) == len(rows)
    institutions = [
        r for r in tables["export_institutions"].to_pylist() if r["source_id"] == explorer_id
    ]
    assert {(r["location"], r["commitment_id"]) for r in institutions} == {
        ("row 1", "UK0051"),
        ("row 2", "TBI0008"),
    }
