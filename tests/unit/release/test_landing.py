"""The landing page: counts, downloads, charts, quality and change, safety, determinism."""

from __future__ import annotations

import hashlib
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline import contract
from pipeline.release.build import build_release
from pipeline.release.landing import render_landing_page
from pipeline.release.landing.bar_charts import BarChart, Series, nice_scale, render_chart
from pipeline.release.landing.html_parts import human_size, percent
from pipeline.release.landing.sections.quality import WORST_MEMBERS
from pipeline.release.quality import quality_report
from tests.fixtures.tiny_core import EXPORT_SOURCE, PAGE_SOURCE, insert_rows

VERSION = "2026.11.25"
CREATED = "2026-11-25T00:00:00Z"
SOURCES = [{"title": "UK0073 commitment page", "path": "ogp-pages/UK0073.txt"}]
EVIL = '<script>alert("x")</script> & Co'
#: Attributes through which a page can make the browser fetch something.
LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "action", "formaction", "xlink:href"}


class Page(HTMLParser):
    """The parts of the page the tests look at: tags, table rows, download items."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.files: dict[str, str] = {}
        self.titles: list[str] = []
        self._section = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self._href = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag == "section":
            self._section = values.get("id") or ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "li" and self._section == "downloads":
            self._item, self._href = [], ""
        elif tag == "a" and self._item is not None and not self._href:
            self._href = values.get("href") or ""
        elif tag == "title" and self._section == "charts":
            self._in_title = True
            self.titles.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.setdefault(self._section, []).append(self._row)
            self._row = None
        elif tag == "li" and self._item is not None:
            self.files[self._href] = " ".join("".join(self._item).split())
            self._item = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._item is not None:
            self._item.append(data)
        if self._in_title:
            self.titles[-1] += data


def build(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """A release folder as publish writes it (without validation)."""
    folder.mkdir(parents=True)
    build_release(con, folder, version=VERSION, created=CREATED, sources=SOURCES)
    return folder


@pytest.fixture
def release(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    """The tiny core released, with markup in the member's name."""
    tiny_core_db.execute("UPDATE core.members SET name = ?", [EVIL])
    return build(tiny_core_db, tmp_path / "release")


#: Added for the quality report: rejects of two kinds and severities (one reason holding
#: markup), and conflicts on a second field.
REPORT_ROWS: dict[str, list[dict[str, Any]]] = {
    "rejects": [
        *(
            {
                "source_id": EXPORT_SOURCE,
                "location": f"row {row}",
                "path": "ogp-export/export.csv",
                "severity": "warning",
                "reason": f"bad <id> in row {row}",
            }
            for row in (8, 9, 10)
        ),
        {
            "source_id": PAGE_SOURCE,
            "location": "line 3",
            "path": "ogp-pages/UK0073.txt",
            "severity": "error",
            "reason": "commitment id 'UK0073X' is not two to four letters and four digits",
        },
    ],
    "conflicts": [
        {
            "commitment_id": "UK0073",
            "field": "commitments.status",
            "source_id": EXPORT_SOURCE,
            "location": f"row {row}",
            "value": "other",
            "chosen_value": "chosen",
            "chosen_source_id": PAGE_SOURCE,
            "chosen_location": "file",
        }
        for row in (2, 3, 4)
    ],
}


