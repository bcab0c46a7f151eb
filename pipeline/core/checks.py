"""Integrity checks of the built tables, in DuckDB, derived from the contract.

Each published table must hold its primary key (no NULL, no duplicate) and every foreign
key must resolve; the tables that any real input fills must not be empty. These run as
blocking Dagster asset checks before anything is published; the full Frictionless
validation of the written files comes after, in pipeline/validate/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from pipeline import contract
from pipeline.db import scalar

# Tables an honest input may leave empty (no conflicts, no rejects, an export without
# pages has no milestones); every other table must have rows.
MAY_BE_EMPTY = frozenset(
    {
        "action_plans",
        "commitment_institutions",
        "commitment_policy_areas",
        "conflicts",
        "institutions",
        "irm_assessments",
        "milestones",
        "notes",
        "rejects",
    }
)


@dataclass
class TableCheck:
    """What the integrity check found in one table."""

    table: str
    rows: int
    null_keys: int
    duplicate_keys: int
    dangling: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    @property
    def empty_but_required(self) -> bool:
        return self.rows == 0 and self.table not in MAY_BE_EMPTY

    @property
    def passed(self) -> bool:
        return not (
            self.empty_but_required
            or self.null_keys
            or self.duplicate_keys
            or any(self.dangling.values())
        )

    def summary(self) -> str:
        """One line saying what is wrong (or that nothing is)."""
        problems = []
        if self.empty_but_required:
            problems.append("no rows")
        if self.null_keys:
            problems.append(f"{self.null_keys} rows with an empty primary key")
        if self.duplicate_keys:
            problems.append(f"{self.duplicate_keys} duplicated primary keys")
        problems += [
            f"{n} rows whose {fk} does not resolve" for fk, n in self.dangling.items() if n
        ]
        verdict = "; ".join(problems) if problems else "ok"
        return f"{self.table}: {self.rows} rows, {verdict}"


def _columns(names: list[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + contract.quote_ident(name) for name in names)


ForeignKey = tuple[str, dict]  # (referencing table, foreign key as contract.foreign_keys gives it)


def assign_foreign_keys(build_order: list[str]) -> dict[str, list[ForeignKey]]:
    """Which table's check verifies each foreign key: the later-built of its two tables.

    A check can only run once both tables exist, and a blocking check may not wait for
    a table built after its own (that would be a cycle), so each key is verified by
    whichever of the two tables is built last.
    """
    position = {table: index for index, table in enumerate(build_order)}
    owners: dict[str, list[ForeignKey]] = {table: [] for table in build_order}
    for table in build_order:
        for fk in contract.foreign_keys(table):
            target = fk["reference"]["resource"]
            owner = max(table, target, key=position.__getitem__)
            owners[owner].append((table, fk))
    return owners


def check_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    foreign_keys: list[ForeignKey] | None = None,
    db_schema: str = "core",
) -> TableCheck:
    """Primary key and emptiness of `<db_schema>.<table>`, and the given foreign keys
    (by default the table's own)."""
    target = f"{contract.quote_ident(db_schema)}.{contract.quote_ident(table)}"
    key = contract.primary_key(table)
    rows = scalar(con, f"SELECT count(*) FROM {target}")
    any_null = " OR ".join(f"{contract.quote_ident(k)} IS NULL" for k in key)
    null_keys = scalar(con, f"SELECT count(*) FROM {target} WHERE {any_null}")
    duplicates = con.execute(
        f"SELECT {_columns(key)}, count(*) FROM {target} GROUP BY ALL HAVING count(*) > 1 "
        f"ORDER BY ALL LIMIT 1000"
    ).fetchall()
    result = TableCheck(table, rows, null_keys, len(duplicates))
    result.examples += [f"duplicate key {row[:-1]!r} ({row[-1]} rows)" for row in duplicates[:5]]
    if foreign_keys is None:
        foreign_keys = [(table, fk) for fk in contract.foreign_keys(table)]
    for referencing, fk in foreign_keys:
        source = f"{contract.quote_ident(db_schema)}.{contract.quote_ident(referencing)}"
        local, reference = fk["fields"], fk["reference"]
        other = f"{contract.quote_ident(db_schema)}.{contract.quote_ident(reference['resource'])}"
        joined = " AND ".join(
            f"r.{contract.quote_ident(b)} = t.{contract.quote_ident(a)}"
            for a, b in zip(local, reference["fields"], strict=True)
        )
        present = " AND ".join(f"t.{contract.quote_ident(a)} IS NOT NULL" for a in local)
        dangling = con.execute(
            f"SELECT DISTINCT {_columns(local, 't')} FROM {source} AS t WHERE {present} "
            f"AND NOT EXISTS (SELECT 1 FROM {other} AS r WHERE {joined}) ORDER BY ALL"
        ).fetchall()
        label = f"{referencing}.{','.join(local)} → {reference['resource']}"
        result.dangling[label] = len(dangling)
        result.examples += [f"{label}: {row!r} not found" for row in dangling[:5]]
    return result
