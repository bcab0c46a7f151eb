"""Nothing lost: the count identity between raw records and what the release holds.

A raw record is a commitment read from a page, an entry of a member list or a row of an
export, or one a reader had to drop (an `error` reject at a place other than `file`).
Every one must end either in a published commitment or in an `error` reject; the two
sides are counted independently, so a record that silently vanished breaks the identity.
The identity is checked for the whole run and for every source file on its own, so a
record lost in one file cannot hide behind a surplus counted in another.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from pipeline.db import first_row


@dataclass(frozen=True)
class Ledger:
    files: int
    unreadable_files: int
    records_in: int
    records_published: int
    records_rejected: int
    rejects: int
    warnings: int
    conflicts: int

    @property
    def balanced(self) -> bool:
        return self.records_in == self.records_published + self.records_rejected

    def as_dict(self) -> dict[str, int | bool]:
        return {**asdict(self), "balanced": self.balanced}

    def summary(self) -> str:
        """The run summary line an operator reads."""
        verdict = "holds" if self.balanced else "DOES NOT HOLD"
        return (
            f"{self.files} files ({self.unreadable_files} unreadable); raw records in: "
            f"{self.records_in} = {self.records_published} published + "
            f"{self.records_rejected} rejected ({verdict}); rejects: {self.rejects} "
            f"({self.warnings} warnings); conflicts: {self.conflicts}"
        )


_LEDGER_SQL = """
WITH dropped_by_readers AS (
    SELECT count(*) AS n FROM stage.reader_rejects WHERE severity = 'error' AND location <> 'file'
),
read AS (SELECT count(*) AS n FROM stage.record_ledger),
published AS (
    SELECT count(*) AS n FROM stage.record_ledger
    WHERE commitment_id IN (SELECT commitment_id FROM core.commitments)
),
dropped_later AS (
    SELECT count(*) AS n FROM core.rejects AS j
    WHERE j.severity = 'error'
      AND EXISTS (SELECT 1 FROM stage.record_ledger AS r
                  WHERE r.source_id = j.source_id AND r.location = j.location)
)
SELECT
    (SELECT count(*) FROM raw.source_files),
    (SELECT count(*) FROM raw.source_files WHERE kind = 'unrecognised')
        + (SELECT count(DISTINCT source_id) FROM stage.reader_rejects
           WHERE severity = 'error' AND location = 'file'
             AND source_id IN (SELECT source_id FROM raw.source_files
                               WHERE kind <> 'unrecognised')),
    (SELECT n FROM read) + (SELECT n FROM dropped_by_readers),
    (SELECT n FROM published),
    (SELECT n FROM dropped_by_readers) + (SELECT n FROM dropped_later),
    (SELECT count(*) FROM core.rejects),
    (SELECT count(*) FROM core.rejects WHERE severity = 'warning'),
    (SELECT count(*) FROM core.conflicts)
"""


def ledger(con: duckdb.DuckDBPyConnection) -> Ledger:
    """Count raw records in, published and rejected, from the built tables."""
    return Ledger(*first_row(con, _LEDGER_SQL))


@dataclass(frozen=True)
class FileLedger:
    """The identity for one source file (its path as found in the sources folder)."""

    path: str
    records_in: int
    records_published: int
    records_rejected: int

    @property
    def balanced(self) -> bool:
        return self.records_in == self.records_published + self.records_rejected

    def as_dict(self) -> dict[str, str | int | bool]:
        return {**asdict(self), "balanced": self.balanced}


_PER_FILE_SQL = """
WITH read AS (SELECT source_id, count(*) AS n FROM stage.record_ledger GROUP BY source_id),
dropped_by_readers AS (
    SELECT source_id, count(*) AS n FROM stage.reader_rejects
    WHERE severity = 'error' AND location <> 'file' GROUP BY source_id
),
published AS (
    SELECT source_id, count(*) AS n FROM stage.record_ledger
    WHERE commitment_id IN (SELECT commitment_id FROM core.commitments) GROUP BY source_id
),
dropped_later AS (
    SELECT j.source_id, count(*) AS n FROM core.rejects AS j
    WHERE j.severity = 'error'
      AND EXISTS (SELECT 1 FROM stage.record_ledger AS r
                  WHERE r.source_id = j.source_id AND r.location = j.location)
    GROUP BY j.source_id
)
SELECT f.path,
       coalesce(r.n, 0) + coalesce(d.n, 0),
       coalesce(p.n, 0),
       coalesce(d.n, 0) + coalesce(l.n, 0)
FROM raw.source_files AS f
LEFT JOIN read AS r USING (source_id)
LEFT JOIN dropped_by_readers AS d USING (source_id)
LEFT JOIN published AS p USING (source_id)
LEFT JOIN dropped_later AS l USING (source_id)
ORDER BY f.path, f.source_id
"""


def file_ledgers(con: duckdb.DuckDBPyConnection) -> list[FileLedger]:
    """The identity per source file, in path order (counted as `ledger` counts)."""
    return [FileLedger(*row) for row in con.execute(_PER_FILE_SQL).fetchall()]


def ledger_report(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """The whole run's identity and each file's, as quality.json holds them; None when
    the database holds no raw records (a release built from core tables alone)."""
    if not first_row(
        con,
        "SELECT 1 FROM duckdb_tables() "
        "WHERE schema_name = 'stage' AND table_name = 'record_ledger'",
    ):
        return None
    files = file_ledgers(con)
    return {
        **ledger(con).as_dict(),
        "files_balanced": sum(f.balanced for f in files),
        "files_unbalanced": [f.path for f in files if not f.balanced],
        "by_file": [f.as_dict() for f in files],
    }
