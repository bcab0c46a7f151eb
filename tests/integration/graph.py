"""Running the real release graph (real DuckDB file, real Dagster job) and the real CLI."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance

from assets.definitions import JOB_NAME, build_defs
from assets.resources import ReleaseSettings, RunDuckDB
from pipeline.run_state import DATABASE, run_folder

VERSION = "2026-01-01"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@dataclass
class Built:
    """A release built by the real graph: where it is and the database it was built from."""

    releases: Path
    release: Path
    database: Path
    success: bool

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.database), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


def run_graph(
    sources: list[Path],
    workdir: Path,
    version: str = VERSION,
    *,
    releases: Path | None = None,
    epoch: str | None = EPOCH,
) -> Built:
    """Run the release job in-process on an ephemeral Dagster instance, keeping the
    run's working folder (under `<workdir>/runs`) for the tests to query.

    `releases` defaults to `<workdir>/releases`; `epoch` None runs without
    SOURCE_DATE_EPOCH (the release date then comes from the inputs).
    """
    releases = releases or workdir / "releases"
    settings = ReleaseSettings(
        sources=[str(s) for s in sources], releases_dir=str(releases), version=version
    )
    runs = workdir / "runs"
    defs = build_defs(settings, RunDuckDB(work_dir=str(runs), keep=True))
    with pytest.MonkeyPatch.context() as patch, DagsterInstance.ephemeral() as instance:
        if epoch is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            instance=instance, raise_on_error=False
        )
    database = run_folder(runs, result.run_id) / DATABASE
    return Built(releases, releases / version, database, result.success)


def commitments(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real `commitments` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "assets.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
