"""Validate a release folder against its own Frictionless descriptor.

`validate_release` checks the data with one of two engines: "duckdb" (the default:
the Table Schemas compiled into DuckDB queries by pipeline.validate.constraints, giving
frictionless' verdicts far faster; frictionless still checks the descriptor itself
against its profile) or "frictionless" (the real frictionless validator, the
reference the DuckDB engine is tested against). Either way it adds what the release
contract promises beyond the schemas: every resource's declared `bytes` and `hash`
match its file, the `SHA256SUMS` file (when present) verifies, and Parquet files
(when present) have the CSV's rows and columns.

It never raises on a bad package: a missing file or a broken descriptor is a
`Violation` in the returned report. Not here: building or publishing releases, the
report's shape (pipeline/validate/violations.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow.parquet as pq
from frictionless import FrictionlessException, Package
from frictionless import errors as fl_errors

from pipeline.digests import Digests
from pipeline.release import safe_cells
from pipeline.release.layout import CHECKSUMS, DESCRIPTOR
from pipeline.release.reading import csv_dialect, parquet_path, release_path
from pipeline.validate.constraints import check_data
from pipeline.validate.parquet_mirror import first_difference
from pipeline.validate.violations import ValidationReport, Violation

#: Errors kept per table: enough to see a systematic fault without drowning in it.
LIMIT_ERRORS = 1000
#: Frictionless error type -> our rule name (constraint errors are named by constraint).
RULES = {
    "type-error": "type",
    "unique-error": "unique",
    "primary-key": "primary-key",
    "foreign-key": "foreign-key",
    "hash-count": "hash",
    "byte-count": "bytes",
}
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
#: Hash algorithms a descriptor may name (Data Package: `<algorithm>:<hex>`, bare = md5).
HASH_ALGORITHMS = ("md5", "sha1", "sha256", "sha512")
Engine = Literal["duckdb", "frictionless"]
ENGINES: tuple[Engine, ...] = ("duckdb", "frictionless")


def validate_release(path: Path | str, engine: Engine = "duckdb") -> ValidationReport:
    """Validate a release folder (or its datapackage.json); never raises on bad data.

    `engine` picks who checks the data against the schemas: "duckdb" (compiled
    queries) or "frictionless" (the reference validator). ValueError for another name.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}: use one of {ENGINES}")
    violations: list[Violation] = []
    rows: dict[str, int] = {}
    warnings: list[str] = []
    with Digests() as digests:
        try:
            root, descriptor_path = _locate(Path(path))
            descriptor = _read_descriptor(descriptor_path, violations)
            _prefetch(root, descriptor, digests)
            if descriptor is not None:
                missing, present = _check_files(root, descriptor, violations)
                found: list[Violation] = []  # the data's, checked while files are hashed
                compared: dict[str, int | None] = {}  # Parquet files the engine compared
                if engine == "frictionless":
                    _run_frictionless(root, descriptor, missing, found, rows, warnings)
                else:
                    compared = _run_duckdb(
                        root, descriptor, missing, found, rows, warnings, digests
                    )
                for name, resource, file in present:
                    violations.extend(_check_declared(name, resource, file, digests))
                violations.extend(v for v in found if not _duplicate_file_error(v, violations))
                _check_parquet(root, descriptor, missing, rows, violations, compared)
            _check_checksums(root, violations, digests)
        except Exception as exc:  # an unreadable file, a permission error: report, don't crash
            violations.append(_violation("validator", f"validation could not finish: {exc!r}"))
    return ValidationReport(
        valid=not violations, errors=violations, rows=rows, warnings=warnings, engine=engine
    )


def _prefetch(root: Path, descriptor: dict[str, Any] | None, digests: Digests) -> None:
    """Queue every digest validation will need: resource files first, then the rest."""
    if descriptor is not None:
        for resource in _resources(descriptor):
            file = _safe_file(root, resource.get("path"))
            algorithm, _ = _parse_hash(resource.get("hash"))
            if file is not None and file.is_file() and algorithm in HASH_ALGORITHMS:
                digests.prefetch(file, algorithm)
    if (root / CHECKSUMS).is_file():
        for file in sorted(root.rglob("*")):
            if file.is_file() and file.name != CHECKSUMS:
                digests.prefetch(file)


