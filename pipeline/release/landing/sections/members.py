"""The "Commitments per member" section: one table row per member of the release."""

from __future__ import annotations

from pipeline.release.landing.facts import ReleaseFacts
from pipeline.release.landing.html_parts import count, percent, table, text


def members_section(facts: ReleaseFacts) -> str:
    """Per member: type, region, commitments, starred and the IRM-rated share."""
    rows = [
        [
            text(m.name),
            text(m.member_type),
            text(m.region),
            count(m.commitments),
            count(m.starred),
            percent(m.assessed, m.commitments),
        ]
        for m in facts.members
    ]
    head = ["member", "type", "region", "commitments", "starred", "IRM-rated"]
    content = table(head, rows, {3, 4, 5}) if rows else "<p>No members in this release.</p>\n"
    return (
        '<section id="members">\n<h2>Commitments per member</h2>\n'
        "<p>IRM-rated: share of the member's commitments with at least one IRM rating "
        "(an assessment row that only says “pending” or “no data” does not count).</p>\n"
        f"{content}</section>\n"
    )
