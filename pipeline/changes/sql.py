"""SQL text for the comparison: quoting, and reading a published CSV exactly as text.

Values are compared as the published text (an empty cell is NULL), so every column is
read as VARCHAR in the table's own dialect. Not here: the comparison's statements.
"""

from __future__ import annotations

from pipeline.changes.release import ReleaseTable


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_csv(table: ReleaseTable) -> str:
    """read_csv() of a published table: every column as text, its own dialect, '' = NULL."""
    columns = ", ".join(f"{literal(c)}: 'VARCHAR'" for c in table.columns)
    return (
        f"read_csv({literal(str(table.path))}, header = true, auto_detect = false, "
        f"all_varchar = true, columns = {{{columns}}}, delim = {literal(table.delimiter)}, "
        f"quote = {literal(table.quote)}, escape = {literal(table.quote)}, new_line = '\\n')"
    )
