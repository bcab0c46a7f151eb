"""What a comparison of two releases yields: counts, schema changes, example rows.

Plain frozen dataclasses and the constants that define changes.csv, shared by the
comparison and by every report made from it. Not here: computing them (compare.py) or
rendering them (changelog.py, summary.py).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Columns of changes.csv, in order.
CHANGES_COLUMNS = ("table", "key", "change", "field", "old_value", "new_value")
#: Joins the primary-key values of a record into changes.csv's `key` column.
KEY_SEPARATOR = " | "
#: Examples kept per table and kind of change for the changelog's "notable changes".
EXAMPLE_LIMITS = {"added": 20, "removed": 20, "changed": 5}

Example = tuple[str, str, str, str, str | None, str | None]


class NotARelease(ValueError):
    """The path is not a readable release folder (or its descriptor does not fit its CSVs)."""


@dataclass(frozen=True)
class TableChanges:
    """Record counts of one published table between two releases.

    `rows_before` is None when the table is new, `rows_after` None when it was removed;
    `fields_changed` names only fields with at least one changed record, contract order.
    """

    table: str
    rows_before: int | None
    rows_after: int | None
    added: int
    removed: int
    changed: int
    fields_changed: dict[str, int]


@dataclass(frozen=True)
class SchemaChange:
    """One difference between the two releases' table shapes.

    `change` is `table_added`, `table_removed`, `column_added`, `column_removed`,
    `retyped`, `values_changed` (another pattern or other codes) or `key_changed`;
    `before`/`after` are types, allowed values or key lists as text. Breaking
    changes (anything but an added table or column) can break a reader's scripts.
    """

    table: str
    column: str | None
    change: str
    before: str | None
    after: str | None
    breaking: bool


@dataclass(frozen=True)
class Changes:
    """Everything the changelog, quality.json and the landing page say about changes.

    `examples` are rows of changes.csv, in its order: per table the first
    EXAMPLE_LIMITS["added"] added and ["removed"] removed records, and the first change
    of up to EXAMPLE_LIMITS["changed"] different fields (table, key, change, field,
    old, new; field is "" for added and removed records).
    """

    old_version: str | None
    new_version: str
    tables: tuple[TableChanges, ...]
    schema: tuple[SchemaChange, ...]
    examples: tuple[Example, ...]
