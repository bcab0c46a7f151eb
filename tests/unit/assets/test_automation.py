"""The schedule and the sources sensor, evaluated as the Dagster daemon evaluates them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dagster import (
    AssetKey,
    DagsterInstance,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    build_sensor_context,
)

from assets.automation import release_schedule, sources_sensor
from assets.definitions import FETCH_JOB_NAME, JOB_NAME, build_defs
from assets.resources import Fetching, ReleaseSettings


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


def test_with_a_site_to_fetch_the_schedule_fetches_then_releases(tmp_path: Path) -> None:
    fetching = Fetching(site="http://127.0.0.1:9", snapshots_dir=str(tmp_path / "snapshots"))
    defs = build_defs(ReleaseSettings(sources=[str(tmp_path)]), fetching=fetching)
    assert defs.resolve_schedule_def("weekly_release").job_name == FETCH_JOB_NAME
    assert defs.resolve_sensor_def("new_sources").job_name == JOB_NAME
    fetched = defs.resolve_job_def(FETCH_JOB_NAME).asset_layer.executable_asset_keys
    released = defs.resolve_job_def(JOB_NAME).asset_layer.executable_asset_keys
    assert AssetKey("snapshots") in fetched and AssetKey("source_files") in fetched
    assert AssetKey("snapshots") not in released  # release_job never touches the network
    assert released == fetched - {AssetKey("snapshots")}


def test_a_sensor_tick_after_a_fetch_of_unchanged_pages_requests_nothing(tmp_path: Path) -> None:
    """A fetch answered by 304s adds history lines only: no source changed, no run."""
    from pipeline.fetch.snapshots import SnapshotStore

    url = "http://127.0.0.1:9/members/kenya/commitments/KE0025/"
    store = SnapshotStore(tmp_path)
    store.store(
        url, final_url=url, status=200, headers={"etag": '"a"'},
        body=b"Open data (KE0025)\n", checked_at="2026-01-01T00:00:00Z", kind="commitment",
    )  # fmt: skip
    with DagsterInstance.ephemeral() as instance:
        _, cursor = tick(tmp_path, None, instance)
        store.not_modified(url, final_url=url, headers={}, checked_at="2026-01-08T00:00:00Z")
        assert tick(tmp_path, cursor, instance)[0] == []
        store.store(
            url, final_url=url, status=200, headers={"etag": '"b"'},
            body=b"Open data v2 (KE0025)\n", checked_at="2026-01-15T00:00:00Z", kind="commitment",
        )  # fmt: skip
        assert len(tick(tmp_path, cursor, instance)[0]) == 1