def _locate(path: Path) -> tuple[Path, Path]:
    """(release folder, descriptor path) for a folder or a descriptor path."""
    if path.is_dir():
        return path, path / DESCRIPTOR
    return path.parent, path


def _violation(rule: str, message: str, table: str = "", **extra: Any) -> Violation:
    """A violation without a row (file or release level)."""
    return Violation(
        table=table,
        row_number=extra.get("row_number"),
        key=extra.get("key", {}),
        field=extra.get("field"),
        rule=rule,
        value=extra.get("value"),
        message=message,
    )


def _read_descriptor(path: Path, violations: list[Violation]) -> dict[str, Any] | None:
    """The parsed descriptor, or None with a `descriptor` violation saying why."""
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        violations.append(_violation("descriptor", f"{path.name} not found in {path.parent}"))
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        violations.append(_violation("descriptor", f"{path.name} is not readable JSON: {exc}"))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        violations.append(_violation("descriptor", f"{path.name} has no `resources` list"))
        return None
    return descriptor


def _resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """The descriptor's resources that are objects (frictionless reports the others)."""
    return [r for r in descriptor["resources"] if isinstance(r, dict)]


def _safe_file(root: Path, relative: object) -> Path | None:
    """The resource file inside the release, or None for a path escaping it."""
    if not isinstance(relative, str) or not relative:
        return None
    try:
        return release_path(root, relative)
    except ValueError:
        return None


def _check_files(
    root: Path, descriptor: dict[str, Any], violations: list[Violation]
) -> tuple[set[str], list[tuple[str, dict[str, Any], Path]]]:
    """Check each resource file is inside the release and exists.

    Returns the names of resources whose file is missing (so that frictionless' own,
    path-laden report of the same problem can be dropped), and (name, resource, file)
    for the files present, whose declared bytes and hash _check_declared compares.
    """
    missing: set[str] = set()
    present: list[tuple[str, dict[str, Any], Path]] = []
    for resource in _resources(descriptor):
        name = str(resource.get("name", ""))
        file = _safe_file(root, resource.get("path"))
        if file is None:
            message = f"path {resource.get('path')!r} is not a relative path inside the release"
            violations.append(_violation("path", message, name))
            missing.add(name)
            continue
        if not file.is_file():
            message = f"file {resource['path']} is missing"
            violations.append(_violation("missing-file", message, name))
            missing.add(name)
            continue
        present.append((name, resource, file))
    return missing, present


def _check_declared(
    name: str, resource: dict[str, Any], file: Path, digests: Digests
) -> list[Violation]:
    """Compare a file with its resource's declared `bytes` and `hash`."""
    declared = resource.get("hash")
    algorithm, expected = _parse_hash(declared)
    found: list[Violation] = []
    if algorithm not in HASH_ALGORITHMS:
        message = f"hash {declared!r} is missing or not `<algorithm>:<hex>`"
        return [_violation("hash", message, name)]
    actual, size = digests.get(file, algorithm)
    if actual != expected:
        message = f"{resource['path']}: declared hash {declared} but the file has {actual}"
        found.append(_violation("hash", message, name, value=f"{algorithm}:{actual}"))
    if resource.get("bytes") != size:
        message = f"{resource['path']}: declared {resource.get('bytes')} bytes, file has {size}"
        found.append(_violation("bytes", message, name, value=str(size)))
    return found


def _parse_hash(value: object) -> tuple[str, str]:
    """(algorithm, hex) of a Data Package hash; a bare hex string is MD5 by the spec."""
    if not isinstance(value, str) or not value:
        return "", ""
    algorithm, _, hexdigest = value.rpartition(":")
    return (algorithm or "md5").lower(), hexdigest.lower()


def _run_duckdb(
    root: Path,
    descriptor: dict[str, Any],
    missing: set[str],
    violations: list[Violation],
    rows: dict[str, int],
    warnings: list[str],
    digests: Digests,
) -> dict[str, int | None]:
    """Check the descriptor with frictionless' profile, the data with compiled DuckDB queries.

    Returns, per table whose Parquet file it compared with the loaded CSV, the first row
    that differs (None: none does).
    """
    try:
        problems = list(Package.metadata_validate(_with_csv_dialect(descriptor)))
    except Exception as exc:  # a descriptor frictionless cannot even inspect
        problems = []
        violations.append(_violation("descriptor", f"descriptor could not be checked: {exc}"))
    violations.extend(_violation("descriptor", error.message) for error in problems)
    parquet = root / "parquet"
    folder = parquet if parquet.is_dir() else None
    result = check_data(root, descriptor, missing, folder, digests.line_feeds)
    violations.extend(result.violations)
    rows.update(result.rows)
    warnings.extend(result.warnings)
    return result.parquet


