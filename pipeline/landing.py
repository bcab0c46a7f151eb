"""Render a release's landing page, `index.html`: one self-contained, deterministic file.

People open the page from a download, a file share or a static host, often offline, so
it loads nothing: inline CSS, inline SVG charts (charts.py), no script, and a Content
Security Policy that forbids any network load should one slip in. Links to the
release's own files are relative. The same release renders the same bytes: the only
date is the descriptor's `created`, every query ends in a full ORDER BY, every list is
sorted, numbers are formatted one way. The numbers come from DuckDB reading the
release's own CSV files, so the page shows what was published, not what was intended.

Quality and change facts arrive as the dicts quality.py and changes.py produce; they
are read defensively (`.get`, type checks) so a missing or partial dict degrades to a
sentence rather than an exception. Not here: writing the file or SHA256SUMS (publish.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import duckdb

from pipeline.charts import BarChart, Series, render_chart
from pipeline.validate import CHECKSUMS, DESCRIPTOR, file_digest

INDEX = "index.html"
#: How many of the worst-scoring members the quality section lists.
WORST_MEMBERS = 10
_EXAMPLE_CHARS = 160
#: Years between the first and last start year are shown (as zero bars) up to this span;
#: beyond it a bad year (e.g. 0) would draw thousands of empty bars, so only real years.
_MAX_YEAR_GAP_FILL = 60
_NO_VALUE = "–"
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_DOC_FILES = {
    DESCRIPTOR: "Frictionless Data Package descriptor: schemas, codes, licence, sources, "
    "sizes and hashes of the CSV files",
    "README.md": "Data dictionary: every table and field, codes and labels, keys, "
    "provenance, how to load the data",
    "CHANGELOG.md": "Summary of the changes since the previous release",
    "changes.csv": "Record-level changes since the previous release (table, key, field, "
    "old and new value)",
    "quality.json": "Quality report: completeness, rejects and conflicts",
}
_GROUPS = (
    ("package", "Data package"),
    ("csv", "CSV tables"),
    ("parquet", "Parquet tables"),
    ("docs", "Documentation and reports"),
)


# --- facts read from the release -------------------------------------------------------


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


def render_landing_page(
    release: Path, quality: dict[str, Any] | None, change: dict[str, Any] | None
) -> str:
    """The complete `index.html` of a release folder, as text (UTF-8, LF line ends)."""
    release = Path(release)
    descriptor = json.loads((release / DESCRIPTOR).read_text(encoding="utf-8"))
    facts = read_facts(release, descriptor)
    files = release_files(release)
    body = [
        _header(descriptor),
        _nav(),
        _about(descriptor, facts),
        _downloads(descriptor, facts, files),
        _charts(descriptor, facts),
        _members_section(facts),
        _years_section(facts),
        _quality_section(quality, _resource_names(descriptor), files),
        _change_section(change, _resource_names(descriptor), files),
        _footer(),
    ]
    return _document(descriptor, "".join(body))


def _resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """The descriptor's resources that have a name (anything else is ignored)."""
    resources = descriptor.get("resources") or []
    return [r for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)]


def _resource_names(descriptor: dict[str, Any]) -> list[str]:
    """Table names in descriptor order: the order every per-table list uses."""
    return [r["name"] for r in _resources(descriptor)]


