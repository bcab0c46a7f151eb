"""compare_releases, changes.csv, the changelog and the summary, on real release folders."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline import contract
from pipeline.release.build import build_release
from pipeline.release.changes import (
    CHANGES_COLUMNS,
    Changes,
    NotARelease,
    SchemaChange,
    TableChanges,
    changes_summary,
    compare_releases,
    render_changelog,
)
from pipeline.validate import validate_release
from tests.fixtures.tiny_core import UK_URL, insert_rows

HEADER = list(CHANGES_COLUMNS)
TABLES = contract.table_names()
MADRID_URL = "https://www.opengovpartnership.org/members/madrid-spain/commitments/MAD0001/"


def build(con: duckdb.DuckDBPyConnection, folder: Path, version: str) -> Path:
    """A release folder of the database's current content."""
    build_release(con, folder, version=version, created=None, sources=[])
    return folder


def read_rows(path: Path) -> list[list[str]]:
    """changes.csv as the csv module reads it (header included)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def counts(changes: Changes) -> dict[str, tuple[Any, ...]]:
    """Per table: (rows before, rows after, added, removed, changed), only changed tables."""
    return {
        t.table: (t.rows_before, t.rows_after, t.added, t.removed, t.changed)
        for t in changes.tables
        if t.added or t.removed or t.changed or t.rows_before != t.rows_after
    }


@pytest.fixture
def v1(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    return build(tiny_core_db, tmp_path / "v1", "v1")


def edit_core(con: duckdb.DuckDBPyConnection) -> None:
    """One field of one commitment, a deleted milestone, a new commitment with its FKs."""
    con.execute(
        "UPDATE core.commitments SET title = 'Beneficial ownership register' "
        "WHERE commitment_id = 'UK0074'"
    )
    con.execute("DELETE FROM core.milestones")
    insert_rows(
        con,
        "members",
        [{"member_id": "madrid-spain", "name": "Madrid, Spain", "member_type": "local"}],
    )
    insert_rows(
        con,
        "action_plans",
        [
            {
                "action_plan_id": "madrid-spain-2017",
                "member_id": "madrid-spain",
                "title": "Madrid Action Plan 2017-19",
                "start_year": 2017,
                "end_year": 2019,
            }
        ],
    )
    insert_rows(
        con,
        "commitments",
        [
            {
                "commitment_id": "MAD0001",
                "member_id": "madrid-spain",
                "action_plan_id": "madrid-spain-2017",
                "title": "Open budgets",
                "url": MADRID_URL,
                "source_count": 1,
            }
        ],
    )


@pytest.fixture
def v2(tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path) -> Path:
    edit_core(tiny_core_db)
    return build(tiny_core_db, tmp_path / "v2", "v2")


# --- record-level changes ---------------------------------------------------------------


def test_edits_are_named_record_by_record(v1: Path, v2: Path, tmp_path: Path) -> None:
    assert validate_release(v2).valid  # a real, valid second release
    out = tmp_path / "changes.csv"
    changes = compare_releases(v1, v2, out)
    assert read_rows(out) == [
        HEADER,
        ["members", "madrid-spain", "added", "", "", ""],
        ["action_plans", "madrid-spain-2017", "added", "", "", ""],
        ["commitments", "MAD0001", "added", "", "", ""],
        ["commitments", "UK0074", "changed", "title", "Beneficial ownership",
         "Beneficial ownership register"],
        ["milestones", "UK0073 | 1", "removed", "", "", ""],
    ]  # fmt: skip
    assert (changes.old_version, changes.new_version) == ("v1", "v2")
    assert [t.table for t in changes.tables] == TABLES
    assert counts(changes) == {
        "members": (1, 2, 1, 0, 0),
        "action_plans": (1, 2, 1, 0, 0),
        "commitments": (2, 3, 1, 0, 1),
        "milestones": (1, 0, 0, 1, 0),
    }
    commitments = changes.tables[TABLES.index("commitments")]
    assert commitments.fields_changed == {"title": 1}
    assert changes.schema == ()
    assert changes.examples == (
        ("members", "madrid-spain", "added", "", None, None),
        ("action_plans", "madrid-spain-2017", "added", "", None, None),
        ("commitments", "MAD0001", "added", "", None, None),
        ("commitments", "UK0074", "changed", "title", "Beneficial ownership",
         "Beneficial ownership register"),
        ("milestones", "UK0073 | 1", "removed", "", None, None),
    )  # fmt: skip


def test_identical_releases_have_no_changes(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    again = build(tiny_core_db, tmp_path / "again", "v1.1")
    out = tmp_path / "changes.csv"
    for new in (again, v1):
        changes = compare_releases(v1, new, out)
        assert out.read_bytes() == b"table,key,change,field,old_value,new_value\n"
        assert counts(changes) == {}
        assert changes.schema == () and changes.examples == ()
        assert all(t.fields_changed == {} for t in changes.tables)
    changelog = render_changelog(compare_releases(v1, again))
    assert "No record was added, removed or changed." in changelog
    assert "None: every record is the same as in the previous release." in changelog


def test_first_release_has_no_previous(v1: Path, tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    changes = compare_releases(None, v1, out)
    assert out.read_text() == ",".join(HEADER) + "\n"
    assert changes.old_version is None and changes.new_version == "v1"
    commitments = changes.tables[TABLES.index("commitments")]
    assert commitments == TableChanges("commitments", None, 2, 2, 0, 0, {})
    assert changes.schema == () and changes.examples == ()
    changelog = render_changelog(changes)
    assert changelog.startswith("# Changes in release v1 (first release)\n")
    assert "| commitments | — | 2 | 2 | 0 | 0 |" in changelog
    assert "Breaking" not in changelog
    summary = changes_summary(changes)
    assert summary["first_release"] is True and summary["old_version"] is None


def test_descriptor_path_is_accepted_and_version_read_from_it(v1: Path, v2: Path) -> None:
    changes = compare_releases(v1 / "datapackage.json", v2 / "datapackage.json")
    assert (changes.old_version, changes.new_version) == ("v1", "v2")


def test_changes_csv_is_byte_identical_on_a_second_run(v1: Path, v2: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "changes.csv", tmp_path / "b" / "changes.csv"
    assert compare_releases(v1, v2, first) == compare_releases(v1, v2, second)
    assert first.read_bytes() == second.read_bytes()
    assert b"\r" not in first.read_bytes()
    assert sorted(p.name for p in first.parent.iterdir()) == ["changes.csv"]  # no temp left


def test_awkward_values_round_trip(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    awkward = 'Commas, "quotes" and\na newline'
    update = "UPDATE core.commitments SET description = ? WHERE commitment_id = ?"
    tiny_core_db.execute(update, [awkward, "UK0074"])
    tiny_core_db.execute("UPDATE core.commitments SET theme = NULL WHERE commitment_id = 'UK0073'")
    new = build(tiny_core_db, tmp_path / "v2", "v2")
    out = tmp_path / "changes.csv"
    changes = compare_releases(v1, new, out)
    old_description = 'Publish "all" contracts, in OCDS; with commas.\nSecond line.'
    tiny_core_db.execute(update, [old_description + ' Third line, "quoted".', "UK0073"])
    assert read_rows(out) == [
        HEADER,
        ["commitments", "UK0073", "changed", "theme", "Open contracting", ""],
        ["commitments", "UK0074", "changed", "description", "", awkward],
    ]
    assert changes.tables[TABLES.index("commitments")].fields_changed == {
        "description": 1,
        "theme": 1,
    }
    newer = build(tiny_core_db, tmp_path / "v3", "v3")
    compare_releases(new, newer, out)
    assert read_rows(out)[1][3:] == [
        "description",
        old_description,
        old_description + ' Third line, "quoted".',
    ]


def test_formula_like_values_are_inert_in_changes_csv(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    """changes.csv is opened in spreadsheets like every published CSV: a changed value a
    spreadsheet would run (`=HYPERLINK(...)`, `-1+2`) gets the `'` of safe_cells, and the
    value before it, read back from the release's own escaped CSV, is the true one."""
    update = "UPDATE core.commitments SET title = ? WHERE commitment_id = ?"
    tiny_core_db.execute(update, ['=HYPERLINK("http://x.example","click")', "UK0073"])
    tiny_core_db.execute(update, ["-1+2", "UK0074"])
    v2 = build(tiny_core_db, tmp_path / "v2", "v2")
    tiny_core_db.execute(update, ["Plain title", "UK0073"])
    v3 = build(tiny_core_db, tmp_path / "v3", "v3")
    out = tmp_path / "changes.csv"
    compare_releases(v1, v2, out)
    new_values = {row[1]: row[5] for row in read_rows(out)[1:] if row[3] == "title"}
    assert new_values == {"UK0073": '\'=HYPERLINK("http://x.example","click")', "UK0074": "'-1+2"}
    compare_releases(v2, v3, out)
    [changed] = [row for row in read_rows(out)[1:] if row[3] == "title"]
    assert changed[4:] == ['\'=HYPERLINK("http://x.example","click")', "Plain title"]


