"""What a finished release run means for the person who started it: exit code and report.

Reads this run's own events, never the instance's latest materializations (which may be
another run's): the release asset's materialization (version, path, counts, ledger) on
success; on failure the blocking checks that failed and the release step's Failure
(validation report, or a version that already exists). Says where the run's working
folder is when it was kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dagster import DagsterEventType, ExecuteInProcessResult

from pipeline.run_state import run_folder

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class RunOutcome:
    exit_code: int
    report: str


def _metadata_value(entry: Any) -> Any:
    return getattr(entry, "value", entry)


def _success_report(result: ExecuteInProcessResult) -> str:
    materializations = result.asset_materializations_for_node("release")
    metadata = {k: _metadata_value(v) for k, v in materializations[-1].metadata.items()}
    counts = metadata.get("row_counts", {})
    state = "already published with identical content" if metadata.get("unchanged") else "published"
    lines = [
        f"release {metadata.get('version')} {state}: {metadata.get('path')}",
        f"  {metadata.get('summary')}",
        f"  {metadata.get('changes')}",
        "  rows: " + ", ".join(f"{table} {rows}" for table, rows in counts.items()),
    ]
    return "\n".join(lines)


def _failed_checks(result: ExecuteInProcessResult) -> list[str]:
    lines = []
    for event in result.all_events:
        if event.event_type != DagsterEventType.ASSET_CHECK_EVALUATION:
            continue
        evaluation = event.event_specific_data
        if evaluation.passed:
            continue
        lines.append(f"check {evaluation.check_name} failed: {evaluation.description}")
        examples = _metadata_value(evaluation.metadata.get("examples"))
        lines += [f"    {example}" for example in examples or []]
    return lines


def _kept_folder(result: ExecuteInProcessResult, work_dir: Path | None) -> list[str]:
    """A line naming the run's working folder, if the run kept it."""
    if work_dir is None:
        return []
    folder = run_folder(work_dir, result.dagster_run.root_run_id or result.run_id)
    if not folder.is_dir():
        return []
    return [f"  working folder kept (database and spill files of this run): {folder}"]


def read_outcome(result: ExecuteInProcessResult, work_dir: Path | None = None) -> RunOutcome:
    """Exit code and report of a finished release run; `work_dir` is where the run's
    working folder was made (RunDuckDB.work_dir)."""
    if result.success:
        report = "\n".join([_success_report(result), *_kept_folder(result, work_dir)])
        return RunOutcome(EXIT_OK, report)
    lines: list[str] = []
    exit_code = EXIT_INVALID
    lines += _failed_checks(result)
    for event in result.all_events:
        if event.event_type != DagsterEventType.STEP_FAILURE:
            continue
        data = event.step_failure_data
        failure = data.user_failure_data if data else None
        if failure is not None:
            lines.append(failure.description or "")
            outcome = {k: _metadata_value(v) for k, v in failure.metadata.items()}.get("outcome")
            if outcome == "exists":
                exit_code = EXIT_USAGE
        elif data and data.error and data.error.cls_name != "DagsterAssetCheckFailedError":
            lines.append(f"step {event.step_key} failed: {data.error.message.strip()}")
    report = "\n".join([*lines, *_kept_folder(result, work_dir)])
    if "nothing was published" not in report:
        report = "nothing was published\n" + report
    return RunOutcome(exit_code, report)