@pytest.fixture
def reported(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    """The `release` fixture's data plus REPORT_ROWS, for a fuller quality report."""
    tiny_core_db.execute("UPDATE core.members SET name = ?", [EVIL])
    for table, table_rows in REPORT_ROWS.items():
        insert_rows(tiny_core_db, table, table_rows)
    return build(tiny_core_db, tmp_path / "reported")


@pytest.fixture
def empty_release(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    """A release where every table is empty."""
    for table in reversed(contract.table_names()):
        tiny_core_db.execute(f'DELETE FROM core."{table}"')
    return build(tiny_core_db, tmp_path / "empty")


def rows(html: str, section: str) -> list[list[str]]:
    """Table rows (header rows included) of one section of the page."""
    return Page(html).rows.get(section, [])


def with_members(report: dict[str, Any], extra: int) -> dict[str, Any]:
    """The report plus `extra` members in quality.py's shape, scored i/100 (for ranking)."""
    template = next(iter(report["members"].values()))
    report["members"] |= {
        f"member-{i:02d}": {
            **template,
            "name": f"Member {i:02d}",
            "commitments": i,
            "score": i / 100,
        }
        for i in range(extra, 0, -1)
    }
    return report


CHANGE = {
    "old_version": "2026.10.01",
    "new_version": VERSION,
    "tables": [
        {"table": "members", "rows_before": 1, "rows_after": 1, "added": 0, "removed": 0},
        {
            "table": "commitments",
            "rows_before": 1,
            "rows_after": 2,
            "added": 1,
            "removed": 0,
            "changed": 3,
        },
    ],
    "schema": [
        {
            "table": "commitments",
            "column": "theme",
            "change": "retyped",
            "before": "string",
            "after": "integer",
            "breaking": True,
        },
        {
            "table": "commitments",
            "column": "sector",
            "change": "added",
            "before": None,
            "after": "string",
            "breaking": False,
        },
    ],
}


# --- counts ----------------------------------------------------------------------------


def test_counts_per_table_member_and_year(release: Path) -> None:
    html = render_landing_page(release, None, None)
    about = {row[0]: row[2] for row in rows(html, "about")[1:]}
    expected = {"members": "1", "action_plans": "1", "commitments": "2", "sources": "2"}
    expected |= {"conflicts": "1", "rejects": "1", "irm_assessments": "1", "milestones": "1"}
    assert {t: about[t] for t in expected} == expected
    assert list(about) == contract.table_names()
    assert rows(html, "members") == [
        ["member", "type", "region", "commitments", "starred", "IRM-rated"],
        [EVIL, "national", "Europe", "2", "1", "50.0%"],
    ]
    assert rows(html, "years") == [
        ["start year", "action plans", "members", "commitments"],
        ["2016", "1", "1", "1"],
    ]
    assert "Not shown: 1 commitment without an action plan" in html


def test_irm_distributions_follow_the_contract_order_and_labels(release: Path) -> None:
    html = render_landing_page(release, None, None)
    completion = re.search(r'<desc id="chart-completion-desc">(.*?)</desc>', html)
    assert completion is not None
    assert completion.group(1).startswith(
        "Bar chart of IRM assessments by Completion. Midterm: No Evidence Available: 0; "
        "Not Started: 0; Limited: 0; Substantial: 1; Complete: 0; Withdrawn: 0; Unclear: 0. "
        "End of term: No Evidence Available: 0; Not Started: 0; Limited: 0; Substantial: 0; "
        "Complete: 1;"
    )
    opened = re.search(r'<desc id="chart-opened-desc">(.*?)</desc>', html)
    assert opened is not None
    assert "Marginal: 0; Major: 1; Outstanding: 0; No early results to report yet: 0." in (
        opened.group(1)
    )
    # UK0073 is led by the Cabinet Office (executive); UK0074 names no lead.
    kinds = re.search(r'<desc id="chart-lead-kinds-desc">(.*?)</desc>', html, re.DOTALL)
    assert kinds is not None
    assert "Government (executive): 1; Legislature: 0;" in kinds.group(1)
    assert "Commitments without a lead institution: 1 (not shown)." in html


def test_every_chart_is_an_accessible_svg(release: Path) -> None:
    page = Page(render_landing_page(release, None, None))
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert len(svgs) == 5
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    assert page.titles == [
        "Commitments per action-plan start year",
        "IRM completion of commitments, midterm and end of term",
        "Did it open government? (IRM overall verdict)",
        "Commitments per OGP region and member type",
        "Commitments per kind of lead institution",
    ]
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids))


# --- downloads -------------------------------------------------------------------------


def test_every_file_is_listed_with_its_size_and_sha256(release: Path) -> None:
    (release / "quality.json").write_text("{}\n")
    (release / "CHANGELOG.md").write_text("# Changes\n")
    (release / "changes.csv").write_text("table,key,field,old,new\n")
    files = Page(render_landing_page(release, None, None)).files
    on_disk = sorted(
        p.relative_to(release).as_posix()
        for p in release.rglob("*")
        if p.is_file() and p.name not in ("SHA256SUMS", "index.html")
    )
    assert sorted(f for f in files if f != "SHA256SUMS") == on_disk
    for relative in on_disk:
        data = (release / relative).read_bytes()
        assert f"({len(data):,} bytes)" in files[relative], relative
        assert hashlib.sha256(data).hexdigest() in files[relative], relative
    assert "SHA256SUMS" in files
    assert not re.search(r"[0-9a-f]{64}", files["SHA256SUMS"])