def test_composite_keys_sort_numbers_as_numbers(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    insert_rows(
        tiny_core_db,
        "milestones",
        [
            {"commitment_id": "UK0074", "milestone_number": 1, "text": "First"},
            {"commitment_id": "UK0073", "milestone_number": 10, "text": "Tenth"},
            {"commitment_id": "UK0073", "milestone_number": 2, "text": "Second"},
            {"commitment_id": "UK0073", "milestone_number": 9, "text": "Ninth"},
        ],
    )
    insert_rows(
        tiny_core_db,
        "institutions",
        [{"institution_id": "united-kingdom/home-office", "name": "HO", "kind": "executive"}],
    )
    insert_rows(
        tiny_core_db,
        "commitment_institutions",
        [
            {"commitment_id": "UK0073", "institution_id": "united-kingdom/home-office",
             "role": "support", "name_as_written": "HO", "position": 2},
            {"commitment_id": "UK0073", "institution_id": "united-kingdom/home-office",
             "role": "lead", "name_as_written": "HO", "position": 3},
            {"commitment_id": "UK0073", "institution_id": "united-kingdom/cabinet-office",
             "role": "support", "name_as_written": "Cabinet Office", "position": 4},
        ],
    )  # fmt: skip
    new = build(tiny_core_db, tmp_path / "v2", "v2")
    out = tmp_path / "changes.csv"
    compare_releases(v1, new, out)
    keys = [(row[0], row[1]) for row in read_rows(out)[1:]]
    assert keys == [
        ("institutions", "united-kingdom/home-office"),
        ("commitment_institutions", "UK0073 | united-kingdom/cabinet-office | support"),
        ("commitment_institutions", "UK0073 | united-kingdom/home-office | lead"),
        ("commitment_institutions", "UK0073 | united-kingdom/home-office | support"),
        ("milestones", "UK0073 | 2"),
        ("milestones", "UK0073 | 9"),
        ("milestones", "UK0073 | 10"),
        ("milestones", "UK0074 | 1"),
    ]


# --- schema changes ---------------------------------------------------------------------


def edit_release(folder: Path, edit: Any) -> None:
    """Let `edit(descriptor)` change a release descriptor in place, then save it."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    edit(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def rewrite_csv(path: Path, change: Any) -> None:
    """Rewrite a release CSV row by row (header included) with the release dialect."""
    rows = read_rows(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(
            change(i, row) for i, row in enumerate(rows)
        )


@pytest.fixture
def reshaped(v1: Path, tmp_path: Path) -> Path:
    """v1 by hand: commitments.theme removed, source_count retyped, members.note added,
    institutions.institution_id allowing another pattern, a new table `translations`."""
    folder = tmp_path / "reshaped"
    shutil.copytree(v1, folder)
    theme = contract.fields("commitments").index(
        next(f for f in contract.fields("commitments") if f["name"] == "theme")
    )
    rewrite_csv(folder / "csv" / "commitments.csv", lambda _, row: row[:theme] + row[theme + 1 :])
    rewrite_csv(folder / "csv" / "members.csv", lambda i, row: [*row, "note" if i == 0 else "hi"])
    (folder / "csv" / "translations.csv").write_text(
        'commitment_id,language,title\nUK0073,es,"Contratación abierta, ""OCDS"""\n',
        encoding="utf-8",
    )

    def edit(descriptor: dict[str, Any]) -> None:
        fields = resource(descriptor, "commitments")["schema"]["fields"]
        fields[:] = [f for f in fields if f["name"] != "theme"]
        next(f for f in fields if f["name"] == "source_count")["type"] = "string"
        resource(descriptor, "members")["schema"]["fields"].append(
            {"name": "note", "type": "string"}
        )
        institution_id = resource(descriptor, "institutions")["schema"]["fields"][0]
        institution_id["constraints"]["pattern"] = "^[a-z0-9/'-]+$"
        descriptor["resources"].append(
            {
                "name": "translations",
                "path": "csv/translations.csv",
                "schema": {
                    "fields": [
                        {"name": "commitment_id", "type": "string"},
                        {"name": "language", "type": "string"},
                        {"name": "title", "type": "string"},
                    ],
                    "primaryKey": ["commitment_id", "language"],
                },
            }
        )
        descriptor["version"] = "v2"

    edit_release(folder, edit)
    return folder


