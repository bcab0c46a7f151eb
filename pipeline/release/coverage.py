"""Column coverage: how much of its format each export or Explorer file's header holds.

OGP renames and drops columns of its export from one version to the next; a file that
holds 5 of the 171 columns still reads, with most fields empty. The readers warn about
it (a reject per file); the release's quality report says it per file, from
`raw.export_header` (the readers' account of every header column, and of every column
of the format a header lacks), so a reader of the release can tell how complete each
file was without the sources at hand.

Not here: reading headers (readers/export.py), writing quality.json (quality.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import duckdb

from pipeline.db import first_row
from pipeline.raw.readers.export import format_columns
from pipeline.release.quality import DECIMALS

_ROWS = """
SELECT f.path, f.source_id, f.kind, h.status, h.name
FROM raw.export_header AS h JOIN raw.source_files AS f USING (source_id)
ORDER BY f.path, f.source_id, h.position NULLS LAST, h.name
"""


def column_coverage(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]] | None:
    """Per export or Explorer file with a header, in path order: its format, how many of
    the format's columns it has (`found` of `expected`, and the share), and the names of
    those `missing`, of columns not `unknown` to the format and of columns `ignored` (a
    second column of a field already read). None when the database holds no raw tables
    (a release built from core tables alone)."""
    if not first_row(
        con,
        "SELECT 1 FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'export_header'",
    ):
        return None
    files: dict[str, tuple[str, str, dict[str, list[str]]]] = {}
    for path, source_id, kind, status, name in con.execute(_ROWS).fetchall():
        names = files.setdefault(source_id, (path, kind, defaultdict(list)))[2]
        names[status].append(name)
    report = []
    for path, kind, names in files.values():
        expected = len(format_columns(kind))
        found = expected - len(names["missing"])
        report.append(
            {
                "path": path,
                "format": kind,
                "expected": expected,
                "found": found,
                "coverage": round(found / expected, DECIMALS),
                **{status: names[status] for status in ("missing", "unknown", "ignored")},
            }
        )
    return report