def _field(descriptor: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    """A field's definition from the descriptor ({} when the table or field is absent)."""
    for resource in _resources(descriptor):
        if resource["name"] == table:
            for field in resource.get("schema", {}).get("fields", []):
                if isinstance(field, dict) and field.get("name") == name:
                    return field
    return {}


def read_facts(release: Path, descriptor: dict[str, Any]) -> ReleaseFacts:
    """Count everything the page shows with DuckDB over the release's CSV files."""
    con = duckdb.connect()
    try:
        for resource in _resources(descriptor):
            con.execute(_view_sql(release, resource))
        rated = _rated_expression(descriptor)
        distributions = {
            name: _distribution(con, descriptor, name)
            for name in ("completion_midterm", "completion_end_of_term", "did_it_open_government")
        }
        return ReleaseFacts(
            rows={
                r["name"]: _scalar(con, f"SELECT count(*) FROM {_ident(r['name'])}")
                for r in _resources(descriptor)
            },
            members=_members(con, rated),
            years=_years(con),
            without_plan=_scalar(
                con,
                "SELECT count(*) FROM commitments c LEFT JOIN action_plans p "
                "USING (action_plan_id) WHERE TRY_CAST(p.start_year AS INTEGER) IS NULL",
            ),
            distributions=distributions,
            by_region=_by_region(con),
        )
    finally:
        con.close()


def _ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _view_sql(release: Path, resource: dict[str, Any]) -> str:
    """A view named after the table over its CSV file, every column as text.

    Columns come from the descriptor (no type sniffing, so an empty table still has
    its columns); a missing file gives an empty view, so the page says zero.
    """
    fields = [f["name"] for f in resource.get("schema", {}).get("fields", []) if "name" in f]
    path = _release_path(release, resource.get("path") or f"csv/{resource['name']}.csv")
    if path is None or not path.is_file() or not fields:
        columns = ", ".join(f"CAST(NULL AS VARCHAR) AS {_ident(f)}" for f in fields or ["_"])
        return f"CREATE VIEW {_ident(resource['name'])} AS SELECT {columns} WHERE false"
    types = ", ".join(f"{_literal(f)}: 'VARCHAR'" for f in fields)
    return (
        f"CREATE VIEW {_ident(resource['name'])} AS SELECT * FROM read_csv("
        f"{_literal(str(path))}, header = true, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', columns = {{{types}}})"
    )


def _release_path(release: Path, relative: object) -> Path | None:
    """A descriptor path inside the release folder (None if it would leave it)."""
    if not isinstance(relative, str):
        return None
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        return None
    return release.joinpath(*pure.parts)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The single integer a query returns."""
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _rated_expression(descriptor: dict[str, Any]) -> str:
    """SQL: does an IRM assessment row hold at least one rating (a coded field)?

    A row can exist only to say "pending review" or "no data"; it does not make the
    commitment assessed. Ratings are the coded fields other than the null reasons.
    """
    fields = [
        f["name"]
        for r in _resources(descriptor)
        if r["name"] == "irm_assessments"
        for f in r.get("schema", {}).get("fields", [])
        if f.get("constraints", {}).get("enum") and not f["name"].endswith("_null_reason")
    ]
    if not fields:
        return "false"
    return f"coalesce({', '.join(_ident(f) for f in fields)}, NULL) IS NOT NULL"


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


def _codes(field: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, label) in the contract's order; the label is the code when none is given."""
    labels = {
        c.get("value"): c.get("label") for c in field.get("categories", []) if isinstance(c, dict)
    }
    codes = field.get("constraints", {}).get("enum") or []
    return [(str(c), str(labels.get(c) or c)) for c in codes]


def _distribution(
    con: duckdb.DuckDBPyConnection, descriptor: dict[str, Any], name: str
) -> Distribution:
    """Counts of one IRM field's codes (contract order, unknown codes after, sorted)."""
    if not _field(descriptor, "irm_assessments", name):
        return Distribution(name, (), 0)
    column = _ident(name)
    found = dict(
        con.execute(
            f"SELECT {column}, count(*) FROM irm_assessments GROUP BY {column} "
            f"ORDER BY {column} NULLS LAST"
        ).fetchall()
    )
    missing = int(found.pop(None, 0))
    codes = _codes(_field(descriptor, "irm_assessments", name))
    known = {code for code, _ in codes}
    codes += [(str(c), str(c)) for c in sorted(found) if c not in known]
    return Distribution(
        name, tuple((c, label, int(found.get(c, 0))) for c, label in codes), missing
    )


# --- files of the release --------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseFile:
    """One downloadable file: relative POSIX path, size in bytes and sha256."""

    path: str
    size: int
    sha256: str

    @property
    def group(self) -> str:
        """Which download group lists the file."""
        if self.path == DESCRIPTOR:
            return "package"
        top = self.path.split("/", 1)[0]
        return top if top in ("csv", "parquet") and "/" in self.path else "docs"


def release_files(release: Path) -> tuple[ReleaseFile, ...]:
    """Every file of the release but the page itself and SHA256SUMS, sorted by path.

    Both are left out because they are written after the page (SHA256SUMS lists the
    page's own hash), so they cannot be described in it.
    """
    found = []
    for path in release.rglob("*"):
        relative = path.relative_to(release).as_posix()
        if path.is_file() and relative not in (INDEX, CHECKSUMS):
            digest, size = file_digest(path)
            found.append(ReleaseFile(relative, size, digest))
    return tuple(sorted(found, key=lambda f: f.path))


# --- formatting ------------------------------------------------------------------------


def count(value: object) -> str:
    """An integer as the page writes it: thousands separated by commas; – if unknown."""
    number = _int(value)
    return _NO_VALUE if number is None else f"{number:,}"


def plural(number: int, noun: str) -> str:
    """`1 commitment`, `2 commitments`: a count with its noun."""
    return f"{count(number)} {noun}{'' if number == 1 else 's'}"


def _int(value: object) -> int | None:
    """An int from a dict value (bools and non-numbers are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def percent(part: int, whole: int) -> str:
    """A share with one decimal; – when the whole is zero (nothing to divide)."""
    return f"{100 * part / whole:.1f}%" if whole else _NO_VALUE


def ratio(value: object) -> str:
    """A 0..1 ratio (or a 0..100 percentage) from a report, as a percentage."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _NO_VALUE
    share = value * 100 if value <= 1 else value
    return f"{share:.1f}%"


def human_size(size: int) -> str:
    """Bytes in decimal units (kB, MB, GB) with one decimal, as browsers show them."""
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def _text(value: object) -> str:
    """Any value from the data as escaped text (– for nothing)."""
    return _NO_VALUE if value is None or value == "" else escape(str(value))


def _prose(text: object) -> str:
    """Descriptor prose, escaped, with Markdown `code` spans shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(str(text or "")))


def _href(path: str) -> str:
    """A relative link to a file of the release."""
    return escape(quote(path, safe="/"))


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """An HTML table (cells already escaped); `numeric` columns are right-aligned."""
    numeric = numeric or set()

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    header = "".join(f'<th scope="col"{cls(i)}>{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="scroll"><table>\n<thead><tr>{header}</tr></thead>\n'
        f"<tbody>\n{body}</tbody></table></div>\n"
    )


# --- page sections ---------------------------------------------------------------------


def _document(descriptor: dict[str, Any], body: str) -> str:
    """The HTML5 shell: metadata, the security policy, inline style, then the body."""
    title = f"{descriptor.get('title') or descriptor.get('name') or 'Data release'}"
    version = descriptor.get("version")
    page_title = f"{title} — release {version}" if version else title
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<link rel="icon" href="data:,">\n<title>{escape(page_title)}</title>\n'
        f"<style>\n{_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )


def _header(descriptor: dict[str, Any]) -> str:
    """Title, version, creation date and the description."""
    title = descriptor.get("title") or descriptor.get("name") or "Data release"
    facts = [("Version", descriptor.get("version")), ("Created", descriptor.get("created"))]
    shown = " · ".join(
        f"{label} <strong>{escape(str(value))}</strong>" for label, value in facts if value
    )
    return (
        f"<header>\n<h1>{escape(str(title))}</h1>\n"
        f'<p class="release">{shown}</p>\n'
        f"<p>{_prose(descriptor.get('description'))}</p>\n</header>\n"
    )


def _nav() -> str:
    """Links to the page's sections."""
    links = [
        ("about", "About"),
        ("downloads", "Downloads"),
        ("charts", "Charts"),
        ("members", "Members"),
        ("years", "Years"),
        ("quality", "Quality"),
        ("changes", "Changes"),
    ]
    items = "".join(f'<li><a href="#{a}">{label}</a></li>' for a, label in links)
    return f'<nav aria-label="Contents"><ul>{items}</ul></nav>\n<main>\n'


def _footer() -> str:
    """Close the main content; say how to check the files."""
    return (
        "</main>\n<footer><p>This page was generated from the release's "
        f'<a href="{DESCRIPTOR}">{DESCRIPTOR}</a> and its CSV files. Check the downloaded '
        f'files with <code>sha256sum -c <a href="{CHECKSUMS}">{CHECKSUMS}</a></code>.</p>'
        "</footer>\n"
    )


def _about(descriptor: dict[str, Any], facts: ReleaseFacts) -> str:
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
            _text(r.get("title")),
            count(facts.rows.get(r["name"], 0)),
        ]
        for r in _resources(descriptor)
    ]
    return (
        '<section id="about">\n<h2>About this release</h2>\n'
        f'<dl class="cards">{cards}</dl>\n<h3>Tables</h3>\n'
        + _table(["table", "contents", "rows"], tables, {2})
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
    return _link(licence.get("path"), title) + suffix


def _link(url: object, text: str) -> str:
    """A plain link for an http(s) address from the descriptor; text only otherwise."""
    if isinstance(url, str) and re.match(r"https?://[^\s\"'<>]+$", url):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def citation(descriptor: dict[str, Any]) -> str:
    """One citation line: title, version, release date, homepage, licence."""
    parts = [str(descriptor.get("title") or descriptor.get("name") or "Data package")]
    if descriptor.get("version"):
        parts.append(f"version {descriptor['version']}")
    if descriptor.get("created"):
        parts.append(f"released {str(descriptor['created'])[:10]}")
    if descriptor.get("homepage"):
        parts.append(str(descriptor["homepage"]))
    text = ", ".join(parts) + "."
    licences = [x for x in descriptor.get("licenses") or [] if isinstance(x, dict)]
    if licences and licences[0].get("name"):
        text += f" Licensed under {licences[0]['name']}; please credit the source."
    return text


def _downloads(
    descriptor: dict[str, Any], facts: ReleaseFacts, files: tuple[ReleaseFile, ...]
) -> str:
    """Every file, grouped, with its size and sha256; SHA256SUMS as a plain link.

    A list rather than a table: a 64-digit hash in a table column is unreadable on a
    phone, while a list item wraps it under the file's name.
    """
    titles = {r["name"]: str(r.get("title") or "") for r in _resources(descriptor)}
    parts = ['<section id="downloads">\n<h2>Downloads</h2>\n']
    for group, heading in _GROUPS:
        items = [_file_item(f, titles, facts.rows) for f in files if f.group == group]
        if group == "package":
            items.append(
                f'<li><a class="file" href="{CHECKSUMS}">{CHECKSUMS}</a> '
                "<span>Checksums of every file: <code>sha256sum -c SHA256SUMS</code></span></li>"
            )
        if items:
            parts.append(f'<h3>{heading}</h3>\n<ul class="files">\n{"".join(items)}</ul>\n')
    parts.append("</section>\n")
    return "".join(parts)


def _file_item(file: ReleaseFile, titles: dict[str, str], rows: dict[str, int]) -> str:
    """One download: link, what it holds, size (readable and exact) and sha256."""
    stem = PurePosixPath(file.path).stem
    if file.group in ("csv", "parquet") and stem in titles:
        what = f"{_text(titles[stem] or stem)}, {count(rows.get(stem, 0))} rows"
    else:
        what = escape(_DOC_FILES.get(file.path, ""))
    return (
        f'<li><a class="file" href="{_href(file.path)}">{escape(file.path)}</a> '
        f"<span>{what}</span><br>\n"
        f'<span class="meta"><span class="size">{human_size(file.size)} '
        f"({count(file.size)} bytes)</span> · sha256 "
        f'<code class="hash">{file.sha256}</code></span></li>\n'
    )


def _charts(descriptor: dict[str, Any], facts: ReleaseFacts) -> str:
    """The charts: commitments per year, IRM completion, did it open government, regions."""
    return (
        '<section id="charts">\n<h2>Charts</h2>\n'
        + render_chart(_year_chart(facts))
        + render_chart(_completion_chart(facts), horizontal=True)
        + render_chart(_opened_chart(facts), horizontal=True)
        + render_chart(_region_chart(descriptor, facts), horizontal=True)
        + "</section>\n"
    )


def _year_chart(facts: ReleaseFacts) -> BarChart:
    """Commitments per action-plan start year, every year in the range shown."""
    known = {y.year: y.commitments for y in facts.years if y.year is not None}
    years: list[int] = sorted(known)
    if known and max(known) - min(known) <= _MAX_YEAR_GAP_FILL:
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


def _completion_chart(facts: ReleaseFacts) -> BarChart:
    """IRM completion at midterm and at end of term, codes in the contract's order."""
    mid = facts.distributions["completion_midterm"]
    end = facts.distributions["completion_end_of_term"]
    codes = [(code, label) for code, label, _ in mid.counts or end.counts]
    mid_counts = {code: n for code, _, n in mid.counts}
    end_counts = {code: n for code, _, n in end.counts}
    return BarChart(
        "chart-completion",
        "IRM completion of commitments, midterm and end of term",
        tuple(label for _, label in codes),
        (
            Series("Midterm", tuple(mid_counts.get(c, 0) for c, _ in codes)),
            Series("End of term", tuple(end_counts.get(c, 0) for c, _ in codes)),
        ),
        "Completion",
        "IRM assessments",
        f"Assessments without a rating: {count(mid.missing)} at midterm, "
        f"{count(end.missing)} at end of term (not shown).",
    )


def _opened_chart(facts: ReleaseFacts) -> BarChart:
    """The IRM's overall "did it open government?" verdicts."""
    dist = facts.distributions["did_it_open_government"]
    return BarChart(
        "chart-opened",
        "Did it open government? (IRM overall verdict)",
        tuple(label for _, label, _ in dist.counts),
        (Series("IRM assessments", tuple(n for _, _, n in dist.counts)),),
        "Verdict",
        "IRM assessments",
        f"Assessments without a verdict: {count(dist.missing)} (not shown).",
    )


def _region_chart(descriptor: dict[str, Any], facts: ReleaseFacts) -> BarChart:
    """Commitments per OGP region, one series per member type (national, local)."""
    type_codes = _codes(_field(descriptor, "members", "member_type"))
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
    table = {(r, t or ""): n for r, t, n in facts.by_region}
    return BarChart(
        "chart-regions",
        "Commitments per OGP region and member type",
        tuple(r if r is not None else "Region not given" for r in keys),
        tuple(Series(label, tuple(table.get((r, code), 0) for r in keys)) for code, label in types),
        "Region",
        "Commitments",
    )


def _members_section(facts: ReleaseFacts) -> str:
    """Per member: type, region, commitments, starred and the IRM-rated share."""
    rows = [
        [
            _text(m.name),
            _text(m.member_type),
            _text(m.region),
            count(m.commitments),
            count(m.starred),
            percent(m.assessed, m.commitments),
        ]
        for m in facts.members
    ]
    head = ["member", "type", "region", "commitments", "starred", "IRM-rated"]
    content = _table(head, rows, {3, 4, 5}) if rows else "<p>No members in this release.</p>\n"
    return (
        '<section id="members">\n<h2>Commitments per member</h2>\n'
        "<p>IRM-rated: share of the member's commitments with at least one IRM rating "
        "(an assessment row that only says “pending” or “no data” does not count).</p>\n"
        f"{content}</section>\n"
    )


def _years_section(facts: ReleaseFacts) -> str:
    """Per action-plan start year: plans, members and commitments."""
    rows = [
        [
            _text(y.year if y.year is not None else "no start year"),
            count(y.plans),
            count(y.members),
            count(y.commitments),
        ]
        for y in facts.years
    ]
    content = (
        _table(["start year", "action plans", "members", "commitments"], rows, {1, 2, 3})
        if rows
        else "<p>No action plans in this release.</p>\n"
    )
    return f'<section id="years">\n<h2>Action plans per start year</h2>\n{content}</section>\n'


# --- quality and change ----------------------------------------------------------------


def _dict(value: object) -> dict[str, Any]:
    """A dict from a report value ({} for anything else)."""
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[dict[str, Any]]:
    """The dict items of a report list ([] for anything else)."""
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _ordered(names: list[str], order: list[str]) -> list[str]:
    """Table names in descriptor order, unknown ones after, sorted."""
    return [n for n in order if n in names] + sorted(n for n in names if n not in order)


def _file_link(path: str, files: tuple[ReleaseFile, ...]) -> str:
    """A link to a release file when it is there; its name otherwise."""
    if any(f.path == path for f in files):
        return f'<a href="{_href(path)}">{escape(path)}</a>'
    return f"<code>{escape(path)}</code>"


def _quality_section(
    quality: dict[str, Any] | None, order: list[str], files: tuple[ReleaseFile, ...]
) -> str:
    """Completeness, worst members, rejects and conflicts from the quality report."""
    parts = ['<section id="quality">\n<h2>Quality</h2>\n']
    if not isinstance(quality, dict):
        parts.append("<p>No quality report accompanies this page.</p>\n</section>\n")
        return "".join(parts)
    parts.append(f"<p>The full report is in {_file_link('quality.json', files)}.</p>\n")
    parts += [
        _completeness(_dict(quality.get("tables")), order),
        _member_scores(_dict(quality.get("members"))),
        _rejects(_dict(quality.get("rejects"))),
        _conflicts(_dict(quality.get("conflicts"))),
        "</section>\n",
    ]
    return "".join(parts)


def _completeness(tables: dict[str, Any], order: list[str]) -> str:
    """Fields filled in fewer than all rows, per table, least complete first."""
    rows = []
    for table in _ordered(list(tables), order):
        fields = _dict(_dict(tables[table]).get("fields"))
        shares = [(_share(_dict(info)), str(name), _dict(info)) for name, info in fields.items()]
        partial = [(share, name, info) for share, name, info in shares if share is not None]
        for share, name, info in sorted(partial, key=lambda x: (x[0], x[1])):
            if share >= 1:
                continue
            rows.append(
                [
                    f"<code>{escape(str(table))}</code>",
                    f"<code>{escape(name)}</code>",
                    count(info.get("filled")),
                    count(info.get("missing")),
                    f"{100 * share:.1f}%",
                ]
            )
    heading = "<h3>Completeness</h3>\n"
    if not rows:
        return heading + "<p>Every field reported is filled in every row.</p>\n"
    return (
        heading
        + "<p>Fields that are empty in some rows (many are optional by nature).</p>\n"
        + _table(["table", "field", "filled", "empty", "complete"], rows, {2, 3, 4})
    )


def _share(info: dict[str, Any]) -> float | None:
    """A field's completeness as 0..1, from filled/missing or its `completeness` value."""
    filled, missing = _int(info.get("filled")), _int(info.get("missing"))
    if filled is not None and missing is not None:
        return filled / (filled + missing) if filled + missing else None
    value = info.get("completeness")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value / 100 if value > 1 else float(value)


def _member_scores(members: dict[str, Any]) -> str:
    """The members with the lowest quality scores, worst first."""
    scored = [
        (score, str(_dict(info).get("name") or member_id), str(member_id), _dict(info))
        for member_id, info in members.items()
        if (score := _number(_dict(info).get("score"))) is not None
    ]
    if not scored:
        return ""
    worst = sorted(scored, key=lambda x: (x[0], x[1], x[2]))[:WORST_MEMBERS]
    rows = [
        [_text(name), count(info.get("commitments")), ratio(score)]
        for score, name, _, info in worst
    ]
    return (
        f"<h3>Members with the lowest scores</h3>\n<p>The {count(len(worst))} lowest of "
        f"{plural(len(scored), 'scored member')}.</p>\n"
        + _table(["member", "commitments", "score"], rows, {1, 2})
    )


def _number(value: object) -> float | None:
    """A float from a report value (None for bools and non-numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _rejects(rejects: dict[str, Any]) -> str:
    """Rejected records: total, per severity, per kind of reason with an example."""
    if not rejects:
        return ""
    severities = _dict(rejects.get("by_severity"))
    by_severity = ", ".join(f"{escape(str(k))}: {count(severities[k])}" for k in sorted(severities))
    reasons = sorted(
        _list(rejects.get("by_reason")),
        key=lambda r: (-(_int(r.get("count")) or 0), str(r.get("kind"))),
    )
    rows = [
        [_text(r.get("kind")), count(r.get("count")), _text(_clip(r.get("example")))]
        for r in reasons
    ]
    if rejects.get("total") == 0:
        return "<h3>Rejects</h3>\n<p>No record was rejected.</p>\n"
    summary = f"<p>{count(rejects.get('total'))} rejected or flagged records"
    summary += f" ({by_severity}).</p>\n" if by_severity else ".</p>\n"
    table = _table(["reason", "records", "example"], rows, {1}) if rows else ""
    return "<h3>Rejects</h3>\n" + summary + table


def _clip(value: object) -> str | None:
    """An example value cut to a readable length."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"


def _conflicts(conflicts: dict[str, Any]) -> str:
    """Disagreements between sources, per field."""
    if not conflicts:
        return ""
    fields = sorted(
        _list(conflicts.get("by_field")),
        key=lambda r: (-(_int(r.get("count")) or 0), str(r.get("field"))),
    )
    if conflicts.get("total") == 0:
        return "<h3>Conflicts between sources</h3>\n<p>No conflicts between sources.</p>\n"
    rows = [[f"<code>{_text(r.get('field'))}</code>", count(r.get("count"))] for r in fields]
    table = _table(["field", "conflicts"], rows, {1}) if rows else ""
    return (
        f"<h3>Conflicts between sources</h3>\n<p>{count(conflicts.get('total'))} values "
        "on which sources disagree (the chosen value is in the tables).</p>\n" + table
    )


def _change_section(
    change: dict[str, Any] | None, order: list[str], files: tuple[ReleaseFile, ...]
) -> str:
    """Rows added, removed and changed per table, and schema changes, since last release."""
    parts = ['<section id="changes">\n<h2>Changes since the previous release</h2>\n']
    if not isinstance(change, dict):
        parts.append(
            "<p>This is the first release: there is no previous release to compare with.</p>\n"
        )
        return "".join(parts) + "</section>\n"
    parts.append(
        f"<p>Compared with release <strong>{_text(change.get('old_version'))}</strong>. "
        f"Details: {_file_link('CHANGELOG.md', files)} and "
        f"{_file_link('changes.csv', files)}.</p>\n"
    )
    by_table = {str(t.get("table")): t for t in _list(change.get("tables"))}
    rows = [
        [f"<code>{escape(name)}</code>"]
        + [
            count(by_table[name].get(k))
            for k in ("rows_before", "rows_after", "added", "removed", "changed")
        ]
        for name in _ordered(list(by_table), order)
    ]
    if rows:
        head = ["table", "rows before", "rows after", "added", "removed", "changed"]
        parts.append(_table(head, rows, {1, 2, 3, 4, 5}))
    parts.append(_schema_changes(_list(change.get("schema")), order))
    return "".join(parts) + "</section>\n"


def _schema_changes(changes: list[dict[str, Any]], order: list[str]) -> str:
    """Added, removed or retyped columns; breaking ones flagged."""
    if not changes:
        return "<h3>Schema changes</h3>\n<p>No schema changes.</p>\n"
    rank = {name: i for i, name in enumerate(order)}
    ordered = sorted(
        changes,
        key=lambda c: (
            rank.get(str(c.get("table")), len(rank)),
            str(c.get("table")),
            str(c.get("column")),
        ),
    )
    rows = [
        [
            f"<code>{_text(c.get('table'))}</code>",
            f"<code>{_text(c.get('column'))}</code>",
            _text(c.get("change")),
            _text(c.get("before")),
            _text(c.get("after")),
            "<strong>breaking</strong>" if c.get("breaking") else "no",
        ]
        for c in ordered
    ]
    breaking = sum(1 for c in changes if c.get("breaking"))
    return (
        f"<h3>Schema changes</h3>\n<p>{plural(len(changes), 'schema change')}, "
        f"{count(breaking)} breaking.</p>\n"
        + _table(["table", "column", "change", "before", "after", "breaking"], rows)
    )


_STYLE = """\
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #d0d0d0;
  --accent: #0072B2; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
a { color: #005a8c; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: .9em; }
code.hash { font-size: .8em; word-break: break-all; }
ul.files { list-style: none; padding: 0; margin: .5rem 0 1rem; }
ul.files li { border-bottom: 1px solid var(--line); padding: .4rem 0; }
a.file { font-weight: 600; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .9rem; }
.release { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: .75rem; margin: 1rem 0; }
.cards div { background: var(--soft); border-radius: .4rem; padding: .6rem .8rem; }
.cards dt { color: var(--muted); font-size: .9rem; }
.cards dd { margin: 0; }
.cards .big { font-size: 1.6rem; font-weight: 600; display: block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
blockquote { margin: .5rem 0; padding: .5rem 1rem; border-left: 4px solid var(--accent);
  background: var(--soft); }
figure.chart { margin: 1.5rem 0; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 40rem; }
.note { color: var(--muted); font-size: .9rem; margin: .3rem 0; }
details summary { cursor: pointer; color: #005a8c; }
footer { margin-top: 3rem; color: var(--muted); font-size: .9rem;
  border-top: 1px solid var(--line); }
@media (max-width: 40rem) { body { padding: .6rem; font-size: 15px; }
  th, td { padding: .25rem .3rem; } }
@media print { nav, details { display: none; } body { max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; } h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; } .scroll { overflow: visible; } }
"""