def _run_frictionless(
    root: Path,
    descriptor: dict[str, Any],
    missing: set[str],
    violations: list[Violation],
    rows: dict[str, int],
    warnings: list[str],
) -> None:
    """Run frictionless on the package and translate its errors into violations."""
    try:
        package = Package(_with_csv_dialect(descriptor), basepath=str(root))
        report = package.validate(limit_errors=LIMIT_ERRORS)
    except FrictionlessException as exc:
        violations.extend(
            _violation("descriptor", error.message) for error in exc.to_errors() or [exc.error]
        )
        return
    except Exception as exc:  # the validator itself failed: still a report, not a crash
        violations.append(_violation("validator", f"frictionless failed: {exc!r}"))
        return
    violations.extend(_violation("descriptor", e.message) for e in report.errors)
    primary_keys = {r.get("name"): _key_fields(r) for r in _resources(descriptor)}
    for task in report.tasks:
        if not any(isinstance(e, fl_errors.ResourceError) for e in task.errors):
            rows[task.name] = int(task.stats.get("rows", 0) or 0)  # read to the end
        warnings.extend(f"{task.name}: {w}" for w in task.warnings)
        for error in task.errors:
            if task.name in missing and not hasattr(error, "row_number"):
                continue  # already reported as missing-file
            violation = _translate(task.name, task.labels, primary_keys.get(task.name, []), error)
            violation = replace(violation, message=violation.message.replace(f"{root}/", ""))
            if not _duplicate_file_error(violation, violations):
                violations.append(violation)


def _with_csv_dialect(descriptor: dict[str, Any]) -> dict[str, Any]:
    """A copy whose CSV resources say comma-delimited (RFC 4180) unless they say otherwise.

    Without it frictionless sniffs the delimiter from the first rows, and a text column
    full of semicolons could make it read the file with the wrong one.
    """
    copied = json.loads(json.dumps(descriptor))
    for resource in _resources(copied):
        if resource.get("format", "csv") == "csv":
            dialect = resource.setdefault("dialect", {})
            if isinstance(dialect, dict):
                dialect.setdefault("delimiter", ",")
                dialect.setdefault("quoteChar", '"')
    return copied


def _key_fields(resource: dict[str, Any]) -> list[str]:
    """Primary-key field names of a resource descriptor."""
    schema = resource.get("schema")
    key = schema.get("primaryKey", []) if isinstance(schema, dict) else []
    return [key] if isinstance(key, str) else list(key)


def _translate(table: str, labels: list[str], key_fields: list[str], error: Any) -> Violation:
    """A frictionless error as a Violation, with the row's key read from its cells."""
    cells = dict(zip(labels, getattr(error, "cells", None) or [], strict=False))
    key = {name: cells[name] for name in key_fields if name in cells} if cells else {}
    field_name = getattr(error, "field_name", None) or None
    value = getattr(error, "cell", None)
    if error.type == "foreign-key":
        field_name = ", ".join(error.field_names)
        value = ", ".join(error.field_cells)
    elif error.type == "primary-key":
        field_name = ", ".join(key_fields)
        value = ", ".join(key.values())
    return Violation(
        table=table,
        row_number=getattr(error, "row_number", None),
        key=key,
        field=field_name,
        rule=_rule(error),
        value=value,
        message=error.message,
    )


def _rule(error: Any) -> str:
    """Our rule name for a frictionless error (`enum`, `required`, `type`, ...)."""
    if error.type == "constraint-error":
        match = _CONSTRAINT.search(error.note or "")
        return match.group(1) if match else "constraint"
    return RULES.get(error.type, error.type)


def _duplicate_file_error(violation: Violation, violations: list[Violation]) -> bool:
    """Whether frictionless' hash/bytes error repeats one our own check already made."""
    if violation.rule not in ("hash", "bytes") or violation.row_number is not None:
        return False
    return any(v.table == violation.table and v.rule == violation.rule for v in violations)


