"""`dagster dev -w workspace.yaml` loads the code location with no error and serves the graph."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.contract import table_names
from pipeline.validate import validate_release
from tests.fixtures.samples import ROOT

pytestmark = pytest.mark.slow

DAGSTER = Path(sys.executable).with_name("dagster")
QUERY = """
{
  workspaceOrError {
    ... on Workspace {
      locationEntries {
        name
        locationOrLoadError { __typename ... on PythonError { message } }
      }
    }
  }
  assetNodes {
    assetKey { path }
    groupName
    kinds
    description
    owners { ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
    assetChecksOrError { ... on AssetChecks { checks { name blocking } } }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, payload: bytes | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if payload else {}
    request = urllib.request.Request(url, data=payload, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
  }
}
"""
STATUS = """
query Status($runId: ID!) { runOrError(runId: $runId) { ... on Run { status } } }
"""


def graphql(base: str, query: str, variables: dict | None = None) -> dict:
    payload = json.dumps({"query": query, "variables": variables or {}}).encode()
    answer = json.loads(_get(f"{base}/graphql", payload))
    assert "errors" not in answer, answer["errors"]
    return answer["data"]


@contextmanager
def running_dagster_dev(tmp_path: Path, **env: str) -> Iterator[str]:
    """A real `dagster dev` on a free loopback port, in its own process group, stopped after.

    Its settings come from the environment: samples/ in, releases and run folders in
    tmp_path, unless `env` says otherwise.
    """
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port = _free_port()
    log = (tmp_path / "dagster-dev.log").open("w")
    process = subprocess.Popen(
        [str(DAGSTER), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env={
            **os.environ,
            "DAGSTER_HOME": str(home),
            "OGP_RELEASES": str(tmp_path / "releases"),
            "OGP_WORK_DIR": str(tmp_path / "runs"),
            **env,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/server_info")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "dagster-dev.log").read_text()) from None
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


@pytest.fixture
def dagster_dev(tmp_path: Path) -> Iterator[str]:
    """`dagster dev` on samples/, publishing into tmp_path/releases."""
    with running_dagster_dev(tmp_path) as base:
        yield base


def test_dagster_dev_serves_the_asset_graph(dagster_dev: str) -> None:
    data = graphql(dagster_dev, QUERY)
    [location] = data["workspaceOrError"]["locationEntries"]
    assert location["locationOrLoadError"]["__typename"] == "RepositoryLocation", location
    groups = {"/".join(n["assetKey"]["path"]): n["groupName"] for n in data["assetNodes"]}
    assert {name for name, group in groups.items() if group == "core"} == set(table_names())
    assert groups["source_files"] == "raw" and groups["release"] == "release"
    assert {"raw_pages", "raw_export", "candidates", "choices"} <= groups.keys()
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert "duckdb" in nodes["commitments"]["kinds"]
    for name, node in nodes.items():  # what an operator reads on every asset
        assert node["kinds"] and node["groupName"] and node["description"], name
        assert node["owners"] == [{"team": "ogp-commitments"}], name
    assert nodes["commitments"]["description"].startswith("Commitments:")
    for table in table_names():
        checks = nodes[table]["assetChecksOrError"]["checks"]
        assert {"name": f"{table}_integrity", "blocking": True} in checks
    rejects_checks = {c["name"] for c in nodes["rejects"]["assetChecksOrError"]["checks"]}
    assert "records_accounted_for" in rejects_checks


def test_a_run_launched_from_the_ui_publishes_a_release(dagster_dev: str, tmp_path: Path) -> None:
    [location] = graphql(dagster_dev, QUERY)["workspaceOrError"]["locationEntries"]
    selector = {
        "repositoryLocationName": location["name"],
        "repositoryName": "__repository__",
        "jobName": "release_job",
    }
    params = {"selector": selector, "runConfigData": {}, "executionMetadata": {
        "tags": [{"key": "release/version", "value": "ui-test"}]}}  # fmt: skip
    launched = graphql(dagster_dev, LAUNCH, {"params": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    deadline = time.monotonic() + 120
    status = "QUEUED"
    while status not in {"SUCCESS", "FAILURE", "CANCELED"} and time.monotonic() < deadline:
        time.sleep(1)
        status = graphql(dagster_dev, STATUS, {"runId": run_id})["runOrError"]["status"]
    assert status == "SUCCESS"
    latest = tmp_path / "releases" / "latest"
    assert (latest / "datapackage.json").is_file()
    assert (latest / "csv" / "commitments.csv").is_file()
    assert list((tmp_path / "runs").iterdir()) == []  # the run's own folder, removed


# --- runs started from the UI, by the sensor, and re-executed from a failed step --------------

REEXECUTE = """
mutation Reexecute($params: ReexecutionParams!) {
  launchPipelineReexecution(reexecutionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId rootRunId } }
    ... on PythonError { message }
  }
}
"""
RUN = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    ... on Run { status rootRunId tags { key value } stepStats { stepKey status } }
  }
}
"""
ALL_RUNS = "{ runsOrError { ... on Runs { results { runId status tags { key value } } } } }"


