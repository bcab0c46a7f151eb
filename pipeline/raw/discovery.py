"""Finding raw files in the sources folders: checksums, sidecar provenance, kind by content.

Every file under a sources folder is a source, whatever its name or extension, except
hidden files and `<file>.meta.json` sidecars (which describe the file beside them, like
Our World in Data's snapshot metadata). What a file is comes from its bytes: an OGP
export or archival OGP Explorer header (in a CSV's first line, or in the first non-blank
row of an XLSX sheet), HTML markup, a `Title (ID)` line or member-list entries. A file that is
none of these is kept as an `unrecognised` source with a reject saying why; a file whose
bytes were already seen is read once.

A snapshots folder (pipeline/fetch/) is a sources folder too: in an address folder (one
holding `history.jsonl`) only the newest snapshot is a source, cited with the address
and the time of the fetch that first got its bytes. Older bodies are history, and so is
the history file; a members directory (fetched for its links) is no source either. The
source id comes from the address, so a page that changed is one source whose bytes
changed, not one gone and one new.

Hostile folders: a symbolic link is followed only while it stays inside its sources
folder; one leading outside is listed and rejected, never read. A file over
OGP_MAX_FILE_BYTES (default 8 GiB) is rejected unread; one that must be read whole (a
workbook or a page, not a CSV export, which streams) over OGP_MAX_WHOLE_FILE_BYTES
(default 256 MiB) too. Sizes come from the file system, so neither cap reads the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from pipeline.digests import file_digest
from pipeline.fetch.snapshots import HISTORY, Snapshot, newest_snapshot
from pipeline.raw.encodings import NotText, decode_text
from pipeline.raw.limits import MAX_FILE_BYTES, MAX_WHOLE_FILE_BYTES, cap
from pipeline.raw.readers.export import EXPLORER_MARKS, ID_HEADER, header_kind
from pipeline.raw.readers.xlsx import open_workbook, sheet_headers
from pipeline.raw.source_records import Reject
from pipeline.raw.utf8 import first_invalid_byte
from pipeline.textutil import COMMITMENT_ID

SIDECAR_SUFFIX = ".meta.json"
# A sidecar holds a few lines of provenance; one larger than this is not read.
SIDECAR_MAX_BYTES = 1 << 20
_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP's first entry, or an empty ZIP
_WORKBOOK_PART = "xl/workbook.xml"
_TITLE_LINE = re.compile(rf"\(\s*{COMMITMENT_ID}\s*\)", re.IGNORECASE)
_LIST_ID_LINE = re.compile(
    rf"(?:^|>)\s*{COMMITMENT_ID}\s*,\s*(?:\d{{4}})?\s*,", re.IGNORECASE | re.M
)
_SNIFF_BYTES = 65536
# Files up to this size are read whole to be recognised; larger ones as a stream.
WHOLE_FILE_BYTES = 16 << 20
OUTSIDE = "a symbolic link leading outside the sources folder: not followed, not read"
_PROVENANCE_KEYS = ("url", "retrieved_at", "license", "publisher", "title", "notes")


@dataclass(frozen=True)
class SourceFile:
    """One raw file: where it is, its checksum, what it was recognised as, its provenance."""

    source_id: str
    path: str
    location: Path
    sha256: str
    bytes: int
    kind: str
    format: str
    provenance: dict[str, str] = field(default_factory=dict)
    rejects: tuple[Reject, ...] = ()


@dataclass
class Discovery:
    files: list[SourceFile]
    duplicates: list[tuple[str, str, str]]  # (source_id, path, path of the first copy)


def source_id_of(path: str) -> str:
    """Stable source identifier: derived from the file's path in the sources folders, so a
    new capture of the same file (other bytes, same place) keeps its id and a release's
    changelog shows the file changed, not one file gone and another new. The bytes have
    their own column (`sha256`)."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]


def _described_file(path: Path) -> Path | None:
    """The file a `<file>.meta.json` sidecar describes, if `path` is named like a sidecar."""
    if not path.name.endswith(SIDECAR_SUFFIX) or path.name == SIDECAR_SUFFIX:
        return None
    return path.with_name(path.name[: -len(SIDECAR_SUFFIX)])


