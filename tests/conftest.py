"""Shared fixtures: a tiny, consistent core database built from the contract's DDL.

`tiny_core_db` is a DuckDB connection (file-backed, in tmp_path) holding one valid row
set for every contract table in schema `core`: one member, one action plan, two
commitments, an institution, a policy area, link rows, an IRM assessment, a milestone,
a note, two sources, a conflict and a reject. Tests may change it freely: each test
gets its own file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline import schema

PAGE_SOURCE = "0123456789abcdef"
EXPORT_SOURCE = "fedcba9876543210"
UK_URL = "https://www.opengovpartnership.org/members/united-kingdom/commitments/{}/"

TINY_ROWS: dict[str, list[dict[str, Any]]] = {
    "members": [
        {
            "member_id": "united-kingdom",
            "name": "United Kingdom",
            "member_type": "national",
            "country_code": "GBR",
            "ogp_code": "GBR",
            "region": "Europe",
        },
    ],
    "action_plans": [
        {
            "action_plan_id": "united-kingdom-2016",
            "member_id": "united-kingdom",
            "title": "United Kingdom Action Plan 2016-18",
            "start_year": 2016,
            "end_year": 2018,
            "ogp_action_plan_id": "AP_GBR03",
            "plan_number": 3,
        },
    ],
    "commitments": [
        {
            "commitment_id": "UK0073",
            "member_id": "united-kingdom",
            "action_plan_id": "united-kingdom-2016",
            "commitment_number": "1",
            "title": "Open contracting",
            "full_title": "Implementing the Open Contracting Data Standard",
            "status": "inactive",
            "starred": True,
            "description": 'Publish "all" contracts, in OCDS; with commas.\nSecond line.',
            "theme": "Open contracting",
            "start_date": dt.date(2016, 7, 1),
            "start_date_precision": "month",
            "start_date_text": "July 2016",
            "end_date": dt.date(2018, 6, 1),
            "end_date_precision": "month",
            "end_date_text": "June 2018",
            "lead_institution_text": "Cabinet Office",
            "url": UK_URL.format("UK0073"),
            "source_count": 2,
        },
        {
            # No plan named by any source: the nullable foreign key stays empty.
            "commitment_id": "UK0074",
            "member_id": "united-kingdom",
            "title": "Beneficial ownership",
            "status": "active",
            "starred": False,
            "description": "",
            "url": UK_URL.format("UK0074"),
            "source_count": 1,
        },
    ],
    "institutions": [{"institution_id": "cabinet-office", "name": "Cabinet Office"}],
    "commitment_institutions": [
        {
            "commitment_id": "UK0073",
            "institution_id": "cabinet-office",
            "role": "lead",
            "position": 1,
        },
    ],
    "policy_areas": [
        {"policy_area_id": "open-contracting", "name": "Open Contracting", "in_vocabulary": True},
    ],
    "commitment_policy_areas": [
        {"commitment_id": "UK0073", "policy_area_id": "open-contracting", "is_primary": True},
    ],
    "irm_assessments": [
        {
            "commitment_id": "UK0073",
            "specificity": "high",
            "verifiable": True,
            "relevant_access_to_information": True,
            "relevant_civic_participation": False,
            "potential_impact": "transformative",
            "completion_midterm": "substantial",
            "completion_end_of_term": "complete",
            "did_it_open_government": "major",
            "early_results_null_reason": "not_applicable",
            "report_year_midterm": 2017,
            "report_year_end_of_term": 2019,
        },
    ],
    "milestones": [
        {"commitment_id": "UK0073", "milestone_number": 1, "text": "Publish contracts in OCDS."},
    ],
    "notes": [
        {
            "commitment_id": "UK0073",
            "note_number": 1,
            "text": "Contracts Finder",
            "url": "https://www.contractsfinder.service.gov.uk/",
        },
    ],
    "sources": [
        {
            "source_id": PAGE_SOURCE,
            "kind": "commitment_page",
            "format": "text",
            "path": "ogp-pages/UK0073.txt",
            "url": UK_URL.format("UK0073"),
            "sha256": PAGE_SOURCE + "0" * 48,
            "bytes": 5120,
            "retrieved_at": dt.datetime(2026, 11, 1, 10, 30, tzinfo=dt.UTC),
            "publisher": "Open Government Partnership",
            "license": "CC-BY-4.0",
            "records": 1,
        },
        {
            "source_id": EXPORT_SOURCE,
            "kind": "ogp_export",
            "format": "csv",
            "path": "ogp-export/export.csv",
            "sha256": EXPORT_SOURCE + "f" * 48,
            "bytes": 20480,
            "records": 3,
        },
    ],
    "conflicts": [
        {
            "commitment_id": "UK0073",
            "field": "commitments.title",
            "source_id": EXPORT_SOURCE,
            "location": "row 2",
            "value": "Open Contracting Data Standard",
            "chosen_value": "Open contracting",
            "chosen_source_id": PAGE_SOURCE,
            "chosen_location": "file",
        },
    ],
    "rejects": [
        {
            "source_id": EXPORT_SOURCE,
            "location": "row 7",
            "path": "ogp-export/export.csv",
            "severity": "error",
            "reason": "commitment id 'UK00X' is not two to four letters and four digits",
            "commitment_id": "UK00X",
        },
    ],
}


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], db_schema: str = "core"
) -> None:
    """Insert dict rows by column name (columns left out stay NULL)."""
    for row in rows:
        columns = ", ".join(schema.quote_ident(c) for c in row)
        marks = ", ".join("?" for _ in row)
        sql = f'INSERT INTO "{db_schema}"."{table}" ({columns}) VALUES ({marks})'
        con.execute(sql, list(row.values()))


def build_tiny_core(con: duckdb.DuckDBPyConnection, db_schema: str = "core") -> None:
    """Create every contract table with the contract DDL and fill it with TINY_ROWS."""
    con.execute(f'CREATE SCHEMA IF NOT EXISTS "{db_schema}"')
    for table in schema.table_names():
        con.execute(schema.duckdb_ddl(table, db_schema))
        insert_rows(con, table, TINY_ROWS.get(table, []), db_schema)


@pytest.fixture
def tiny_core_db_path(tmp_path: Path) -> Path:
    """Path of a closed DuckDB file holding the tiny core tables."""
    # Not core.duckdb: the catalog would be named "core" and clash with schema "core".
    path = tmp_path / "tiny.duckdb"
    con = duckdb.connect(str(path))
    try:
        build_tiny_core(con)
    finally:
        con.close()
    return path


@pytest.fixture
def tiny_core_db(tiny_core_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open connection to the tiny core database (closed after the test)."""
    con = duckdb.connect(str(tiny_core_db_path))
    try:
        yield con
    finally:
        con.close()
