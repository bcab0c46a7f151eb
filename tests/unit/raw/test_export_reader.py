"""read_export: OGP's commitments export CSV → rows, institutions, policy areas, rejects.

Fixtures are small CSVs built on the real 171-column header of the sample export
(docs/sources.md §3), with only the cells a test cares about filled in.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

from pipeline.raw.readers import export as export_reader
from pipeline.raw.readers.export import (
    MAX_CELL_CHARS,
    export_columns,
    header_kind,
    policy_area_headers,
    read_export,
)
from pipeline.raw.source_records import ExportReadResult, Reject
from tests.fixtures.samples import SAMPLE_EXPORT as SAMPLE

ID = "Commitment Unique Identifier"
URL = "URL"

# Raw column names the SQL relies on (the contract of vocab/export_columns.csv).
KEY_COLUMNS = {
    "Commitment Unique Identifier": "commitment_unique_identifier",
    "Country/Locality": "country_locality",
    "Action Plan Number": "action_plan_number",
    "Commitment Number": "commitment_number",
    "Code": "code",
    "Region": "region",
    "National Or Local": "national_or_local",
    "Year Of Submission": "year_of_submission",
    "Action Plan End Year": "action_plan_end_year",
    "Theme": "theme",
    "Commitment Title": "commitment_title",
    "Short Title": "short_title",
    "Full Text": "full_text",
    "Start Date": "start_date",
    "End Date": "end_date",
    "Lead Institution": "lead_institution",
    "Supporting Institution(s)": "supporting_institutions",
    "Specificity": "specificity",
    "_Specificity": "specificity_score",
    "_Relevant": "relevant",
    "_CompletionProgress": "completion_progress_report_score",
    "_OpenGovernment": "did_it_open_government_overall_score",
    "_DIOGATI": "did_it_open_government_access_to_information_score",
    "Did It Open Government: Public Accountability": (
        "did_it_open_government_public_accountability"
    ),
    "Completion (End Of Term)": "completion_end_of_term",
    "Starred (2015 Only)": "starred_2015_only",
    "Updated? (Website)": "updated_website",
    "Ambitious and complete, or DIOG": "ambitious_and_complete_or_diog",
    "IRM-Based Score": "irm_based_score",
    "URL": "url",
    "Action Plan ID": "action_plan_id",
    "id": "id",
}


def sample_header() -> list[str]:
    """The header of the real sample export, read from its first record."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


HEADER = sample_header()


def commitment(cid: str, cells: dict[str, str] | None = None) -> dict[str, str]:
    """One export row for `cid` with a matching URL, policy areas 0, other cells as given."""
    row = dict.fromkeys(policy_area_headers(), "0")
    url = f"https://www.opengovpartnership.org/members/bulgaria/commitments/{cid.lower()}"
    row.update({ID: cid, URL: url})
    row.update(cells or {})
    return row


def export_csv(*rows: dict[str, str], header: list[str] | None = None) -> bytes:
    """An export file as OGP writes it: CRLF rows, quoted cells with bare LF inside, UTF-8."""
    header = header if header is not None else HEADER
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


def read(*rows: dict[str, str], header: list[str] | None = None) -> ExportReadResult:
    return read_export(export_csv(*rows, header=header))


def rejects_at(result: ExportReadResult, location: str) -> list[Reject]:
    return [r for r in result.rejects if r.location == location]


# --- the header registry ---------------------------------------------------------------


def test_every_sample_header_is_a_policy_area_or_a_registered_column() -> None:
    unregistered = [
        h for h in HEADER if h.strip() not in policy_area_headers() and h not in export_columns()
    ]
    assert unregistered == []
    assert len(HEADER) == 171
    assert sum(h in policy_area_headers() for h in HEADER) == 86
    assert len(export_columns()) == 85


def test_registry_has_no_stale_headers_and_no_duplicate_column_names() -> None:
    assert set(export_columns()) <= set(HEADER)
    assert set(export_columns()).isdisjoint(policy_area_headers())
    names = list(export_columns().values())
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names)
    derived = {"start_date_parsed", "start_date_precision", "end_date_parsed", "end_date_precision"}
    assert derived.isdisjoint(names)