class AddressFolders:
    """The address folders met while walking a sources folder, and each one's newest
    snapshot (looked up once per folder)."""

    def __init__(self) -> None:
        self._folders: dict[Path, Snapshot | None] = {}
        self._plain: set[Path] = set()

    def snapshot(self, folder: Path) -> Snapshot | None:
        """The newest snapshot of an address folder (None: not one, or no body yet)."""
        self.is_history(folder / HISTORY)
        return self._folders.get(folder)

    def is_history(self, path: Path) -> bool:
        """Whether a file is history, not a source: anything in an address folder but the
        newest snapshot's body and sidecar (which describes it and is read as such)."""
        folder = path.parent
        if folder in self._plain:
            return False
        if folder not in self._folders:
            if not (folder / HISTORY).is_file():
                self._plain.add(folder)
                return False
            self._folders[folder] = newest_snapshot(folder)
        snapshot = self._folders[folder]
        if snapshot is None or snapshot.navigation:
            return True  # no body yet, or a members directory: links, not records
        return path not in (
            snapshot.body,
            snapshot.body.with_name(snapshot.body.name + SIDECAR_SUFFIX),
        )


def _walk(root: Path, addresses: AddressFolders | None = None) -> Iterator[Path]:
    inside = root.resolve()
    addresses = AddressFolders() if addresses is None else addresses
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not _leads_inside(path, inside):
            if path.is_symlink():  # reported, never followed (a linked folder: the link)
                yield path
            continue
        if not path.is_file():
            continue
        if addresses.is_history(path):
            continue  # an older body, its sidecar or the history of an address folder
        described = _described_file(path)
        # A sidecar describes the file beside it; one with no such file is a raw file like
        # any other (recognised by content), never silently skipped.
        if described is None or not described.is_file():
            yield path


def _leads_inside(path: Path, root: Path) -> bool:
    """Whether `path`, every symbolic link on the way followed, stays inside `root`."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _unread(location: Path, relative: str, reason: str) -> SourceFile:
    """A file discovery refuses to read: listed, and rejected with `reason`. Its checksum
    is that of its name, since its bytes are never read."""
    return SourceFile(
        source_id=source_id_of(relative),
        path=relative,
        location=location,
        sha256=hashlib.sha256(relative.encode("utf-8")).hexdigest(),
        bytes=0,
        kind="unrecognised",
        format="unknown",
        rejects=(Reject("file", "error", reason),),
    )


def _read_sidecar(path: Path, inside: Path) -> tuple[dict[str, str], list[Reject]]:
    """Provenance from `<file>.meta.json`; a broken sidecar is a warning, never a crash.

    Like a raw file, a sidecar linked from outside the sources folder is never read, and
    one that is no regular file or is larger than any provenance (SIDECAR_MAX_BYTES) is
    not read either.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists() and not sidecar.is_symlink():
        return {}, []
    unread = None
    if not _leads_inside(sidecar, inside):
        unread = "is a link leading outside the sources folder (not followed)"
    elif not sidecar.is_file():
        unread = "is not a regular file"
    elif sidecar.stat().st_size > SIDECAR_MAX_BYTES:
        unread = f"is over {SIDECAR_MAX_BYTES} bytes, more than any provenance"
    if unread:
        return {}, [Reject("sidecar", "warning", f"{sidecar.name} {unread}; provenance not read")]
    try:
        text = sidecar.read_text(encoding="utf-8")
    except OSError as error:
        reason = f"{sidecar.name} could not be read ({error.strerror}); provenance not read"
        return {}, [Reject("sidecar", "warning", reason)]
    except UnicodeDecodeError as error:
        return {}, [
            Reject(
                "sidecar",
                "warning",
                f"{sidecar.name} is not UTF-8 text ({error}); provenance not read",
            )
        ]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return {}, [
            Reject(
                "sidecar",
                "warning",
                f"{sidecar.name} is not valid JSON ({error}); provenance not read",
            )
        ]
    if not isinstance(data, dict):
        return {}, [
            Reject(
                "sidecar", "warning", f"{sidecar.name} is not a JSON object; provenance not read"
            )
        ]
    provenance = {
        k: str(data[k]).strip() for k in _PROVENANCE_KEYS if data.get(k) not in (None, "")
    }
    rejects = []
    if "retrieved_at" in provenance:
        try:
            stamp = datetime.fromisoformat(provenance["retrieved_at"].replace("Z", "+00:00"))
        except ValueError:
            bad = provenance.pop("retrieved_at")
            rejects.append(
                Reject(
                    "sidecar",
                    "warning",
                    f"{sidecar.name}: retrieved_at {bad!r} is not an ISO 8601 date/time; ignored",
                )
            )
        else:
            # A time without a zone is read as UTC, never as this machine's zone.
            stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
            provenance["retrieved_at"] = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return provenance, rejects


