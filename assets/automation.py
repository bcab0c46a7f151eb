"""When the release job runs by itself: a weekly schedule, and a sensor on the sources.

Both are off unless switched on, because a run publishes a release:

- OGP_SCHEDULE=on runs `release_job` on OGP_SCHEDULE_CRON (default `0 6 * * 1`, Mondays
  06:00) in OGP_SCHEDULE_TIMEZONE (default UTC);
- OGP_SENSOR=on polls the sources folders every OGP_SENSOR_INTERVAL seconds (default 60)
  and requests one run per change of their bytes (pipeline/raw/source_state.py). Its cursor
  keeps each file's hash, so the first tick only records what is there, a `touch` asks
  for nothing, and the run key (the state's fingerprint) keeps a change from being
  released twice.

Either can also be switched on or off in the UI; the environment sets the default.
"""

from __future__ import annotations

import json
import os

from dagster import (
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorDefinition,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from assets.resources import ReleaseSettings, switched_on
from pipeline.raw.source_state import current_state, fingerprint

DEFAULT_CRON = "0 6 * * 1"
DEFAULT_TIMEZONE = "UTC"
DEFAULT_INTERVAL = 60


def release_schedule(job_name: str) -> ScheduleDefinition:
    """The periodic release, weekly by default (OGP_SCHEDULE, _CRON, _TIMEZONE)."""
    return ScheduleDefinition(
        name="weekly_release",
        job_name=job_name,
        cron_schedule=os.environ.get("OGP_SCHEDULE_CRON", DEFAULT_CRON),
        execution_timezone=os.environ.get("OGP_SCHEDULE_TIMEZONE", DEFAULT_TIMEZONE),
        default_status=(
            DefaultScheduleStatus.RUNNING
            if switched_on("OGP_SCHEDULE")
            else DefaultScheduleStatus.STOPPED
        ),
        tags={"trigger": "schedule"},
        description="Builds and publishes a release from the sources folders on a timetable.",
    )


def sources_sensor(job_name: str) -> SensorDefinition:
    """A run whenever the bytes in the sources folders change (OGP_SENSOR, _INTERVAL)."""

    @sensor(
        name="new_sources",
        job_name=job_name,
        minimum_interval_seconds=int(os.environ.get("OGP_SENSOR_INTERVAL", DEFAULT_INTERVAL)),
        default_status=(
            DefaultSensorStatus.RUNNING
            if switched_on("OGP_SENSOR")
            else DefaultSensorStatus.STOPPED
        ),
        description="Requests one release run per change of the files in the sources folders.",
    )
    def new_sources(
        context: SensorEvaluationContext, settings: ReleaseSettings
    ) -> SensorResult | SkipReason:
        recorded = json.loads(context.cursor) if context.cursor else None
        state = current_state(settings.source_dirs(), (recorded or {}).get("files", {}))
        now = fingerprint(state)
        cursor = json.dumps({"fingerprint": now, "files": state}, sort_keys=True)
        if recorded is None:
            return SensorResult(
                skip_reason=SkipReason("first look: sources recorded"), cursor=cursor
            )
        if recorded.get("fingerprint") == now:
            return SensorResult(skip_reason=SkipReason("no source changed"), cursor=cursor)
        changed = sorted(
            path
            for path in set(state) | set(recorded.get("files", {}))
            if (state.get(path) or [None] * 3)[2] != (recorded["files"].get(path) or [None] * 3)[2]
        )
        return SensorResult(
            run_requests=[
                RunRequest(
                    run_key=now,
                    tags={
                        "trigger": "sensor",
                        "sources/changed": str(len(changed)),
                        "release/version": settings.release_version(),
                    },
                )
            ],
            cursor=cursor,
        )

    return new_sources
