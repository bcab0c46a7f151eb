"""The contract registry: every table shape derived from the top-level `datapackage.json`.

`datapackage.json` is the single source of truth for published tables. This module reads
it and derives what the rest of the pipeline needs from it: DuckDB DDL for the core
tables, Arrow schemas for Parquet, and the SELECT that publishes a table in contract
column order. No table shape is written anywhere else.

Not here: the release descriptor (pipeline/release/build.py), validation
(pipeline/validate/), the SQL that fills the tables (pipeline/core/sql/).
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa

CONTRACT_PATH = Path(__file__).resolve().parent / "datapackage.json"

#: Contract field type -> DuckDB column type. No constraints: a bad value must reach
#: the validation report instead of aborting the INSERT that produced it.
DUCKDB_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMPTZ",
}

#: Contract field type -> Arrow type for Parquet (enum strings are overridden below).
ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "datetime": pa.timestamp("s", tz="UTC"),
}

#: Enum columns are dictionary-encoded: few distinct codes, many rows.
ENUM_ARROW_TYPE = pa.dictionary(pa.int32(), pa.string())

#: How datetimes are published in CSV (Table Schema's default datetime format).
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def load_contract(path: Path | str | None = None) -> dict[str, Any]:
    """Return the contract descriptor (parsed once per path; callers get a deep copy).

    A copy, so that a caller adding `version` or `bytes` to its descriptor cannot
    change the contract seen by everyone else in the process.
    """
    resolved = Path(path).resolve() if path is not None else CONTRACT_PATH
    return copy.deepcopy(_read_contract(resolved))


@lru_cache(maxsize=8)
def _read_contract(path: Path) -> dict[str, Any]:
    """Parse the contract file; cached because every derivation reads it."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _resource(name: str, path: Path | str | None = None) -> dict[str, Any]:
    """The contract's resource called `name`; KeyError names the known tables."""
    resolved = Path(path).resolve() if path is not None else CONTRACT_PATH
    for resource in _read_contract(resolved)["resources"]:
        if resource["name"] == name:
            return resource
    raise KeyError(f"table {name!r} is not in the contract {resolved}: {table_names(path)}")


def table_names(path: Path | str | None = None) -> list[str]:
    """Names of the contract's tables, in contract order (the release's order)."""
    resolved = Path(path).resolve() if path is not None else CONTRACT_PATH
    return [resource["name"] for resource in _read_contract(resolved)["resources"]]


def table_schema(name: str, path: Path | str | None = None) -> dict[str, Any]:
    """The Table Schema (fields, primaryKey, foreignKeys) of table `name` (a copy)."""
    return copy.deepcopy(_resource(name, path)["schema"])


def fields(name: str, path: Path | str | None = None) -> list[dict[str, Any]]:
    """The field descriptors of table `name`, in column order (a copy)."""
    return table_schema(name, path)["fields"]


def primary_key(name: str, path: Path | str | None = None) -> list[str]:
    """Primary-key columns of table `name` (always a list, even for one column)."""
    key = _resource(name, path)["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def foreign_keys(name: str, path: Path | str | None = None) -> list[dict[str, Any]]:
    """Foreign keys of table `name`, with `fields` always given as lists."""
    result = []
    for fk in copy.deepcopy(_resource(name, path)["schema"].get("foreignKeys", [])):
        reference = fk["reference"]
        fk["fields"] = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        if isinstance(reference["fields"], str):
            reference["fields"] = [reference["fields"]]
        result.append(fk)
    return result


def is_required(field: dict[str, Any]) -> bool:
    """Whether the contract forbids nulls in this field."""
    return bool(field.get("constraints", {}).get("required", False))


def enum_values(field: dict[str, Any]) -> list[str] | None:
    """The field's allowed codes, or None when it is not an enum field."""
    return field.get("constraints", {}).get("enum")


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (column names such as `position` or `text`)."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """Quote an SQL string literal (file paths and values may hold quotes)."""
    return "'" + text.replace("'", "''") + "'"


def _qualified(name: str, schema: str) -> str:
    """`schema.table`, both quoted."""
    return f"{quote_ident(schema)}.{quote_ident(name)}"


def duckdb_ddl(name: str, schema: str = "core", path: Path | str | None = None) -> str:
    """CREATE OR REPLACE TABLE for table `name`, typed from the contract, unconstrained.

    Constraints stay out on purpose: a missing value or duplicate key must end up in
    the validation report with its row, not abort the transform that wrote it.
    """
    columns = ",\n".join(
        f"    {quote_ident(f['name'])} {DUCKDB_TYPES[f['type']]}" for f in fields(name, path)
    )
    return f"CREATE OR REPLACE TABLE {_qualified(name, schema)} (\n{columns}\n)"


def arrow_field(field: dict[str, Any]) -> pa.Field:
    """The Arrow field for one contract field (nullable unless required)."""
    arrow_type = ENUM_ARROW_TYPE if enum_values(field) else ARROW_TYPES[field["type"]]
    metadata = {"description": field["description"]} if field.get("description") else None
    return pa.field(field["name"], arrow_type, nullable=not is_required(field), metadata=metadata)


def arrow_schema(name: str, path: Path | str | None = None) -> pa.Schema:
    """Arrow schema of table `name`, as Parquet files of the release carry it."""
    return pa.schema([arrow_field(f) for f in fields(name, path)])


def _publish_expression(field: dict[str, Any]) -> str:
    """The SELECT expression that publishes one column."""
    column = quote_ident(field["name"])
    if field["type"] == "string":
        return f"NULLIF({column}, '') AS {column}"
    if field["type"] == "datetime":
        # timezone('UTC', ...) gives a naive UTC timestamp: independent of the session TZ.
        return f"strftime(timezone('UTC', {column}), '{DATETIME_FORMAT}') AS {column}"
    return column


def select_for_publish(name: str, schema: str = "core", path: Path | str | None = None) -> str:
    """SELECT of table `name` exactly as released: contract columns, order and values.

    Empty strings become NULL (one spelling of "no value"), datetimes become ISO 8601
    UTC text, and rows are ordered by the primary key so output bytes are reproducible.
    """
    columns = ",\n    ".join(_publish_expression(f) for f in fields(name, path))
    order = ", ".join(f"{quote_ident(c)} ASC NULLS LAST" for c in primary_key(name, path))
    sql = f"SELECT\n    {columns}\nFROM {_qualified(name, schema)}"
    return f"{sql}\nORDER BY {order}" if order else sql
