"""Building the published tables in schema `core`: each created from the contract
(`contract.duckdb_ddl`) and filled by its own `pipeline/core/sql/<table>.sql` with
`INSERT ... BY NAME`, so a table's shape is never written twice.
"""

from __future__ import annotations

import duckdb

from pipeline import contract
from pipeline.db import scalar
from pipeline.sql_steps import create_macros, execute_by_key_range, sql_text

# Build order of the published tables: a table comes after the tables its SQL reads.
CORE_ORDER = (
    "commitments",
    "members",
    "action_plans",
    "commitment_institutions",
    "institutions",
    "commitment_policy_areas",
    "policy_areas",
    "irm_assessments",
    "milestones",
    "notes",
    "conflicts",
    "rejects",
    "sources",
)


def chosen_ranges(con: duckdb.DuckDBPyConnection) -> int:
    """How many ranges `choices` was written in (stage.key_ranges): the steps reading it
    follow the same ranges, even if the candidates changed since."""
    return scalar(con, "SELECT ranges FROM stage.key_ranges")


def build_core_table(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Create `core.<table>` from the contract and fill it with its SQL; returns its row count."""
    create_macros(con)
    con.execute(contract.duckdb_ddl(table, schema="core"))
    execute_by_key_range(con, sql_text("pipeline.core", table), chosen_ranges)
    return scalar(con, f"SELECT count(*) FROM core.{contract.quote_ident(table)}")
