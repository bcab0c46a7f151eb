"""Schema changes between two releases, from their descriptors alone (no CSV is read).

A removed, retyped or re-keyed column can break a reader's scripts, so each difference
is listed with a breaking flag. Not here: record-level changes (compare.py, table_changes.py).
"""

from __future__ import annotations

from pipeline.release.changes.model import SchemaChange
from pipeline.release.changes.release import Release, ReleaseTable


def schema_changes(old: Release, new: Release) -> tuple[SchemaChange, ...]:
    """Table and column differences: new release's table order, then removed tables."""
    found: list[SchemaChange] = []
    for name, table in new.tables.items():
        before = old.tables.get(name)
        if before is None:
            found.append(SchemaChange(name, None, "table_added", None, None, False))
        else:
            found.extend(_table_schema_changes(before, table))
    for name in old.tables:
        if name not in new.tables:
            found.append(SchemaChange(name, None, "table_removed", None, None, True))
    return tuple(found)


def _table_schema_changes(old: ReleaseTable, new: ReleaseTable) -> list[SchemaChange]:
    """Key change, removed columns (old order), retyped columns, columns allowing other
    values (pattern or codes), then added columns (new order)."""
    name = new.name
    found: list[SchemaChange] = []
    if old.key != new.key:
        found.append(
            SchemaChange(name, None, "key_changed", ", ".join(old.key), ", ".join(new.key), True)
        )
    before, after = dict(old.fields), dict(new.fields)
    for column, kind in old.fields:
        if column not in after:
            found.append(SchemaChange(name, column, "column_removed", kind, None, True))
    for column, kind in new.fields:
        if column in before and before[column] != kind:
            found.append(SchemaChange(name, column, "retyped", before[column], kind, True))
    rules_before, rules_after = dict(old.rules), dict(new.rules)
    for column, _ in new.fields:
        was, now = rules_before.get(column, ""), rules_after.get(column, "")
        if column in before and was != now:
            # identifiers or codes of another form: a reader matching on them must adapt
            found.append(SchemaChange(name, column, "values_changed", was, now, True))
    for column, kind in new.fields:
        if column not in before:
            found.append(SchemaChange(name, column, "column_added", None, kind, False))
    return found
