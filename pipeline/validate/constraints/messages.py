"""Violation messages worded as frictionless 5.21 words its errors.

Both engines' reports then read alike, so a reader moving between `--engine duckdb`
and `--engine frictionless` recognises every message. Not here: deciding violations.
"""

from __future__ import annotations

from typing import Any


def type_message(cell: str, row: int, field: str, position: int, kind: str, fmt: str) -> str:
    """A type error: the cell does not parse as the field's type."""
    return (
        f'The cell "{cell}" in row at position "{row}" and field "{field}" at position '
        f'"{position}" has incompatible type: type is "{kind}/{fmt}"'
    )


def constraint_message(
    cell: str, row: int, field: str, position: int, name: str, value: Any
) -> str:
    """A constraint error: the parsed cell breaks constraint `name`."""
    return (
        f'The cell "{cell}" in row at position "{row}" and field "{field}" at position '
        f'"{position}" does not conform to a constraint: constraint "{name}" is "{value}"'
    )


def unique_message(row: int, field: str, position: int, note: str) -> str:
    """A unique error: the value repeats the one in an earlier row."""
    return (
        f'Row at position "{row}" has unique constraint violation in field "{field}" '
        f'at position "{position}": {note}'
    )


def primary_key_message(row: int, note: str) -> str:
    """A primary-key error: duplicate or all-null key."""
    return f'Row at position "{row}" violates the primary key: {note}'


def foreign_key_message(
    row: int, fields: str, values: str, reference: str, reference_fields: str
) -> str:
    """A foreign-key error: the values are not a key of the referenced table."""
    return (
        f'Row at position "{row}" violates the foreign key: for "{fields}": values '
        f'"{values}" not found in the lookup table "{reference}" as "{reference_fields}"'
    )


def blank_row_message(row: int) -> str:
    """A row whose every cell is missing."""
    return f'Row at position "{row}" is completely blank'