def test_key_headers_map_to_the_names_the_sql_uses() -> None:
    assert {h: export_columns()[h] for h in KEY_COLUMNS} == KEY_COLUMNS


def test_numeric_twins_are_named_after_their_coded_column() -> None:
    twins = {h: c for h, c in export_columns().items() if h.startswith("_") and h != "_Relevant"}
    assert twins
    assert all(c.endswith("_score") for c in twins.values())
    coded = set(export_columns().values())
    assert all(c.removesuffix("_score") in coded for c in twins.values())


def test_header_kind_tells_an_export_from_an_explorer_table() -> None:
    assert header_kind(HEADER) == "ogp_export"
    explorer = ["Country", "Action Plan Number", "Comm No", "Commitment Title", "Short Title"]
    assert header_kind(explorer) == "ogp_explorer"
    assert header_kind([ID, *explorer]) == "ogp_export"
    assert header_kind(["Country", "Comm No"]) is None
    assert header_kind([]) is None


def test_csv_is_the_default_format() -> None:
    data = export_csv(commitment("BG0090"))
    assert read_export(data, "csv") == read_export(data)


# --- one row -------------------------------------------------------------------------------


def test_row_values_are_trimmed_text_with_placeholders_kept_and_empty_as_none() -> None:
    result = read(
        commitment(
            "BG0090",
            {
                "Country/Locality": "  Bulgaria ",
                "Code": "BGR",
                "Short Title": "Development of Online Petition Platform",
                "Full Text": "What is the problem?\nThe law.\n\nWhat is the commitment?",
                "Specificity": "ND",
                "Completion (End Of Term)": "NR",
                "Cluster Commitment ID(s)": "NA",
                "Theme": "",
                "Action Plan ID": "AP_BGR04",
            },
        )
    )
    assert result.rejects == []
    assert result.header == HEADER
    [row] = result.rows
    assert (row.location, row.row_number, row.commitment_id) == ("row 1", 1, "BG0090")
    values = row.values
    assert values["commitment_unique_identifier"] == "BG0090"
    assert values["country_locality"] == "Bulgaria"
    assert values["code"] == "BGR"
    assert values["short_title"] == "Development of Online Petition Platform"
    assert values["full_text"] == "What is the problem?\nThe law.\n\nWhat is the commitment?"
    assert values["specificity"] == "ND"
    assert values["completion_end_of_term"] == "NR"
    assert values["cluster_commitment_ids"] == "NA"
    assert values["theme"] is None
    assert values["region"] is None
    assert values["action_plan_id"] == "AP_BGR04"
    assert set(values) == set(export_columns().values()) | {
        "start_date_parsed",
        "start_date_precision",
        "end_date_parsed",
        "end_date_precision",
    }


def test_lower_case_identifier_is_upper_cased_without_complaint() -> None:
    result = read(commitment(" bg0090 "))
    assert result.rejects == []
    [row] = result.rows
    assert row.commitment_id == "BG0090"
    assert row.values["commitment_unique_identifier"] == "bg0090"  # raw cell, as found


@pytest.mark.parametrize("cid", ["UK0073", "PAR0007", "KEEM0002"])
def test_two_to_four_letter_identifiers_are_accepted(cid: str) -> None:
    result = read(commitment(cid))
    assert [r.commitment_id for r in result.rows] == [cid]
    assert result.rejects == []


def test_crlf_rows_and_bare_lf_in_quoted_cells_give_one_record_each() -> None:
    data = export_csv(
        commitment("BG0090", {"Supporting Institution(s)": "Agency A\nAgency B\nAgency C"}),
        commitment("BG0091", {"Education": "yes"}),
    )
    assert data.count(b"\r\n") == 3
    assert b"Agency A\nAgency B" in data
    result = read_export(data)
    assert [r.commitment_id for r in result.rows] == ["BG0090", "BG0091"]
    assert result.rows[0].values["supporting_institutions"] == "Agency A\nAgency B\nAgency C"
    [stray] = result.rejects
    # Row 2 starts on physical line 5: header on 1, row 1 spans lines 2-4.
    assert stray.reason.startswith("row 2 (line 5):")


