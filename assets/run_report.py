"""What a finished release run means for the person who started it: exit code and report.

Reads the run's events: the release asset's materialization (version, path, counts,
ledger) on success; on failure the blocking checks that failed and the release step's
Failure (validation report, or a version that already exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dagster import DagsterEventType, ExecuteInProcessResult

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


def read_outcome(result: ExecuteInProcessResult) -> RunOutcome:
    """Exit code and report of a finished release run."""
    if result.success:
        return RunOutcome(EXIT_OK, _success_report(result))
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
    report = "\n".join(lines)
    if "nothing was published" not in report:
        report = "nothing was published\n" + report
    return RunOutcome(exit_code, report)
