"""The Dagster Definitions: every asset, check, resource and the one release job.

`dagster dev -w workspace.yaml` loads `defs`; the CLI and tests call `build_defs` with
their own folders, so all three run the same graph.
"""

from __future__ import annotations

import os
from pathlib import Path

from dagster import AssetSelection, Definitions, define_asset_job, in_process_executor
from dagster_duckdb import DuckDBResource

from assets.automation import release_schedule, sources_sensor
from assets.core import CORE_ASSETS, CORE_CHECKS
from assets.raw import raw_export, raw_pages, source_files
from assets.release import release, release_candidate, release_candidate_valid
from assets.resources import DEFAULT_DATABASE, ENV_DATABASE, ReleaseSettings
from assets.stage import candidates, choices, record_ledger, source_values, vocabularies
from pipeline.db import config as duckdb_config

JOB_NAME = "release_job"

release_job = define_asset_job(
    JOB_NAME,
    selection=AssetSelection.all(),
    description="Raw sources → DuckDB → validated CSV + Parquet release.",
)


def build_defs(
    settings: ReleaseSettings | None = None, database: str | Path = DEFAULT_DATABASE
) -> Definitions:
    """Definitions with the given settings and DuckDB file (their parent folder is created)."""
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    return Definitions(
        assets=[
            source_files,
            raw_pages,
            raw_export,
            vocabularies,
            source_values,
            candidates,
            choices,
            record_ledger,
            *CORE_ASSETS,
            release_candidate,
            release,
        ],
        asset_checks=[*CORE_CHECKS, release_candidate_valid],
        jobs=[release_job],
        schedules=[release_schedule(JOB_NAME)],
        sensors=[sources_sensor(JOB_NAME)],
        # One DuckDB file takes one writer at a time: steps run one after another.
        executor=in_process_executor,
        resources={
            "settings": settings or ReleaseSettings(),
            "duckdb": DuckDBResource(
                database=str(database),
                connection_config=duckdb_config(Path(database).parent / "spill"),
            ),
        },
    )


defs = build_defs(ReleaseSettings.from_env(), os.environ.get(ENV_DATABASE, DEFAULT_DATABASE))