def recognise(data: bytes) -> tuple[str, str, str | None]:
    """(kind, format, reason) of a file's bytes; reason says why a file is unrecognised.

    Cheap by design (a look at the first bytes and a few patterns; for a ZIP, its
    directory and the first rows of each sheet): the readers parse.
    """
    if not data:
        return "unrecognised", "unknown", "empty file (0 bytes)"
    if data.startswith(_ZIP_MAGIC):
        return _recognise_zip(data)
    try:
        text = decode_text(data).text
    except NotText as error:
        return "unrecognised", "unknown", str(error)
    if not text.strip():
        return "unrecognised", "text", "no content: the file holds only white space"
    table = _table_kind(text[:_SNIFF_BYTES])
    if table:
        return table, "csv", None
    file_format = "html" if _HTML.search(text[:_SNIFF_BYTES]) else "text"
    if _TITLE_LINE.search(text):
        return "commitment_page", file_format, None
    if _LIST_ID_LINE.search(text):
        return "member_page", file_format, None
    return (
        "unrecognised",
        file_format,
        "not a commitment page, member list or OGP export: no 'Title (ID)' line, no "
        "'ID, YEAR, AREA' list entry and no 'Commitment Unique Identifier' (export) or "
        "'Comm No' and 'Short Title' (OGP Explorer) header",
    )


def _table_kind(head: str) -> str | None:
    """The kind of a CSV whose first line is an OGP export or Explorer header (header_kind:
    also one whose identifying columns were renamed or dropped, which its reader rejects
    saying so); None for any other first line, one the csv module cannot split included."""
    first_line = head.splitlines()[0] if head else ""
    if "," not in first_line:
        return None
    try:
        names = next(csv.reader([first_line]), [])
    except csv.Error:
        return None
    return header_kind([name.strip() for name in names])


def _workbook_kind(workbook: Workbook) -> str | None:
    """The kind of the first sheet whose first non-blank row is an OGP header."""
    for _, _, names in sheet_headers(workbook):
        kind = header_kind(names)
        if kind:
            return kind
    return None


