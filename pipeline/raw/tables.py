"""The raw record tables: their shapes, declared once, and the accumulator readers fill.

Raw tables hold what the readers extracted, as text, plus the keys the SQL joins on
(member slug, country code, policy-area and institution ids, parsed dates). They land in
DuckDB's `raw` schema; the published shapes are in datapackage.json, not here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pipeline.raw.discovery import Discovery, SourceFile
from pipeline.raw.source_records import Reject
from pipeline.vocabulary import read_vocab

_TYPES = {"text": pa.string(), "int": pa.int64(), "bool": pa.bool_()}


def columns(spec: str) -> pa.Schema:
    """`a b:int c:bool` → an Arrow schema; columns are text unless typed."""
    fields = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        fields.append((name, _TYPES[kind or "text"]))
    return pa.schema(fields)


RECORD_KEY = "source_id location commitment_id"
# One institution name (pipeline/raw/fields/institution_names.py, `institution_columns`).
INSTITUTION_COLUMNS = "name name_key base_name acronym acronym_key kind international_key"
PROVENANCE_COLUMNS = ("url", "retrieved_at", "publisher", "license", "title", "notes")
SCHEMAS: dict[str, pa.Schema] = {
    "rejects": columns("source_id path location severity reason commitment_id"),
    "source_files": columns(
        "source_id path location sha256 bytes:int kind format " + " ".join(PROVENANCE_COLUMNS)
    ),
    "page_files": columns("source_id language truncated:bool cut_text"),
    "page_cuts": columns(f"{RECORD_KEY} source_field"),
    "page_commitments": columns(
        f"{RECORD_KEY} path title member_name member_id country_code url language layout "
        "chrome description format retrieved_at"
    ),
    "page_fields": columns(f"{RECORD_KEY} field value"),
    "page_institutions": columns(f"{RECORD_KEY} role position:int {INSTITUTION_COLUMNS}"),
    "page_policy_areas": columns(f"{RECORD_KEY} position:int name policy_area_id is_primary:bool"),
    "page_milestones": columns(f"{RECORD_KEY} milestone_number:int text"),
    "page_notes": columns(f"{RECORD_KEY} note_number:int text url"),
    "member_list_entries": columns(
        f"{RECORD_KEY} path member_name member_id country_code list_number:int title year:int "
        "policy_area policy_area_id starred:bool format retrieved_at"
    ),
    "export_institutions": columns(f"{RECORD_KEY} role position:int {INSTITUTION_COLUMNS}"),
    "export_policy_areas": columns(f"{RECORD_KEY} name policy_area_id value"),
    # Each column of an export or Explorer file's header, and each of its format's columns
    # it lacks (position NULL), with what the reader did: read/ignored/unknown/missing.
    "export_header": columns("source_id position:int name status"),
}
EXPORT_DATE_COLUMNS = "start_date_parsed start_date_precision end_date_parsed end_date_precision"


def export_rows_schema() -> pa.Schema:
    """raw.export_rows: keys, every export column in vocab/export_columns.csv, parsed dates."""
    registered = " ".join(dict.fromkeys(row["column"] for row in read_vocab("export_columns")))
    return columns(
        f"{RECORD_KEY} path row_number:int member_id country_code retrieved_at "
        f"{registered} {EXPORT_DATE_COLUMNS}"
    )


@dataclass
class RawTables:
    """Rows for each raw table of one reader, plus its rejects, turned into Arrow at the end."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    rejects: list[dict[str, object]] = field(default_factory=list)

    def add(self, table: str, **row: object) -> None:
        self.rows.setdefault(table, []).append(row)

    def reject(self, source: SourceFile, reject: Reject) -> None:
        self.rejects.append(
            {
                "source_id": source.source_id,
                "path": source.path,
                "location": reject.location,
                "severity": reject.severity,
                "reason": reject.reason,
                "commitment_id": reject.commitment_id,
            }
        )

    def to_arrow(self, tables: dict[str, pa.Schema]) -> dict[str, pa.Table]:
        """One Arrow table per name in `tables` (empty if no rows), plus `rejects`."""
        result = {
            name: pa.Table.from_pylist(self.rows.get(name, []), schema=schema)
            for name, schema in tables.items()
        }
        result["rejects"] = pa.Table.from_pylist(self.rejects, schema=SCHEMAS["rejects"])
        return result

    def drain(self, tables: dict[str, pa.Schema]) -> dict[str, pa.Table]:
        """to_arrow, then forget the rows: a reader handing over batches stays small."""
        result = self.to_arrow(tables)
        self.rows, self.rejects = {}, []
        return result


CHANGED = Reject("file", "error", "file changed or vanished after it was checksummed; not read")


def checked_bytes(
    raw: RawTables, sources: Iterable[SourceFile]
) -> Iterator[tuple[SourceFile, bytes]]:
    """Each file with its bytes, as checksummed; a file that changed or vanished since is
    rejected instead (what was recorded in `sources` is what was read)."""
    for source in sources:
        try:
            data = source.location.read_bytes()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != source.sha256:
            raw.reject(source, CHANGED)
            continue
        yield source, data


def checked_paths(
    raw: RawTables, sources: Iterable[SourceFile]
) -> Iterator[tuple[SourceFile, Path]]:
    """checked_bytes for files read as streams: each file's path once its checksum (read
    chunk by chunk) is still the recorded one; a file that changed or vanished is rejected.
    The caller checks again after reading (`unchanged`): the file may change meanwhile."""
    for source in sources:
        if unchanged(source):
            yield source, source.location
        else:
            raw.reject(source, CHANGED)


def unchanged(source: SourceFile) -> bool:
    """Whether the file still has the sha256 recorded when the sources were discovered."""
    digest = hashlib.sha256()
    try:
        with source.location.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == source.sha256


def source_tables(discovery: Discovery) -> dict[str, pa.Table]:
    """raw.source_files (one row per distinct file) and the rejects found while discovering."""
    raw = RawTables()
    by_id = {source.source_id: source for source in discovery.files}
    for source in discovery.files:
        raw.add(
            "source_files",
            source_id=source.source_id,
            path=source.path,
            location=str(source.location),
            sha256=source.sha256,
            bytes=source.bytes,
            kind=source.kind,
            format=source.format,
            **{key: source.provenance.get(key) for key in PROVENANCE_COLUMNS},
        )
        for reject in source.rejects:
            raw.reject(source, reject)
    for source_id, path, first in discovery.duplicates:
        reason = f"{path} has the same bytes as {first}; read once"
        raw.reject(by_id[source_id], Reject(f"copy at {path}", "warning", reason))
    return raw.to_arrow({"source_files": SCHEMAS["source_files"]})


def source_files_from_arrow(table: pa.Table) -> list[SourceFile]:
    """SourceFile objects back from raw.source_files rows (how later stages find the files)."""
    return [
        SourceFile(
            source_id=row["source_id"],
            path=row["path"],
            location=Path(row["location"]),
            sha256=row["sha256"],
            bytes=row["bytes"],
            kind=row["kind"],
            format=row["format"],
            provenance={key: row[key] for key in PROVENANCE_COLUMNS if row[key] is not None},
        )
        for row in table.to_pylist()
    ]


def files_of_kind(files: list[SourceFile], *kinds: str) -> list[SourceFile]:
    """The files recognised as one of `kinds`, in discovery order."""
    return [source for source in files if source.kind in kinds]