def test_schema_changes_are_listed_with_breaking_flags(
    v1: Path, reshaped: Path, tmp_path: Path
) -> None:
    out = tmp_path / "changes.csv"
    changes = compare_releases(v1, reshaped, out)
    assert changes.schema == (
        SchemaChange("members", "note", "column_added", None, "string", False),
        SchemaChange("commitments", "theme", "column_removed", "string", None, True),
        SchemaChange("commitments", "source_count", "retyped", "integer", "string", True),
        SchemaChange(
            "institutions",
            "institution_id",
            "values_changed",
            "pattern ^[a-z0-9][a-z0-9'-]*/[a-z0-9]+(-[a-z0-9]+)*$",
            "pattern ^[a-z0-9/'-]+$",
            True,
        ),
        SchemaChange("translations", None, "table_added", None, None, False),
    )
    # Removed, added and retyped columns are schema changes, not value changes.
    assert read_rows(out) == [HEADER, ["translations", "UK0073 | es", "added", "", "", ""]]
    assert [t.table for t in changes.tables] == [*TABLES, "translations"]
    assert changes.tables[-1] == TableChanges("translations", None, 1, 1, 0, 0, {})
    assert counts(changes) == {"translations": (None, 1, 1, 0, 0)}


def test_changelog_puts_breaking_changes_first(v1: Path, reshaped: Path) -> None:
    changelog = render_changelog(compare_releases(v1, reshaped))
    breaking = changelog.index("## Breaking changes")
    assert breaking < changelog.index("## Records per table") < changelog.index("## Schema changes")
    section = changelog[breaking : changelog.index("## Records per table")]
    assert "- `commitments`: column `theme` removed (it was string)" in section
    assert "- `commitments`: column `source_count` changed type from integer to string" in section
    assert (
        "- `institutions`: column `institution_id` allows other values: `pattern "
        "^[a-z0-9][a-z0-9'-]*/[a-z0-9]+(-[a-z0-9]+)*$` → `pattern ^[a-z0-9/'-]+$`" in section
    )
    assert "note" not in section and "translations" not in section
    schema_section = changelog[changelog.index("## Schema changes") :]
    assert "- `members`: new column `note` (string)\n" in schema_section
    assert "- `translations`: new table\n" in schema_section
    assert (
        "- `commitments`: column `theme` removed (it was string) **(breaking)**" in schema_section
    )
    assert "| translations (new) | — | 1 | 1 | 0 | 0 |" in changelog
    summary = changes_summary(compare_releases(v1, reshaped))
    assert summary["breaking"] is True
    assert [s["change"] for s in summary["schema_changes"]] == [
        "column_added", "column_removed", "retyped", "values_changed", "table_added"
    ]  # fmt: skip


