"""Nothing lost: the count identity between raw records and what the release holds.

A raw record is a commitment read from a page, an entry of a member list or a row of an
export, or one a reader had to drop (an `error` reject at a place other than `file`).
Every one must end either in a published commitment or in an `error` reject; the two
sides are counted independently, so a record that silently vanished breaks the identity.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
read AS (SELECT count(*) AS n FROM stage.records),
published AS (
    SELECT count(*) AS n FROM stage.records
    WHERE commitment_id IN (SELECT commitment_id FROM core.commitments)
),
dropped_later AS (
    SELECT count(*) AS n FROM core.rejects AS j
    WHERE j.severity = 'error'
      AND EXISTS (SELECT 1 FROM stage.records AS r
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
