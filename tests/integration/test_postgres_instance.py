"""The production instance (deploy/dagster.yaml) against a real PostgreSQL server.

The test starts Debian's PostgreSQL (`make postgres` installs it) in a temporary folder,
as the unprivileged `postgres` user on a free loopback port, points DAGSTER_HOME at a
copy of deploy/dagster.yaml, materialises the release job on the samples with that
instance, and then reads the run, its events and its asset materialisations back out
of the database with plain SQL: the storage is really PostgreSQL, not a local file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest
from dagster import DagsterInstance

from assets.definitions import JOB_NAME, build_defs
from assets.resources import ReleaseSettings, RunDuckDB
from tests.fixtures.samples import ROOT, SAMPLES

pytestmark = pytest.mark.slow

POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
USER = "postgres"  # the account Debian's package creates; the server refuses root


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(*command: str) -> None:
    """Run a PostgreSQL tool as the postgres user (root when the test runs as root)."""
    prefix = ["runuser", "-u", USER, "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)


@pytest.fixture
def postgres() -> Iterator[dict[str, str]]:
    """A fresh PostgreSQL server with an empty `dagster` database; its connection env."""
    if not POSTGRES_BIN:
        pytest.fail(
            "Debian's PostgreSQL is not installed: run `make postgres` "
            "(apt-get install postgresql)",
            pytrace=False,
        )
    bin_dir = POSTGRES_BIN[-1]
    # Not under pytest's tmp_path: its parents are root's alone, the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="ogp-pg-"))
    data = base / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, USER)
        shutil.chown(data, USER)
    port = str(_free_port())
    _as_postgres(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "dagster")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data}"
    log = data / "server.log"
    _as_postgres(
        str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"
    )
    try:
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="dagster", dbname="postgres")
        admin.autocommit = True  # CREATE DATABASE cannot run inside a transaction
        try:
            admin.cursor().execute("CREATE DATABASE dagster")
        finally:
            admin.close()
        yield {
            "DAGSTER_PG_HOST": "127.0.0.1",
            "DAGSTER_PG_PORT": port,
            "DAGSTER_PG_DB": "dagster",
            "DAGSTER_PG_USER": "dagster",
            "DAGSTER_PG_PASSWORD": "",
        }
    finally:
        _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


def test_a_run_on_the_production_instance_lands_in_postgres(
    postgres: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
    for name, value in postgres.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    settings = ReleaseSettings(sources=[str(SAMPLES)], releases_dir=str(tmp_path / "releases"))
    defs = build_defs(settings, RunDuckDB(work_dir=str(tmp_path / "runs")))
    with DagsterInstance.get() as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            instance=instance, tags={"trigger": "test"}
        )
    assert result.success
    with psycopg2.connect(
        host="127.0.0.1", port=postgres["DAGSTER_PG_PORT"], user="dagster", dbname="dagster"
    ) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT status, pipeline_name FROM runs WHERE run_id = %s", (result.run_id,))
        assert cursor.fetchall() == [("SUCCESS", JOB_NAME)]
        cursor.execute(
            "SELECT dagster_event_type, count(*) FROM event_logs WHERE run_id = %s "
            "GROUP BY dagster_event_type",
            (result.run_id,),
        )
        events = dict(cursor.fetchall())
        checks = len(defs.resolve_job_def(JOB_NAME).asset_layer.asset_graph.asset_check_keys)
        assert events["ASSET_CHECK_EVALUATION"] == checks >= 13
        assert events["PIPELINE_SUCCESS"] == 1  # Dagster's stored name for RUN_SUCCESS
        assert events["STEP_SUCCESS"] == events["STEP_START"]
        cursor.execute(
            "SELECT DISTINCT asset_key FROM event_logs "
            "WHERE run_id = %s AND dagster_event_type = 'ASSET_MATERIALIZATION'",
            (result.run_id,),
        )
        stored = {tuple(json.loads(key)) for (key,) in cursor.fetchall()}
    job = defs.resolve_job_def(JOB_NAME)  # every asset but snapshots (fetching is off)
    assets = {key.path[0] for key in job.asset_layer.executable_asset_keys}
    assert "snapshots" not in assets
    assert stored == {(name,) for name in assets}
    assert {"commitments", "release_candidate", "release"} <= assets
