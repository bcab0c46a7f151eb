"""The counts the landing page shows, read by DuckDB from the release's own CSV files.

Counting the published files, not the database they came from, makes the page show what
was released. Every query ends in a full ORDER BY, so the same files give the same facts.
Not here: how the facts are written out (the sections).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipeline.contract import quote_ident
from pipeline.db import connect, scalar
from pipeline.release.landing.descriptor import codes, field, resources
from pipeline.release.reading import create_text_views

#: The IRM fields whose codes are charted.
DISTRIBUTIONS = ("completion_midterm", "completion_end_of_term", "did_it_open_government")


@dataclass(frozen=True)
class MemberRow:
    """One member with its commitment counts (the per-member table)."""

    member_id: str
    name: str
    member_type: str | None
    region: str | None
    commitments: int
    starred: int
    assessed: int


@dataclass(frozen=True)
class YearRow:
    """Action plans starting in one year (None: no start year) and their commitments."""

    year: int | None
    plans: int
    members: int
    commitments: int


@dataclass(frozen=True)
class Distribution:
    """Counts per code of one categorical field, in the contract's code order."""

    field: str
    counts: tuple[tuple[str, str, int], ...]  # (code, label, count)
    missing: int


@dataclass(frozen=True)
class ReleaseFacts:
    """Everything the page counts, read once from the release's CSV files."""

    rows: dict[str, int]
    members: tuple[MemberRow, ...]
    years: tuple[YearRow, ...]
    without_plan: int
    distributions: dict[str, Distribution]
    by_region: tuple[tuple[str | None, str | None, int], ...]
    lead_kinds: Distribution


def read_facts(release: Path, descriptor: dict[str, Any]) -> ReleaseFacts:
    """Count everything the page shows with DuckDB over the release's CSV files.

    A table whose file is missing reads as empty (missing_ok), so the page says zero.
    """
    con = connect()
    try:
        create_text_views(con, release, descriptor, missing_ok=True)
        return ReleaseFacts(
            rows={
                r["name"]: scalar(con, f"SELECT count(*) FROM {quote_ident(r['name'])}")
                for r in resources(descriptor)
            },
            members=_members(con, _rated_expression(descriptor)),
            years=_years(con),
            without_plan=scalar(
                con,
                "SELECT count(*) FROM commitments c LEFT JOIN action_plans p "
                "USING (action_plan_id) WHERE TRY_CAST(p.start_year AS INTEGER) IS NULL",
            ),
            distributions={name: _distribution(con, descriptor, name) for name in DISTRIBUTIONS},
            by_region=_by_region(con),
            lead_kinds=_lead_kinds(con, descriptor),
        )
    finally:
        con.close()


def _rated_expression(descriptor: dict[str, Any]) -> str:
    """SQL: does an IRM assessment row hold at least one rating (a coded field)?

    A row can exist only to say "pending review" or "no data"; it does not make the
    commitment assessed. Ratings are the coded fields other than the null reasons.
    """
    fields = [
        f["name"]
        for r in resources(descriptor)
        if r["name"] == "irm_assessments"
        for f in r.get("schema", {}).get("fields", [])
        if f.get("constraints", {}).get("enum") and not f["name"].endswith("_null_reason")
    ]
    if not fields:
        return "false"
    return f"coalesce({', '.join(quote_ident(f) for f in fields)}, NULL) IS NOT NULL"


