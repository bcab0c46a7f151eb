"""OGP export and archival OGP Explorer files → raw export rows, institutions, policy areas.

Runs the export reader on each file and adds the keys the SQL joins on: the member's
slug (from the row's URL, else its `Country/Locality`), ISO country code, institution
and policy-area ids. Explorer files carry no commitment IDs: they are read after every
export file, whose rows (with the titles pages and member lists give) identify them.
Both land in the same raw tables; `raw.source_files.kind` tells Explorer rows apart.
`Full Text` is cleaned like a page's description (pipeline/description.py), so the two
compare as text, not as line wrapping.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from pipeline.countries import code_for_name, code_for_ogp_code
from pipeline.description import clean_description
from pipeline.explorer_ids import ExplorerIds
from pipeline.members import member_key
from pipeline.raw_tables import SCHEMAS, RawTables, checked_bytes, export_rows_schema
from pipeline.readers.export import read_explorer, read_export
from pipeline.records import ExportReadResult
from pipeline.sources import SourceFile
from pipeline.textutil import slug
from pipeline.vocabulary import policy_area_id

EXPLORER_KIND = "ogp_explorer"


def extract_exports(
    sources: Iterable[SourceFile], known_titles: Iterable[tuple[str, str, str]] = ()
) -> dict[str, pa.Table]:
    """OGP export and Explorer files → raw.export_rows, raw.export_institutions,
    raw.export_policy_areas.

    `known_titles` are (member_id, title, commitment_id) from pages and member lists: an
    Explorer row whose plan and number match no export row may still match by title.
    """
    raw = RawTables()
    files = list(sources)
    ids = ExplorerIds(known_titles)
    exports = [source for source in files if source.kind != EXPLORER_KIND]
    for source, data in checked_bytes(raw, exports):
        result = read_export(data, source.format)
        for row in result.rows:
            ids.add_export_row(row)
        _add_result(raw, source, result)
    explorers = [source for source in files if source.kind == EXPLORER_KIND]
    for source, data in checked_bytes(raw, explorers):
        _add_result(raw, source, read_explorer(data, ids.identify, source.format))
    return raw.to_arrow(
        {
            "export_rows": export_rows_schema(),
            "export_institutions": SCHEMAS["export_institutions"],
            "export_policy_areas": SCHEMAS["export_policy_areas"],
        }
    )


def _add_result(raw: RawTables, source: SourceFile, result: ExportReadResult) -> None:
    """One file's rows, institutions, policy areas and rejects into the raw tables."""
    for reject in result.rejects:
        raw.reject(source, reject)
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
            name=institution.name,
            institution_id=slug(institution.name),
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
