"""quality_report / render_quality_json on real release folders built from the tiny core."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline import contract
from pipeline.release.build import build_release
from pipeline.release.quality import (
    DIGIT_MASK,
    IRM_RATINGS,
    MEMBER_FIELDS,
    quality_report,
    reason_kind,
    render_quality_json,
)
from pipeline.release.safe_cells import unescape
from tests.fixtures.tiny_core import EXPORT_SOURCE, PAGE_SOURCE, insert_rows

VERSION = "2026.11.25"
EXPORT_PATH = "ogp-export/export.csv"
PAGE_PATH = "ogp-pages/UK0073.txt"
NOT_A_DATE = "{} '{}' is not a date the reader understands; left unparsed"
CONTACT = (
    "'{}' holds a person's contact details (e-mail or phone); left out of the institution names"
)
BAD_ID = "commitment id '{}' is not two to four letters and four digits"
MADRID_URL = "https://www.opengovpartnership.org/members/madrid-spain/commitments/MAD0001/"

#: Added to the tiny core: a local member with one commitment lacking its description
#: and end date, a member without commitments, rejects whose reasons differ only by
#: their values, and conflicts on two more fields.
EXTRA_ROWS: dict[str, list[dict[str, Any]]] = {
    "members": [
        {
            "member_id": "madrid-spain",
            "name": "Madrid, Spain",
            "member_type": "local",
            "country_code": "ESP",
        },
        {
            "member_id": "paris-france",
            "name": "Paris, France",
            "member_type": "local",
            "country_code": "FRA",
        },
    ],
    "action_plans": [
        {
            "action_plan_id": "madrid-spain-2018",
            "member_id": "madrid-spain",
            "title": "Madrid Action Plan 2018-20",
            "start_year": 2018,
        },
    ],
    "commitments": [
        {
            "commitment_id": "MAD0001",
            "member_id": "madrid-spain",
            "action_plan_id": "madrid-spain-2018",
            "title": "Participatory budgets",
            "status": "active",
            "start_date": dt.date(2018, 1, 1),
            "url": MADRID_URL,
            "source_count": 1,
        },
    ],
    "institutions": [{"institution_id": "madrid-city-council", "name": "Madrid City Council"}],
    "commitment_institutions": [
        # Two lead rows for one commitment still make one commitment with a lead.
        {
            "commitment_id": "MAD0001",
            "institution_id": "madrid-city-council",
            "role": "lead",
            "position": 1,
        },
        {
            "commitment_id": "MAD0001",
            "institution_id": "cabinet-office",
            "role": "lead",
            "position": 2,
        },
        # A support institution is not a lead.
        {
            "commitment_id": "UK0074",
            "institution_id": "cabinet-office",
            "role": "support",
            "position": 1,
        },
    ],
    # An assessment row without any rating (only why they are missing): not assessed.
    "irm_assessments": [{"commitment_id": "MAD0001", "specificity_null_reason": "pending_review"}],
    "rejects": [
        {
            "source_id": EXPORT_SOURCE,
            "location": "row 8, column 'Start Date'",
            "path": EXPORT_PATH,
            "severity": "warning",
            "reason": "row 8 (line 185): " + NOT_A_DATE.format("Start Date", "Underway"),
        },
        {
            "source_id": EXPORT_SOURCE,
            "location": "row 82, column 'Start Date'",
            "path": EXPORT_PATH,
            "severity": "warning",
            "reason": "row 82 (line 2187): " + NOT_A_DATE.format("Start Date", "Spring 2015"),
        },
        {
            "source_id": EXPORT_SOURCE,
            "location": "row 95, column 'End Date'",
            "path": EXPORT_PATH,
            "severity": "warning",
            "reason": "row 95 (line 2302): " + NOT_A_DATE.format("End Date", "Spring 2015"),
        },
        {
            "source_id": PAGE_SOURCE,
            "location": "line 12",
            "path": PAGE_PATH,
            "severity": "warning",
            "reason": CONTACT.format("Lead Institution"),
        },
        {
            "source_id": PAGE_SOURCE,
            "location": "line 3",
            "path": PAGE_PATH,
            "severity": "error",
            "reason": BAD_ID.format("UK0073X"),
        },
    ],
    "conflicts": [
        {
            "commitment_id": commitment_id,
            "field": field,
            "source_id": EXPORT_SOURCE,
            "location": location,
            "value": "other",
            "chosen_value": "chosen",
            "chosen_source_id": PAGE_SOURCE,
            "chosen_location": "file",
        }
        for commitment_id, field, location in [
            ("UK0073", "commitments.description", "row 2"),
            ("UK0074", "commitments.description", "row 3"),
            ("MAD0001", "commitments.status", "row 4"),
        ]
    ],
}


def add_rows(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert extra rows into the core tables."""
    for table, table_rows in rows.items():
        insert_rows(con, table, table_rows)