def test_removed_table_changed_key_and_unmatchable_key(v1: Path, tmp_path: Path) -> None:
    folder = tmp_path / "v2"
    shutil.copytree(v1, folder)
    (folder / "csv" / "conflicts.csv").unlink()
    rewrite_csv(
        folder / "csv" / "commitment_policy_areas.csv",
        lambda i, row: [*row, "rank" if i == 0 else "1"],
    )

    def edit(descriptor: dict[str, Any]) -> None:
        descriptor["resources"].remove(resource(descriptor, "conflicts"))
        notes = resource(descriptor, "notes")["schema"]
        notes["primaryKey"] = ["commitment_id", "note_number", "url"]
        links = resource(descriptor, "commitment_policy_areas")["schema"]
        links["fields"].append({"name": "rank", "type": "integer"})
        links["primaryKey"] = ["commitment_id", "rank"]

    edit_release(folder, edit)
    out = tmp_path / "changes.csv"
    changes = compare_releases(v1, folder, out)
    assert changes.schema == (
        SchemaChange("commitment_policy_areas", None, "key_changed",
                     "commitment_id, policy_area_id", "commitment_id, rank", True),
        SchemaChange("commitment_policy_areas", "rank", "column_added", None, "integer", False),
        SchemaChange("notes", None, "key_changed", "commitment_id, note_number",
                     "commitment_id, note_number, url", True),
        SchemaChange("conflicts", None, "table_removed", None, None, True),
    )  # fmt: skip
    conflict_key = "UK0073 | commitments.title | fedcba9876543210 | row 2"
    assert read_rows(out) == [
        HEADER,
        # No old column to match the new key: the table's records were replaced
        # (removed ones first, then added ones).
        ["commitment_policy_areas", "UK0073 | open-contracting", "removed", "", "", ""],
        ["commitment_policy_areas", "UK0073 | 1", "added", "", "", ""],
        # Notes still match by the new key (the old rows are unique on it): no change.
        ["conflicts", conflict_key, "removed", "", "", ""],
    ]
    assert counts(changes) == {
        "commitment_policy_areas": (1, 1, 1, 1, 0),
        "conflicts": (1, None, 0, 1, 0),
    }
    assert [t.table for t in changes.tables][-1] == "conflicts"
    assert "| conflicts (removed) | 1 | — | 0 | 1 | 0 |" in render_changelog(changes)


