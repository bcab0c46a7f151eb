"""Core assets: one per published table (asset name = table name = file name), each built
from the contract and one SQL file, each with a blocking integrity check.
"""

from __future__ import annotations

from dagster import (
    AssetCheckResult,
    AssetChecksDefinition,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from assets.raw import OWNERS
from assets.resources import RunDuckDB
from pipeline import contract
from pipeline.core.accounting import FileLedger, file_ledgers, ledger
from pipeline.core.checks import assign_foreign_keys, check_table
from pipeline.core.preview import preview
from pipeline.core.tables import CORE_ORDER, build_core_table

GROUP = "core"

# What each table's SQL reads besides the raw tables (asset keys).
UPSTREAM: dict[str, list[str]] = {
    "commitments": ["choices", "source_values"],
    "members": ["commitments"],
    "action_plans": ["commitments", "candidates"],
    "commitment_institutions": ["choices", "commitments"],
    "institutions": ["commitment_institutions", "commitments", "vocabularies"],
    "commitment_policy_areas": ["choices", "commitments"],
    "policy_areas": ["commitment_policy_areas", "vocabularies"],
    "irm_assessments": ["choices", "commitments"],
    "milestones": ["choices", "commitments"],
    "notes": ["choices", "commitments"],
    "conflicts": ["candidates", "choices", "commitments"],
    "rejects": ["record_ledger", "candidates", "choices"],
    "sources": ["record_ledger"],
}


def _description(table: str) -> str:
    resource = next(r for r in contract.load_contract()["resources"] if r["name"] == table)
    return f"{resource['title']}: {resource['description']}"


def table_asset(table: str) -> AssetsDefinition:
    """The asset that builds `core.<table>`."""

    @asset(
        name=table,
        group_name=GROUP,
        kinds={"duckdb", "table"},
        owners=OWNERS,
        deps=UPSTREAM[table],
        description=_description(table),
    )
    def _build(duckdb: RunDuckDB) -> MaterializeResult:
        with duckdb.get_connection() as con:
            rows = build_core_table(con, table)
            shown = preview(con, table)
        return MaterializeResult(metadata={"row_count": rows, "preview": MetadataValue.md(shown)})

    return _build


FOREIGN_KEY_OWNERS = assign_foreign_keys(list(CORE_ORDER))


def table_check(table: str) -> AssetChecksDefinition:
    """Blocking check of `core.<table>`: primary key, foreign keys, not empty when it must not be.

    Each foreign key is verified by the check of the later-built of its two tables
    (pipeline.core.checks.assign_foreign_keys), so every key is checked before the release.
    """
    foreign_keys = FOREIGN_KEY_OWNERS[table]
    others = sorted(
        {name for pair in foreign_keys for name in (pair[0], pair[1]["reference"]["resource"])}
        - {table}
    )

    @asset_check(
        asset=table,
        name=f"{table}_integrity",
        blocking=True,
        additional_deps=others,
        description="Primary key present and unique, foreign keys resolve, rows where required.",
    )
    def _check(duckdb: RunDuckDB) -> AssetCheckResult:
        with duckdb.get_connection() as con:
            found = check_table(con, table, foreign_keys)
        return AssetCheckResult(
            passed=found.passed,
            description=found.summary(),
            metadata={
                "rows": found.rows,
                "null_keys": found.null_keys,
                "duplicate_keys": found.duplicate_keys,
                "dangling_foreign_keys": MetadataValue.json(found.dangling),
                "examples": MetadataValue.json(found.examples),
            },
        )

    return _check


@asset_check(
    asset="rejects",
    name="records_accounted_for",
    blocking=True,
    additional_deps=["commitments", "conflicts"],
    description="Every raw record ends in a published commitment or an error reject.",
)
def records_accounted_for(duckdb: RunDuckDB) -> AssetCheckResult:
    with duckdb.get_connection() as con:
        counts = ledger(con)
        files = file_ledgers(con)
    unbalanced = [f for f in files if not f.balanced]
    description = counts.summary()
    if unbalanced:
        description += f"; the identity fails for {len(unbalanced)} file(s): " + ", ".join(
            f.path for f in unbalanced[:5]
        )
    return AssetCheckResult(
        passed=counts.balanced and not unbalanced,
        description=description,
        metadata={
            **counts.as_dict(),
            "files_balanced": len(files) - len(unbalanced),
            "files_unbalanced": len(unbalanced),
            "per_file": MetadataValue.md(_per_file_table(unbalanced or files)),
        },
    )


def _per_file_table(files: list[FileLedger], limit: int = 50) -> str:
    """Markdown: records in, published and rejected per file (the first `limit` files)."""
    lines = ["| file | in | published | rejected | holds |", "|---|---|---|---|---|"]
    lines += [
        f"| `{f.path}` | {f.records_in} | {f.records_published} | {f.records_rejected} | "
        f"{'yes' if f.balanced else '**no**'} |"
        for f in files[:limit]
    ]
    if len(files) > limit:
        lines.append(f"\n… and {len(files) - limit} more files (all in quality.json)")
    return "\n".join(lines)


CORE_ASSETS = [table_asset(table) for table in UPSTREAM]
CORE_CHECKS = [table_check(table) for table in UPSTREAM] + [records_accounted_for]
