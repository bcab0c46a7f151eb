"""The release's quality report (`quality.json`), computed from the published CSV files.

Readers of a release want to know how complete it is before they rely on it: how many
values each table and field holds, how complete each member's commitments are, what
was rejected and why, where the sources disagreed, and what changed since the last
release. Everything is counted by DuckDB over the release's own `csv/<table>.csv`
files (read as text: an empty cell is a missing value), so the report describes
exactly what was published, and no table is ever loaded into Python.

The report is deterministic: the same release folder and `change` give the same dict,
with every key order fixed by construction, and `render_quality_json` turns it into
the same bytes.

Not here: writing the file into a release (build.py), the change summary itself
(pipeline/release/changes/), the landing page.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipeline.contract import quote_ident
from pipeline.db import connect, first_row
from pipeline.release.layout import DESCRIPTOR
from pipeline.release.reading import create_text_views

#: Decimals of every ratio: enough to tell 99.99% from 100%, few enough to read.
DECIMALS = 4
#: Rows fetched from DuckDB at a time when grouping reject reasons in Python.
BATCH_ROWS = 10_000

#: The commitment fields a reader cares about, in report order: the member section
#: gives each one's share of the member's commitments that have it.
MEMBER_FIELDS = ("title", "description", "status", "action_plan_id", "start_date", "end_date")
#: The IRM ratings (the irm_assessments fields of datapackage.json): a commitment counts as
#: assessed when its irm_assessments row has at least one of them filled. The
#: `*_null_reason`, report-year and report columns say why a rating is absent or
#: where it comes from; they are not ratings.
IRM_RATINGS = (
    "specificity",
    "verifiable",
    "relevant_access_to_information",
    "relevant_civic_participation",
    "relevant_public_accountability",
    "relevant_technology",
    "potential_impact",
    "ambition",
    "potential_for_results",
    "completion_midterm",
    "completion_end_of_term",
    "did_it_open_government",
    "did_it_open_government_access_to_information",
    "did_it_open_government_civic_participation",
    "did_it_open_government_public_accountability",
    "early_results",
)

# --- reason kinds ----------------------------------------------------------------------

#: Placeholders a reason's varying parts are replaced with.
QUOTED, URL, PATH, DATE, ID, NUMBER = "'…'", "URL", "PATH", "DATE", "ID", "N"
_FILE_EXTENSIONS = "csv|tsv|txt|xlsx|xls|json|xml|html|htm|md|pdf|zip|parquet"

#: (pattern, placeholder) in the order they apply: quoted values first (they may hold
#: anything: URLs, digits, quotes of the other kind), numbers last (IDs, dates and
#: paths hold digits that must not become N on their own). No rule depends on which
#: digit a digit is, only on where digits are: DIGIT_MASK relies on that.
_KIND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # A quote opens where no word character precedes it and closes where none follows:
    # so the apostrophes of "person's" or "O'Brien" neither open nor close a value.
    (re.compile(r"(?<![\w'\"])(['\"]).*?\1(?!\w)", re.DOTALL), QUOTED),
    (re.compile(r"\b(?:https?|ftp)://[^\s'\"<>]*[^\s'\"<>.,;:)]"), URL),
    # A path: segments joined by `/` ending in a file extension, or a bare file name
    # with a known data-file extension ("day/month" and "e.g." stay words).
    (
        re.compile(
            r"(?<![\w./-])/?(?:[\w.-]+/)+[\w.-]*\w\.[A-Za-z0-9]{1,8}(?![\w/])"
            rf"|(?<![\w./-])[\w-][\w.-]*\.(?:{_FILE_EXTENSIONS})(?![\w/])",
            re.IGNORECASE,
        ),
        PATH,
    ),
    (
        re.compile(
            r"(?<!\w)\d{4}-\d{2}-\d{2}"
            r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\w)"
        ),
        DATE,
    ),
    # Hex digests and source IDs (sha256 prefixes), then upper-case codes holding
    # digits (UK0073, AP_GBR03, spreadsheet cells such as B12).
    (re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b"), ID),
    (re.compile(r"\b[A-Z][A-Z_]*\d[A-Z0-9_]*\b"), ID),
    # Every other run of digits, even inside a word (`sha256` → `shaN`).
    (re.compile(r"\d+(?:[.,]\d+)*"), NUMBER),
)
#: A comma-separated run of the same placeholder is one list of values: "ID, …".
_PLACEHOLDER_LIST = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(p) for p in (QUOTED, URL, PATH, DATE, ID, NUMBER))
    + r")(?:, \1(?!\w))+(?!\w)"
)
_SPACES = re.compile(r"\s+")
#: A reject's reason with every ASCII digit written 0, in SQL: same kind (reason_kind
#: is digit-blind), far fewer distinct texts.
DIGIT_MASK = "regexp_replace(coalesce(reason, ''), '[0-9]', '0', 'g')"


def reason_kind(reason: str) -> str:
    """The kind of a reject reason: its text with the values that vary replaced.

    Reasons are written per record (`row 8 (line 185): Start Date 'Underway' is ...`);
    counted as they are, every reason would be its own group. With whitespace
    collapsed, quoted values (single or double quotes) → `'…'`, URLs → `URL`, file
    paths → `PATH`, ISO dates → `DATE`, hex digests and upper-case codes holding
    digits (commitment and source IDs) → `ID`, every other run of digits → `N`
    (even inside a word), and a comma-separated list of one placeholder → `X, …`,
    reasons that differ only by their values share one kind. Unquoted words are
    kept, so `Start Date` and `End Date` problems stay apart. Idempotent: a kind is
    its own kind. Digit-blind: replacing any ASCII digit by another gives the same
    kind, which lets DuckDB pre-group reasons by DIGIT_MASK.
    """
    text = _SPACES.sub(" ", reason).strip()
    for pattern, placeholder in _KIND_RULES:
        text = pattern.sub(placeholder, text)
    return _PLACEHOLDER_LIST.sub(r"\1, …", text)


# --- counting helpers ------------------------------------------------------------------


def _filled(column: str, alias: str = "") -> str:
    """SQL counting a column's non-missing values (NULL and '' are both missing)."""
    qualified = f"{alias}.{quote_ident(column)}" if alias else quote_ident(column)
    return f"count(NULLIF({qualified}, ''))"