def test_the_page_and_the_checksums_are_not_listed_and_do_not_change_it(release: Path) -> None:
    first = render_landing_page(release, None, None)
    (release / "index.html").write_text(first, encoding="utf-8")
    (release / "SHA256SUMS").write_text("changed\n", encoding="utf-8")
    assert render_landing_page(release, None, None) == first
    assert 'href="index.html"' not in first


def test_downloads_are_grouped(release: Path) -> None:
    (release / "quality.json").write_text("{}\n")
    html = render_landing_page(release, None, None)
    headings = re.findall(r'<h3>([^<]*)</h3>\n<ul class="files">', html)
    assert headings == ["Data package", "CSV tables", "Parquet tables", "Documentation and reports"]
    docs = html[html.index("<h3>Documentation and reports") :]
    assert 'href="quality.json"' in docs and 'href="README.md"' in docs


# --- safety and determinism ------------------------------------------------------------


def test_text_from_the_data_is_escaped(reported: Path) -> None:
    html = render_landing_page(reported, quality_report(reported, None), CHANGE)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "bad &lt;id&gt;" in html


def test_nothing_is_loaded_from_outside_the_page(reported: Path) -> None:
    html = render_landing_page(reported, quality_report(reported, None), CHANGE)
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "video", "audio")
        assert not LOADING_ATTRIBUTES & set(attrs), (tag, attrs)
        if tag == "link":
            assert attrs.get("href", "").startswith("data:"), attrs
        href = attrs.get("href") or ""
        if re.match(r"[a-z][a-z0-9+.-]*:", href) and not href.startswith("data:"):
            assert tag == "a" and href.startswith("https://"), (tag, href)
    assert not re.search(r"@import|url\(", html)
    assert "default-src 'none'" in html  # the browser itself refuses any network load


def test_links_to_release_files_are_relative(release: Path) -> None:
    page = Page(render_landing_page(release, None, None))
    for href in page.files:
        assert not href.startswith(("/", "file:", "http")), href
        assert ".." not in href


def test_same_release_renders_the_same_bytes_wherever_it_is(reported: Path, tmp_path: Path) -> None:
    first = render_landing_page(reported, quality_report(reported, None), CHANGE)
    assert render_landing_page(reported, quality_report(reported, None), CHANGE) == first
    copy = shutil.copytree(reported, tmp_path / "elsewhere" / "copy")
    assert render_landing_page(copy, quality_report(copy, None), CHANGE) == first
    assert str(tmp_path) not in first


def test_the_document_is_complete_html5(release: Path) -> None:
    html = render_landing_page(release, None, None)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')
    assert html.endswith("</html>\n")
    assert "\r" not in html
    assert '<meta name="viewport"' in html and "@media print" in html
    assert f"Version <strong>{VERSION}</strong>" in html and CREATED in html
    assert "Licensed under CC-BY-4.0" in html


# --- empty data ------------------------------------------------------------------------


def test_an_empty_release_renders_with_empty_charts(empty_release: Path) -> None:
    html = render_landing_page(empty_release, None, None)
    assert html.count("No data to chart in this release") == 5
    assert len(re.findall(r'<svg role="img"', html)) == 5
    assert "No members in this release." in html
    assert "No action plans in this release." in html
    assert 'IRM-rated commitments</dt><dd><span class="big">0</span><small>– of all' in html


def test_a_chart_of_zeros_says_there_is_no_data() -> None:
    chart = BarChart("c", "Zeros", ("a", "b"), (Series("n", (0, 0)),), "x", "y")
    html = render_chart(chart)
    assert "No data to chart" in html and 'role="img"' in html and "<title" in html
    assert "No data to chart" in render_chart(BarChart("d", "None", (), (), "x", "y"))


def test_chart_values_are_drawn_and_described() -> None:
    chart = BarChart("c", "T <1>", ("2020", "2021"), (Series("n", (3, 12)),), "Year", "Count")
    html = render_chart(chart)
    assert '<title id="c-title">T &lt;1&gt;</title>' in html
    assert "2020: 3; 2021: 12." in html
    assert html.count("<rect") == 2


