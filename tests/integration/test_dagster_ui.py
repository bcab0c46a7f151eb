"""`dagster dev -w workspace.yaml` loads the code location with no error and serves the graph."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.schema import table_names
from tests.fixtures.samples import ROOT

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


@pytest.fixture
def dagster_dev(tmp_path: Path) -> Iterator[str]:
    """A real `dagster dev` on a free loopback port, in its own process group, stopped after.

    Its settings come from the environment: samples/ in, releases and DuckDB in tmp_path.
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
            "OGP_DUCKDB": str(tmp_path / "work.duckdb"),
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