def test_byte_order_mark_is_stripped() -> None:
    result = read_export(b"\xef\xbb\xbf" + export_csv(commitment("BG0090")))
    assert result.header[0] == ID
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    assert result.rejects == []


# --- identifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "named"),
    [("BG-90", "'BG-90'"), ("NA", "'NA'"), ("", "no Commitment Unique Identifier")],
)
def test_invalid_identifier_falls_back_to_the_url_with_a_warning(bad: str, named: str) -> None:
    url = "https://www.opengovpartnership.org/members/bulgaria/commitments/bg0090/"
    result = read(commitment("XX", {ID: bad, URL: url}))
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [warning] = result.rejects
    assert (warning.location, warning.severity, warning.commitment_id) == (
        "row 1",
        "warning",
        "BG0090",
    )
    assert named in warning.reason
    assert "row 1 (line 2)" in warning.reason


def test_invalid_identifier_without_url_id_drops_the_row() -> None:
    result = read(
        commitment("BG0090"),
        commitment(
            "XX",
            {
                ID: "BG-90",
                URL: "https://www.opengovpartnership.org/members/bulgaria/",
                "Lead Institution": "Ministry of Justice",
                "Open Parliaments": "1",
            },
        ),
    )
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [error] = result.rejects
    assert (error.location, error.severity) == ("row 2", "error")
    assert "row 2 (line 3)" in error.reason
    assert "'BG-90'" in error.reason
    assert error.commitment_id is None
    assert result.institutions == []
    assert result.policy_areas == []


def test_url_naming_another_commitment_is_a_warning_and_the_identifier_wins() -> None:
    url = "https://opengovpartnership.org/members/bulgaria/commitments/bg0091"
    result = read(commitment("BG0090", {URL: url}))
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [warning] = result.rejects
    assert (warning.location, warning.severity) == ("row 1, column 'URL'", "warning")
    assert "BG0091" in warning.reason
    assert "BG0090" in warning.reason


def test_repeated_identifier_is_a_warning_at_the_later_row_and_both_rows_are_kept() -> None:
    result = read(commitment("BG0090"), commitment("BG0091"), commitment("bg0090"))
    assert [(r.row_number, r.commitment_id) for r in result.rows] == [
        (1, "BG0090"),
        (2, "BG0091"),
        (3, "BG0090"),
    ]
    [warning] = result.rejects
    assert (warning.location, warning.severity, warning.commitment_id) == (
        "row 3",
        "warning",
        "BG0090",
    )
    assert "row 1" in warning.reason


# --- file structure ------------------------------------------------------------------------


def test_row_with_the_wrong_cell_count_is_an_error_and_dropped() -> None:
    good = export_csv(commitment("BG0090"), commitment("BG0092"))
    header_line, first, second = good.decode("utf-8").rstrip("\r\n").split("\r\n")
    short = first.replace("BG0090", "BG0091").rsplit(",", 1)[0]
    data = "\r\n".join([header_line, first, short, second]).encode("utf-8") + b"\r\n"
    result = read_export(data)
    assert [r.commitment_id for r in result.rows] == ["BG0090", "BG0092"]
    [error] = result.rejects
    assert (error.location, error.severity, error.commitment_id) == ("row 2", "error", "BG0091")
    assert "170" in error.reason
    assert "171" in error.reason


def test_blank_rows_are_skipped_silently_but_keep_their_place_in_the_numbering() -> None:
    good = export_csv(commitment("BG0090"), commitment("BG0091"))
    header_line, first, second = good.decode("utf-8").rstrip("\r\n").split("\r\n")
    empty_cells = "," * (len(HEADER) - 1)
    data = "\r\n".join([header_line, first, "", empty_cells, second, ""]).encode("utf-8")
    result = read_export(data)
    assert [(r.row_number, r.commitment_id) for r in result.rows] == [(1, "BG0090"), (4, "BG0091")]
    assert result.rejects == []