@pytest.mark.parametrize(
    ("maximum", "expected"),
    [
        (0, (1, 1)),
        (1, (1, 1)),
        (7, (8, 2)),
        (10, (10, 2)),
        (43, (50, 10)),
        (152, (200, 50)),
        (999, (1000, 200)),
    ],
)
def test_nice_scale(maximum: int, expected: tuple[int, int]) -> None:
    assert nice_scale(maximum) == expected


def test_number_formats() -> None:
    assert [human_size(n) for n in (0, 999, 1000, 653_725, 12_500_000)] == [
        "0 B",
        "999 B",
        "1.0 kB",
        "653.7 kB",
        "12.5 MB",
    ]
    assert percent(1, 3) == "33.3%" and percent(0, 0) == "–"


# --- quality and change ----------------------------------------------------------------


def test_quality_section(reported: Path) -> None:
    report = quality_report(reported, None)
    html = render_landing_page(reported, report, None)
    quality = rows(html, "quality")
    completeness = [r for r in quality if r[0] in contract.table_names()]
    partial = {
        (table, field)
        for table, entry in report["tables"].items()
        for field, counts in entry["fields"].items()
        if counts["missing"]
    }
    assert {(r[0], r[1]) for r in completeness} == partial
    assert ["commitments", "action_plan_id", "1", "1", "50.0%"] in completeness
    shown = list(dict.fromkeys(r[0] for r in completeness))
    assert shown == [t for t in contract.table_names() if t in shown]
    for table in shown:  # least complete first within a table
        shares = [float(r[4].rstrip("%")) for r in completeness if r[0] == table]
        assert shares == sorted(shares), table
    assert [EVIL, "2", "61.1%"] in quality  # score 0.6111 of the tiny core's one member
    bad_id = ["bad <id> in row N", "3", "bad <id> in row 10"]
    commitment_id = "commitment id '{}' is not two to four letters and four digits"
    malformed = [commitment_id.format("…"), "2", commitment_id.format("UK0073X")]
    assert quality.index(bad_id) < quality.index(malformed)  # most frequent first
    assert [r for r in quality if r[0].startswith("commitments.")] == [
        ["commitments.status", "3"],
        ["commitments.title", "1"],
    ]
    assert "5 rejected or flagged records (error: 2, warning: 3)" in html
    assert "4 values on which sources disagree" in html


def test_quality_section_lists_the_lowest_scores(release: Path) -> None:
    report = with_members(quality_report(release, None), 11)
    quality = rows(render_landing_page(release, report, None), "quality")
    members = [r for r in quality if r[0].startswith("Member")]
    assert [r[0] for r in members] == [f"Member {i:02d}" for i in range(1, WORST_MEMBERS + 1)]
    assert members[0] == ["Member 01", "1", "1.0%"]
    assert EVIL not in [r[0] for r in quality]  # 61.1% is not among the ten lowest


def test_no_quality_report_and_first_release(release: Path) -> None:
    html = render_landing_page(release, None, None)
    assert "No quality report accompanies this page." in html
    assert "This is the first release" in html


def test_malformed_reports_do_not_break_the_page(release: Path) -> None:
    odd: dict[str, Any] = {
        "tables": [1, 2],
        "members": {"x": "y", "z": {"score": "high"}},
        "rejects": {"by_reason": "none", "by_severity": [], "total": None},
        "conflicts": {"by_field": [None, {"count": True}]},
    }
    html = render_landing_page(release, odd, {"tables": {"a": 1}, "schema": "x"})
    assert "Compared with release <strong>–</strong>" in html


def test_change_section(release: Path) -> None:
    html = render_landing_page(release, None, CHANGE)
    changes = rows(html, "changes")
    assert changes[:3] == [
        ["table", "rows before", "rows after", "added", "removed", "changed"],
        ["members", "1", "1", "0", "0", "–"],
        ["commitments", "1", "2", "1", "0", "3"],
    ]
    assert ["commitments", "sector", "added", "–", "string", "no"] in changes
    assert ["commitments", "theme", "retyped", "string", "integer", "breaking"] in changes
    assert "2 schema changes, 1 breaking" in html and "2026.10.01" in html
