"""Text cells a spreadsheet would run as a formula, made inert in the CSV files only.

A spreadsheet opening a CSV file runs a cell starting with `=`, `+`, `-` or `@` as a
formula (a tab or carriage return first can smuggle one in), and release users open
our CSV files in spreadsheets. So in the CSV files, and only there, a text cell whose
first character is one of those, or is `'`, gets one `'` in front: spreadsheets show it
as text. Reversal is exact: drop the first character of a text cell starting with `'`
(a cell that started with `'` carried a second one). Parquet holds the values as they
are. The release descriptor states the rule under `csvSafeCells`, so the validator, the
quality report and the change log read the CSV back to the true values, and so can
anyone. Numbers, dates and booleans are never touched: only fields of type string.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.contract import quote_literal

PREFIX = "'"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
DESCRIPTOR_KEY = "csvSafeCells"
RULE: dict[str, Any] = {
    "description": (
        "In the CSV files only, a cell of a string field whose first character is "
        "=, +, -, @, a tab, a carriage return or ' has one ' put in front, so that a "
        "spreadsheet shows it as text instead of running it as a formula. To get the "
        "value back, drop the first character of a string cell that starts with '. "
        "The Parquet files hold the values unchanged."
    ),
    "prefix": PREFIX,
    "triggers": list(TRIGGERS),
}
_TRIGGER_REGEX = "^[=+\\-@\t\r']"


def escape(text: str | None) -> str | None:
    """The CSV cell for a text value."""
    return PREFIX + text if text and text.startswith(TRIGGERS) else text


def unescape(cell: str | None) -> str | None:
    """The text value of a CSV cell written by escape."""
    return cell[1:] if cell and cell.startswith(PREFIX) else cell


def escape_arrow(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """escape, over an Arrow string column (nulls stay null)."""
    if pa.types.is_dictionary(values.type):
        values = values.cast(pa.string())
    risky = pc.match_substring_regex(values, _TRIGGER_REGEX)
    prefixed = pc.binary_join_element_wise(pa.scalar(PREFIX), values, "")
    return pc.if_else(risky, prefixed, values)


def escape_sql(column: str) -> str:
    """SQL: escape over a text expression."""
    firsts = ", ".join(quote_literal(t) for t in TRIGGERS)
    return (
        f"CASE WHEN left({column}, 1) IN ({firsts}) "
        f"THEN {quote_literal(PREFIX)} || {column} ELSE {column} END"
    )


def unescape_sql(column: str) -> str:
    """SQL: unescape over a text expression."""
    return (
        f"CASE WHEN starts_with({column}, {quote_literal(PREFIX)}) "
        f"THEN substr({column}, 2) ELSE {column} END"
    )


def declared(descriptor: dict[str, Any] | None) -> bool:
    """Whether a release descriptor says its CSV files carry escaped cells."""
    rule = (descriptor or {}).get(DESCRIPTOR_KEY)
    return isinstance(rule, dict) and rule.get("prefix") == PREFIX


def is_text(field: dict[str, Any]) -> bool:
    """Whether a field's cells are escaped: fields of type string (the default type)."""
    return field.get("type", "string") == "string"
