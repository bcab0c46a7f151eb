"""The "Changes since the previous release" section, from the changes package's summary dict.

Rows added, removed and changed per table, then schema changes. A missing summary
means a first release. Not here: computing the changes (pipeline/release/changes/).
"""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline.release.landing.descriptor import in_table_order
from pipeline.release.landing.files import ReleaseFile
from pipeline.release.landing.html_parts import count, file_link, plural, table, text
from pipeline.release.landing.report_values import as_list

#: The per-table counts of the change summary, in column order.
_TABLE_COUNTS = ("rows_before", "rows_after", "added", "removed", "changed")


def changes_section(
    change: dict[str, Any] | None, order: list[str], files: tuple[ReleaseFile, ...]
) -> str:
    """Rows added, removed and changed per table, and schema changes, since last release."""
    parts = ['<section id="changes">\n<h2>Changes since the previous release</h2>\n']
    if not isinstance(change, dict):
        parts.append(
            "<p>This is the first release: there is no previous release to compare with.</p>\n"
        )
        return "".join(parts) + "</section>\n"
    parts.append(
        f"<p>Compared with release <strong>{text(change.get('old_version'))}</strong>. "
        f"Details: {file_link('CHANGELOG.md', files)} and "
        f"{file_link('changes.csv', files)}.</p>\n"
    )
    by_table = {str(t.get("table")): t for t in as_list(change.get("tables"))}
    rows = [
        [f"<code>{escape(name)}</code>"] + [count(by_table[name].get(k)) for k in _TABLE_COUNTS]
        for name in in_table_order(list(by_table), order)
    ]
    if rows:
        head = ["table", "rows before", "rows after", "added", "removed", "changed"]
        parts.append(table(head, rows, {1, 2, 3, 4, 5}))
    parts.append(_schema_changes(as_list(change.get("schema")), order))
    return "".join(parts) + "</section>\n"


def _schema_changes(changes: list[dict[str, Any]], order: list[str]) -> str:
    """Added, removed, retyped columns and columns allowing other values; breaking ones
    flagged."""
    if not changes:
        return "<h3>Schema changes</h3>\n<p>No schema changes.</p>\n"
    rank = {name: i for i, name in enumerate(order)}
    ordered = sorted(
        changes,
        key=lambda c: (
            rank.get(str(c.get("table")), len(rank)),
            str(c.get("table")),
            str(c.get("column")),
        ),
    )
    rows = [
        [
            f"<code>{text(c.get('table'))}</code>",
            f"<code>{text(c.get('column'))}</code>",
            text(c.get("change")),
            text(c.get("before")),
            text(c.get("after")),
            "<strong>breaking</strong>" if c.get("breaking") else "no",
        ]
        for c in ordered
    ]
    breaking = sum(1 for c in changes if c.get("breaking"))
    return (
        f"<h3>Schema changes</h3>\n<p>{plural(len(changes), 'schema change')}, "
        f"{count(breaking)} breaking.</p>\n"
        + table(["table", "column", "change", "before", "after", "breaking"], rows)
    )
