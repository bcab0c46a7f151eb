"""Short forms of Changes: the JSON summary and the one-line run report.

The JSON summary feeds quality.json, index.json and the landing page, which must not
depend on the dataclasses. Not here: the changelog (changelog.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.release.changes.model import Changes, TableChanges


def changes_summary(changes: Changes) -> dict[str, Any]:
    """JSON-able summary for quality.json, index.json and the landing page.

    Tables keep the release's order (a dict, in insertion order); totals are records.
    """
    totals = {
        kind: sum(getattr(t, kind) for t in changes.tables)
        for kind in ("added", "removed", "changed")
    }
    return {
        "old_version": changes.old_version,
        "new_version": changes.new_version,
        "first_release": changes.old_version is None,
        "total": {**totals, "records": sum(totals.values())},
        "breaking": any(s.breaking for s in changes.schema),
        "tables": {
            t.table: {
                "rows_before": t.rows_before,
                "rows_after": t.rows_after,
                "added": t.added,
                "removed": t.removed,
                "changed": t.changed,
                "fields_changed": dict(t.fields_changed),
            }
            for t in changes.tables
        },
        "schema_changes": [
            {
                "table": s.table,
                "column": s.column,
                "change": s.change,
                "before": s.before,
                "after": s.after,
                "breaking": s.breaking,
            }
            for s in changes.schema
        ],
    }


def changed_tables(changes: Changes) -> Iterable[TableChanges]:
    """Tables with at least one added, removed or changed record (release order)."""
    return (t for t in changes.tables if t.added or t.removed or t.changed)


def change_line(summary: dict[str, Any]) -> str:
    """One line for a run report: what changed since the previous release."""
    if summary.get("first_release"):
        return "changes: first release (nothing to compare with)"
    total = summary["total"]
    breaking = "; BREAKING schema changes" if summary.get("breaking") else ""
    return (
        f"changes since {summary['old_version']}: {total['added']} added, "
        f"{total['removed']} removed, {total['changed']} changed records{breaking}"
    )
