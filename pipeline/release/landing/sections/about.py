"""The "About this release" section: headline counts, rows per table, licence, citation.

The citation is the README's (dictionary.citation), so both say the same thing.
Not here: the title header (frame.py).
"""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline.release.dictionary import citation
from pipeline.release.landing.descriptor import resources
from pipeline.release.landing.facts import ReleaseFacts
from pipeline.release.landing.html_parts import count, link, percent, plural, table, text


def about_section(descriptor: dict[str, Any], facts: ReleaseFacts) -> str:
    """Headline counts, counts per table, licence and citation."""
    commitments = facts.rows.get("commitments", 0)
    assessed = sum(m.assessed for m in facts.members)
    types: dict[str, int] = {}
    for member in facts.members:
        types[member.member_type or "unknown"] = types.get(member.member_type or "unknown", 0) + 1
    by_type = ", ".join(f"{count(n)} {escape(t)}" for t, n in sorted(types.items()))
    headline = [
        ("Members", count(facts.rows.get("members", 0)), by_type),
        ("Action plans", count(facts.rows.get("action_plans", 0)), ""),
        (
            "Commitments",
            count(commitments),
            f"{count(sum(m.starred for m in facts.members))} starred",
        ),
        ("IRM-rated commitments", count(assessed), f"{percent(assessed, commitments)} of all"),
    ]
    cards = "".join(
        f'<div><dt>{label}</dt><dd><span class="big">{value}</span>'
        f"{f'<small>{extra}</small>' if extra else ''}</dd></div>"
        for label, value, extra in headline
    )
    tables = [
        [
            f"<code>{escape(r['name'])}</code>",
            text(r.get("title")),
            count(facts.rows.get(r["name"], 0)),
        ]
        for r in resources(descriptor)
    ]
    return (
        '<section id="about">\n<h2>About this release</h2>\n'
        f'<dl class="cards">{cards}</dl>\n<h3>Tables</h3>\n'
        + table(["table", "contents", "rows"], tables, {2})
        + _licence(descriptor)
        + "</section>\n"
    )


def _licence(descriptor: dict[str, Any]) -> str:
    """Licence(s), the homepage and a citation line from the descriptor's facts."""
    licences = [x for x in descriptor.get("licenses") or [] if isinstance(x, dict)]
    items = "".join(f"<li>{_licence_item(x)}</li>" for x in licences)
    licence_html = f"<ul>{items}</ul>" if items else "<p>No licence is declared.</p>"
    return (
        f"<h3>Licence</h3>\n{licence_html}\n<h3>How to cite</h3>\n"
        f"<blockquote>{escape(citation(descriptor))}</blockquote>\n"
        f"<p>Sources: {plural(len(descriptor.get('sources') or []), 'raw file')}, listed with "
        f'their provenance in the <a href="README.md#provenance">data dictionary</a> and in '
        f'<a href="csv/sources.csv">csv/sources.csv</a>.</p>\n'
    )


def _licence_item(licence: dict[str, Any]) -> str:
    """A licence's title linked to its text, with its short name."""
    name = licence.get("name")
    title = str(licence.get("title") or name or "licence")
    suffix = f" ({escape(str(name))})" if name and name != title else ""
    return link(licence.get("path"), title) + suffix
