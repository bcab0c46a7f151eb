"""The release asset: write, validate (fail closed) and publish the versioned release."""

from __future__ import annotations

import json
from pathlib import Path

from dagster import Failure, MaterializeResult, MetadataValue, asset
from dagster_duckdb import DuckDBResource

from assets.core import UPSTREAM
from assets.raw import OWNERS
from assets.resources import ReleaseSettings, build_time
from pipeline.accounting import ledger
from pipeline.changes import change_line
from pipeline.provenance import created_at, descriptor_sources
from pipeline.publish import LANDING_PAGE, ReleaseExists, ReleaseInvalid, publish_release


@asset(group_name="release", kinds={"csv", "parquet"}, owners=OWNERS, deps=list(UPSTREAM))
def release(settings: ReleaseSettings, duckdb: DuckDBResource) -> MaterializeResult:
    """`<releases>/<version>/`: CSV, Parquet, descriptor, data dictionary, changelog against
    the previous release, quality report, landing page and SHA256SUMS, validated with
    frictionless before it becomes visible; `latest` and `index.json` move only after."""
    version = settings.release_version()
    with duckdb.get_connection() as con:
        counts = ledger(con)
        try:
            result = publish_release(
                con,
                releases_dir=Path(settings.releases_dir),
                version=version,
                created=created_at(con, build_time()),
                sources=descriptor_sources(con),
            )
        except ReleaseInvalid as invalid:
            raise Failure(
                description=f"release {version} is invalid; nothing was published\n"
                + invalid.report.summary(),
                metadata={
                    "outcome": "invalid",
                    "report": MetadataValue.json(json.loads(invalid.report.to_json())),
                },
            ) from invalid
        except ReleaseExists as exists:
            raise Failure(
                description=str(exists), metadata={"outcome": "exists", "version": version}
            ) from exists
    return MaterializeResult(
        metadata={
            "version": result.version,
            "path": MetadataValue.path(str(result.path)),
            "landing_page": MetadataValue.path(str(result.path / LANDING_PAGE)),
            "unchanged": result.unchanged,
            "row_counts": MetadataValue.json(result.row_counts),
            "ledger": MetadataValue.json(counts.as_dict()),
            "summary": counts.summary(),
            "changes": change_line(result.change),
            "change_summary": MetadataValue.json(result.change),
        }
    )
