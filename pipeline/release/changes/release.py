"""A release folder read through its own datapackage.json: its tables, fields and keys.

Each release is compared as it was published, so its own descriptor (not the current
contract) says which CSV holds which table and how; a descriptor that does not fit its
CSVs is refused here, before any comparison. Not here: comparing (compare.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.release.changes.model import NotARelease
from pipeline.release.layout import DESCRIPTOR
from pipeline.release.reading import (
    csv_dialect,
    csv_header,
    csv_source,
    escaped_fields,
    release_path,
    unescaped,
)


@dataclass(frozen=True)
class ReleaseTable:
    """One resource of a release descriptor: where its CSV is and what shape it has."""

    name: str
    path: Path
    fields: tuple[tuple[str, str], ...]  # (name, type text), column order
    key: tuple[str, ...]
    delimiter: str
    quote: str
    escaped: tuple[str, ...] = ()  # text columns escaped in the CSV (safe_cells)
    # (name, allowed values as text) of the columns whose values are restricted
    rules: tuple[tuple[str, str], ...] = ()

    @property
    def columns(self) -> list[str]:
        """Column names in order."""
        return [name for name, _ in self.fields]

    @property
    def record_key(self) -> list[str]:
        """The columns identifying a record: the primary key, or every column without one."""
        return list(self.key) or self.columns

    def type_of(self, column: str) -> str:
        """The column's type text."""
        return dict(self.fields)[column]

    def read_csv(self) -> str:
        """SQL read_csv() of the table: every column as text, its own dialect, '' = NULL."""
        try:
            source = csv_source(self.path, self.columns, self.delimiter, self.quote)
            return unescaped(source, self.columns, self.escaped)
        except (OSError, ValueError) as exc:
            raise NotARelease(f"table {self.name}: a CSV file cannot be read: {exc}") from exc


@dataclass(frozen=True)
class Release:
    """A release folder read through its own descriptor."""

    root: Path
    version: str
    tables: dict[str, ReleaseTable]


def release_folder(path: Path | str) -> Path:
    """The release folder for a folder or its datapackage.json; NotARelease otherwise.

    The CLI takes either form, like `commitments validate` does.
    """
    path = Path(path)
    if not path.exists():
        raise NotARelease(f"{path} does not exist")
    folder = path if path.is_dir() else path.parent
    if path.is_file() and path.name != DESCRIPTOR:
        raise NotARelease(f"{path} is not a release folder nor its {DESCRIPTOR}")
    if not (folder / DESCRIPTOR).is_file():
        raise NotARelease(f"{folder} is not a release: it has no {DESCRIPTOR}")
    return folder


def read_release(path: Path | str) -> Release:
    """Parse a release's descriptor into tables; NotARelease names what is wrong."""
    root = release_folder(path)
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotARelease(f"{root / DESCRIPTOR} is not readable JSON: {exc}") from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise NotARelease(f"{root / DESCRIPTOR} has no `resources` list")
    tables: dict[str, ReleaseTable] = {}
    for resource in descriptor["resources"]:
        table = _read_table(root, resource, descriptor)
        tables[table.name] = table
    version = descriptor.get("version")
    return Release(root, version if isinstance(version, str) and version else root.name, tables)


def _read_table(root: Path, resource: Any, descriptor: dict[str, Any]) -> ReleaseTable:
    """One resource as a ReleaseTable, checking what the comparison relies on."""
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        raise NotARelease(f"{root / DESCRIPTOR}: a resource without a name")
    name = resource["name"]
    path = _table_path(root, name, resource.get("path"))
    schema = resource.get("schema") or {}
    fields = tuple((f["name"], _type_text(f)) for f in schema.get("fields", []))
    key = schema.get("primaryKey") or []
    key = (key,) if isinstance(key, str) else tuple(key)
    missing = [k for k in key if k not in dict(fields)]
    if missing:
        raise NotARelease(f"{root}: table {name}: primary key {missing} is not among its fields")
    escaped = tuple(escaped_fields(descriptor, resource))
    rules = tuple((f["name"], rule) for f in schema.get("fields", []) if (rule := _rules_text(f)))
    table = ReleaseTable(name, path, fields, key, *csv_dialect(resource), escaped, rules)
    _check_header(table)
    return table


def _table_path(root: Path, name: str, relative: Any) -> Path:
    """A table's CSV path inside the release; NotARelease when there is none or it leaves."""
    problem = NotARelease(f"{root}: table {name}: path {relative!r} is not inside the release")
    if not isinstance(relative, str) or not relative:
        raise problem
    try:
        return release_path(root, relative)
    except ValueError as exc:
        raise problem from exc


def _type_text(field: dict[str, Any]) -> str:
    """A field's type as text: `date`, or `date (%d/%m/%Y)` when a format is declared."""
    kind = field.get("type", "string")
    form = field.get("format", "default")
    return kind if form in (None, "default") else f"{kind} ({form})"


def _rules_text(field: dict[str, Any]) -> str:
    """The values a field allows, as text: its pattern and its codes (`enum`), if any."""
    constraints = field.get("constraints") or {}
    parts = []
    if constraints.get("pattern"):
        parts.append(f"pattern {constraints['pattern']}")
    if constraints.get("enum"):
        parts.append("one of " + ", ".join(map(str, constraints["enum"])))
    return "; ".join(parts)


def _check_header(table: ReleaseTable) -> None:
    """The CSV exists and its header is the descriptor's fields (else values would shift)."""
    try:
        header = csv_header(table.path, table.delimiter, table.quote)
    except OSError as exc:
        raise NotARelease(f"table {table.name}: a CSV file cannot be read: {exc}") from exc
    if header != table.columns:
        raise NotARelease(
            f"table {table.name}: the header of {table.path} is {header} but the "
            f"descriptor lists {table.columns}"
        )
