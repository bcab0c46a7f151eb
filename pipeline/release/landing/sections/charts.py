"""The "Charts" section: what each of the bar charts shows, from the release facts.

Drawing is charts.py's job; this module only decides categories, series and notes.
"""

from __future__ import annotations

from typing import Any

from pipeline.release.landing.bar_charts import BarChart, Series, render_chart
from pipeline.release.landing.descriptor import codes, field
from pipeline.release.landing.facts import Distribution, ReleaseFacts
from pipeline.release.landing.html_parts import count, plural

#: Years between the first and last start year are shown (as zero bars) up to this span;
#: beyond it a bad year (e.g. 0) would draw thousands of empty bars, so only real years.
MAX_YEAR_GAP_FILL = 60


def charts_section(descriptor: dict[str, Any], facts: ReleaseFacts) -> str:
    """The charts: commitments per year, IRM completion, did it open government, regions,
    kinds of lead institution."""
    return (
        '<section id="charts">\n<h2>Charts</h2>\n'
        + render_chart(year_chart(facts))
        + render_chart(completion_chart(facts), horizontal=True)
        + render_chart(opened_chart(facts), horizontal=True)
        + render_chart(region_chart(descriptor, facts), horizontal=True)
        + render_chart(lead_kind_chart(facts), horizontal=True)
        + "</section>\n"
    )


def year_chart(facts: ReleaseFacts) -> BarChart:
    """Commitments per action-plan start year, every year in the range shown."""
    known = {y.year: y.commitments for y in facts.years if y.year is not None}
    years: list[int] = sorted(known)
    if known and max(known) - min(known) <= MAX_YEAR_GAP_FILL:
        years = list(range(min(known), max(known) + 1))  # empty years show as zero bars
    note = ""
    if facts.without_plan:
        note = (
            f"Not shown: {plural(facts.without_plan, 'commitment')} without an action plan "
            "or without a start year."
        )
    return BarChart(
        "chart-years",
        "Commitments per action-plan start year",
        tuple(str(y) for y in years),
        (Series("Commitments", tuple(known.get(y, 0) for y in years)),),
        "Action-plan start year",
        "Commitments",
        note,
    )


def completion_chart(facts: ReleaseFacts) -> BarChart:
    """IRM completion at midterm and at end of term, codes in the contract's order."""
    mid = facts.distributions["completion_midterm"]
    end = facts.distributions["completion_end_of_term"]
    shown = [(code, label) for code, label, _ in mid.counts or end.counts]
    mid_counts = {code: n for code, _, n in mid.counts}
    end_counts = {code: n for code, _, n in end.counts}
    return BarChart(
        "chart-completion",
        "IRM completion of commitments, midterm and end of term",
        tuple(label for _, label in shown),
        (
            Series("Midterm", tuple(mid_counts.get(c, 0) for c, _ in shown)),
            Series("End of term", tuple(end_counts.get(c, 0) for c, _ in shown)),
        ),
        "Completion",
        "IRM assessments",
        f"Assessments without a rating: {count(mid.missing)} at midterm, "
        f"{count(end.missing)} at end of term (not shown).",
    )


def _one_series(
    dist: Distribution, chart_id: str, title: str, axes: tuple[str, str], note: str
) -> BarChart:
    """One bar per code of a distribution, in its order (`axes`: category, value)."""
    return BarChart(
        chart_id,
        title,
        tuple(label for _, label, _ in dist.counts),
        (Series(axes[1], tuple(n for _, _, n in dist.counts)),),
        axes[0],
        axes[1],
        note,
    )


def opened_chart(facts: ReleaseFacts) -> BarChart:
    """The IRM's overall "did it open government?" verdicts."""
    dist = facts.distributions["did_it_open_government"]
    return _one_series(
        dist,
        "chart-opened",
        "Did it open government? (IRM overall verdict)",
        ("Verdict", "IRM assessments"),
        f"Assessments without a verdict: {count(dist.missing)} (not shown).",
    )


def region_chart(descriptor: dict[str, Any], facts: ReleaseFacts) -> BarChart:
    """Commitments per OGP region, one series per member type (national, local)."""
    type_codes = codes(field(descriptor, "members", "member_type"))
    known = {code for code, _ in type_codes}
    extra = sorted({t for _, t, _ in facts.by_region if t is not None and t not in known})
    types = type_codes + [(t, t) for t in extra]
    if any(t is None for _, t, _ in facts.by_region):
        types.append(("", "Type not given"))
    regions = sorted({r for r, _, _ in facts.by_region if r is not None})
    keys: list[str | None] = [
        *regions,
        *([None] if any(r is None for r, _, _ in facts.by_region) else []),
    ]
    by_key = {(r, t or ""): n for r, t, n in facts.by_region}
    return BarChart(
        "chart-regions",
        "Commitments per OGP region and member type",
        tuple(r if r is not None else "Region not given" for r in keys),
        tuple(
            Series(label, tuple(by_key.get((r, code), 0) for r in keys)) for code, label in types
        ),
        "Region",
        "Commitments",
    )


def lead_kind_chart(facts: ReleaseFacts) -> BarChart:
    """Commitments per kind of lead institution (executive, legislature, civil society, ...)."""
    dist = facts.lead_kinds
    return _one_series(
        dist,
        "chart-lead-kinds",
        "Commitments per kind of lead institution",
        ("Kind of lead institution", "Commitments"),
        "A commitment led by bodies of two kinds counts under both. "
        f"Commitments without a lead institution: {count(dist.missing)} (not shown).",
    )
