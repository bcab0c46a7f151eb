"""The `commitments` command as a user runs it: exit codes, reports, atomic publishing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb

from pipeline.release.build import build_release
from pipeline.release.changes import compare_releases, render_changelog
from tests.fixtures.samples import SAMPLES
from tests.integration.graph import commitments

PAGE = """Skip Navigation
Foo Bar

Open budgets (FB0001)

Action Plan: Foo Bar Action Plan 2019-2021

Action Plan Cycle: 2019

Status: Active
"""


def release(tmp_path: Path, env: dict[str, str], sources: Path, version: str = "v1", *more: str):
    return commitments(
        "release", "--sources", str(sources), "--releases", str(tmp_path / "releases"),
        "--version", version, *more, env=env, cwd=tmp_path,
    )  # fmt: skip


def test_release_publishes_and_prints_the_ledger(tmp_path: Path, cli_env: dict[str, str]) -> None:
    done = release(tmp_path, cli_env, SAMPLES)
    assert done.returncode == 0, done.stderr
    assert "release v1 published" in done.stdout
    assert "raw records in: 251 = 251 published + 0 rejected (holds)" in done.stdout
    assert "commitments 247" in done.stdout  # 97 listed + 153 exported - 3 in both
    assert (tmp_path / "releases" / "latest").resolve().name == "v1"
    validated = commitments(
        "validate", str(tmp_path / "releases" / "v1"), env=cli_env, cwd=tmp_path
    )
    assert validated.returncode == 0 and "valid" in validated.stdout
    # The run worked in a folder of its own under build/runs, removed once it succeeded.
    assert list((tmp_path / "build" / "runs").iterdir()) == []
    assert "working folder" not in done.stdout


def test_keep_state_keeps_the_runs_working_folder_and_says_where(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    done = release(tmp_path, cli_env, SAMPLES, "v1", "--keep-state", "--work-dir", "work")
    assert done.returncode == 0, done.stderr
    [folder] = (tmp_path / "work").iterdir()
    assert f"working folder kept (database and spill files of this run): work/{folder.name}" in (
        done.stdout
    )
    with duckdb.connect(str(folder / "commitments.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM core.commitments").fetchone() == (247,)


def test_same_version_twice_is_a_no_op_other_content_is_refused(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    assert release(tmp_path, cli_env, SAMPLES).returncode == 0
    sums = (tmp_path / "releases" / "v1" / "SHA256SUMS").read_bytes()
    again = release(tmp_path, cli_env, SAMPLES)
    assert again.returncode == 0
    assert "already published with identical content" in again.stdout
    pages = tmp_path / "pages-only"
    shutil.copytree(SAMPLES / "ogp-pages", pages)
    refused = release(tmp_path, cli_env, pages)
    assert refused.returncode == 2
    assert "v1" in refused.stderr and "nothing was published" in refused.stderr
    assert (tmp_path / "releases" / "v1" / "SHA256SUMS").read_bytes() == sums


def test_usage_errors_exit_2(tmp_path: Path, cli_env: dict[str, str]) -> None:
    missing = release(tmp_path, cli_env, tmp_path / "nowhere")
    assert missing.returncode == 2 and "sources folder not found" in missing.stderr
    bad_version = release(tmp_path, cli_env, SAMPLES, version="../escape")
    assert bad_version.returncode == 2 and "version" in bad_version.stderr
    unknown = commitments("publish", env=cli_env, cwd=tmp_path)
    assert unknown.returncode == 2
    assert not (tmp_path / "releases").exists()


def test_invalid_release_is_not_published_and_latest_stays(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    assert release(tmp_path, cli_env, SAMPLES).returncode == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    # A plan said to start in 2005, before OGP existed: the contract's minimum for
    # action_plans.start_year (2010) rejects it.
    (bad / "FB0001.txt").write_text(PAGE.replace("2019", "2005"), encoding="utf-8")
    failed = release(tmp_path, cli_env, bad, version="v2")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    report = failed.stderr
    assert "nothing was published" in report
    # The blocking validation check says why, with located examples (the UI shows the same).
    assert "check release_candidate_valid failed" in report
    assert "action_plans" in report and "start_year" in report and "minimum" in report
    assert "2005" in report
    releases = tmp_path / "releases"
    assert not (releases / "v2").exists()
    assert (releases / "latest").resolve().name == "v1"
    assert (releases / "LATEST").read_text() == "v1\n"
    assert not [p for p in releases.iterdir() if p.name.startswith(".staging")]
    # The failed run's working folder is kept for a look inside, and the report says where.
    [kept] = (tmp_path / "build" / "runs").iterdir()
    assert (
        f"working folder kept (database and spill files of this run): build/runs/{kept.name}"
        in (report)
    )
    assert (kept / "commitments.duckdb").is_file()


def test_a_failed_check_stops_the_release(tmp_path: Path, cli_env: dict[str, str]) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("Nothing about commitments here.\n", encoding="utf-8")
    failed = release(tmp_path, cli_env, junk)
    assert failed.returncode == 1
    assert "commitments_integrity failed" in failed.stderr
    assert "no rows" in failed.stderr
    assert not (tmp_path / "releases" / "v1").exists()


def test_validate_rejects_a_tampered_release(tmp_path: Path, cli_env: dict[str, str]) -> None:
    assert release(tmp_path, cli_env, SAMPLES).returncode == 0
    members = tmp_path / "releases" / "v1" / "csv" / "members.csv"
    members.write_text(members.read_text().replace("national", "nacional", 1))
    checked = commitments("validate", str(members.parents[1]), env=cli_env, cwd=tmp_path)
    assert checked.returncode == 1
    assert "members" in checked.stdout
    reference = commitments(
        "validate", str(members.parents[1]), "--engine", "frictionless", env=cli_env, cwd=tmp_path
    )
    assert reference.returncode == 1
    assert "members: hash x 1" in reference.stdout and "members: hash x 1" in checked.stdout
    gone = commitments("validate", str(tmp_path / "nope"), env=cli_env, cwd=tmp_path)
    assert gone.returncode == 2


def two_releases(con: duckdb.DuckDBPyConnection, folder: Path) -> tuple[Path, Path]:
    """Releases v1 and v2 of the tiny core: v2 changes one commitment title."""
    build_release(con, folder / "v1", version="v1", created=None, sources=[])
    con.execute(
        "UPDATE core.commitments SET title = 'Open contracting, now' WHERE commitment_id = 'UK0073'"
    )
    build_release(con, folder / "v2", version="v2", created=None, sources=[])
    return folder / "v1", folder / "v2"


def test_diff_prints_the_changelog_and_writes_changes_csv(
    tmp_path: Path, cli_env: dict[str, str], tiny_core_db: duckdb.DuckDBPyConnection
) -> None:
    v1, v2 = two_releases(tiny_core_db, tmp_path / "releases")
    out = tmp_path / "out" / "changes.csv"
    done = commitments(
        "diff", str(v1), str(v2 / "datapackage.json"), "--csv", str(out), env=cli_env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == render_changelog(compare_releases(v1, v2))
    assert done.stdout.startswith("# Changes in release v2 since release v1\n")
    assert "`UK0073` `title`: `Open contracting` → `Open contracting, now`" in done.stdout
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["table", "key", "change", "field", "old_value", "new_value"],
            ["commitments", "UK0073", "changed", "title", "Open contracting",
             "Open contracting, now"],
        ]  # fmt: skip
    plain = commitments("diff", str(v1), str(v1), env=cli_env, cwd=tmp_path)
    assert plain.returncode == 0 and "No record was added, removed or changed." in plain.stdout


def test_diff_usage_errors_exit_2(
    tmp_path: Path, cli_env: dict[str, str], tiny_core_db: duckdb.DuckDBPyConnection
) -> None:
    v1, _ = two_releases(tiny_core_db, tmp_path / "releases")
    missing = commitments("diff", str(v1), str(tmp_path / "nowhere"), env=cli_env, cwd=tmp_path)
    assert missing.returncode == 2
    assert "commitments diff:" in missing.stderr and "nowhere does not exist" in missing.stderr
    assert missing.stdout == ""
    not_release = commitments("diff", str(tmp_path), str(v1), env=cli_env, cwd=tmp_path)
    assert not_release.returncode == 2
    assert "is not a release: it has no datapackage.json" in not_release.stderr
    no_new = commitments("diff", str(v1), env=cli_env, cwd=tmp_path)
    assert no_new.returncode == 2