def job_selector(base: str) -> dict[str, str]:
    [location] = graphql(base, QUERY)["workspaceOrError"]["locationEntries"]
    return {
        "repositoryLocationName": location["name"],
        "repositoryName": "__repository__",
        "jobName": "release_job",
    }


def launch(base: str, tags: dict[str, str] | None = None) -> str:
    params = {"selector": job_selector(base), "runConfigData": {}, "executionMetadata": {
        "tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]}}  # fmt: skip
    launched = graphql(base, LAUNCH, {"params": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    return launched["run"]["runId"]


def finished(base: str, run_id: str, timeout: float = 180) -> dict:
    """The run once it has finished (status, root run, tags, steps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = graphql(base, RUN, {"runId": run_id})["runOrError"]
        if run["status"] in {"SUCCESS", "FAILURE", "CANCELED"}:
            return run
        time.sleep(1)
    raise AssertionError(f"run {run_id} did not finish within {timeout} s")


TICKS = """
query Ticks($selector: SensorSelector!) {
  sensorOrError(sensorSelector: $selector) {
    ... on Sensor { sensorState { ticks(limit: 1) { status } } }
  }
}
"""


def wait_for_a_tick(base: str, sensor: str, timeout: float = 120) -> None:
    """Until the daemon has evaluated the sensor once."""
    job = job_selector(base)
    selector = {
        "repositoryLocationName": job["repositoryLocationName"],
        "repositoryName": job["repositoryName"],
        "sensorName": sensor,
    }
    deadline = time.monotonic() + timeout
    while not graphql(base, TICKS, {"selector": selector})["sensorOrError"]["sensorState"]["ticks"]:
        assert time.monotonic() < deadline, f"the daemon did not evaluate {sensor}"
        time.sleep(0.5)


def test_a_sensor_run_and_a_ui_run_at_once_each_work_in_their_own_folder(
    tmp_path: Path,
) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "samples", sources)
    env = {"OGP_SOURCES": str(sources), "OGP_SENSOR": "on", "OGP_SENSOR_INTERVAL": "1"}
    with running_dagster_dev(tmp_path, **env) as base:
        wait_for_a_tick(base, "new_sources")  # its first look: the sources recorded, no run
        assert graphql(base, ALL_RUNS)["runsOrError"]["results"] == []
        # A new file: the sensor asks for a run; while it runs, an operator starts one.
        shutil.copy(sources / "ogp-pages" / "UK0073.txt", sources / "UK0073-again.txt")
        deadline = time.monotonic() + 90
        while not (runs := graphql(base, ALL_RUNS)["runsOrError"]["results"]):
            assert time.monotonic() < deadline, "the sensor requested no run"
            time.sleep(0.5)
        [by_sensor] = runs
        assert {"key": "trigger", "value": "sensor"} in by_sensor["tags"]
        by_hand = launch(base, {"trigger": "ui"})
        outcomes = [finished(base, by_sensor["runId"]), finished(base, by_hand)]
    assert [run["status"] for run in outcomes] == ["SUCCESS", "SUCCESS"]
    # Both read the same sources: one published, the other found the same bytes there.
    releases = tmp_path / "releases"
    [version] = [p.name for p in releases.iterdir() if not p.name.startswith(("l", "L", "i"))]
    assert validate_release(releases / version).valid
    assert os.readlink(releases / "latest") == version
    assert list((tmp_path / "runs").iterdir()) == []  # both succeeded: folders removed


def test_a_run_re_executed_from_its_failed_step_finds_its_own_state(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    releases.write_text("a file where the releases folder should be")
    with running_dagster_dev(tmp_path) as base:
        first = launch(base)
        failed = finished(base, first)
        assert failed["status"] == "FAILURE"
        steps = {s["stepKey"]: s["status"] for s in failed["stepStats"]}
        assert steps["commitments"] == "SUCCESS" and steps["release_candidate"] == "FAILURE"
        kept = tmp_path / "runs" / first
        assert (kept / "commitments.duckdb").is_file()  # kept for a re-execution
        releases.unlink()
        params = {"parentRunId": first, "strategy": "FROM_FAILURE"}
        launched = graphql(base, REEXECUTE, {"params": params})["launchPipelineReexecution"]
        assert launched["__typename"] == "LaunchRunSuccess", launched
        again = finished(base, launched["run"]["runId"])
    assert again["status"] == "SUCCESS" and again["rootRunId"] == first
    # Only the failed step and what follows it ran: the tables came from the first attempt.
    assert {s["stepKey"] for s in again["stepStats"]} == {
        "release_candidate", "release_candidate_release_candidate_valid", "release",
    }  # fmt: skip
    [version] = [p.name for p in releases.iterdir() if not p.name.startswith(("l", "L", "i"))]
    assert validate_release(releases / version).valid
    assert not kept.exists()  # the run succeeded in the end: its folder is gone
