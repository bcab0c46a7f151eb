"""Source records: what the readers extract from raw files, before any normalisation.

Readers fill these with text exactly as the source shows it (whitespace tidied, nothing
mapped to codes); DuckDB SQL does the mapping to canonical codes. Nothing here knows
about DuckDB or Dagster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Reject:
    """A problem found while reading: `error` = record dropped, `warning` = kept with a caveat."""

    location: str
    severity: Severity
    reason: str
    commitment_id: str | None = None


@dataclass(frozen=True)
class Milestone:
    number: int
    text: str


@dataclass(frozen=True)
class Note:
    """An inline footnote `[Note N: text, URL ]` of a commitment page."""

    number: int
    text: str
    url: str | None


@dataclass
class PageCommitment:
    """One commitment as a commitment page shows it.

    `fields` maps a canonical field name (the `field` column of vocab/page_labels.csv,
    e.g. "status", "early_results", "completion_midterm") to the value text as shown,
    doubled values and decorations included ("Did Not Change Did Not Change"): the
    SQL normalisation reads them. Derived per-value fields the reader splits out of a
    list (e.g. "relevant_access_to_information" = "yes"/"no") are added here too.
    """

    commitment_id: str
    location: str
    title: str | None
    member_name: str | None
    url: str | None = None
    language: str = "en"
    layout: str = "unknown"  # pre2020 | 2020_2023 | 2024 | unknown
    chrome: str = "full"  # full | stripped | no_at_a_glance | compact
    fields: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    policy_areas: list[str] = field(default_factory=list)
    lead_institutions: list[str] = field(default_factory=list)
    support_institutions: list[str] = field(default_factory=list)
    involved_institutions: list[str] = field(default_factory=list)  # 2024+: no lead/support
    primary_policy_area: str | None = None  # 2024+ `Primary Policy Area:`
    milestones: list[Milestone] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class MemberListEntry:
    """One numbered entry of a member's list of commitments (`N. Title` / `ID, YEAR, AREA`)."""

    location: str
    list_number: int
    commitment_id: str
    title: str
    year: int | None
    policy_area: str | None
    starred: bool


@dataclass
class PageReadResult:
    """Everything one page-like file (commitment page or member page) yielded."""

    commitment: PageCommitment | None
    member_name: str | None
    member_list: list[MemberListEntry] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    language: str = "en"  # the page's (its commitment's, else its member list heading's)


@dataclass(frozen=True)
class ExportRow:
    """One data row of OGP's commitments export, cells keyed by raw column name.

    A row of the archival OGP Explorer export is one too: its commitment ID is the one it
    was matched to (pipeline.raw.identifiers.explorer_ids), and the columns it lacks are None.
    `values` maps the snake_case raw column names of vocab/export_columns.csv to the
    cell text as found (trimmed; empty cells are None; placeholders such as ND/NR/NA are
    kept: the SQL maps them). Parsed dates are added as `start_date_parsed` (ISO
    `YYYY-MM-DD`), `start_date_precision` (`day`/`month`/`year`), likewise `end_date_*`.
    """

    location: str
    row_number: int
    commitment_id: str
    values: dict[str, str | None]


@dataclass(frozen=True)
class ExportInstitution:
    """An institution named in an export row's Lead Institution / Supporting Institution(s) cell."""

    row_number: int
    commitment_id: str
    role: Literal["lead", "support"]
    position: int
    name: str


@dataclass(frozen=True)
class ExportPolicyArea:
    """A binary policy-area column of an export row that holds `1` (or `ND`, no data)."""

    row_number: int
    commitment_id: str
    name: str
    value: str


ColumnStatus = Literal["read", "ignored", "unknown", "missing"]


@dataclass(frozen=True)
class HeaderColumn:
    """A column of an export or Explorer file's header, or one of its kind it lacks, and
    what the reader did with it: `read`; `ignored` (a second column of a field already
    read); `unknown` (not a column of the format); `missing` (no position)."""

    name: str
    position: int | None  # 1-based place in the header; None when missing
    status: ColumnStatus


@dataclass
class ExportReadResult:
    """Everything one export or Explorer file (CSV or XLSX) yielded.

    `columns` is the file's column coverage, once its header is read (empty when the file
    could not be read that far); a batch handed over while reading carries none.
    """

    header: list[str]
    rows: list[ExportRow] = field(default_factory=list)
    institutions: list[ExportInstitution] = field(default_factory=list)
    policy_areas: list[ExportPolicyArea] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    columns: list[HeaderColumn] = field(default_factory=list)