def _ratio(part: int, whole: int) -> float | None:
    """part / whole rounded to DECIMALS; None when there is nothing to divide (0 rows)."""
    return round(part / whole, DECIMALS) if whole else None


# --- tables ----------------------------------------------------------------------------


def table_completeness(con: duckdb.DuckDBPyConnection, resource: dict[str, Any]) -> dict[str, Any]:
    """`rows` and each field's filled / missing / completeness, in contract field order.

    One scan of the file per table. Completeness is null for a table with no rows:
    0 of 0 is neither complete nor incomplete, and 1.0 would claim a quality that
    an empty table does not have.
    """
    names = [f["name"] for f in resource["schema"]["fields"]]
    counts = ", ".join(["count(*)", *(_filled(name) for name in names)])
    # An aggregate without GROUP BY always returns one row.
    rows, *filled = first_row(con, f"SELECT {counts} FROM {quote_ident(resource['name'])}")
    fields = {
        name: {"filled": n, "missing": rows - n, "completeness": _ratio(n, rows)}
        for name, n in zip(names, filled, strict=True)
    }
    return {"rows": rows, "fields": fields}


# --- members ---------------------------------------------------------------------------


def _members_sql(irm_columns: list[str]) -> str:
    """Per member: name, commitment count, and how many commitments have each item.

    Every member is listed (left join), so a member without commitments shows up
    with 0 instead of vanishing; the link tables are reduced to one row per
    commitment first, so a commitment with two leads still counts once.
    """
    any_rating = (
        " OR ".join(f"NULLIF({quote_ident(c)}, '') IS NOT NULL" for c in irm_columns) or "false"
    )
    field_counts = "".join(f",\n    {_filled(f, 'c')}" for f in MEMBER_FIELDS)
    return f"""
WITH lead AS (
    SELECT DISTINCT commitment_id FROM commitment_institutions WHERE role = 'lead'
), area AS (
    SELECT DISTINCT commitment_id FROM commitment_policy_areas
), assessed AS (
    SELECT DISTINCT commitment_id FROM irm_assessments WHERE {any_rating}
), member AS (
    SELECT member_id, min(name) AS name FROM members GROUP BY member_id
)
SELECT
    m.member_id,
    m.name,
    count(c.commitment_id){field_counts},
    count(l.commitment_id),
    count(a.commitment_id),
    count(s.commitment_id)
FROM member AS m
LEFT JOIN commitments AS c ON c.member_id = m.member_id
LEFT JOIN lead AS l ON l.commitment_id = c.commitment_id
LEFT JOIN area AS a ON a.commitment_id = c.commitment_id
LEFT JOIN assessed AS s ON s.commitment_id = c.commitment_id
GROUP BY m.member_id, m.name
ORDER BY m.member_id
"""


