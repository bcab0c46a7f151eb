"""Record-level changes between two releases: changes.csv, CHANGELOG.md and a JSON summary.

People who download a new release want to know what changed since the one they have,
record by record. Two release folders are compared as they were published: each one's
own `datapackage.json` gives its tables, fields, types and primary keys (these may
differ between releases: that is a schema change), and its CSV files are read as text
exactly as published (an empty cell is NULL), so old and new values are the published
text. Records are matched by primary key with one DuckDB FULL OUTER JOIN per table;
nothing is loaded into Python row by row, so million-row tables take seconds.

Modules: model (the dataclasses and changes.csv's constants), release (reading a
release folder through its descriptor), schema_diff (schema changes), compare
(compare_releases), table_changes (one table's record changes in DuckDB), change_rows
(the collected change rows, their order, examples and changes.csv), changelog
(CHANGELOG.md), summary (the JSON summary and one-line report). Not here: building or publishing
releases (pipeline/release/build.py, install.py), validation (pipeline/validate/),
reading a published CSV as text (pipeline/release/reading.py).
"""

from pipeline.release.changes.change_rows import CSV_OPTIONS
from pipeline.release.changes.changelog import EXAMPLE_WIDTH, TOP_FIELDS, render_changelog
from pipeline.release.changes.compare import compare_releases
from pipeline.release.changes.model import (
    CHANGES_COLUMNS,
    EXAMPLE_LIMITS,
    KEY_SEPARATOR,
    Changes,
    Example,
    NotARelease,
    SchemaChange,
    TableChanges,
)
from pipeline.release.changes.release import release_folder
from pipeline.release.changes.summary import change_line, changed_tables, changes_summary

__all__ = [
    "CHANGES_COLUMNS",
    "CSV_OPTIONS",
    "EXAMPLE_LIMITS",
    "EXAMPLE_WIDTH",
    "KEY_SEPARATOR",
    "TOP_FIELDS",
    "Changes",
    "Example",
    "NotARelease",
    "SchemaChange",
    "TableChanges",
    "change_line",
    "changed_tables",
    "changes_summary",
    "compare_releases",
    "release_folder",
    "render_changelog",
]