def release_of(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """A release folder built from the database (no validation needed for a report)."""
    build_release(con, folder, version=VERSION, created=None, sources=[])
    return folder


@pytest.fixture
def release(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    """A release of the tiny core plus EXTRA_ROWS."""
    add_rows(tiny_core_db, EXTRA_ROWS)
    return release_of(tiny_core_db, tmp_path / "release")


@pytest.fixture
def report(release: Path) -> dict[str, Any]:
    return quality_report(release, None)


# --- shape -----------------------------------------------------------------------------


def test_top_level_keys_in_order_and_version(report: dict[str, Any]) -> None:
    assert list(report) == [
        "version", "tables", "members", "rejects", "personal_data", "conflicts", "ledger",
        "columns", "change",
    ]  # fmt: skip
    assert report["ledger"] is None  # built from core tables alone: no raw records
    assert report["columns"] is None  # nor export headers
    assert report["version"] == VERSION


def test_tables_and_fields_follow_contract_order(report: dict[str, Any]) -> None:
    assert list(report["tables"]) == contract.table_names()
    for table, entry in report["tables"].items():
        assert list(entry) == ["rows", "fields"]
        assert list(entry["fields"]) == [f["name"] for f in contract.fields(table)]
        for counts in entry["fields"].values():
            assert list(counts) == ["filled", "missing", "completeness"]
            assert counts["filled"] + counts["missing"] == entry["rows"]


# --- completeness per table and field --------------------------------------------------


def test_row_counts(report: dict[str, Any]) -> None:
    rows = {table: entry["rows"] for table, entry in report["tables"].items()}
    assert rows == {
        "members": 3,
        "action_plans": 2,
        "commitments": 3,
        "institutions": 2,
        "commitment_institutions": 4,
        "policy_areas": 1,
        "commitment_policy_areas": 1,
        "irm_assessments": 2,
        "milestones": 1,
        "notes": 1,
        "sources": 2,
        "conflicts": 4,
        "rejects": 6,
    }


def test_field_completeness_counts_empty_cells_as_missing(report: dict[str, Any]) -> None:
    commitments = report["tables"]["commitments"]["fields"]
    # UK0074's description is '' in the database: published as an empty cell.
    assert commitments["description"] == {"filled": 1, "missing": 2, "completeness": 0.3333}
    assert commitments["title"] == {"filled": 3, "missing": 0, "completeness": 1.0}
    assert commitments["action_plan_id"] == {"filled": 2, "missing": 1, "completeness": 0.6667}
    assert commitments["primary_sector"] == {"filled": 0, "missing": 3, "completeness": 0.0}
    members = report["tables"]["members"]["fields"]
    assert members["ogp_code"] == {"filled": 1, "missing": 2, "completeness": 0.3333}
    assert members["country_code"] == {"filled": 3, "missing": 0, "completeness": 1.0}
    # A boolean false is a value, not a missing one.
    irm = report["tables"]["irm_assessments"]["fields"]
    assert irm["relevant_civic_participation"] == {
        "filled": 1,
        "missing": 1,
        "completeness": 0.5,
    }


def test_a_table_with_no_rows_has_null_completeness(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tiny_core_db.execute("DELETE FROM core.notes")
    notes = quality_report(release_of(tiny_core_db, tmp_path / "r"), None)["tables"]["notes"]
    assert notes == {
        "rows": 0,
        "fields": {
            name: {"filled": 0, "missing": 0, "completeness": None}
            for name in ["commitment_id", "note_number", "text", "url"]
        },
    }


def test_an_empty_release_reports_zeros_and_nulls(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    for table in contract.table_names():
        tiny_core_db.execute(f'DELETE FROM core."{table}"')
    report = quality_report(release_of(tiny_core_db, tmp_path / "r"), None)
    assert all(entry["rows"] == 0 for entry in report["tables"].values())
    assert report["members"] == {}
    assert report["rejects"] == {"total": 0, "by_severity": {}, "by_reason": [], "by_source": {}}
    assert report["conflicts"] == {"total": 0, "by_field": {}}


# --- members ---------------------------------------------------------------------------


def test_member_completeness(report: dict[str, Any]) -> None:
    assert report["members"] == {
        "madrid-spain": {
            "name": "Madrid, Spain",
            "commitments": 1,
            "completeness": {
                "title": 1.0,
                "description": 0.0,
                "status": 1.0,
                "action_plan_id": 1.0,
                "start_date": 1.0,
                "end_date": 0.0,
                "lead_institution": 1.0,
                "policy_area": 0.0,
            },
            "irm_assessed": 0.0,
            "score": 0.5556,  # 5 of 9
        },
        "paris-france": {
            "name": "Paris, France",
            "commitments": 0,
            "completeness": dict.fromkeys(
                [*MEMBER_FIELDS, "lead_institution", "policy_area"], None
            ),
            "irm_assessed": None,
            "score": None,
        },
        "united-kingdom": {
            "name": "United Kingdom",
            "commitments": 2,
            "completeness": {
                "title": 1.0,
                "description": 0.5,
                "status": 1.0,
                "action_plan_id": 0.5,
                "start_date": 0.5,
                "end_date": 0.5,
                "lead_institution": 0.5,
                "policy_area": 0.5,
            },
            "irm_assessed": 0.5,
            "score": 0.6111,  # 11 of 18
        },
    }


def test_any_irm_rating_makes_a_commitment_assessed(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    add_rows(tiny_core_db, EXTRA_ROWS)
    tiny_core_db.execute(
        "UPDATE core.irm_assessments SET early_results = 'moderate' WHERE commitment_id = 'MAD0001'"
    )
    report = quality_report(release_of(tiny_core_db, tmp_path / "r"), None)
    assert report["members"]["madrid-spain"]["irm_assessed"] == 1.0
    assert report["members"]["madrid-spain"]["score"] == 0.6667  # 6 of 9
    assert "early_results" in IRM_RATINGS
    assert not any(name.endswith("_null_reason") for name in IRM_RATINGS)


# --- rejects and conflicts -------------------------------------------------------------


def test_rejects_summary(report: dict[str, Any]) -> None:
    rejects = report["rejects"]
    assert rejects["total"] == 6
    assert rejects["by_severity"] == {"warning": 4, "error": 2}
    assert rejects["by_source"] == {EXPORT_PATH: 4, PAGE_PATH: 2}
    assert rejects["by_reason"] == [
        {
            "kind": BAD_ID.format("…"),
            "count": 2,
            "by_severity": {"error": 2},
            "example": BAD_ID.format("UK0073X"),
        },
        {
            "kind": "row N (line N): " + NOT_A_DATE.format("Start Date", "…"),
            "count": 2,
            "by_severity": {"warning": 2},
            "example": "row 8 (line 185): " + NOT_A_DATE.format("Start Date", "Underway"),
        },
        {
            "kind": CONTACT.format("…"),
            "count": 1,
            "by_severity": {"warning": 1},
            "example": CONTACT.format("Lead Institution"),
        },
        {
            # Unquoted words are not values: End Date problems are a kind of their own.
            "kind": "row N (line N): " + NOT_A_DATE.format("End Date", "…"),
            "count": 1,
            "by_severity": {"warning": 1},
            "example": "row 95 (line 2302): " + NOT_A_DATE.format("End Date", "Spring 2015"),
        },
    ]


def test_conflicts_by_field_sorted_by_count_then_name(report: dict[str, Any]) -> None:
    assert report["conflicts"] == {
        "total": 4,
        "by_field": {
            "commitments.description": 2,
            "commitments.status": 1,
            "commitments.title": 1,
        },
    }
    assert list(report["conflicts"]["by_field"]) == [
        "commitments.description",
        "commitments.status",
        "commitments.title",
    ]


# --- change ----------------------------------------------------------------------------


def test_change_is_null_for_a_first_release(report: dict[str, Any]) -> None:
    assert report["change"] is None
    assert '\n  "change": null\n}\n' in render_quality_json(report)


def test_change_is_kept_as_given(release: Path) -> None:
    change = {"previous": "2026.11.24", "tables": {"commitments": {"added": 1, "removed": 0}}}
    report = quality_report(release, change)
    assert report["change"] == change
    assert report["change"] is not change  # a copy: the caller's dict stays theirs


def test_change_that_is_not_json_fails_early(release: Path) -> None:
    with pytest.raises(TypeError):
        quality_report(release, {"when": dt.date(2026, 11, 25)})


# --- rendering -------------------------------------------------------------------------


def test_render_is_json_of_the_report_with_lf_and_unicode(report: dict[str, Any]) -> None:
    text = render_quality_json(report)
    assert text.endswith("}\n") and "\r" not in text
    assert "'…'" in text  # ensure_ascii=False: the placeholder is written as is
    assert json.loads(text) == report
    assert render_quality_json(report) == text


def test_render_is_byte_identical_across_two_builds(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    add_rows(tiny_core_db, EXTRA_ROWS)
    change = {"previous": None}
    first = render_quality_json(quality_report(release_of(tiny_core_db, tmp_path / "a"), change))
    second = render_quality_json(
        quality_report(release_of(tiny_core_db, tmp_path / "b" / "c"), change)
    )
    assert first.encode("utf-8") == second.encode("utf-8")


# --- reason kinds ----------------------------------------------------------------------

KIND_CASES = [
    pytest.param(
        "row 8 (line 185): Start Date 'Underway' is not a date the reader understands; "
        "left unparsed",
        "row N (line N): Start Date '…' is not a date the reader understands; left unparsed",
        id="numbers-and-quoted-value",
    ),
    pytest.param(
        "commitment id 'UK00X' is not two to four letters and four digits",
        "commitment id '…' is not two to four letters and four digits",
        id="quoted-id",
    ),
    pytest.param(
        "row 116: 'Supporting Institution(s)' holds a person's contact details",
        "row N: '…' holds a person's contact details",
        id="apostrophe-inside-a-word-is-not-a-quote",
    ),
    pytest.param(
        "value \"it's here\" is neither Yes/No, says O'Brien's team",
        "value '…' is neither Yes/No, says O'Brien's team",
        id="double-quoted-value-holding-an-apostrophe",
    ),
    pytest.param(
        'member-list title \'"http://gov.uk/","GOV.UK"\' has a quoted URL and link text; '
        "read the link text: 'GOV.UK'",
        "member-list title '…' has a quoted URL and link text; read the link text: '…'",
        id="quotes-nested-in-quotes",
    ),
    pytest.param(
        "row 113 (line 2538): End Date '7/19/1905' → 2027-01-01: 1905-07-19 is the year 2027 "
        "stored as a spreadsheet serial number (the row's other date is written month/day)",
        "row N (line N): End Date '…' → DATE: DATE is the year N stored as a spreadsheet "
        "serial number (the row's other date is written month/day)",
        id="iso-dates-and-slashed-words",
    ),
    pytest.param(
        "retrieved at 2026-11-01T10:30:00Z, not 2026-11-02T08:00:00+02:00",
        "retrieved at DATE, not DATE",
        id="datetimes",
    ),
    pytest.param(
        "source 0123456789abcdef: sha256 differs for ogp-pages/UK0073.txt",
        "source ID: shaN differs for PATH",
        id="hex-source-id-and-path",
    ),
    pytest.param(
        "UK0073.txt.meta.json: retrieved_at is not a date; see export.CSV",
        "PATH: retrieved_at is not a date; see PATH",
        id="bare-file-names",
    ),
    pytest.param(
        "the page's address names UK0073 and plan AP_GBR03, not UK0074",
        "the page's address names ID and plan ID, not ID",
        id="upper-case-ids",
    ),
    pytest.param(
        "fetched https://www.opengovpartnership.org/members/x/commitments/UK0001/; failed",
        "fetched URL; failed",
        id="url-without-trailing-punctuation",
    ),
    pytest.param(
        "3 known commitments of member 'x' have its title (UK0001, UK0002, UK0003)",
        "N known commitments of member '…' have its title (ID, …)",
        id="list-of-ids-of-any-length",
    ),
    pytest.param(
        "2 known commitments of member 'y' have its title (UK0001, UK0009)",
        "N known commitments of member '…' have its title (ID, …)",
        id="list-of-two-ids",
    ),
    pytest.param(
        "sheet 'Data', column E has 1,250 cells right of the header (position 12)",
        "sheet '…', column E has N cells right of the header (position N)",
        id="letters-and-grouped-numbers",
    ),
    pytest.param(
        "  row 1:\n\tbad   value 'a\nb'  ",
        "row N: bad value '…'",
        id="whitespace-collapsed",
    ),
    pytest.param(
        "a day/month date, e.g. 1/7/2014 in plan united-kingdom-2016",
        "a day/month date, e.g. N/N/N in plan united-kingdom-N",
        id="words-with-slashes-and-dots-stay",
    ),
    pytest.param(
        "sha256 of an ISO 8601 text, 2nd try",
        "shaN of an ISO N text, Nnd try",
        id="digits-inside-words-are-numbers-too",
    ),
    pytest.param("", "", id="empty"),
]


@pytest.mark.parametrize(("reason", "kind"), KIND_CASES)
def test_reason_kind(reason: str, kind: str) -> None:
    assert reason_kind(reason) == kind


@pytest.mark.parametrize(("reason", "kind"), KIND_CASES)
def test_reason_kind_is_idempotent(reason: str, kind: str) -> None:
    assert reason_kind(kind) == kind


@pytest.mark.parametrize(("reason", "kind"), KIND_CASES)
@pytest.mark.parametrize("digit", ["0", "7"])
def test_reason_kind_is_digit_blind(reason: str, kind: str, digit: str) -> None:
    """What lets DuckDB pre-group reasons by their digit-masked text (DIGIT_MASK)."""
    assert reason_kind(re.sub("[0-9]", digit, reason)) == kind


def test_digit_mask_in_sql_writes_every_ascii_digit_as_zero() -> None:
    reason = "row 12 (line 3456): sha256 '7/19/1905' ٣"
    with duckdb.connect() as con:
        (masked,) = con.execute(
            f"SELECT {DIGIT_MASK} FROM (SELECT ? AS reason)", [reason]
        ).fetchone()
    assert masked == "row 00 (line 0000): sha000 '0/00/0000' ٣"


def test_by_reason_equals_grouping_every_reject_by_its_kind(
    release: Path, report: dict[str, Any]
) -> None:
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT reason, severity FROM read_csv(?, all_varchar = true)",
            [str(release / "csv" / "rejects.csv")],
        ).fetchall()
    expected: dict[str, list[str]] = {}
    for cell, _ in rows:
        reason = unescape(cell)  # the CSV escapes a text cell starting with ' (safe_cells)
        expected.setdefault(reason_kind(reason), []).append(reason)
    got = {
        entry["kind"]: (entry["count"], entry["example"])
        for entry in report["rejects"]["by_reason"]
    }
    assert got == {kind: (len(reasons), min(reasons)) for kind, reasons in expected.items()}


def test_a_csv_that_does_not_match_its_descriptor_is_named(release: Path) -> None:
    (release / "csv" / "notes.csv").write_text("commitment_id,text\nUK0073,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"csv/notes\.csv: header \['commitment_id', 'text'\]"):
        quality_report(release, None)
