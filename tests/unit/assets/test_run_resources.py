"""The Dagster resources that keep runs apart: RunDuckDB (each run's own database) and
ReleasesLock, on real Dagster runs of small assets and of the real graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from dagster import AssetKey, AssetSelection, DagsterEventType, DagsterInstance, asset, materialize

from assets.definitions import JOB_NAME, build_defs
from assets.resources import ReleaseSettings, ReleasesLock, RunDuckDB
from pipeline.locks import try_lock_folder


@asset(name="source_files")  # what every new run starts from (FIRST_ASSET)
def numbers(duckdb: RunDuckDB) -> None:
    with duckdb.get_connection() as con:
        con.execute("CREATE TABLE numbers AS SELECT range AS n FROM range(10)")
        spill = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    assert Path(spill) == duckdb.folder / "spill"
    assert try_lock_folder(duckdb.folder) is None  # held by this run


@asset(deps=[numbers])
def total(duckdb: RunDuckDB) -> int:
    with duckdb.get_connection() as con:
        return int(con.execute("SELECT sum(n) FROM numbers").fetchone()[0])


@asset(deps=[total])
def broken() -> None:
    raise ValueError("this step fails")


def run(work_dir: Path, *assets, keep: bool = False):
    with DagsterInstance.ephemeral() as instance:
        return materialize(
            [numbers, total, broken],
            selection=AssetSelection.assets(*assets),
            resources={"duckdb": RunDuckDB(work_dir=str(work_dir), keep=keep)},
            instance=instance,
            raise_on_error=False,
        )


def test_a_run_that_succeeds_removes_its_own_folder(tmp_path: Path) -> None:
    result = run(tmp_path, numbers, total)
    assert result.success and result.output_for_node("total") == 45
    assert list(tmp_path.iterdir()) == []


def test_keep_keeps_the_folder_of_a_run_that_succeeds(tmp_path: Path) -> None:
    result = run(tmp_path, numbers, total, keep=True)
    assert [p.name for p in tmp_path.iterdir()] == [result.run_id]
    assert (tmp_path / result.run_id / "commitments.duckdb").is_file()


def test_a_failed_run_keeps_its_folder_with_what_it_built(tmp_path: Path) -> None:
    first, second = run(tmp_path, numbers, total, broken), run(tmp_path, numbers, total, broken)
    assert not first.success and not second.success
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.run_id, second.run_id])
    for result in (first, second):
        folder = tmp_path / result.run_id
        assert (folder / "commitments.duckdb").is_file()
        lock = try_lock_folder(folder)  # the run is over: nobody holds it
        assert lock is not None
        lock.release()


def test_a_new_run_of_part_of_the_graph_says_it_has_nothing_to_build_on(tmp_path: Path) -> None:
    settings = ReleaseSettings(sources=[str(tmp_path)], releases_dir=str(tmp_path / "r"))
    defs = build_defs(settings, RunDuckDB(work_dir=str(tmp_path / "runs")))
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            instance=instance, asset_selection=[AssetKey("commitments")], raise_on_error=False
        )
        errors = [
            str(event.event_specific_data)
            for event in result.all_events
            if event.event_type == DagsterEventType.RUN_FAILURE
        ]
    assert not result.success
    assert any("without source_files in a working folder of its own" in e for e in errors), errors
    assert not (tmp_path / "runs").exists() or list((tmp_path / "runs").iterdir()) == []


def test_the_releases_lock_is_held_until_let_go(tmp_path: Path) -> None:
    lock = ReleasesLock()
    lock.hold(tmp_path / "releases")
    lock.hold(tmp_path / "releases")  # again, by the same run: nothing more
    assert try_lock_folder(tmp_path / "releases") is None
    lock.let_go()
    free = try_lock_folder(tmp_path / "releases")
    assert free is not None
    free.release()


@pytest.mark.parametrize("run_id", ["../escape", "a/b"])
def test_run_folders_are_named_by_plain_run_ids_only(tmp_path: Path, run_id: str) -> None:
    from pipeline.run_state import open_run_state

    with pytest.raises(ValueError):
        open_run_state(tmp_path, run_id)
