"""Commitment pages and member pages → raw page tables and member-list entries.

Runs the page reader on each file (HTML rendered to text first) and adds what the SQL
joins on: the member's slug (from the page's address, else its name), country code,
institution and policy-area ids, and fields derived from what the page shows. The
description is cleaned (hard wraps, bullets, PDF hyphenation: pipeline/raw/fields/description.py);
the reader's record keeps it as shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyarrow as pa

from pipeline.raw.discovery import SourceFile
from pipeline.raw.encodings import NotText, decode_text
from pipeline.raw.fields.dates import parse_loose_date
from pipeline.raw.fields.description import clean_description
from pipeline.raw.fields.institution_names import institution_columns
from pipeline.raw.identifiers.members import country_of, member_key
from pipeline.raw.identifiers.ogp_urls import parse_ogp_url
from pipeline.raw.readers.html_text import render_html
from pipeline.raw.readers.page import read_page
from pipeline.raw.readers.truncation import cut_line
from pipeline.raw.source_records import MemberListEntry, PageCommitment, PageReadResult, Reject
from pipeline.raw.tables import SCHEMAS, RawTables, checked_bytes
from pipeline.textutil import fold
from pipeline.vocabulary import policy_area_id

TABLES = (
    "page_files",
    "page_cuts",
    "page_commitments",
    "page_fields",
    "page_institutions",
    "page_policy_areas",
    "page_milestones",
    "page_notes",
    "member_list_entries",
)
_PLAN_YEARS = re.compile(r"(?P<start>(?:19|20)\d{2})\s*[-–—/]\s*(?P<end>(?:19|20)?\d{2})\s*\)?\s*$")
_END_OF_TERM_REPORT = re.compile(
    r"end[- ]of[- ]term|final report|fin de t[ée]rmino|fin de mandat", re.I
)


def derived_page_fields(fields: dict[str, str]) -> dict[str, str]:
    """Fields computed from what a page shows: parsed dates, plan end year, completion's report.

    The at-a-glance `Completion:` rates the latest IRM report the page lists: end of term
    when `IRM Report:` names an end-of-term report, else midterm. 2024+ pages give the
    dates as `Commitment Start:` / `Commitment End:` (month year): they are the start and
    end dates, as the status summaries' `Start date:` / `End date:` are on older pages.
    """
    derived: dict[str, str] = {}
    for name, label_2024 in (("start_date", "commitment_start"), ("end_date", "commitment_end")):
        shown = fields.get(name) or fields.get(label_2024)
        parsed = parse_loose_date(shown)
        if shown and name not in fields:
            derived[name] = shown
        if parsed:
            derived[f"{name}_parsed"] = parsed.iso
            derived[f"{name}_precision"] = parsed.precision
    if fields.get("primary_policy_area"):
        derived["primary_policy_area_id"] = policy_area_id(fields["primary_policy_area"])
    years = _PLAN_YEARS.search(fields.get("action_plan", ""))
    if years:
        start, end = years.group("start"), years.group("end")
        derived["action_plan_end_year"] = end if len(end) == 4 else start[:2] + end
    if "completion" in fields:
        latest = _END_OF_TERM_REPORT.search(fields.get("irm_report", ""))
        derived[f"completion_{'end_of_term' if latest else 'midterm'}_at_a_glance"] = fields[
            "completion"
        ]
    return derived


def extract_pages(sources: Iterable[SourceFile]) -> dict[str, pa.Table]:
    """Commitment pages and member pages → raw.page_* and raw.member_list_entries tables."""
    raw = RawTables()
    for source, data in checked_bytes(raw, sources):
        try:
            decoded = decode_text(data)
        except NotText as error:  # recognised as text, so only if it changed meanwhile
            raw.reject(source, Reject("file", "error", str(error)))
            continue
        if decoded.note:
            raw.reject(source, Reject("file", "warning", decoded.note))
        text, url, language = decoded.text, None, None
        if source.format == "html":
            rendered = render_html(text)
            text, url, language = rendered.text, rendered.canonical_url, rendered.language
        url = source.provenance.get("url") or url
        result = read_page(text, url=url, language=language)
        _add_page(raw, source, result, url)
        page = decoded.text.encode("utf-8")
        _add_capture(raw, source, result, cut_line(page, text, source.format))
    return raw.to_arrow({name: SCHEMAS[name] for name in TABLES})


# Page reader fields → the source field (source_values.sql) their value feeds.
_SOURCE_FIELD = {
    "lead_institution": "lead_institutions",
    "support_institution": "support_institutions",
    "institutions_involved": "involved_institutions",
}


def _cut_field(result: PageReadResult, cut: str) -> tuple[str, str, str] | None:
    """(location, commitment ID, source field) of the value the cut line ends, if any."""
    page, key = result.commitment, fold(cut)
    if result.member_list and key.endswith(fold(result.member_list[-1].policy_area or "\0")):
        last = result.member_list[-1]
        return last.location, last.commitment_id, "policy_area_id"
    if page is None:
        return None
    values: list[tuple[str, str | None]] = [
        ("description", page.description),
        ("notes", page.notes[-1].text if page.notes else None),
        ("milestones", page.milestones[-1].text if page.milestones else None),
        ("policy_areas", page.policy_areas[-1] if page.policy_areas else None),
        *((_SOURCE_FIELD.get(name, name), value) for name, value in page.fields.items()),
        ("title", page.title),
    ]
    for source_field, value in values:
        if value and fold(value).endswith(key):
            return page.location, page.commitment_id, source_field
    return None


def _add_capture(
    raw: RawTables, source: SourceFile, result: PageReadResult, cut: str | None
) -> None:
    """One row per page file (language, truncation); the cut value and a warning if cut."""
    raw.add(
        "page_files",
        source_id=source.source_id,
        language=result.language,
        truncated=cut is not None,
        cut_text=cut,
    )
    if cut is None:
        return
    where = _cut_field(result, cut)
    shown = cut if len(cut) <= 60 else "…" + cut[-60:]
    reason = f"the capture is cut off: it ends mid-way in {shown!r}; what is there was read"
    if where:
        location, commitment_id, source_field = where
        raw.add(
            "page_cuts",
            source_id=source.source_id,
            location=location,
            commitment_id=commitment_id,
            source_field=source_field,
        )
        reason += (
            f", and its '{source_field}' value is incomplete: used only where no complete "
            "source gives one"
        )
    else:
        location, commitment_id = "file", None
    raw.reject(source, Reject(f"end of file ({location})", "warning", reason, commitment_id))


def _add_page(raw: RawTables, source: SourceFile, result: PageReadResult, url: str | None) -> None:
    for reject in result.rejects:
        raw.reject(source, reject)
    if result.commitment is None and not result.member_list:
        what = source.kind.replace("_", " ")
        reason = f"recognised as a {what} but no commitment and no member-list entry could be read"
        raw.reject(source, Reject("file", "error", reason))
        return
    member = None
    if result.commitment:
        member = _add_commitment(raw, source, result.commitment, result.member_name, url)
    member = member or member_key(url, result.member_name)
    for entry in result.member_list:
        _add_entry(raw, source, entry, result.member_name, member)


def _add_commitment(
    raw: RawTables, source: SourceFile, page: PageCommitment, list_name: str | None, url: str | None
) -> str | None:
    """The page's commitment into the page tables; returns the member slug it gives."""
    page_url = page.url or url
    address = parse_ogp_url(page_url)
    if address and address.commitment_id and address.commitment_id != page.commitment_id:
        reason = (
            f"the page's address {page_url!r} names {address.commitment_id}, "
            f"its title {page.commitment_id}"
        )
        raw.reject(source, Reject(page.location, "warning", reason, page.commitment_id))
    name = page.member_name or list_name
    member = member_key(page_url, name)
    key = {
        "source_id": source.source_id,
        "location": page.location,
        "commitment_id": page.commitment_id,
    }
    raw.add(
        "page_commitments",
        **key,
        path=source.path,
        title=page.title,
        member_name=name,
        member_id=member,
        country_code=country_of(member, name),
        url=page_url,
        language=page.language,
        layout=page.layout,
        chrome=page.chrome,
        description=clean_description(page.description),
        format=source.format,
        retrieved_at=source.provenance.get("retrieved_at"),
    )
    for field_name, value in sorted({**page.fields, **derived_page_fields(page.fields)}.items()):
        raw.add("page_fields", **key, field=field_name, value=value)
    roles = (
        ("lead", page.lead_institutions),
        ("support", page.support_institutions),
        ("involved", page.involved_institutions),
    )
    for role, names in roles:
        for position, institution in enumerate(names, 1):
            raw.add(
                "page_institutions",
                **key,
                role=role,
                position=position,
                **institution_columns(institution),
            )
    for position, area in enumerate(page.policy_areas, 1):
        raw.add(
            "page_policy_areas",
            **key,
            position=position,
            name=area,
            policy_area_id=policy_area_id(area),
            is_primary=area == page.primary_policy_area,
        )
    for milestone in page.milestones:
        raw.add("page_milestones", **key, milestone_number=milestone.number, text=milestone.text)
    for note in page.notes:
        raw.add("page_notes", **key, note_number=note.number, text=note.text, url=note.url)
    return member


def _add_entry(
    raw: RawTables, source: SourceFile, entry: MemberListEntry, name: str | None, member: str | None
) -> None:
    raw.add(
        "member_list_entries",
        source_id=source.source_id,
        location=entry.location,
        commitment_id=entry.commitment_id,
        path=source.path,
        member_name=name,
        member_id=member,
        country_code=country_of(member, name),
        list_number=entry.list_number,
        title=entry.title,
        year=entry.year,
        policy_area=entry.policy_area,
        policy_area_id=policy_area_id(entry.policy_area) if entry.policy_area else None,
        starred=entry.starred,
        format=source.format,
        retrieved_at=source.provenance.get("retrieved_at"),
    )
