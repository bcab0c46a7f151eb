"""The release: staged, validated by a blocking check, then published.

Three graph nodes, so the UI shows why a release was stopped: `release_candidate` writes
every release file into a hidden staging folder beside the releases; the blocking check
`release_candidate_valid` validates it (its metadata is the validation report, grouped
per rule with located examples) and removes it when invalid; `release` renames it into
place and moves `latest` and `index.json`. The staging folder is named after the run, so
the later nodes find it, and is never visible as a release. The run holds the releases
folder (ReleasesLock) from staging to installing: a second run publishing there waits.
"""

import json
from dataclasses import asdict
from pathlib import Path

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from assets.core import UPSTREAM
from assets.raw import OWNERS
from assets.resources import ReleaseSettings, ReleasesLock, RunDuckDB, build_time
from pipeline.core.accounting import ledger
from pipeline.release.changes import change_line
from pipeline.release.install import (
    ReleaseExists,
    StagedRelease,
    discard_staged,
    install_release,
    stage_release,
    staging_prefix,
)
from pipeline.release.layout import LANDING_PAGE, QUALITY
from pipeline.release.provenance import created_at, descriptor_sources
from pipeline.validate import ValidationReport, Violation, validate_release

GROUP = "release"
EXAMPLES = 10


VERSION_TAG = "release/version"


def _staging_name(version: str, run_id: str) -> str:
    """The run's staging folder: its steps run in one process (in_process_executor), whose
    id the name carries (pipeline.release.install.staging_prefix) so a later run can clean
    it up if this one is killed."""
    return f"{staging_prefix(version)}{run_id}"


def _staged(settings: ReleaseSettings, run_id: str) -> StagedRelease:
    """The staged release of this run, as release_candidate left it."""
    version = settings.release_version()
    path = Path(settings.releases_dir) / _staging_name(version, run_id)
    if not (path / QUALITY).is_file():
        raise Failure(
            description=f"this run's staged release {path} is not there: it is staged and "
            "installed by one process, and a re-execution is another one; re-execute "
            "from release_candidate"
        )
    quality = json.loads((path / QUALITY).read_text(encoding="utf-8"))
    rows = {table: int(facts["rows"]) for table, facts in quality["tables"].items()}
    return StagedRelease(version, path, rows, quality["change"])


@asset(group_name=GROUP, kinds={"csv", "parquet"}, owners=OWNERS, deps=list(UPSTREAM))
def release_candidate(
    context: AssetExecutionContext,
    settings: ReleaseSettings,
    duckdb: RunDuckDB,
    publication: ReleasesLock,
) -> MaterializeResult:
    """Every release file (CSV, Parquet, descriptor, data dictionary, changelog, quality
    report, landing page, SHA256SUMS) written into a hidden staging folder."""
    version = settings.release_version()
    # Every run says which version it builds, however it was started (CLI, UI, schedule,
    # sensor): the runs list can then be filtered by version.
    context.instance.add_run_tags(context.run_id, {VERSION_TAG: version})
    publication.hold(Path(settings.releases_dir))
    with duckdb.get_connection() as con:
        staged = stage_release(
            con,
            releases_dir=Path(settings.releases_dir),
            version=version,
            created=created_at(con, build_time()),
            sources=descriptor_sources(con),
            folder_name=_staging_name(version, context.run_id),
        )
    return MaterializeResult(
        metadata={
            "version": version,
            "staging": MetadataValue.path(str(staged.path)),
            "row_counts": MetadataValue.json(staged.row_counts),
            "changes": change_line(staged.change),
        }
    )


def _example(violation: Violation) -> str:
    """One located line: table, row, key, field, rule, value."""
    key = ", ".join(f"{k}={v!r}" for k, v in violation.key.items())
    where = f"{violation.table or '(release)'}" + (f" [{key}]" if key else "")
    if violation.row_number is not None:
        where += f" row {violation.row_number}"
    if violation.field:
        where += f" field {violation.field}"
    value = f" value {violation.value!r}" if violation.value is not None else ""
    return f"{where}: {violation.rule}{value}: {violation.message}"


def _report_metadata(report: ValidationReport) -> dict[str, object]:
    counts = {f"{table or '(release)'}: {rule}": n for (table, rule), n in report.counts().items()}
    return {
        "violations": len(report.errors),
        "per_table_and_rule": MetadataValue.json(counts),
        "examples": [_example(v) for v in report.errors[:EXAMPLES]],
        "summary": MetadataValue.md(f"```\n{report.summary()}```"),
        "report": MetadataValue.json(
            {"valid": report.valid, "errors": [asdict(v) for v in report.errors[:1000]]}
        ),
    }


@asset_check(asset=release_candidate, blocking=True)
def release_candidate_valid(
    context: AssetCheckExecutionContext, settings: ReleaseSettings
) -> AssetCheckResult:
    """The staged release against its own descriptor (types, constraints, keys, checksums,
    Parquet = CSV): nothing is published unless it passes; an invalid one is removed."""
    staged = _staged(settings, context.run.run_id)
    report = validate_release(staged.path)
    if not report.valid:
        discard_staged(staged.path)
    return AssetCheckResult(
        passed=report.valid,
        severity=AssetCheckSeverity.ERROR,
        description=(
            f"release {staged.version} is valid"
            if report.valid
            else f"release {staged.version} is invalid; nothing was published: "
            f"{len(report.errors)} violation(s)"
        ),
        metadata=_report_metadata(report),
    )


@asset(group_name=GROUP, kinds={"csv", "parquet"}, owners=OWNERS, deps=[release_candidate])
def release(
    context: AssetExecutionContext,
    settings: ReleaseSettings,
    duckdb: RunDuckDB,
    publication: ReleasesLock,
) -> MaterializeResult:
    """`<releases>/<version>/`: the validated candidate renamed into place (published
    releases are never modified); `latest`, `LATEST` and `index.json` move only after."""
    publication.hold(Path(settings.releases_dir))
    try:
        staged = _staged(settings, context.run_id)
        with duckdb.get_connection() as con:
            counts = ledger(con)
        result = install_release(staged, Path(settings.releases_dir))
    except ReleaseExists as exists:
        raise Failure(
            description=str(exists), metadata={"outcome": "exists", "version": staged.version}
        ) from exists
    finally:
        publication.let_go()
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