def test_unknown_column_is_a_warning_and_not_read() -> None:
    header = [*HEADER, "Reviewer Notes"]
    result = read(commitment("BG0090", {"Reviewer Notes": "check later"}), header=header)
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [warning] = result.rejects
    assert (warning.location, warning.severity) == ("column 'Reviewer Notes'", "warning")
    assert "not read" in warning.reason
    assert "check later" not in result.rows[0].values.values()


def test_header_without_identifier_and_url_is_not_an_export() -> None:
    header = ["Country", "Comm No", "Commitment Title"]
    result = read({"Country": "Bulgaria", "Comm No": "1"}, header=header)
    assert result.rows == []
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "not an OGP export header" in error.reason


def test_header_without_the_id_column_is_rejected_as_a_whole_even_with_urls() -> None:
    # URLs name a row's commitment when its ID cell is empty; a header without the ID
    # column is another export than the one the reader knows: nothing of it is guessed.
    header = [h for h in HEADER if h != ID]
    result = read(commitment("BG0090"), header=header)
    assert result.rows == []
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert error.reason == (
        "not an OGP export header: it has no 'Commitment Unique Identifier' column (renamed "
        "or dropped?), which identifies each row; 170 of the 171 OGP export columns are "
        "there; file rejected"
    )


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("latin-1", "Latin-1"), ("cp1252", "Windows-1252"), ("utf-16", "UTF-16"),
     ("utf-8-sig", None)],
)  # fmt: skip
def test_a_file_in_another_encoding_is_read_right_with_a_warning(
    encoding: str, name: str | None
) -> None:
    place = "Côte d'Ivoire – “quoted”" if encoding != "latin-1" else "Côte d'Ivoire"
    data = export_csv(commitment("BG0090", {"Country/Locality": place}))
    result = read_export(data.decode("utf-8").encode(encoding))
    assert [r.values["country_locality"] for r in result.rows] == [place]
    notes = [(r.location, r.severity, r.reason) for r in result.rejects]
    assert notes == ([("file", "warning", f"not UTF-8: read as {name} text")] if name else [])


def test_a_large_non_utf8_file_is_one_file_level_error_naming_the_byte_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_reader, "WHOLE_TEXT_BYTES", 100)  # read as a stream
    data = export_csv(commitment("BG0090", {"Country/Locality": "Côte d'Ivoire"}))
    latin1 = data.decode("utf-8").encode("latin-1")
    path = tmp_path / "export.csv"
    path.write_bytes(latin1)
    result = read_export(path)
    assert result.rows == []
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "not UTF-8" in error.reason
    offset = latin1.index("ô".encode("latin-1"))
    assert f"byte offset {offset}" in error.reason


def test_binary_bytes_are_not_text() -> None:
    result = read_export(b"Commitment Unique Identifier,x\n\x00\xff\x01\xfegarbage")
    assert result.rows == []
    assert [(r.location, r.severity) for r in result.rejects] == [("file", "error")]
    assert "binary data" in result.rejects[0].reason


def test_empty_file_is_a_file_level_error() -> None:
    result = read_export(b"")
    assert result.rows == []
    assert [(r.location, r.severity) for r in result.rejects] == [("file", "error")]


def test_csv_that_breaks_mid_file_keeps_earlier_rows_and_reports_the_rest() -> None:
    good = export_csv(commitment("BG0090"))
    runaway = '"' + "x" * (MAX_CELL_CHARS + 1)  # an unclosed quote swallowing the file
    result = read_export(good + runaway.encode("utf-8"))
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [error] = result.rejects
    assert (error.location, error.severity) == ("file", "error")
    assert "line 3" in error.reason


def test_the_cell_limit_does_not_depend_on_what_else_raised_it() -> None:
    good = export_csv(commitment("BG0090"))
    runaway = ('"' + "x" * (MAX_CELL_CHARS + 1)).encode("utf-8")
    previous = csv.field_size_limit(sys.maxsize)  # as some libraries leave it
    try:
        result = read_export(good + runaway)
    finally:
        csv.field_size_limit(previous)
    assert [r.location for r in result.rejects] == ["file"]
    assert csv.field_size_limit() == previous


