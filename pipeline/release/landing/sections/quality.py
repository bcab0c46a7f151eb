"""The "Quality" section: a summary of the release's quality report (quality.py).

The report has one shape, quality_report's: `tables[t].fields[f]` with `filled`,
`missing` and `completeness` (a 0..1 ratio, null for an empty table); `members[id]`
with `name`, `commitments` and `score` (0..1, null without commitments); `rejects`
with `total`, `by_severity` {severity: count} and `by_reason` [{kind, count,
by_severity, example}]; `conflicts` with `total` and `by_field` {field: count}.
A key that is missing or of another type leaves its part out (report_values.py).
Not here: computing the report.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline.release.landing.descriptor import in_table_order
from pipeline.release.landing.files import ReleaseFile
from pipeline.release.landing.html_parts import count, file_link, plural, ratio, table, text
from pipeline.release.landing.report_values import as_dict, as_int, as_list, as_number

#: How many of the worst-scoring members the quality section lists.
WORST_MEMBERS = 10
#: Reject examples are cut to this many characters.
EXAMPLE_CHARS = 160


def quality_section(
    quality: dict[str, Any] | None, order: list[str], files: tuple[ReleaseFile, ...]
) -> str:
    """Completeness, worst members, rejects and conflicts from the quality report."""
    parts = ['<section id="quality">\n<h2>Quality</h2>\n']
    if not isinstance(quality, dict):
        parts.append("<p>No quality report accompanies this page.</p>\n</section>\n")
        return "".join(parts)
    parts.append(f"<p>The full report is in {file_link('quality.json', files)}.</p>\n")
    parts += [
        _completeness(as_dict(quality.get("tables")), order),
        _member_scores(as_dict(quality.get("members"))),
        _rejects(as_dict(quality.get("rejects"))),
        _conflicts(as_dict(quality.get("conflicts"))),
        "</section>\n",
    ]
    return "".join(parts)


def _completeness(tables: dict[str, Any], order: list[str]) -> str:
    """Fields empty in some rows, per table in descriptor order, least complete first."""
    rows = []
    for name in in_table_order(list(tables), order):
        fields = as_dict(as_dict(tables[name]).get("fields"))
        partial = [
            (share, str(field), info)
            for field, info in ((f, as_dict(i)) for f, i in fields.items())
            if (as_int(info.get("missing")) or 0) > 0
            and (share := as_number(info.get("completeness"))) is not None
        ]
        rows += [
            [
                f"<code>{escape(str(name))}</code>",
                f"<code>{escape(field)}</code>",
                count(info.get("filled")),
                count(info.get("missing")),
                ratio(share),
            ]
            for share, field, info in sorted(partial, key=lambda x: (x[0], x[1]))
        ]
    heading = "<h3>Completeness</h3>\n"
    if not rows:
        return heading + "<p>Every field reported is filled in every row.</p>\n"
    return (
        heading
        + "<p>Fields that are empty in some rows (many are optional by nature).</p>\n"
        + table(["table", "field", "filled", "empty", "complete"], rows, {2, 3, 4})
    )


def _member_scores(members: dict[str, Any]) -> str:
    """The members with the lowest quality scores, worst first (unscored ones left out)."""
    scored = [
        (score, str(info.get("name") or member_id), str(member_id), info)
        for member_id, info in ((m, as_dict(i)) for m, i in members.items())
        if (score := as_number(info.get("score"))) is not None
    ]
    if not scored:
        return ""
    worst = sorted(scored, key=lambda x: (x[0], x[1], x[2]))[:WORST_MEMBERS]
    rows = [
        [text(name), count(info.get("commitments")), ratio(score)] for score, name, _, info in worst
    ]
    return (
        f"<h3>Members with the lowest scores</h3>\n<p>The {count(len(worst))} lowest of "
        f"{plural(len(scored), 'scored member')}.</p>\n"
        + table(["member", "commitments", "score"], rows, {1, 2})
    )


def _rejects(rejects: dict[str, Any]) -> str:
    """Rejected records: total, per severity, per kind of reason with an example."""
    if not rejects:
        return ""
    if rejects.get("total") == 0:
        return "<h3>Rejects</h3>\n<p>No record was rejected.</p>\n"
    severities = as_dict(rejects.get("by_severity"))
    by_severity = ", ".join(f"{escape(str(k))}: {count(severities[k])}" for k in sorted(severities))
    reasons = sorted(
        as_list(rejects.get("by_reason")),
        key=lambda r: (-(as_int(r.get("count")) or 0), str(r.get("kind"))),
    )
    rows = [
        [text(r.get("kind")), count(r.get("count")), text(_clip(r.get("example")))] for r in reasons
    ]
    summary = f"<p>{count(rejects.get('total'))} rejected or flagged records"
    summary += f" ({by_severity}).</p>\n" if by_severity else ".</p>\n"
    listed = table(["reason", "records", "example"], rows, {1}) if rows else ""
    return "<h3>Rejects</h3>\n" + summary + listed


def _clip(value: object) -> str | None:
    """An example value cut to a readable length."""
    if value is None:
        return None
    clipped = " ".join(str(value).split())
    return clipped if len(clipped) <= EXAMPLE_CHARS else clipped[: EXAMPLE_CHARS - 1] + "…"


def _conflicts(conflicts: dict[str, Any]) -> str:
    """Disagreements between sources, per field, most frequent first."""
    if not conflicts:
        return ""
    if conflicts.get("total") == 0:
        return "<h3>Conflicts between sources</h3>\n<p>No conflicts between sources.</p>\n"
    by_field = sorted(
        as_dict(conflicts.get("by_field")).items(),
        key=lambda item: (-(as_int(item[1]) or 0), str(item[0])),
    )
    rows = [[f"<code>{text(field)}</code>", count(n)] for field, n in by_field]
    listed = table(["field", "conflicts"], rows, {1}) if rows else ""
    return (
        f"<h3>Conflicts between sources</h3>\n<p>{count(conflicts.get('total'))} values "
        "on which sources disagree (the chosen value is in the tables).</p>\n" + listed
    )
