"""The Dagster Definitions: every asset, check and resource, and the two jobs: the release
(`release_job`, never touching the network) and fetch-then-release (`fetch_release_job`).

`dagster dev -w workspace.yaml` loads `defs`; the CLI and tests call `build_defs` with
their own folders, so all three run the same graph.
"""

from __future__ import annotations

from dagster import AssetSelection, AssetSpec, Definitions, define_asset_job, in_process_executor

from assets.automation import release_schedule, sources_sensor
from assets.core import CORE_ASSETS, CORE_CHECKS
from assets.fetch import OWNERS as FETCH_OWNERS
from assets.fetch import snapshots
from assets.raw import raw_export, raw_pages, source_files
from assets.release import release, release_candidate, release_candidate_valid
from assets.resources import Fetching, ReleaseSettings, ReleasesLock, RunDuckDB
from assets.stage import candidates, choices, record_ledger, source_values, vocabularies

JOB_NAME = "release_job"
FETCH_JOB_NAME = "fetch_release_job"

release_job = define_asset_job(
    JOB_NAME,
    selection=AssetSelection.all() - AssetSelection.groups("fetch"),
    description="Raw sources → DuckDB → validated CSV + Parquet release.",
)
#: The `snapshots` asset while fetching is off (OGP_FETCH_SITE unset): shown in its place in
#: the graph, never materialized, so "Materialize all" releases the sources folders as
#: `make run` does and never touches the network.
SNAPSHOTS_OFF = AssetSpec(
    "snapshots",
    group_name="fetch",
    kinds={"python"},
    owners=FETCH_OWNERS,
    description="Fetching is off: set OGP_FETCH_SITE to crawl the site into the snapshots "
    "folder (README, 'Fetching the real site').",
)
fetch_release_job = define_asset_job(
    FETCH_JOB_NAME,
    selection=AssetSelection.all(),
    description="The site fetched into snapshots (OGP_FETCH_SITE), then released.",
)


def build_defs(
    settings: ReleaseSettings | None = None,
    duckdb: RunDuckDB | None = None,
    fetching: Fetching | None = None,
) -> Definitions:
    """Definitions with the given settings and run databases (default: from the
    environment, as `dagster dev` reads it)."""
    fetch = fetching or Fetching.from_env()
    return Definitions(
        assets=[
            snapshots if fetch.site else SNAPSHOTS_OFF,
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
        jobs=[release_job, fetch_release_job] if fetch.site else [release_job],
        schedules=[release_schedule(FETCH_JOB_NAME if fetch.site else JOB_NAME)],
        sensors=[sources_sensor(JOB_NAME)],
        # A run's DuckDB file takes one writer at a time: its steps run one after another,
        # in one process (which also holds the releases folder from staging to install).
        executor=in_process_executor,
        resources={
            "settings": settings or ReleaseSettings.from_env(),
            "duckdb": duckdb or RunDuckDB.from_env(),
            "publication": ReleasesLock(),
            "fetching": fetch,
        },
    )


defs = build_defs()