# --- the changelog and the summary ------------------------------------------------------


def test_changelog_tells_counts_and_notable_changes(v1: Path, v2: Path) -> None:
    changes = compare_releases(v1, v2)
    changelog = render_changelog(changes)
    assert changelog == render_changelog(compare_releases(v1, v2))
    assert changelog.startswith("# Changes in release v2 since release v1\n")
    assert "3 records added, 1 removed and 1 changed, in 4 of 13 tables." in changelog
    assert "Breaking" not in changelog
    assert "| commitments | 2 | 3 | 1 | 0 | 1 |" in changelog
    assert "| members | 1 | 2 | 1 | 0 | 0 |" in changelog
    assert "### commitments\n\n- **Added** (1 record): `MAD0001`\n" in changelog
    assert "- **Changed** (1 record). Fields changed most: `title` (1)." in changelog
    assert (
        "  - `UK0074` `title`: `Beneficial ownership` → `Beneficial ownership register`"
        in changelog
    )
    assert "### milestones\n\n- **Removed** (1 record): `UK0073 | 1`" in changelog
    assert "### irm_assessments" not in changelog
    assert "## Schema changes\n\nNone" in changelog
    assert changelog.endswith("`new_value`).\n")


def test_changelog_lists_twenty_keys_and_counts_the_rest(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    ids = [f"UK{n:04d}" for n in range(100, 125)]
    insert_rows(
        tiny_core_db,
        "commitments",
        [
            {"commitment_id": c, "member_id": "united-kingdom", "title": f"Commitment {c}",
             "url": UK_URL.format(c), "source_count": 1}
            for c in ids
        ],
    )  # fmt: skip
    tiny_core_db.execute("UPDATE core.commitments SET title = title || '!', status = NULL")
    changes = compare_releases(v1, build(tiny_core_db, tmp_path / "v2", "v2"))
    added = [e[1] for e in changes.examples if e[2] == "added"]
    assert added == ids[:20]
    changelog = render_changelog(changes)
    listed = ", ".join(f"`{c}`" for c in ids[:20])
    assert f"- **Added** (25 records): {listed} and 5 more\n" in changelog
    assert "Fields changed most: `title` (2), `status` (2)." in changelog
    changed = [e for e in changes.examples if e[2] == "changed"]
    assert changed == [
        ("commitments", "UK0073", "changed", "title", "Open contracting", "Open contracting!"),
        ("commitments", "UK0073", "changed", "status", "inactive", None),
    ]


def test_long_and_odd_values_are_shortened_in_the_changelog(
    tiny_core_db: duckdb.DuckDBPyConnection, v1: Path, tmp_path: Path
) -> None:
    tiny_core_db.execute(
        "UPDATE core.commitments SET description = ? WHERE commitment_id = 'UK0074'",
        ["`code` and\nnew lines " + "x" * 200],
    )
    changelog = render_changelog(compare_releases(v1, build(tiny_core_db, tmp_path / "v2", "v2")))
    line = next(x for x in changelog.splitlines() if "`description`" in x and "→" in x)
    assert line.startswith("  - `UK0074` `description`: (empty) → `` `code` and new lines xxx")
    assert line.endswith("x… ``")
    assert len(line) < 150


def test_summary_is_json_with_totals(v1: Path, v2: Path) -> None:
    summary = changes_summary(compare_releases(v1, v2))
    assert json.loads(json.dumps(summary)) == summary
    assert summary["old_version"] == "v1" and summary["new_version"] == "v2"
    assert summary["first_release"] is False and summary["breaking"] is False
    assert summary["total"] == {"added": 3, "removed": 1, "changed": 1, "records": 5}
    assert list(summary["tables"]) == TABLES
    assert summary["tables"]["commitments"] == {
        "rows_before": 2,
        "rows_after": 3,
        "added": 1,
        "removed": 0,
        "changed": 1,
        "fields_changed": {"title": 1},
    }
    assert summary["schema_changes"] == []


# --- not a release ----------------------------------------------------------------------


def test_not_a_release_is_refused_clearly(v1: Path, tmp_path: Path) -> None:
    with pytest.raises(NotARelease, match="does not exist"):
        compare_releases(tmp_path / "nowhere", v1)
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotARelease, match=r"no datapackage\.json"):
        compare_releases(v1, tmp_path / "empty")
    broken = tmp_path / "broken"
    shutil.copytree(v1, broken)
    rewrite_csv(broken / "csv" / "notes.csv", lambda _, row: row[:-1])
    with pytest.raises(NotARelease, match=r"table notes: the header of .*notes\.csv"):
        compare_releases(v1, broken)
    (broken / "csv" / "notes.csv").write_text(
        'commitment_id,note_number,text,url\nUK0073,1,"unterminated\n', encoding="utf-8"
    )
    with pytest.raises(NotARelease, match="table notes: a CSV file cannot be read"):
        compare_releases(v1, broken)
