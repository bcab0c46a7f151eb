"""compare_releases: two release folders in, Changes (and optionally changes.csv) out.

Reads both descriptors, pairs their tables, compares each pair in one DuckDB session
and reads the examples and changes.csv out of the collected change rows. Not here: the
per-table SQL (table_changes.py), schema differences (schema_diff.py), any rendering.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline.db import connect
from pipeline.release.changes.change_rows import create_rows_table, examples, write_changes_csv
from pipeline.release.changes.model import Changes, SchemaChange
from pipeline.release.changes.release import Release, ReleaseTable, read_release
from pipeline.release.changes.schema_diff import schema_changes
from pipeline.release.changes.table_changes import compare_table, first_release_table


def compare_releases(old: Path | None, new: Path, changes_csv: Path | None = None) -> Changes:
    """Compare release `old` (None: `new` is the first release) with release `new`.

    When `changes_csv` is given, every record-level change is written there (header
    only for a first release). Raises NotARelease for a folder that is not a release.
    """
    new_release = read_release(new)
    old_release = read_release(old) if old is not None else None
    pairs = _table_pairs(old_release, new_release)
    width = max([1] + [len(t.record_key) for _, o, n in pairs for t in (o, n) if t])
    with tempfile.TemporaryDirectory(prefix="changes-") as spill, connect(spill=spill) as con:
        create_rows_table(con, width)
        if old_release is None:
            tables = tuple(first_release_table(con, n) for _, _, n in pairs if n)
            schema: tuple[SchemaChange, ...] = ()
        else:
            tables = tuple(
                compare_table(con, pos, o, n, width) for pos, (_, o, n) in enumerate(pairs)
            )
            schema = schema_changes(old_release, new_release)
        found = examples(con, width)
        if changes_csv is not None:
            write_changes_csv(con, Path(changes_csv), width)
    return Changes(
        old_release.version if old_release else None,
        new_release.version,
        tables,
        schema,
        found,
    )


def _table_pairs(
    old: Release | None, new: Release
) -> list[tuple[str, ReleaseTable | None, ReleaseTable | None]]:
    """(name, old table, new table): the new release's order, then tables it removed."""
    old_tables = old.tables if old else {}
    pairs = [(name, old_tables.get(name), table) for name, table in new.tables.items()]
    pairs += [(name, table, None) for name, table in old_tables.items() if name not in new.tables]
    return pairs