def test_unclosed_quote_at_the_end_is_a_ragged_last_row() -> None:
    result = read_export(export_csv(commitment("BG0090")) + b'"' + b"x" * 5000)
    assert [r.commitment_id for r in result.rows] == ["BG0090"]
    [error] = result.rejects
    assert (error.location, error.severity) == ("row 2", "error")


# --- dates ---------------------------------------------------------------------------------


def test_dates_are_parsed_next_to_the_raw_text() -> None:
    result = read(commitment("BG0090", {"Start Date": "July 2014", "End Date": "12/31/2016"}))
    values = result.rows[0].values
    assert (values["start_date"], values["start_date_parsed"]) == ("July 2014", "2014-07-01")
    assert values["start_date_precision"] == "month"
    assert (values["end_date_parsed"], values["end_date_precision"]) == ("2016-12-31", "day")
    assert result.rejects == []


def test_placeholder_and_empty_dates_are_unparsed_without_warning() -> None:
    result = read(commitment("BG0090", {"Start Date": "NA", "End Date": ""}))
    values = result.rows[0].values
    assert values["start_date"] == "NA"
    assert values["start_date_parsed"] is None
    assert values["start_date_precision"] is None
    assert values["end_date"] is None
    assert values["end_date_parsed"] is None
    assert result.rejects == []


@pytest.mark.parametrize("text", ["Spring 2015", "Underway", "13/13/2020"])
def test_unreadable_date_is_a_warning_naming_the_value(text: str) -> None:
    result = read(commitment("BG0090", {"End Date": text}))
    assert result.rows[0].values["end_date_parsed"] is None
    [warning] = result.rejects
    assert (warning.location, warning.severity) == ("row 1, column 'End Date'", "warning")
    assert f"'{text}'" in warning.reason


def test_date_read_with_a_note_is_a_warning_carrying_the_note() -> None:
    result = read(commitment("KE0037", {"Start Date": "7/16/1905", "End Date": "7/19/1905"}))
    values = result.rows[0].values
    assert (values["start_date_parsed"], values["start_date_precision"]) == ("2024-01-01", "year")
    assert values["end_date_parsed"] == "2027-01-01"
    locations = sorted(r.location for r in result.rejects)
    assert locations == ["row 1, column 'End Date'", "row 1, column 'Start Date'"]
    assert all("serial" in r.reason for r in result.rejects)


def test_day_first_end_date_settles_an_ambiguous_start_date_in_the_same_row() -> None:
    result = read(commitment("BG0027", {"Start Date": "1/7/2014", "End Date": "31/12/2016"}))
    assert result.rows[0].values["start_date_parsed"] == "2014-07-01"
    [warning] = result.rejects
    assert warning.location == "row 1, column 'Start Date'"
    assert "ambiguous day/month" in warning.reason
    assert "day/month" in warning.reason.split("(the row's other date is written")[1]


def test_ambiguous_date_alone_follows_the_month_first_convention() -> None:
    result = read(commitment("CZ0012", {"Start Date": "NA", "End Date": "1/7/2015"}))
    assert result.rows[0].values["end_date_parsed"] == "2015-01-07"
    assert result.rejects == []  # the file's own convention: nothing to warn about


# --- institutions and policy areas ---------------------------------------------------------


def test_institutions_are_split_per_role_with_positions() -> None:
    result = read(
        commitment(
            "BG0090",
            {
                "Lead Institution": "Ministry of Justice",
                "Supporting Institution(s)": "Agency for Electronic Media\n Croatian Competition "
                "Agency\nCentral State Office for Development of the Digital Society\n",
            },
        ),
        commitment(
            "BG0091",
            {"Lead Institution": "Council of Ministers", "Supporting Institution(s)": "NA"},
        ),
    )
    got = [(i.row_number, i.commitment_id, i.role, i.position, i.name) for i in result.institutions]
    assert got == [
        (1, "BG0090", "lead", 1, "Ministry of Justice"),
        (1, "BG0090", "support", 1, "Agency for Electronic Media"),
        (1, "BG0090", "support", 2, "Croatian Competition Agency"),
        (1, "BG0090", "support", 3, "Central State Office for Development of the Digital Society"),
        (2, "BG0091", "lead", 1, "Council of Ministers"),
    ]


