"""Fetching asset: the site crawled into the snapshots folder, upstream of `source_files`.

A thin wrapper over pipeline.fetch.crawl. It runs in `fetch_release_job` (fetch, then
release), which the schedule runs when fetching is configured (OGP_FETCH_SITE); the plain
`release_job` (the CLI's `release`, `make run`, the sensor) never touches the network.

Not partitioned by member: the members are found by the crawl itself (the directory
lists them), so a partition set would be stale before each run, and a crawl is one
polite queue per host, not independent pieces. To re-fetch some members from the UI,
launch the asset with `members` in its run config.
"""

from dagster import Config, Failure, MaterializeResult, MetadataValue, asset
from pydantic import Field

from assets.resources import Fetching
from pipeline.fetch.crawl import crawl

GROUP = "fetch"
OWNERS = ["team:ogp-commitments"]


class FetchConfig(Config):
    """What one run fetches, beyond the resource's settings."""

    members: list[str] = Field(
        default=[], description="Only these members (address slugs); empty: every member."
    )


@asset(group_name=GROUP, kinds={"python"}, owners=OWNERS)
def snapshots(config: FetchConfig, fetching: Fetching) -> MaterializeResult:
    """The site's directory, member and commitment pages and bulk files, fetched into the
    snapshots folder: only what changed is stored again (conditional requests)."""
    settings = fetching.fetch_settings(members=tuple(config.members))
    report = crawl(settings)
    metadata = {
        "site": settings.site,
        "snapshots": str(settings.snapshots),
        "addresses_seen": report.seen,
        "fetched": report.fetched,
        "new": report.new,
        "unchanged": report.unchanged,
        "not_modified": report.not_modified,
        "failed": sum(report.failed.values()),
        "failed_by_reason": MetadataValue.json(dict(sorted(report.failed.items()))),
        "skipped_by_robots": report.skipped_robots,
        "offsite_links_ignored": report.offsite_ignored,
        "bytes_written": report.bytes_written,
        "requests": report.requests,
    }
    if not report.ok(settings.max_failures):
        raise Failure(description=report.summary(), metadata=metadata)
    return MaterializeResult(metadata=metadata)