def member_completeness(
    con: duckdb.DuckDBPyConnection, irm_fields: list[str]
) -> dict[str, dict[str, Any]]:
    """Per member_id (sorted): how complete its commitments are, as shares of them.

    `completeness` holds, for each of MEMBER_FIELDS, the share of the member's
    commitments with that field filled, then `lead_institution` (has a
    commitment_institutions row with role lead) and `policy_area` (has at least one
    commitment_policy_areas row). `irm_assessed` is the share with an irm_assessments
    row holding at least one IRM rating. `score` is the mean of all those ratios,
    computed from the counts (not the rounded ratios) so rounding happens once.
    A member without commitments has null ratios and a null score.
    """
    irm_columns = [c for c in IRM_RATINGS if c in irm_fields]
    keys = [*MEMBER_FIELDS, "lead_institution", "policy_area"]
    members: dict[str, dict[str, Any]] = {}
    for member_id, name, total, *counts in con.execute(_members_sql(irm_columns)).fetchall():
        *filled, assessed = counts
        members[member_id] = {
            "name": name,
            "commitments": total,
            "completeness": {k: _ratio(n, total) for k, n in zip(keys, filled, strict=True)},
            "irm_assessed": _ratio(assessed, total),
            "score": _ratio(sum(counts), total * len(counts)),
        }
    return members


# --- rejects and conflicts -------------------------------------------------------------