def _members(con: duckdb.DuckDBPyConnection, rated: str) -> tuple[MemberRow, ...]:
    """Members with their commitments, starred ones and IRM-rated ones, by name."""
    rows = con.execute(
        f"""
        WITH rated AS (SELECT commitment_id, {rated} AS rated FROM irm_assessments),
        counts AS (
            SELECT c.member_id, count(*) AS commitments,
                   count(*) FILTER (WHERE c.starred = 'true') AS starred,
                   count(*) FILTER (WHERE r.rated) AS assessed
            FROM commitments c LEFT JOIN rated r USING (commitment_id)
            GROUP BY c.member_id
        )
        SELECT m.member_id, m.name, m.member_type, m.region, coalesce(n.commitments, 0),
               coalesce(n.starred, 0), coalesce(n.assessed, 0)
        FROM members m LEFT JOIN counts n USING (member_id)
        ORDER BY m.name, m.member_id
        """
    ).fetchall()
    return tuple(
        MemberRow(str(r[0]), str(r[1] or r[0]), r[2], r[3], *map(int, r[4:])) for r in rows
    )


def _years(con: duckdb.DuckDBPyConnection) -> tuple[YearRow, ...]:
    """Action plans, members and commitments per action-plan start year."""
    rows = con.execute(
        """
        SELECT TRY_CAST(p.start_year AS INTEGER) AS year,
               count(DISTINCT p.action_plan_id), count(DISTINCT p.member_id),
               count(c.commitment_id)
        FROM action_plans p LEFT JOIN commitments c USING (action_plan_id)
        GROUP BY year ORDER BY year NULLS LAST
        """
    ).fetchall()
    return tuple(YearRow(r[0], int(r[1]), int(r[2]), int(r[3])) for r in rows)


def _by_region(con: duckdb.DuckDBPyConnection) -> tuple[tuple[str | None, str | None, int], ...]:
    """Commitments per (region, member type), members without commitments included."""
    rows = con.execute(
        """
        SELECT m.region, m.member_type, count(c.commitment_id)
        FROM members m LEFT JOIN commitments c USING (member_id)
        GROUP BY m.region, m.member_type ORDER BY m.region NULLS LAST, m.member_type NULLS LAST
        """
    ).fetchall()
    return tuple((r[0], r[1], int(r[2])) for r in rows)


def _lead_kinds(con: duckdb.DuckDBPyConnection, descriptor: dict[str, Any]) -> Distribution:
    """Commitments per kind of lead institution (contract order); `missing` counts the
    commitments with no lead institution. A commitment led by bodies of two kinds counts
    under both."""
    definition = field(descriptor, "institutions", "kind")
    if not definition:
        return Distribution("lead_kind", (), 0)
    found = dict(
        con.execute(
            "SELECT i.kind, count(DISTINCT ci.commitment_id) FROM commitment_institutions ci "
            "JOIN institutions i USING (institution_id) WHERE ci.role = 'lead' "
            "GROUP BY i.kind ORDER BY i.kind NULLS LAST"
        ).fetchall()
    )
    missing = scalar(
        con,
        "SELECT count(*) FROM commitments WHERE commitment_id NOT IN "
        "(SELECT commitment_id FROM commitment_institutions WHERE role = 'lead')",
    )
    return _in_code_order("lead_kind", definition, found, missing)


def _distribution(
    con: duckdb.DuckDBPyConnection, descriptor: dict[str, Any], name: str
) -> Distribution:
    """Counts of one IRM field's codes (contract order, unknown codes after, sorted)."""
    definition = field(descriptor, "irm_assessments", name)
    if not definition:
        return Distribution(name, (), 0)
    column = quote_ident(name)
    found = dict(
        con.execute(
            f"SELECT {column}, count(*) FROM irm_assessments GROUP BY {column} "
            f"ORDER BY {column} NULLS LAST"
        ).fetchall()
    )
    missing = int(found.pop(None, 0))
    return _in_code_order(name, definition, found, missing)


def _in_code_order(
    name: str, definition: dict[str, Any], found: dict[Any, int], missing: int
) -> Distribution:
    """Counts per code, the contract's codes first in its order, unknown codes after."""
    known_codes = codes(definition)
    known = {code for code, _ in known_codes}
    known_codes += [(str(c), str(c)) for c in sorted(found, key=str) if c not in known]
    return Distribution(
        name, tuple((c, label, int(found.get(c, 0))) for c, label in known_codes), missing
    )
