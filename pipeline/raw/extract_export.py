"""OGP export and archival OGP Explorer files → raw export rows, institutions, policy areas.

Runs the export reader on each file and adds the keys the SQL joins on: the member's
slug (from the row's URL, else its `Country/Locality`), ISO country code, institution
and policy-area ids. Explorer files carry no commitment IDs: they are read after every
export file, whose rows (with the titles pages and member lists give) identify them.
Both land in the same raw tables; `raw.source_files.kind` tells Explorer rows apart.
Each file's header columns land in `raw.export_header` (column_coverage reads them).
`Full Text` is cleaned like a page's description (pipeline/raw/fields/description.py), so the two
compare as text, not as line wrapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyarrow as pa

from pipeline.raw.discovery import SourceFile
from pipeline.raw.fields.description import clean_description
from pipeline.raw.fields.institution_names import institution_columns
from pipeline.raw.identifiers.countries import code_for_name, code_for_ogp_code
from pipeline.raw.identifiers.explorer_ids import ExplorerIds
from pipeline.raw.identifiers.members import member_key
from pipeline.raw.readers.export import read_explorer, read_export
from pipeline.raw.source_records import ExportReadResult
from pipeline.raw.tables import (
    SCHEMAS,
    RawTables,
    checked_paths,
    export_rows_schema,
    unchanged,
)
from pipeline.vocabulary import policy_area_id

EXPLORER_KIND = "ogp_explorer"


def export_schemas() -> dict[str, pa.Schema]:
    """The raw tables the export readers fill (`rejects` besides)."""
    return {
        "export_rows": export_rows_schema(),
        "export_institutions": SCHEMAS["export_institutions"],
        "export_policy_areas": SCHEMAS["export_policy_areas"],
        "export_header": SCHEMAS["export_header"],
    }


def extract_exports(
    sources: Iterable[SourceFile], known_titles: Iterable[tuple[str, str, str]] = ()
) -> dict[str, pa.Table]:
    """OGP export and Explorer files → raw.export_rows, raw.export_institutions,
    raw.export_policy_areas, in memory (stream_exports' batches put together)."""
    batches: list[dict[str, pa.Table]] = []
    stream_exports(sources, batches.append, known_titles)
    schemas = {**export_schemas(), "rejects": SCHEMAS["rejects"]}
    return {
        name: pa.concat_tables([schema.empty_table(), *(b[name] for b in batches)])
        for name, schema in schemas.items()
    }


def stream_exports(
    sources: Iterable[SourceFile],
    sink: Callable[[dict[str, pa.Table]], None],
    known_titles: Iterable[tuple[str, str, str]] = (),
) -> None:
    """Read export and Explorer files, handing `sink` the raw tables batch by batch.

    Each batch holds the tables of export_schemas() plus `rejects`, for a few thousand
    rows: memory stays flat whatever the export's size (CSV files are read as streams).
    `known_titles` are (member_id, title, commitment_id) from pages and member lists: an
    Explorer row whose plan and number match no export row may still match by title.
    A file that changes while it is read raises ValueError naming it: what was recorded
    in `sources` must be what was read, and rows of it may already be in the sink.
    """
    raw = RawTables()
    schemas = export_schemas()
    files = list(sources)
    explorers = [source for source in files if source.kind == EXPLORER_KIND]
    ids = ExplorerIds(known_titles)
    for source, path in checked_paths(raw, [s for s in files if s.kind != EXPLORER_KIND]):

        def export_batch(result: ExportReadResult, source: SourceFile = source) -> None:
            if explorers:  # only Explorer rows need the export's keys and titles
                for row in result.rows:
                    ids.add_export_row(row)
            _add_result(raw, source, result)
            sink(raw.drain(schemas))

        export_batch(read_export(path, source.format, on_batch=export_batch))
        _check_unchanged(source)
    for source, path in checked_paths(raw, explorers):

        def explorer_batch(result: ExportReadResult, source: SourceFile = source) -> None:
            _add_result(raw, source, result)
            sink(raw.drain(schemas))

        explorer_batch(read_explorer(path, ids.identify, source.format, explorer_batch))
        _check_unchanged(source)
    sink(raw.drain(schemas))  # rejects of files that changed before they were read


def _check_unchanged(source: SourceFile) -> None:
    """ValueError when a file no longer has the checksum it had when it was read."""
    if not unchanged(source):
        raise ValueError(
            f"{source.path}: the file changed while it was being read; run again on a "
            "sources folder nothing writes to"
        )


def _add_result(raw: RawTables, source: SourceFile, result: ExportReadResult) -> None:
    """One file's rows, institutions, policy areas, rejects and header columns into the
    raw tables."""
    for reject in result.rejects:
        raw.reject(source, reject)
    for column in result.columns:
        raw.add(
            "export_header",
            source_id=source.source_id,
            position=column.position,
            name=column.name,
            status=column.status,
        )
    locations: dict[int, str] = {}
    for row in result.rows:
        values = row.values
        locations[row.row_number] = row.location
        raw.add(
            "export_rows",
            source_id=source.source_id,
            location=row.location,
            commitment_id=row.commitment_id,
            path=source.path,
            row_number=row.row_number,
            member_id=member_key(values.get("url"), values.get("country_locality")),
            country_code=code_for_ogp_code(values.get("code"))
            or code_for_name(values.get("country_locality")),
            retrieved_at=source.provenance.get("retrieved_at"),
            **{**values, "full_text": clean_description(values.get("full_text"))},
        )
    for institution in result.institutions:
        raw.add(
            "export_institutions",
            source_id=source.source_id,
            location=locations[institution.row_number],
            commitment_id=institution.commitment_id,
            role=institution.role,
            position=institution.position,
            **institution_columns(institution.name),
        )
    for area in result.policy_areas:
        raw.add(
            "export_policy_areas",
            source_id=source.source_id,
            location=locations[area.row_number],
            commitment_id=area.commitment_id,
            name=area.name,
            policy_area_id=policy_area_id(area.name),
            value=area.value,
        )
