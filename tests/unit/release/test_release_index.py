"""index.json entries: rows per table from quality.json, or counted when a release has none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from pipeline.release.build import build_release
from pipeline.release.index import build_index, release_entry, release_folders
from pipeline.release.install import clean_leftovers
from tests.fixtures.tiny_core import TINY_ROWS


def test_rows_are_counted_in_the_csvs_of_a_release_without_quality_json(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """An older release (no quality.json) is counted by records, not lines: the tiny
    core's descriptions hold line breaks inside quoted cells."""
    folder = tmp_path / "v1"
    build_release(tiny_core_db, folder, version="v1", created=None, sources=[])
    with_report = release_entry(folder)["rows"]
    (folder / "quality.json").unlink()
    counted = release_entry(folder)["rows"]
    assert counted == with_report == {table: len(rows) for table, rows in TINY_ROWS.items()}
    csv_lines = (folder / "csv" / "commitments.csv").read_text(encoding="utf-8").count("\n")
    assert csv_lines - 1 > counted["commitments"]  # a line count would be wrong


def test_only_complete_release_folders_are_listed(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    build_release(tiny_core_db, tmp_path / "v1", version="v1", created=None, sources=[])
    shutil.copytree(tmp_path / "v1", tmp_path / ".staging-v2-x")  # a build in progress
    (tmp_path / "broken").mkdir()  # no descriptor, no checksums
    (tmp_path / "latest").symlink_to("v1")
    assert [p.name for p in release_folders(tmp_path)] == ["v1"]
    index = build_index(tmp_path, "v1")
    assert [entry["version"] for entry in index["releases"]] == ["v1"]


def test_leftovers_of_dead_processes_go_and_those_of_live_ones_stay(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        for name in (f".staging-{gone}-v2-abc", f".staging-{live.pid}-v2-def",
                     f".staging-{os.getpid()}-v2-ghi"):  # fmt: skip
            (tmp_path / name).mkdir()
        (tmp_path / f".tmp-{gone}-LATEST-0123").write_text("v1\n")
        (tmp_path / f".tmp-{gone}-latest-4567").symlink_to("v1")
        (tmp_path / ".staging-v0-old-layout").mkdir()  # no pid: kept while under an hour old
        (tmp_path / "v1").mkdir()
        removed = clean_leftovers(tmp_path)
    finally:
        live.kill()
        live.wait()
    assert removed == sorted(
        [f".staging-{gone}-v2-abc", f".tmp-{gone}-LATEST-0123", f".tmp-{gone}-latest-4567"]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f".staging-{live.pid}-v2-def", f".staging-{os.getpid()}-v2-ghi",
         ".staging-v0-old-layout", "v1"]
    )  # fmt: skip
