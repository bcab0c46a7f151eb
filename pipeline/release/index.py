"""`<releases>/index.json`: every published release, its date, row counts and checksums.

The machine-readable table of contents of a releases folder: which versions exist, which
is `latest`, when each was created, how many rows each table holds and the sha256 of
every file (as its SHA256SUMS lists them), so a downloader can check a copy without
opening the release. It is rebuilt from the release folders themselves after every
publication (never edited in place), so it cannot drift from what is on disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.db import connect, scalar
from pipeline.release.layout import CHECKSUMS, DESCRIPTOR, QUALITY
from pipeline.release.reading import csv_dialect, csv_source, field_names, release_path


def release_folders(releases_dir: Path) -> list[Path]:
    """Published release folders: visible folders holding a descriptor and SHA256SUMS."""
    folders = []
    for path in sorted(releases_dir.iterdir()):
        if path.name.startswith(".") or path.is_symlink() or not path.is_dir():
            continue
        if (path / DESCRIPTOR).is_file() and (path / CHECKSUMS).is_file():
            folders.append(path)
    return folders


def _checksums(folder: Path) -> dict[str, str]:
    """path → sha256 as the release's SHA256SUMS states them."""
    files = {}
    for line in (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        if path:
            files[path] = digest
    return files


def _row_counts(folder: Path, descriptor: dict[str, Any]) -> dict[str, int]:
    """Rows per table: from quality.json when the release has one, else counted in the CSVs
    (by DuckDB: a quoted cell may span lines)."""
    quality = folder / QUALITY
    if quality.is_file():
        tables = json.loads(quality.read_text(encoding="utf-8")).get("tables", {})
        return {name: int(table["rows"]) for name, table in tables.items()}
    counts = {}
    with connect() as con:
        for resource in descriptor.get("resources", []):
            path = release_path(folder, resource["path"])
            delimiter, quote = csv_dialect(resource)
            source = csv_source(path, field_names(resource), delimiter, quote)
            counts[resource["name"]] = int(scalar(con, f"SELECT count(*) FROM {source}"))
    return counts


def release_entry(folder: Path) -> dict[str, Any]:
    """One release as index.json lists it."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    checksums = _checksums(folder)
    return {
        "version": descriptor.get("version", folder.name),
        "path": f"{folder.name}/",
        "created": descriptor.get("created"),
        "rows": _row_counts(folder, descriptor),
        "files": checksums,
    }


def previous_release(releases_dir: Path, version: str, created: str | None) -> Path | None:
    """The release a new one is compared with: the newest other release dated before it.

    "Newest" orders by (created, version), the index's order. It depends only on the
    releases already there and on the new release's own date and version, never on which
    one `latest` points at, so rebuilding a version gives the same changelog.
    """
    key = (created or "", version)
    older = [
        (entry_key, folder)
        for folder in release_folders(releases_dir)
        if folder.name != version and (entry_key := order_key(folder)) < key
    ]
    return max(older)[1] if older else None


def order_key(folder: Path) -> tuple[str, str]:
    """(created, version) of a release folder: how releases are ordered, oldest first."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    return descriptor.get("created") or "", descriptor.get("version", folder.name)


def build_index(releases_dir: Path, latest: str | None) -> dict[str, Any]:
    """The index of every release in `releases_dir`, oldest first (by created, version)."""
    entries = [release_entry(folder) for folder in release_folders(releases_dir)]
    entries.sort(key=lambda entry: (entry["created"] or "", entry["version"]))  # order_key
    return {"latest": latest, "releases": entries}


def render_index(index: dict[str, Any]) -> str:
    """index.json text: stable key order, UTF-8, LF."""
    return json.dumps(index, indent=2, ensure_ascii=False) + "\n"