def _recognise_zip(data: bytes) -> tuple[str, str, str | None]:
    """An XLSX workbook with an OGP export or Explorer sheet; any other ZIP is unrecognised.

    Cheap: the ZIP's directory, then the first rows of each sheet (openpyxl read-only).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        return "unrecognised", "unknown", f"a corrupt ZIP archive ({error}): not a readable XLSX"
    if _WORKBOOK_PART not in names:
        reason = f"a ZIP archive, not an XLSX workbook (it has no {_WORKBOOK_PART})"
        return "unrecognised", "unknown", reason
    workbook = open_workbook(data)
    if isinstance(workbook, str):
        return "unrecognised", "xlsx", workbook
    try:
        kind = _workbook_kind(workbook)
    except Exception as error:  # a sheet openpyxl cannot parse
        reason = f"an XLSX workbook whose sheets cannot be read ({type(error).__name__}: {error})"
        return "unrecognised", "xlsx", reason
    finally:
        workbook.close()
    if kind is None:
        reason = (
            "an XLSX workbook whose sheets have no OGP export header: no sheet's first "
            f"non-blank row holds '{ID_HEADER}' or the Explorer's "
            f"{' and '.join(repr(m) for m in EXPLORER_MARKS)}"
        )
        return "unrecognised", "xlsx", reason
    return kind, "xlsx", None


def recognise_file(path: Path, size: int) -> tuple[str, str, str | None]:
    """recognise() for a file on disk, holding a large one whole only when it must.

    A file over WHOLE_FILE_BYTES is checked for UTF-8 chunk by chunk and recognised by
    its first line (an export or Explorer CSV); only a large file of another kind (a ZIP,
    or text that is not a table) is read whole, as a small one always is.
    """
    if size <= WHOLE_FILE_BYTES:
        return recognise(path.read_bytes())
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(_ZIP_MAGIC):
        return _whole(path, size, "xlsx")
    bad = first_invalid_byte(path)
    if bad is not None:
        reason = (
            f"not UTF-8 text (invalid byte at offset {bad[0]}); a file over "
            f"{WHOLE_FILE_BYTES} bytes is read as a stream and must be UTF-8"
        )
        return "unrecognised", "unknown", reason
    table = _table_kind(head.decode("utf-8-sig", errors="ignore"))
    if table:
        return table, "csv", None
    return _whole(path, size, "unknown")


def _whole(path: Path, size: int, file_format: str) -> tuple[str, str, str | None]:
    """recognise() of a large file that can only be read whole (a workbook, a page),
    unless it is over the cap for such files (OGP_MAX_WHOLE_FILE_BYTES; default 256 MiB)."""
    most = cap(MAX_WHOLE_FILE_BYTES)
    if size > most:
        reason = (
            f"file of {size} bytes must be read whole (not a CSV export, which is read as a "
            f"stream) and is over the cap of {most} bytes ({MAX_WHOLE_FILE_BYTES}): not read"
        )
        return "unrecognised", file_format, reason
    return recognise(path.read_bytes())


def discover(roots: Sequence[Path]) -> Discovery:
    """Every raw file under the sources folders, recognised and checksummed, in a stable order."""
    files: list[SourceFile] = []
    duplicates: list[tuple[str, str, str]] = []
    seen: dict[str, str] = {}  # sha256 → path of the first file with those bytes
    most = cap(MAX_FILE_BYTES)
    for root in roots:
        inside = root.resolve()
        addresses = AddressFolders()
        for location in _walk(root, addresses):
            relative = location.relative_to(root).as_posix()
            if len(roots) > 1:
                # The folder's own name, also when it was given as `.` or `..`.
                relative = f"{Path(os.path.abspath(root)).name}/{relative}"
            snapshot = addresses.snapshot(location.parent)
            identity = relative.rpartition("/")[0] + "/" if snapshot else relative
            if not _leads_inside(location, inside):
                files.append(_unread(location, relative, OUTSIDE))
                continue
            size = location.stat().st_size
            if size > most:
                reason = (
                    f"file of {size} bytes is over the size cap of {most} bytes "
                    f"({MAX_FILE_BYTES}): not read"
                )
                files.append(_unread(location, relative, reason))
                continue
            sha256, size = file_digest(location)
            if sha256 in seen:
                duplicates.append((source_id_of(seen[sha256]), relative, seen[sha256]))
                continue
            seen[sha256] = relative
            provenance, rejects = _read_sidecar(location, inside)
            if snapshot:  # the address and the first fetch of these bytes, from the history
                provenance.update(url=snapshot.url, retrieved_at=snapshot.retrieved_at)
            kind, file_format, reason = recognise_file(location, size)
            described = _described_file(location)
            if reason and described is not None:
                reason = f"named like the sidecar of {described.name}, which is not there; {reason}"
            if reason:
                rejects.append(Reject("file", "error", reason))
            files.append(
                SourceFile(
                    source_id=source_id_of(identity),
                    path=relative,
                    location=location,
                    sha256=sha256,
                    bytes=size,
                    kind=kind,
                    format=file_format,
                    provenance=provenance,
                    rejects=tuple(rejects),
                )
            )
    return Discovery(files=files, duplicates=duplicates)