def test_lead_repeated_in_support_and_contact_details_are_left_out_with_a_warning() -> None:
    cells = {
        "Lead Institution": "Ministry of Finance, Jane Doe, Director, jane.doe@mof.gov.xx",
        "Supporting Institution(s)": "Ministry of Finance; National Audit Office",
    }
    result = read(commitment("BG0090", cells))
    got = [(i.role, i.position, i.name) for i in result.institutions]
    assert got == [
        ("lead", 1, "Ministry of Finance"),
        ("support", 1, "National Audit Office"),
    ]
    warnings = rejects_at(result, "row 1, column 'Lead Institution'")
    assert [(r.severity, r.commitment_id) for r in warnings] == [("warning", "BG0090")]
    assert "contact details" in warnings[0].reason
    assert "jane" not in warnings[0].reason.lower()  # the reject never repeats them


def test_policy_area_flags_one_and_nd_become_areas_others_do_not() -> None:
    cells = {
        "Open Parliaments": "1",
        "Gender": "ND",
        "Digital Transformation": " 1 ",
        "Tax": "0",
        "Youth": "",
        "Aid": "NA",
        "Education": "Yes",
    }
    result = read(commitment("BG0090", cells))
    got = [(p.row_number, p.commitment_id, p.name, p.value) for p in result.policy_areas]
    assert sorted(got) == [
        (1, "BG0090", "Digital Transformation", "1"),
        (1, "BG0090", "Gender", "ND"),
        (1, "BG0090", "Open Parliaments", "1"),
    ]
    [warning] = result.rejects
    assert (warning.location, warning.severity) == ("row 1, column 'Education'", "warning")
    assert "'Yes'" in warning.reason
    assert "0/1 flag" in warning.reason


def test_policy_area_headers_match_after_trimming() -> None:
    header = [f" {h} " if h == "Open Parliaments" else h for h in HEADER]
    result = read(commitment("BG0090", {" Open Parliaments ": "1"}), header=header)
    assert [(p.name, p.value) for p in result.policy_areas] == [("Open Parliaments", "1")]
    assert result.rejects == []


# --- the real sample -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> ExportReadResult:
    return read_export(SAMPLE.read_bytes())


def test_sample_reads_every_row_without_errors(sample: ExportReadResult) -> None:
    assert len(sample.rows) == 153
    assert len({r.commitment_id for r in sample.rows}) == 153
    assert [r for r in sample.rejects if r.severity == "error"] == []
    assert sample.header == HEADER


def test_sample_first_row_spot_check(sample: ExportReadResult) -> None:
    first = sample.rows[0]
    assert (first.row_number, first.commitment_id) == (1, "BG0090")
    assert first.values["short_title"] == "Development of Online Petition Platform"
    assert first.values["code"] == "BGR"
    assert first.values["action_plan_id"] == "AP_BGR04"
    assert first.values["start_date_parsed"] == "2022-08-01"
    assert first.values["end_date_parsed"] == "2024-02-28"
    assert "\n" in (first.values["full_text"] or "")


def test_sample_local_member_row(sample: ExportReadResult) -> None:
    [tbilisi] = [r for r in sample.rows if r.commitment_id == "TBI0008"]
    assert tbilisi.values["country_locality"] == "Tbilisi, Georgia"
    assert tbilisi.values["national_or_local"] == "Legacy Local"


def test_sample_has_institutions_and_policy_areas_for_its_rows(sample: ExportReadResult) -> None:
    row_ids = {r.commitment_id for r in sample.rows}
    assert {i.commitment_id for i in sample.institutions} <= row_ids
    assert {p.commitment_id for p in sample.policy_areas} <= row_ids
    assert {p.value for p in sample.policy_areas} == {"1", "ND"}
    bg0090_areas = {p.name for p in sample.policy_areas if p.commitment_id == "BG0090"}
    assert bg0090_areas == {"Open Parliaments", "Digital Transformation"}
    assert all(r.location.startswith("row ") for r in sample.rejects)
