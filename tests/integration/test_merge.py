"""Merging several sources of one commitment: the precedence rule, conflicts, rejects, ledger.

Each test writes small raw files (pages, member pages, export CSVs) to a sources folder
and materializes the real asset graph up to the published tables (no release).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from dagster import AssetSelection, materialize

from assets.definitions import build_defs
from assets.resources import ReleaseSettings, ReleasesLock, RunDuckDB
from pipeline.run_state import DATABASE, run_folder

EXPORT_HEADER = [
    "Commitment Unique Identifier", "Country/Locality", "Code", "National Or Local",
    "Year Of Submission", "Action Plan End Year", "Commitment Title", "Short Title",
    "Lead Institution", "Completion (Progress Report)", "Completion (End Of Term)",
    "Active Commitment", "Max star", "URL", "Action Plan ID",
]  # fmt: skip


MEMBER_PAGE = "Testland's Commitments\n\n1. Open Budget\n\nTS0001, 2019, Fiscal Openness\n"


def page(cid: str, title: str, *, status: str = "Active", midterm: str = "Limited",
         member: str | None = "Testland", cycle: str = "2019") -> str:  # fmt: skip
    member_line = f"{member}\n\n" if member else ""
    return (
        f"Skip Navigation\n{member_line}{title} ({cid})\n\nAt-a-Glance\n\n"
        f"Action Plan: Testland Action Plan {cycle}-2021\n\nAction Plan Cycle: {cycle}\n\n"
        f"Status: {status}\n\nLead Institution: Ministry of Finance\n\n"
        "IRM Review\n\nIRM Report: Testland Mid-Term Report 2019-2021\n\nVerifiable: Yes\n\n"
        "Description\n\nThe ministry will publish budgets.\n\n"
        f"IRM Midterm Status Summary\n\n1. {title}\n\nStatus\n\nMidterm: {midterm}\n"
    )


def export(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_HEADER, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({h: row.get(h, "") for h in EXPORT_HEADER})
    return out.getvalue()


def export_row(cid: str, **cells: str) -> dict[str, str]:
    base = {
        "Commitment Unique Identifier": cid, "Country/Locality": "Testland", "Code": "TST",
        "National Or Local": "National", "Year Of Submission": "2019",
        "Action Plan End Year": "2021", "Commitment Title": f"Full title of {cid}",
        "Short Title": f"Short {cid}", "Lead Institution": "Ministry of Finance",
        "Completion (Progress Report)": "ND", "Completion (End Of Term)": "NR",
        "Active Commitment": "1", "Max star": "0",
        "URL": f"https://opengovpartnership.org/members/testland/commitments/{cid.lower()}",
        "Action Plan ID": "AP_TST01",
    }  # fmt: skip
    return {**base, **cells}


class Built:
    def __init__(self, database: Path) -> None:
        self.database = database

    def rows(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            return con.execute(sql).fetchall()

    def value(self, sql: str) -> object:
        return self.rows(sql)[0][0]


def build(tmp_path: Path, files: dict[str, str]) -> Built:
    """Write the files (and `*.meta.json` sidecars given as dicts) and run the graph."""
    sources = tmp_path / "sources"
    for name, content in files.items():
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    runs = tmp_path / "runs"
    defs = build_defs(ReleaseSettings(sources=[str(sources)]))
    result = materialize(
        [*defs.assets, *defs.asset_checks],
        resources={
            "settings": ReleaseSettings(sources=[str(sources)], releases_dir=str(tmp_path / "r")),
            "duckdb": RunDuckDB(work_dir=str(runs), keep=True),
            "publication": ReleasesLock(),
        },
        selection=AssetSelection.all() - AssetSelection.assets("release"),
        raise_on_error=True,
    )
    assert result.success
    return Built(run_folder(runs, result.run_id) / DATABASE)


def sidecar(**provenance: str) -> str:
    return json.dumps(provenance)


def test_page_text_beats_export_and_list_and_every_disagreement_is_a_conflict(
    tmp_path: Path,
) -> None:
    built = build(tmp_path, {
        "page.txt": page("TS0001", "Open budgets", status="Active", midterm="Limited"),
        "export.csv": export(export_row("TS0001", **{
            "Short Title": "Budget openness", "Active Commitment": "0",
            "Completion (Progress Report)": "Substantial"})),
        "members.txt": MEMBER_PAGE,
    })  # fmt: skip
    assert built.rows(
        "SELECT title, full_title, status FROM core.commitments WHERE commitment_id = 'TS0001'"
    ) == [("Open budgets", "Full title of TS0001", "active")]
    # IRM codes: the export before the page.
    assert built.value("SELECT completion_midterm FROM core.irm_assessments") == "substantial"
    conflicts = built.rows(
        "SELECT field, value, chosen_value, location FROM core.conflicts ORDER BY field, value"
    )
    assert conflicts == [
        ("commitments.status", "inactive", "active", "row 1, column 'Active Commitment'"),
        ("commitments.title", "Budget openness", "Open budgets", "row 1, column 'Short Title'"),
        ("commitments.title", "Open Budget", "Open budgets", "line 3, field 'title'"),
        ("irm_assessments.completion_midterm", "limited", "substantial",
         "line 4, field 'completion_midterm'"),
    ]  # fmt: skip
    # The member list's area is the primary one, added to the page's set.
    assert built.rows(
        "SELECT policy_area_id, is_primary FROM core.commitment_policy_areas ORDER BY 1"
    ) == [("fiscal-openness", True)]
    assert built.value("SELECT source_count FROM core.commitments") == 3


def test_newest_capture_wins_and_the_older_one_is_a_conflict(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "old.txt": page("TS0002", "Open data", status="Active"),
        "old.txt.meta.json": sidecar(retrieved_at="2021-03-01T10:00:00Z"),
        "new.html": "<html><body>" + page("TS0002", "Open data", status="Inactive")
            .replace("\n\n", "</p><p>") + "</body></html>",
        "new.html.meta.json": sidecar(retrieved_at="2024-06-01T08:00:00+02:00"),
    })  # fmt: skip
    assert built.value("SELECT status FROM core.commitments") == "inactive"
    [(value, chosen, source)] = built.rows(
        "SELECT c.value, c.chosen_value, s.path FROM core.conflicts c "
        "JOIN core.sources s USING (source_id) WHERE field = 'commitments.status'"
    )
    assert (value, chosen, source) == ("active", "inactive", "old.txt")
    assert built.value("SELECT max(retrieved_at) FROM core.sources") is not None


def test_a_placeholder_never_beats_a_value_and_keeps_its_reason(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "page.txt": page("TS0003", "Audit reports", midterm="Substantial"),
        "export.csv": export(
            export_row("TS0003", **{"Completion (Progress Report)": "NR"}),
            export_row("TS0004"),
        ),
    })  # fmt: skip
    assert built.rows(
        "SELECT commitment_id, completion_midterm, completion_midterm_null_reason, "
        "completion_end_of_term, completion_end_of_term_null_reason "
        "FROM core.irm_assessments ORDER BY 1"
    ) == [
        ("TS0003", "substantial", None, None, "not_reviewed"),
        ("TS0004", None, "no_data", None, "not_reviewed"),
    ]
    # The placeholder is no disagreement; only the two titles differ.
    assert built.rows("SELECT field FROM core.conflicts") == [("commitments.title",)]


def test_unknown_codes_are_flagged_not_published(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "export.csv": export(export_row("TS0005", **{"Completion (End Of Term)": "Kinda done"})),
    })  # fmt: skip
    assert built.rows("SELECT completion_end_of_term FROM core.irm_assessments") == [(None,)]
    [(location, severity, reason)] = built.rows(
        "SELECT location, severity, reason FROM core.rejects WHERE reason LIKE '%Kinda%'"
    )
    assert location == "row 1, column 'Completion (End Of Term)'"
    assert severity == "warning"
    assert "not a known completion value" in reason


def test_records_without_a_member_are_rejected_and_counted(tmp_path: Path) -> None:
    built = build(tmp_path, {
        "orphan.txt": page("ZZ0001", "Nobody's commitment", member=None)
            .replace("Skip Navigation\n", ""),
        "export.csv": export(export_row("TS0006"), export_row("not-an-id", URL="")),
    })  # fmt: skip
    assert built.rows("SELECT commitment_id FROM core.commitments") == [("TS0006",)]
    errors = built.rows(
        "SELECT location, reason FROM core.rejects WHERE severity = 'error' ORDER BY location"
    )
    assert [e[0] for e in errors] == ["line 1", "row 2"]
    assert "no source names the member of commitment ZZ0001" in errors[0][1]
    from pipeline.core.accounting import ledger

    with duckdb.connect(str(built.database), read_only=True) as con:
        counts = ledger(con)
    assert (counts.records_in, counts.records_published, counts.records_rejected) == (3, 1, 2)
    assert counts.balanced


@pytest.mark.parametrize("name", ["commitment.dat", "NOTES", "x.csv"])
def test_any_file_name_works(tmp_path: Path, name: str) -> None:
    built = build(tmp_path, {name: page("TS0007", "Named anyhow")})
    assert built.value("SELECT title FROM core.commitments") == "Named anyhow"
