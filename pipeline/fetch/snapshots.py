"""The snapshot store: every body fetched, kept once, immutable, with its provenance and
the history of every check of its address.

```
<snapshots>/<host>[_<port>]/<address path>/   one folder per address
    history.jsonl            one line per fetch: checked_at, status, outcome, sha256, ...
    <sha256>.<ext>           a body, named by its content, written once
    <sha256>.<ext>.meta.json its provenance (the sidecar pipeline/raw/discovery.py reads)
```
A body is written to a hidden temporary file and renamed into place only when complete;
the history is rewritten through a temporary file and a rename, under a lock on the
address folder, so two crawls at once never leave a half line. A failure adds a line and
changes nothing else: the last good body stays the address's snapshot.

`newest_snapshot` is what a release reads from an address folder: the body of the newest
check that had one (older bodies are history, not sources), cited with the time of the
fetch that first got those bytes, so a re-check answered 304 changes no release byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pipeline.atomic_files import write_atomically
from pipeline.locks import lock_folder

HISTORY = "history.jsonl"
SIDECAR_SUFFIX = ".meta.json"
PUBLISHER = "Open Government Partnership"
#: Content-Type (without parameters) → body file extension.
EXTENSIONS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/csv": "csv",
    "application/csv": "csv",
    "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
}
GOOD = ("new", "unchanged", "not_modified")


def address_folder(snapshots: Path, url: str) -> Path:
    """The folder of an address: host (port joined by `_`), then the path's segments,
    each percent-encoded so no segment can climb out (`..`) or hide (`.x`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown").lower() + (f"_{parts.port}" if parts.port else "")
    segments = [s for s in parts.path.split("/") if s]
    safe = [quote(s, safe="-_~()'!,;=@+") for s in segments]
    safe = ["%2E" + s[1:] if s.startswith(".") else s for s in safe]
    if parts.query:
        query = hashlib.sha256(parts.query.encode("utf-8")).hexdigest()[:12]
        safe.append(f"_query-{query}")
    return snapshots / host / Path(*(safe or ["_root"]))


def extension(content_type: str | None, url: str) -> str:
    """A body's file extension, from its Content-Type, else the address's, else `bin`."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in EXTENSIONS:
        return EXTENSIONS[media]
    suffix = Path(urlsplit(url).path).suffix.lstrip(".").lower()
    return suffix if suffix.isalnum() and len(suffix) <= 5 else "bin"


def read_history(folder: Path) -> list[dict[str, Any]]:
    """Every entry of an address's history, oldest first (unreadable lines skipped)."""
    try:
        lines = (folder / HISTORY).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return []
    entries = []
    for line in lines:
        with contextlib.suppress(json.JSONDecodeError):
            entry = json.loads(line)
            if isinstance(entry, dict):
                entries.append(entry)
    return entries


@dataclass(frozen=True)
class Snapshot:
    """An address's current snapshot: its body file and provenance to cite."""

    body: Path
    url: str
    final_url: str | None
    retrieved_at: str
    sha256: str
    kind: str | None = None  # the address's kind when fetched (addresses.Kind)

    @property
    def navigation(self) -> bool:
        """A members directory: fetched for its links, holding no commitment record."""
        return self.kind == "directory"


def good_entries(folder: Path) -> list[dict[str, Any]]:
    """The history entries of an address that name a body (a 200 or a 304), oldest first."""
    return [e for e in read_history(folder) if e.get("outcome") in GOOD and e.get("file")]


def newest_snapshot(folder: Path) -> Snapshot | None:
    """The body a release reads from an address folder, or None if it never had one."""
    entries = good_entries(folder)
    entries = [e for e in entries if _safe_name(str(e["file"])) and (folder / e["file"]).is_file()]
    if not entries:
        return None
    newest = entries[-1]
    first = newest
    for entry in reversed(entries):  # back through the run of these same bytes
        if entry.get("sha256") != newest.get("sha256"):
            break
        if entry.get("outcome") != "not_modified":
            first = entry
    return Snapshot(
        body=folder / str(newest["file"]),
        url=str(newest.get("url") or ""),
        final_url=newest.get("final_url"),
        retrieved_at=str(first.get("checked_at")),
        sha256=str(newest.get("sha256")),
        kind=newest.get("kind"),
    )


def _safe_name(name: str) -> bool:
    return "/" not in name and not name.startswith(".") and name not in ("", HISTORY)


def is_address_folder(folder: Path) -> bool:
    return (folder / HISTORY).is_file()


class SnapshotStore:
    """Writes bodies, sidecars and history lines into a snapshots folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, url: str) -> Path:
        return address_folder(self.root, url)

    def last_good(self, url: str) -> dict[str, Any] | None:
        """The newest history entry of an address that has a body (for conditional
        requests and for reading links again after a 304)."""
        good = good_entries(self.folder(url))
        return good[-1] if good else None

    def body_of(self, url: str, entry: dict[str, Any]) -> bytes:
        return (self.folder(url) / str(entry["file"])).read_bytes()

    def store(
        self,
        url: str,
        *,
        final_url: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        checked_at: str,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """Record a 200: its body once by content, its sidecar, a history line. Returns
        the line (outcome `new`, or `unchanged` when the address already has these bytes)."""
        folder = self.folder(url)
        sha = hashlib.sha256(body).hexdigest()
        name = f"{sha}.{extension(headers.get('content-type'), final_url)}"
        with lock_folder(folder, create=True):
            known = {e.get("sha256") for e in read_history(folder) if e.get("file")}
            outcome = "unchanged" if sha in known and (folder / name).is_file() else "new"
            if outcome == "new":
                sidecar = {
                    "url": url,
                    "final_url": final_url,
                    "retrieved_at": checked_at,
                    "status": status,
                    "etag": headers.get("etag"),
                    "last_modified": headers.get("last-modified"),
                    "content_type": headers.get("content-type"),
                    "sha256": sha,
                    "bytes": len(body),
                    "publisher": PUBLISHER,
                }
                _write_once(folder / name, body)
                _write_once(
                    folder / (name + SIDECAR_SUFFIX),
                    (json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
                )
            entry = self._entry(url, final_url, status, outcome, checked_at, headers, sha, name)
            entry["kind"] = kind
            _append(folder, entry)
        return entry

    def not_modified(
        self, url: str, *, final_url: str, headers: dict[str, str], checked_at: str
    ) -> dict[str, Any]:
        """Record a 304: checked at T, unchanged; no body is written."""
        folder = self.folder(url)
        with lock_folder(folder, create=True):
            good = good_entries(folder)
            last = good[-1] if good else {}
            entry = self._entry(
                url, final_url, 304, "not_modified", checked_at, headers,
                last.get("sha256"), last.get("file"),
            )  # fmt: skip
            entry["kind"] = last.get("kind")
            entry["etag"] = headers.get("etag") or last.get("etag")
            entry["last_modified"] = headers.get("last-modified") or last.get("last_modified")
            _append(folder, entry)
        return entry

    def failed(
        self, url: str, *, reason: str, status: int | None, checked_at: str
    ) -> dict[str, Any]:
        """Record a failed fetch; the address's last good body stays its snapshot."""
        folder = self.folder(url)
        entry = {
            "checked_at": checked_at, "url": url, "final_url": None, "status": status,
            "outcome": "failed", "reason": reason, "sha256": None, "file": None,
            "etag": None, "last_modified": None,
        }  # fmt: skip
        with lock_folder(folder, create=True):
            _append(folder, entry)
        return entry

    @staticmethod
    def _entry(
        url: str,
        final_url: str,
        status: int,
        outcome: str,
        checked_at: str,
        headers: dict[str, str],
        sha: str | None,
        name: str | None,
    ) -> dict[str, Any]:
        return {
            "checked_at": checked_at, "url": url, "final_url": final_url, "status": status,
            "outcome": outcome, "reason": None, "sha256": sha, "file": name,
            "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
        }  # fmt: skip


def _write_once(path: Path, data: bytes) -> None:
    """Write a file whole; an existing file (the same bytes: its name is their hash) is
    never replaced."""
    if not path.exists():
        write_atomically(path, data)


def _append(folder: Path, entry: dict[str, Any]) -> None:
    """Add a line to the history: the whole file rewritten and renamed into place."""
    history = folder / HISTORY
    old = history.read_bytes() if history.is_file() else b""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    write_atomically(history, old + line)
