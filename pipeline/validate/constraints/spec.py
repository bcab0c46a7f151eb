"""A resource's Table Schema, normalised the way frictionless 5.21 reads it.

Frictionless accepts shorthands (a primary key as a string, foreign-key fields as a
string, an empty reference resource for a self-reference, missing values as objects)
and gives a field the schema's `missingValues` unless it declares its own. The checks
are compiled from this normalised view, so every such rule is decided once, here.
Not here: parsing cell text (types.py) or reading the CSV (reading.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.release.reading import csv_dialect

DEFAULT_MISSING_VALUES = ("",)
DEFAULT_FORMAT = "default"


@dataclass(frozen=True)
class FieldSpec:
    """One column as frictionless validates it; `index` is its 0-based CSV position."""

    index: int
    name: str
    type: str
    format: str
    missing: tuple[str, ...]
    constraints: dict[str, Any] = field(default_factory=dict)
    descriptor: dict[str, Any] = field(default_factory=dict)

    @property
    def column(self) -> str:
        """The column holding this field's raw text in the loaded table."""
        return f"r{self.index}"

    @property
    def value_column(self) -> str:
        """The column holding this field's parsed value (when it has one)."""
        return f"v{self.index}"


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key with both field lists as lists; `resource` is never empty."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    """A resource: where its CSV is, how it is quoted, and its normalised schema."""

    position: int
    name: str
    path: str
    encoding: str
    delimiter: str
    quote: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    missing: tuple[str, ...]

    def field(self, name: str) -> FieldSpec | None:
        """The field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)


def missing_values(entries: object, default: tuple[str, ...]) -> tuple[str, ...]:
    """A `missingValues` list as strings (v2 allows `{value, label}` objects)."""
    if not isinstance(entries, list):
        return default
    values = [e.get("value") if isinstance(e, dict) else e for e in entries]
    return tuple(v for v in values if isinstance(v, str))


def _names(value: object) -> tuple[str, ...]:
    """A field list given as a string or a list, as a tuple of strings."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def field_spec(
    index: int, descriptor: dict[str, Any], schema_missing: tuple[str, ...]
) -> FieldSpec:
    """A field descriptor as a FieldSpec (an untyped field is a string, as in frictionless)."""
    constraints = descriptor.get("constraints")
    return FieldSpec(
        index=index,
        name=str(descriptor.get("name", "")),
        type=str(descriptor.get("type") or "string"),
        format=str(descriptor.get("format") or DEFAULT_FORMAT),
        missing=missing_values(descriptor.get("missingValues"), schema_missing),
        constraints=dict(constraints) if isinstance(constraints, dict) else {},
        descriptor=descriptor,
    )


def table_spec(position: int, resource: dict[str, Any]) -> TableSpec:
    """A resource descriptor as a TableSpec; odd shapes become empty, never errors."""
    name = str(resource.get("name", ""))
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    schema_missing = missing_values(schema.get("missingValues"), DEFAULT_MISSING_VALUES)
    raw_fields = [f for f in schema.get("fields") or [] if isinstance(f, dict)]
    fields = tuple(field_spec(i, f, schema_missing) for i, f in enumerate(raw_fields))
    foreign_keys = []
    for fk in schema.get("foreignKeys") or []:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            continue
        reference = fk["reference"]
        foreign_keys.append(
            ForeignKey(
                fields=_names(fk.get("fields")),
                resource=str(reference.get("resource") or name),  # "" = self-reference
                reference_fields=_names(reference.get("fields")),
            )
        )
    delimiter, quote = csv_dialect(resource if isinstance(resource.get("dialect"), dict) else {})
    return TableSpec(
        position=position,
        name=name,
        path=str(resource.get("path") or ""),
        encoding=str(resource.get("encoding") or "utf-8"),
        delimiter=str(delimiter),
        quote=str(quote),
        fields=fields,
        primary_key=_names(schema.get("primaryKey")),
        foreign_keys=tuple(foreign_keys),
        missing=schema_missing,
    )
