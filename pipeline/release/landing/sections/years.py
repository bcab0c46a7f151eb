"""The "Action plans per start year" section: one table row per start year."""

from __future__ import annotations

from pipeline.release.landing.facts import ReleaseFacts
from pipeline.release.landing.html_parts import count, table, text


def years_section(facts: ReleaseFacts) -> str:
    """Per action-plan start year: plans, members and commitments."""
    rows = [
        [
            text(y.year if y.year is not None else "no start year"),
            count(y.plans),
            count(y.members),
            count(y.commitments),
        ]
        for y in facts.years
    ]
    content = (
        table(["start year", "action plans", "members", "commitments"], rows, {1, 2, 3})
        if rows
        else "<p>No action plans in this release.</p>\n"
    )
    return f'<section id="years">\n<h2>Action plans per start year</h2>\n{content}</section>\n'