def _counts_by(con: duckdb.DuckDBPyConnection, table: str, column: str) -> dict[str, int]:
    """Rows per value of `column`, by count descending then value (a missing value is '').

    Grouped and ordered by position: an alias could shadow a column (conflicts has
    a `value` column).
    """
    sql = (
        f"SELECT coalesce({quote_ident(column)}, ''), count(*) "
        f"FROM {quote_ident(table)} GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return dict(con.execute(sql).fetchall())


@dataclass
class _Kind:
    """What is known of one reason kind while reasons stream in."""

    count: int = 0
    example: str | None = None
    severities: Counter[str] = field(default_factory=Counter)

    def add(self, reason: str, severity: str, count: int) -> None:
        """Count `count` rejects; the example is the smallest reason text (deterministic)."""
        self.count += count
        self.severities[severity] += count
        self.example = reason if self.example is None else min(self.example, reason)


def _stream(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    """The rows of an executed query, BATCH_ROWS at a time (bounded memory)."""
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield from batch


def rejects_by_reason(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Rejects grouped by reason kind, by count descending then kind text.

    Reasons mostly differ by row and line numbers, so DuckDB first groups them by
    their digit-masked text (reason_kind is digit-blind, so one group is one kind)
    and severity, keeping the smallest reason as the example: millions of rejects
    become a few groups, and only those are templated in Python (~15 µs each).
    """
    cursor = con.execute(
        f"SELECT {DIGIT_MASK}, coalesce(severity, ''), count(*), min(coalesce(reason, '')) "
        "FROM rejects GROUP BY 1, 2"
    )
    kinds: dict[str, _Kind] = {}
    for shape, severity, count, example in _stream(cursor):
        kinds.setdefault(reason_kind(shape), _Kind()).add(example, severity, count)
    ordered = sorted(kinds.items(), key=lambda item: (-item[1].count, item[0]))
    return [
        {
            "kind": kind,
            "count": acc.count,
            "by_severity": dict(sorted(acc.severities.items(), key=lambda s: (-s[1], s[0]))),
            "example": acc.example,
        }
        for kind, acc in ordered
    ]


def rejects_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Total rejects, and counts per severity, per reason kind and per source path."""
    by_severity = _counts_by(con, "rejects", "severity")
    return {
        "total": sum(by_severity.values()),
        "by_severity": by_severity,
        "by_reason": rejects_by_reason(con),
        "by_source": _counts_by(con, "rejects", "path"),
    }


_REMOVED = re.compile(
    r"personal data removed from (?P<field>[^:;]+): (?:(?P<emails>\d+) e-mail address\(es\))?"
    r"(?: and )?(?:(?P<phones>\d+) phone number\(s\))?"
)


def personal_data_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What was taken out of published free text (the `personal data removed` warnings in
    rejects): values changed, e-mail addresses and phone numbers removed, values per field."""
    reasons = con.execute(
        "SELECT reason FROM rejects WHERE contains(reason, 'personal data removed')"
    ).fetchall()
    values = emails = phones = 0
    by_field: dict[str, int] = {}
    for (reason,) in reasons:
        for match in _REMOVED.finditer(reason):
            values += 1
            emails += int(match["emails"] or 0)
            phones += int(match["phones"] or 0)
            by_field[match["field"]] = by_field.get(match["field"], 0) + 1
    ordered = dict(sorted(by_field.items(), key=lambda item: (-item[1], item[0])))
    return {"values": values, "emails": emails, "phones": phones, "by_field": ordered}


def conflicts_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Total conflicts and their count per field (`commitments.title`, ...)."""
    by_field = _counts_by(con, "conflicts", "field")
    return {"total": sum(by_field.values()), "by_field": by_field}


# --- the report ------------------------------------------------------------------------


def _json_copy(value: Any) -> Any:
    """A detached JSON copy: fails now, not when rendering, if `value` is not JSON-able."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def quality_report(
    release: Path,
    change: dict[str, Any] | None,
    ledger: dict[str, Any] | None = None,
    columns: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The quality report of the release folder `release` (see the module docstring).

    Keys, in this order: `version` (the descriptor's), `tables` (contract order, each
    with `rows` and per-field `filled`/`missing`/`completeness`), `members` (see
    member_completeness), `rejects` (`total`, `by_severity`, `by_reason` kinds with
    `count`, `by_severity`, `example`, and `by_source` per path), `personal_data` (values
    from which e-mail addresses and phone numbers were removed, see
    personal_data_summary), `conflicts`
    (`total`, `by_field`), `ledger`: raw records in = published + rejected, for the run
    and per source file (accounting.ledger_report, given by the caller; null for a
    release built without raw records), `columns`: each export or Explorer file's column
    coverage (coverage.column_coverage, given by the caller; null likewise), and
    `change`: the changes summary as given, or null for a first release. Count dicts are
    ordered by count descending, then key.
    """
    release = Path(release)
    descriptor = json.loads((release / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = descriptor["resources"]
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in resources}
    with connect() as con:
        create_text_views(con, release, descriptor)
        return {
            "version": descriptor.get("version"),
            "tables": {r["name"]: table_completeness(con, r) for r in resources},
            "members": member_completeness(con, fields["irm_assessments"]),
            "rejects": rejects_summary(con),
            "personal_data": personal_data_summary(con),
            "conflicts": conflicts_summary(con),
            "ledger": _json_copy(ledger),
            "columns": _json_copy(columns),
            "change": _json_copy(change),
        }


def render_quality_json(report: dict[str, Any]) -> str:
    """`quality.json`'s text: 2-space JSON, UTF-8 as is, LF, keys in the report's order.

    No sort_keys: the report's order (contract order for tables and fields, counts
    descending) is the order a reader wants, and it is fixed by construction.
    """
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
