"""A release from a folder mixing every source shape (tests/fixtures/mixed_sources.py).

HTML and text pages in three languages and three layouts, two captures of one
commitment, a cut-off capture, a member page alone, and the export as CSV and XLSX: the
release must hold one row per commitment with English names and canonical codes, and
every disagreement between sources in `conflicts`.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from dagster_duckdb import DuckDBResource

from assets.core import records_accounted_for
from pipeline.core import tables as core_tables
from pipeline.core.accounting import file_ledgers, ledger
from pipeline.raw.identifiers.members import member_by_id
from pipeline.stage import steps as stage_steps
from pipeline.validate import validate_release
from tests.fixtures.mixed_sources import EDITED_ID, EDITED_TITLE, build_mixed_folder
from tests.fixtures.samples import SAMPLE_EXPORT
from tests.integration.graph import Built, run_graph

PAGE_ONLY = {"KE0041", "UK0100"}  # commitments no export row has


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("mixed")
    built = run_graph([build_mixed_folder(root / "sources")], root / "work")
    assert built.success, "the release graph failed on the mixed folder"
    return built


def one(built: Built, sql: str, *params: object) -> tuple:
    rows = built.query(sql, list(params))
    assert len(rows) == 1, rows
    return rows[0]


def test_the_release_is_valid(mixed: Built) -> None:
    report = validate_release(mixed.release)
    assert report.valid, report.summary()


def test_one_row_per_commitment_of_every_source(mixed: Built) -> None:
    with SAMPLE_EXPORT.open(encoding="utf-8-sig", newline="") as handle:
        export_ids = {row["Commitment Unique Identifier"] for row in csv.DictReader(handle)}
    ids = [row[0] for row in mixed.query("SELECT commitment_id FROM core.commitments")]
    assert len(ids) == len(set(ids))
    assert set(ids) == export_ids | PAGE_ONLY


def test_every_source_file_is_read_with_its_kind_format_and_language(mixed: Built) -> None:
    rows = mixed.query("SELECT path, kind, format, language, truncated FROM core.sources")
    by_path = {path: (kind, fmt, language, cut) for path, kind, fmt, language, cut in rows}
    assert by_path == {
        "export/ogp_commitments_export.csv": ("ogp_export", "csv", None, False),
        "export/ogp_commitments_export.xlsx": ("ogp_export", "xlsx", None, False),
        "pages/es/cl0069.html": ("commitment_page", "html", "es", False),
        "pages/fr/ke0016.txt": ("commitment_page", "text", "fr", False),
        "pages/en/ke0041.html": ("commitment_page", "html", "en", False),
        "pages/es/uk0100.txt": ("commitment_page", "text", "es", False),
        "captures/bg0090-2025-en.txt": ("commitment_page", "text", "en", False),
        "captures/bg0090-2026-es.txt": ("commitment_page", "text", "es", False),
        "captures/cl0070-cut.html": ("commitment_page", "html", "en", True),
        "lists/chile.txt": ("member_page", "text", "en", False),
        "export/ogp_explorer_archive.csv": ("ogp_explorer", "csv", None, False),
    }


def test_members_are_named_in_english_whatever_the_page_language(mixed: Built) -> None:
    rows = mixed.query("SELECT member_id, name, country_code FROM core.members")
    for member_id, name, country_code in rows:
        reference = member_by_id(member_id)
        assert reference is not None, f"{member_id} is not a reference member"
        assert (name, country_code) == (reference.name, reference.country_code)
    uk = one(mixed, "SELECT member_id FROM core.commitments WHERE commitment_id = 'UK0100'")
    assert uk == ("united-kingdom",)
    assert one(mixed, "SELECT name FROM core.members WHERE member_id = 'united-kingdom'") == (
        "United Kingdom",
    )


def test_spanish_page_values_become_canonical_codes(mixed: Built) -> None:
    assert one(
        mixed,
        "SELECT ambition, verifiable, relevant_to_ogp_values, completion_end_of_term "
        "FROM core.irm_assessments WHERE commitment_id = 'UK0100'",
    ) == ("low", True, True, None)
    # `Terminación:` rates the plan's design report (not an end-of-term one): midterm.
    assert one(
        mixed,
        "SELECT completion_midterm_null_reason, did_it_open_government_null_reason "
        "FROM core.irm_assessments WHERE commitment_id = 'UK0100'",
    ) == ("pending_review", "pending_review")
    # CL0069: the export's codes win for IRM fields; the page alone gives the ambition.
    assert one(
        mixed,
        "SELECT ambition, completion_end_of_term FROM core.irm_assessments "
        "WHERE commitment_id = 'CL0069'",
    ) == ("high", "limited")
    assert one(mixed, "SELECT status FROM core.commitments WHERE commitment_id = 'UK0100'") == (
        "active",
    )


def test_french_page_values_become_canonical_codes(mixed: Built) -> None:
    page_codes = mixed.query(
        "SELECT field, value FROM stage.candidates WHERE commitment_id = 'KE0016' "
        "AND source_kind = 'page' AND field LIKE 'irm_assessments.%' ORDER BY field"
    )
    assert dict(page_codes) == {
        "irm_assessments.completion_end_of_term": "not_started",
        "irm_assessments.did_it_open_government": "did_not_change",
        "irm_assessments.potential_impact": "moderate",
        "irm_assessments.relevant_access_to_information": "true",
        "irm_assessments.relevant_civic_participation": "false",
        "irm_assessments.relevant_public_accountability": "true",
        "irm_assessments.relevant_technology": "false",
        "irm_assessments.relevant_to_ogp_values": "true",
        "irm_assessments.verifiable": "true",
        "irm_assessments.irm_report": "Rapport de fin de mandat du Kenya 2016-2018",
    }
    assert one(mixed, "SELECT status FROM core.commitments WHERE commitment_id = 'KE0016'") == (
        "inactive",
    )


def test_translated_policy_areas_take_the_english_vocabulary_ids(mixed: Built) -> None:
    page_areas = mixed.query(
        "SELECT commitment_id, list(policy_area_id ORDER BY position) FROM raw.page_policy_areas "
        "GROUP BY ALL ORDER BY ALL"
    )
    assert dict(page_areas) == {
        "CL0069": ["open-data", "open-parliaments"],
        "KE0016": ["fiscal-openness", "open-data"],
        "KE0041": ["fiscal-openness"],
    }
    names = dict(mixed.query("SELECT policy_area_id, name FROM core.policy_areas"))
    assert names["open-data"] == "Open Data"
    assert names["fiscal-openness"] == "Fiscal Openness"


def test_2024_page_gives_involved_institutions_dates_primary_area_and_values(
    mixed: Built,
) -> None:
    assert one(
        mixed,
        "SELECT start_date, start_date_precision, end_date, end_date_precision, primary_sector "
        "FROM core.commitments WHERE commitment_id = 'KE0041'",
    ) == (date(2024, 1, 1), "month", date(2026, 6, 1), "month", "Public Finance")
    institutions = mixed.query(
        "SELECT i.name, ci.role FROM core.commitment_institutions AS ci "
        "JOIN core.institutions AS i USING (institution_id) "
        "WHERE commitment_id = 'KE0041' ORDER BY role, position"
    )
    assert institutions == [
        ("National Treasury", "involved"),
        ("Council of Governors", "involved"),
        ("Institute of Public Finance", "involved"),
        # The archival explorer row matched by title splits them into lead and support.
        ("National Treasury", "lead"),
        ("Council of Governors", "support"),
    ]
    assert mixed.query(
        "SELECT policy_area_id, is_primary FROM core.commitment_policy_areas "
        "WHERE commitment_id = 'KE0041'"
    ) == [("fiscal-openness", True)]
    assert one(
        mixed,
        "SELECT potential_for_results, relevant_access_to_information, "
        "relevant_civic_participation, relevant_public_accountability, verifiable "
        "FROM core.irm_assessments WHERE commitment_id = 'KE0041'",
    ) == ("modest", True, True, False, True)


def test_two_captures_newest_wins_for_codes_english_wins_for_text(mixed: Built) -> None:
    assert one(
        mixed, "SELECT status, title FROM core.commitments WHERE commitment_id = 'BG0090'"
    ) == ("active", "Development of Online Petition Platform")
    conflicts = mixed.query(
        "SELECT field, value, chosen_value FROM core.conflicts WHERE commitment_id = 'BG0090' "
        "AND field IN ('commitments.status', 'commitments.title') ORDER BY ALL"
    )
    assert conflicts == [
        ("commitments.status", "inactive", "active"),
        (
            "commitments.title",
            "Desarrollo de una plataforma de peticiones en línea",
            "Development of Online Petition Platform",
        ),
    ]


def test_spanish_title_and_description_lose_to_the_english_export(mixed: Built) -> None:
    title, description = one(
        mixed, "SELECT title, description FROM core.commitments WHERE commitment_id = 'CL0069'"
    )
    assert title == "Design integrated legislative information platform"
    assert not description.startswith("Diseñar")
    fields = {
        row[0]
        for row in mixed.query(
            "SELECT field FROM core.conflicts WHERE commitment_id = 'CL0069' "
            "AND value LIKE 'Diseñar%'"
        )
    }
    assert fields == {"commitments.title", "commitments.description"}


def test_csv_and_xlsx_exports_read_alike_and_their_one_difference_is_a_conflict(
    mixed: Built,
) -> None:
    # The XLSX is the newer snapshot: its edited title wins, the CSV's is a conflict.
    assert one(mixed, "SELECT title FROM core.commitments WHERE commitment_id = ?", EDITED_ID) == (
        EDITED_TITLE,
    )
    export_conflicts = mixed.query(
        "SELECT c.commitment_id, c.field FROM core.conflicts AS c "
        "JOIN core.sources AS s USING (source_id) "
        "JOIN core.sources AS chosen ON chosen.source_id = c.chosen_source_id "
        "WHERE s.kind = 'ogp_export' AND chosen.kind = 'ogp_export' ORDER BY ALL"
    )
    assert export_conflicts == [(EDITED_ID, "commitments.title")]


def test_cut_capture_is_flagged_and_its_cut_value_does_not_win(mixed: Built) -> None:
    rejects = mixed.query(
        "SELECT r.severity, r.reason FROM core.rejects AS r JOIN core.sources AS s "
        "USING (source_id) WHERE s.path = 'captures/cl0070-cut.html'"
    )
    assert any(
        severity == "warning" and "cut off" in reason and "'description'" in reason
        for severity, reason in rejects
    ), rejects
    (description,) = one(
        mixed, "SELECT description FROM core.commitments WHERE commitment_id = 'CL0070'"
    )
    assert not description.endswith("transpar")
    # The page's status is complete and still counts.
    assert one(mixed, "SELECT status FROM core.commitments WHERE commitment_id = 'CL0070'") == (
        "inactive",
    )


def test_member_page_alone_gives_list_entries(mixed: Built) -> None:
    listed = mixed.query(
        "SELECT commitment_id, policy_area_id, starred FROM raw.member_list_entries "
        "WHERE path = 'lists/chile.txt' ORDER BY ALL"
    )
    assert listed == [("CL0069", "open-parliaments", False), ("CL0070", "open-parliaments", True)]


def test_nothing_is_lost(mixed: Built) -> None:
    with duckdb.connect(str(mixed.database), read_only=True) as con:
        counts = ledger(con)
        files = file_ledgers(con)
        paths = [
            p for (p,) in con.execute("SELECT path FROM raw.source_files ORDER BY path").fetchall()
        ]
    assert counts.balanced, counts.summary()
    assert [f.path for f in files] == paths  # every file, each with its own identity
    assert all(f.balanced for f in files), [f for f in files if not f.balanced]
    assert sum(f.records_in for f in files) == counts.records_in
    assert sum(f.records_published for f in files) == counts.records_published
    assert sum(f.records_rejected for f in files) == counts.records_rejected
    quality = json.loads((mixed.release / "quality.json").read_text(encoding="utf-8"))
    assert quality["ledger"]["balanced"] and quality["ledger"]["files_unbalanced"] == []
    assert quality["ledger"]["by_file"] == [f.as_dict() for f in files]


def test_a_record_lost_in_one_file_fails_the_check_for_that_file(
    mixed: Built, tmp_path: Path
) -> None:
    copy = tmp_path / "work.duckdb"
    shutil.copy(mixed.database, copy)
    with duckdb.connect(str(copy)) as con:
        [(path, source_id, location)] = con.execute(
            "SELECT s.path, r.source_id, r.location FROM stage.record_ledger AS r "
            "JOIN raw.source_files AS s USING (source_id) WHERE r.kind = 'export' "
            "ORDER BY s.path, r.location LIMIT 1"
        ).fetchall()
        # One record read twice by mistake: the file has one record no outcome explains.
        con.execute(
            "INSERT INTO stage.record_ledger SELECT kind, source_id, location || ' (again)', NULL "
            "FROM stage.record_ledger WHERE source_id = ? AND location = ?",
            [source_id, location],
        )
        files = {f.path: f for f in file_ledgers(con)}
    assert not files[path].balanced
    assert [p for p, f in files.items() if not f.balanced] == [path]
    result = records_accounted_for(duckdb=DuckDBResource(database=str(copy)))
    assert not result.passed
    assert result.description.endswith(f"the identity fails for 1 file(s): {path}")
    assert result.metadata["files_unbalanced"].value == 1


def test_archival_explorer_rows_get_ids_by_plan_and_number_or_by_title(mixed: Built) -> None:
    rows = mixed.query(
        "SELECT e.commitment_id, e.location FROM raw.export_rows AS e "
        "JOIN raw.source_files AS s USING (source_id) WHERE s.kind = 'ogp_explorer' ORDER BY ALL"
    )
    assert rows == [("KE0016", "row 1"), ("KE0041", "row 2")]
    # The explorer is the only source of KE0041's full title; for KE0016 the export wins.
    assert one(mixed, "SELECT full_title FROM core.commitments WHERE commitment_id = 'KE0041'") == (
        "Publish county budgets on one national portal",
    )
    assert one(
        mixed,
        "SELECT value FROM core.conflicts WHERE commitment_id = 'KE0016' "
        "AND field = 'commitments.title' AND location LIKE 'row 1, column%'",
    ) == ("Access to Budget Information",)
    (severity, reason) = one(
        mixed,
        "SELECT severity, reason FROM core.rejects WHERE location = 'row 3' AND path = ?",
        "export/ogp_explorer_archive.csv",
    )
    assert severity == "error"
    assert "Open health records" in reason


def test_french_member_list_at_the_foot_of_a_page_is_read_with_english_area_ids(
    mixed: Built,
) -> None:
    listed = mixed.query(
        "SELECT commitment_id, member_id, policy_area_id FROM raw.member_list_entries "
        "WHERE path = 'pages/fr/ke0016.txt' ORDER BY ALL"
    )
    assert listed == [
        ("KE0012", "kenya", "open-parliaments"),
        ("KE0016", "kenya", "fiscal-openness"),
    ]


def test_policy_areas_are_ids_so_a_spanish_page_list_keeps_its_rank(mixed: Built) -> None:
    """Language decides for words, not for ids: the page's areas beat the export's flags."""
    areas = mixed.query(
        "SELECT policy_area_id FROM core.commitment_policy_areas "
        "WHERE commitment_id = 'CL0069' ORDER BY ALL"
    )
    assert areas == [("open-data",), ("open-parliaments",)]
    (source,) = one(
        mixed,
        "SELECT s.path FROM stage.choices AS c JOIN core.sources AS s USING (source_id) "
        "WHERE c.commitment_id = 'CL0069' AND c.field = 'commitments.policy_areas'",
    )
    assert source == "pages/es/cl0069.html"


def test_the_folder_really_mixes_three_layouts_three_languages_html_and_text(
    mixed: Built,
) -> None:
    """The acceptance case holds what it claims: each layout, language and format."""
    rows = mixed.query("SELECT layout, language, format FROM raw.page_commitments")
    # The cut capture stops before any IRM label: its layout cannot be told.
    assert {layout for layout, _, _ in rows} == {"pre2020", "2020_2023", "2024", "unknown"}
    assert mixed.query("SELECT path FROM raw.page_commitments WHERE layout = 'unknown'") == [
        ("captures/cl0070-cut.html",)
    ]
    assert {language for _, language, _ in rows} == {"en", "es", "fr"}
    assert {fmt for _, _, fmt in rows} == {"html", "text"}


def test_running_by_key_range_changes_no_published_byte(
    mixed: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale the per-commitment steps (choices, commitments, irm_assessments,
    conflicts) run a commitment-ID range at a time; run in many small ranges, the same
    sources must give the same release, file for file."""
    monkeypatch.setattr(stage_steps, "ROWS_PER_KEY_RANGE", 10)
    sources = mixed.releases.parent.parent / "sources"  # the same bytes (an XLSX has a date)
    ranged = run_graph([sources], tmp_path / "work")
    assert ranged.success
    with duckdb.connect(str(ranged.database), read_only=True) as con:
        assert core_tables.chosen_ranges(con) == stage_steps.key_ranges(con) > 20  # ten per range
    whole = sorted(p.relative_to(mixed.release) for p in mixed.release.rglob("*") if p.is_file())
    parts = sorted(p.relative_to(ranged.release) for p in ranged.release.rglob("*") if p.is_file())
    assert parts == whole
    differing = [
        str(p)
        for p in whole
        if (mixed.release / p).read_bytes() != (ranged.release / p).read_bytes()
    ]
    assert differing == []