def _check_parquet(
    root: Path,
    descriptor: dict[str, Any],
    missing: set[str],
    rows: dict[str, int],
    violations: list[Violation],
    compared: dict[str, int | None],
) -> None:
    """When the release has a parquet/ folder: one file per table, the CSV's rows, values
    and columns. A table the engine compared already is looked at again only when it
    differs, to name the row and field."""
    folder = root / "parquet"
    if not folder.is_dir():
        return
    for resource in _resources(descriptor):
        name = str(resource.get("name", ""))
        try:
            file = parquet_path(root, name)
        except ValueError as exc:
            violations.append(
                _violation("parquet", f"{exc}; its Parquet file is not looked for", name)
            )
            continue
        if not file.is_file():
            violations.append(_violation("parquet", f"parquet/{name}.parquet is missing", name))
            continue
        try:
            metadata = pq.read_metadata(file)
        except Exception as exc:  # a corrupt file is a violation, not a crash
            violations.append(_violation("parquet", f"parquet/{name}.parquet: {exc}", name))
            continue
        schema = resource.get("schema")
        fields = schema.get("fields", []) if isinstance(schema, dict) else []
        expected = [f.get("name") for f in fields if isinstance(f, dict)]
        if metadata.schema.names != expected:
            message = f"parquet/{name}.parquet has columns {metadata.schema.names}, not {expected}"
            violations.append(_violation("parquet", message, name))
        if name not in missing and name in rows and metadata.num_rows != rows[name]:
            message = f"parquet/{name}.parquet has {metadata.num_rows} rows, the CSV {rows[name]}"
            violations.append(_violation("parquet", message, name))
        elif (
            name not in missing
            and name in rows
            and metadata.schema.names == expected
            and compared.get(name, -1) is not None  # not compared, or found to differ
        ):
            violations.extend(_compare_parquet(root, descriptor, resource, fields, file))


def _compare_parquet(
    root: Path,
    descriptor: dict[str, Any],
    resource: dict[str, Any],
    fields: list[dict[str, Any]],
    file: Path,
) -> list[Violation]:
    """A violation naming the first row where the Parquet file and the CSV disagree."""
    name = str(resource.get("name", ""))
    csv_file = _safe_file(root, resource.get("path"))
    if csv_file is None:
        return []
    delimiter, quote = csv_dialect(resource)
    try:
        found = first_difference(
            csv_file, file, fields, delimiter, quote, safe_cells.declared(descriptor)
        )
    except (duckdb.Error, ValueError) as exc:
        message = f"parquet/{name}.parquet could not be compared with its CSV: {exc}"
        return [_violation("parquet", message, name)]
    if found is None:
        return []
    row, field = found
    message = (
        f"parquet/{name}.parquet differs from {resource.get('path')} at row {row}, field {field!r}"
    )
    return [_violation("parquet", message, name, row_number=row, field=field)]


def _check_checksums(root: Path, violations: list[Violation], digests: Digests) -> None:
    """When SHA256SUMS exists: every other file is listed once and matches its line."""
    sums = root / CHECKSUMS
    if not sums.is_file():
        return
    listed: dict[str, str] = {}
    try:
        text = sums.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        violations.append(_violation("checksums", f"{CHECKSUMS} is not readable: {exc}"))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        hexdigest, sep, relative = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", hexdigest):
            message = f"{CHECKSUMS} line {number} is not `<sha256>  <path>`: {line!r}"
            violations.append(_violation("checksums", message))
            continue
        listed[relative] = hexdigest
    present = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != CHECKSUMS
    }
    for relative in sorted(set(listed) | present):
        message = _checksum_problem(
            root, relative, listed.get(relative), relative in present, digests
        )
        if message:
            violations.append(_violation("checksums", message, value=relative))


def _checksum_problem(
    root: Path, relative: str, expected: str | None, present: bool, digests: Digests
) -> str:
    """Why one file fails SHA256SUMS, or "" when it verifies."""
    if expected is None:
        return f"{relative} is not listed in {CHECKSUMS}"
    file = _safe_file(root, relative)
    if not present or file is None:
        return f"{relative} is listed in {CHECKSUMS} but missing"
    actual, _ = digests.get(file)
    if actual != expected:
        return f"{relative}: {CHECKSUMS} says {expected}, the file has {actual}"
    return ""
