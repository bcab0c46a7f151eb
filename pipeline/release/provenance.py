"""What a release says about where it came from: its sources list and creation time.

Reproducible by construction: `created` comes from SOURCE_DATE_EPOCH or, failing that,
the newest `retrieved_at` of the inputs, never from the wall clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from pipeline.db import scalar

_SOURCES_SQL = """
SELECT c.source_id, c.kind, c.path, c.url, c.sha256, c.bytes,
       strftime(c.retrieved_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS retrieved_at,
       c.publisher, c.license, s.title
FROM core.sources AS c JOIN raw.source_files AS s USING (source_id)
ORDER BY c.path, c.source_id
"""


def descriptor_sources(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The Data Package `sources` list: one entry per raw file, with checksum and provenance."""
    relation = con.sql(_SOURCES_SQL)
    entries = []
    for row in relation.fetchall():
        record = dict(zip(relation.columns, row, strict=True))
        entry: dict[str, Any] = {"title": record["title"] or record["path"]}
        if record["url"]:
            entry["path"] = record["url"]
        for key in (
            "source_id",
            "kind",
            "path",
            "sha256",
            "bytes",
            "retrieved_at",
            "publisher",
            "license",
        ):
            if record[key] is not None:
                entry["file" if key == "path" else key] = record[key]
        entries.append(entry)
    return entries


def created_at(con: duckdb.DuckDBPyConnection, build_time: datetime | None) -> str | None:
    """Creation time of the release: SOURCE_DATE_EPOCH, else the newest input's retrieval time."""
    if build_time is not None:
        return build_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    return scalar(con, "SELECT max(retrieved_at) FROM raw.source_files")
