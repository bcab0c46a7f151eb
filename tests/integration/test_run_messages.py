"""What an operator reads in the run's event log when a run fails: a sentence, not a trace."""

from __future__ import annotations

from pathlib import Path

from dagster import DagsterEventType, DagsterInstance

from assets.definitions import JOB_NAME, build_defs
from assets.resources import ReleaseSettings, RunDuckDB


def test_a_missing_sources_folder_fails_its_step_with_a_plain_message(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-folder"
    settings = ReleaseSettings(sources=[str(nowhere)], releases_dir=str(tmp_path / "releases"))
    defs = build_defs(settings, RunDuckDB(work_dir=str(tmp_path / "runs")))
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            instance=instance, raise_on_error=False
        )
        failures = [
            entry.dagster_event
            for entry in instance.all_logs(result.run_id)
            if entry.dagster_event
            and entry.dagster_event.event_type == DagsterEventType.STEP_FAILURE
        ]
    assert not result.success
    [failure] = failures
    assert failure.step_key == "source_files"
    data = failure.step_failure_data
    assert data.user_failure_data is not None  # a Failure the step raised, not a crash
    assert data.user_failure_data.description == f"sources folder not found: {nowhere}"
    assert not (tmp_path / "releases").exists() or not any((tmp_path / "releases").iterdir())
