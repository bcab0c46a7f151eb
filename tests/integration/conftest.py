"""Fixtures for the integration tests: the samples release, built once; a CLI environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fixtures.samples import SAMPLES
from tests.integration.graph import EPOCH, Built, run_graph


@pytest.fixture(scope="session")
def sample_release(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The release of the embedded samples, built once for the integration tests."""
    built = run_graph([SAMPLES], tmp_path_factory.mktemp("samples"))
    assert built.success, "the release graph failed on samples/"
    return built


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running the `commitments` command: own DAGSTER_HOME, no telemetry."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {**os.environ, "DAGSTER_HOME": str(home), "SOURCE_DATE_EPOCH": EPOCH}
