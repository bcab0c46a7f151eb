"""The schedule and the sources sensor, evaluated as the Dagster daemon evaluates them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dagster import (
    DagsterInstance,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    build_sensor_context,
)

from assets.automation import release_schedule, sources_sensor
from assets.definitions import JOB_NAME, build_defs
from assets.resources import ReleaseSettings


def tick(sources: Path, cursor: str | None, instance: DagsterInstance):
    """One sensor evaluation: (run requests, new cursor)."""
    sensor = sources_sensor(JOB_NAME)
    context = build_sensor_context(
        cursor=cursor,
        instance=instance,
        resources={"settings": ReleaseSettings(sources=[str(sources)])},
    )
    result = sensor.evaluate_tick(context)
    return result.run_requests or [], result.cursor


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "UK0073.txt").write_text("Better use of data (UK0073)\n", encoding="utf-8")
    return folder


def test_a_new_file_requests_exactly_one_run(sources: Path) -> None:
    with DagsterInstance.ephemeral() as instance:
        runs, cursor = tick(sources, None, instance)
        assert runs == []  # the first look records the folders
        assert tick(sources, cursor, instance)[0] == []
        (sources / "pages" / "FR0001.txt").write_text("Open budgets (FR0001)\n", encoding="utf-8")
        runs, after = tick(sources, cursor, instance)
        assert len(runs) == 1
        assert runs[0].tags["trigger"] == "sensor" and runs[0].tags["sources/changed"] == "1"
        assert runs[0].tags["release/version"] == ReleaseSettings().release_version()
        assert tick(sources, after, instance)[0] == []  # the change is not asked for twice


def test_a_touch_that_changes_no_byte_requests_nothing(sources: Path) -> None:
    page = sources / "pages" / "UK0073.txt"
    with DagsterInstance.ephemeral() as instance:
        _, cursor = tick(sources, None, instance)
        stat = page.stat()
        os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        runs, cursor = tick(sources, cursor, instance)
        assert runs == []
        page.write_text("Better use of data assets (UK0073)\n", encoding="utf-8")
        [run] = tick(sources, cursor, instance)[0]
        hidden = sources / ".cache"
        hidden.write_text("ignored", encoding="utf-8")
        assert tick(sources, tick(sources, cursor, instance)[1], instance)[0] == []
        assert run.run_key


def test_a_removed_file_is_a_change_too(sources: Path) -> None:
    with DagsterInstance.ephemeral() as instance:
        _, cursor = tick(sources, None, instance)
        (sources / "pages" / "UK0073.txt").unlink()
        assert len(tick(sources, cursor, instance)[0]) == 1


def test_schedule_and_sensor_are_off_unless_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OGP_SCHEDULE", "OGP_SENSOR", "OGP_SCHEDULE_CRON", "OGP_SCHEDULE_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    schedule = release_schedule(JOB_NAME)
    assert schedule.default_status == DefaultScheduleStatus.STOPPED
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 6 * * 1", "UTC")
    assert sources_sensor(JOB_NAME).default_status == DefaultSensorStatus.STOPPED
    monkeypatch.setenv("OGP_SCHEDULE", "on")
    monkeypatch.setenv("OGP_SCHEDULE_CRON", "30 2 * * *")
    monkeypatch.setenv("OGP_SCHEDULE_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("OGP_SENSOR", "on")
    monkeypatch.setenv("OGP_SENSOR_INTERVAL", "300")
    schedule = release_schedule(JOB_NAME)
    assert schedule.default_status == DefaultScheduleStatus.RUNNING
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("30 2 * * *", "Europe/Paris")
    sensor = sources_sensor(JOB_NAME)
    assert sensor.default_status == DefaultSensorStatus.RUNNING
    assert sensor.minimum_interval_seconds == 300


def test_the_definitions_carry_both(tmp_path: Path) -> None:
    defs = build_defs(ReleaseSettings(sources=[str(tmp_path)]))
    assert defs.resolve_schedule_def("weekly_release").job_name == JOB_NAME
    assert defs.resolve_sensor_def("new_sources").job_name == JOB_NAME
