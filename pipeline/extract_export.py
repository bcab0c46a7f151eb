"""OGP commitments export files → raw export rows, institutions and policy-area flags.

Runs the export reader on each file and adds the keys the SQL joins on: the member's
slug (from the row's URL, else its `Country/Locality`), ISO country code, institution
and policy-area ids.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from pipeline.countries import code_for_name, code_for_ogp_code
from pipeline.extract_pages import member_key
from pipeline.raw_tables import SCHEMAS, RawTables, checked_bytes, export_rows_schema
from pipeline.readers.export import read_export
from pipeline.sources import SourceFile
from pipeline.textutil import slug
from pipeline.vocabulary import policy_area_id


def extract_exports(sources: Iterable[SourceFile]) -> dict[str, pa.Table]:
    """OGP export files → raw.export_rows, raw.export_institutions, raw.export_policy_areas."""
    raw = RawTables()
    for source, data in checked_bytes(raw, sources):
        _add_export(raw, source, data)
    return raw.to_arrow(
        {
            "export_rows": export_rows_schema(),
            "export_institutions": SCHEMAS["export_institutions"],
            "export_policy_areas": SCHEMAS["export_policy_areas"],
        }
    )


def _add_export(raw: RawTables, source: SourceFile, data: bytes) -> None:
    result = read_export(data)
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
            **values,
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
