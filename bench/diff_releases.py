"""Benchmark: comparing two releases (changes.csv + CHANGELOG.md) at scale.

Builds two release folders from the tiny core fixture grown to N commitments and N
milestones (descriptions with quotes and line breaks), the second with 1% of titles
edited, 1% of statuses emptied, the milestones of 1% of commitments removed and N/100
commitments added; then times `compare_releases` with and without writing changes.csv
and reports the peak resident memory of this process.

    PYTHONPATH=. .venv/bin/python bench/diff_releases.py [N]        # default 1_000_000
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from pipeline.release.build import build_release
from pipeline.release.changes import compare_releases, render_changelog
from tests.fixtures.tiny_core import build_tiny_core

URL = "https://www.opengovpartnership.org/members/united-kingdom/commitments/"


def grow(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """N commitments and N milestones of the tiny core's member."""
    con.execute(
        "INSERT INTO core.commitments (commitment_id, member_id, title, description, status,"
        " url, source_count) SELECT 'AB' || lpad(i::VARCHAR, 7, '0'), 'united-kingdom',"
        " 'Title ' || i, 'Description, \"quoted\" ' || i || chr(10) || 'line 2',"
        " CASE WHEN i % 2 = 0 THEN 'active' ELSE 'inactive' END,"
        f" '{URL}AB' || i || '/', 1 FROM range({n}) t(i)"
    )
    con.execute(
        "INSERT INTO core.milestones SELECT 'AB' || lpad((i // 3)::VARCHAR, 7, '0'),"
        f" i % 3 + 1, 'Milestone ' || i FROM range({n}) t(i)"
    )


def edit(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """About 1% of records changed, removed and added."""
    con.execute(
        "UPDATE core.commitments SET title = title || ' (rev)' WHERE hash(commitment_id) % 100 = 0"
    )
    con.execute("UPDATE core.commitments SET status = NULL WHERE hash(commitment_id) % 100 = 1")
    con.execute("DELETE FROM core.milestones WHERE hash(commitment_id) % 100 = 2")
    con.execute(
        "INSERT INTO core.commitments (commitment_id, member_id, title, url, source_count)"
        " SELECT 'CD' || lpad(i::VARCHAR, 7, '0'), 'united-kingdom', 'New ' || i,"
        f" '{URL}CD' || i || '/', 1 FROM range({n // 100}) t(i)"
    )


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        con = duckdb.connect()
        build_tiny_core(con)
        grow(con, n)
        build_release(con, root / "v1", version="v1", created=None, sources=[])
        edit(con, n)
        build_release(con, root / "v2", version="v2", created=None, sources=[])
        started = time.perf_counter()
        changes = compare_releases(root / "v1", root / "v2", root / "changes.csv")
        render_changelog(changes)
        with_csv = time.perf_counter() - started
        started = time.perf_counter()
        compare_releases(root / "v1", root / "v2")
        without_csv = time.perf_counter() - started
        with (root / "changes.csv").open("rb") as handle:
            lines = sum(1 for _ in handle)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"commitments: {n:,}; changes.csv lines: {lines:,}")
    print(f"compare + changes.csv + CHANGELOG: {with_csv:.2f} s; compare only: {without_csv:.2f} s")
    print(f"peak RSS of the whole run (building both releases included): {peak:.0f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
