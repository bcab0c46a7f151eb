"""The core tables' blocking integrity checks (pipeline/core/checks.py) on the tiny core
database: a consistent database passes, and each kind of fault is found and named."""

from __future__ import annotations

import duckdb
import pytest

from pipeline import contract
from pipeline.core.checks import MAY_BE_EMPTY, assign_foreign_keys, check_table
from pipeline.core.tables import CORE_ORDER


def test_the_tiny_core_passes_every_check(tiny_core_db: duckdb.DuckDBPyConnection) -> None:
    results = [check_table(tiny_core_db, table) for table in contract.table_names()]
    assert [r.summary() for r in results if not r.passed] == []
    assert all(r.summary().endswith(", ok") for r in results)


def test_a_duplicated_primary_key_is_found_and_shown(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    tiny_core_db.execute("INSERT INTO core.members SELECT * FROM core.members LIMIT 1")
    member_id = tiny_core_db.execute("SELECT member_id FROM core.members LIMIT 1").fetchone()[0]
    result = check_table(tiny_core_db, "members", foreign_keys=[])
    assert not result.passed
    assert result.duplicate_keys == 1
    assert result.examples == [f"duplicate key ({member_id!r},) (2 rows)"]
    assert "1 duplicated primary keys" in result.summary()


def test_an_empty_primary_key_is_found(tiny_core_db: duckdb.DuckDBPyConnection) -> None:
    tiny_core_db.execute("UPDATE core.commitments SET commitment_id = NULL WHERE rowid = 0")
    result = check_table(tiny_core_db, "commitments", foreign_keys=[])
    assert (result.passed, result.null_keys) == (False, 1)
    assert "1 rows with an empty primary key" in result.summary()


def test_a_foreign_key_that_resolves_nowhere_is_found_with_its_value(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    tiny_core_db.execute("UPDATE core.commitments SET member_id = 'atlantis' WHERE rowid = 0")
    result = check_table(tiny_core_db, "commitments")
    label = "commitments.member_id → members"
    assert not result.passed
    assert result.dangling[label] == 1
    assert f"{label}: ('atlantis',) not found" in result.examples


def test_a_table_every_input_fills_may_not_be_empty(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    required = sorted(set(contract.table_names()) - MAY_BE_EMPTY)
    assert "commitments" in required and "members" in required
    for table in ("members", "notes"):
        tiny_core_db.execute(f"DELETE FROM core.{table}")
    members = check_table(tiny_core_db, "members", foreign_keys=[])
    notes = check_table(tiny_core_db, "notes", foreign_keys=[])
    assert (members.passed, members.summary()) == (False, "members: 0 rows, no rows")
    assert notes.passed


@pytest.mark.parametrize("order", [CORE_ORDER, tuple(reversed(CORE_ORDER))])
def test_each_foreign_key_is_checked_once_by_the_later_built_table(
    order: tuple[str, ...],
) -> None:
    owners = assign_foreign_keys(list(order))
    position = {table: i for i, table in enumerate(order)}
    assigned = [
        (owner, table, fk["reference"]["resource"])
        for owner, keys in owners.items()
        for table, fk in keys
    ]
    every_key = [(t, fk["reference"]["resource"]) for t in order for fk in contract.foreign_keys(t)]
    assert sorted((t, r) for _, t, r in assigned) == sorted(every_key)
    for owner, table, target in assigned:
        assert owner == max(table, target, key=position.__getitem__)
