"""The samples release's landing page in a real headless Chromium, opened from disk.

Debian's chromium driven by Playwright (`executable_path`, never `playwright install`).
The page must render with no console error, load nothing from the network, show its
charts and link to files that exist. A full-page screenshot is kept under
`test-artifacts/` for people to look at.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from pipeline.release.landing import render_landing_page
from pipeline.release.quality import quality_report
from tests.fixtures.samples import ROOT
from tests.integration.graph import Built

CHROMIUM = Path("/usr/bin/chromium")
#: The flags that keep Chromium headless and quiet (no background traffic).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
CHART_TITLES = [
    "Commitments per action-plan start year",
    "IRM completion of commitments, midterm and end of term",
    "Did it open government? (IRM overall verdict)",
    "Commitments per OGP region and member type",
    "Commitments per kind of lead institution",
]


@dataclass
class Visit:
    """What happened while the page was open: requests, console messages, errors."""

    page: Page
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def landing_page(sample_release: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published index.html, or, until publishing writes one, a render of a copy."""
    published = sample_release.release / "index.html"
    if published.is_file():
        return published
    copy = tmp_path_factory.mktemp("landing") / sample_release.release.name
    shutil.copytree(sample_release.release, copy)
    report = copy / "quality.json"
    quality = (
        json.loads(report.read_text(encoding="utf-8"))
        if report.is_file()
        else quality_report(copy, None)
    )
    (copy / "index.html").write_text(render_landing_page(copy, quality, None), encoding="utf-8")
    return copy / "index.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium; a clear failure (not a skip) when it is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Debian's chromium is not installed at {CHROMIUM}: run `make browser` "
            "(apt-get install chromium). Never `playwright install`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Browser, path: Path, width: int = 1024) -> Visit:
    """Open a file in a fresh page, blocking and recording every non-file request."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    visit = Visit(page)

    def route(handle: Route) -> None:
        if handle.request.url.startswith("file:"):
            handle.continue_()
        else:
            visit.blocked.append(handle.request.url)
            handle.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning", "assert"):
            visit.console.append(f"{message.type}: {message.text}")

    page.route("**/*", route)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", console)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="load")
    return visit


@pytest.fixture(scope="module")
def visit(browser: Browser, landing_page: Path) -> Iterator[Visit]:
    """The landing page opened once for the tests below."""
    opened = open_page(browser, landing_page)
    yield opened
    opened.page.close()


def test_page_renders_without_errors_or_network(visit: Visit) -> None:
    assert visit.blocked == []
    assert [url for url in visit.requests if not url.startswith("file:")] == []
    assert visit.console == []
    assert visit.errors == []
    assert visit.page.title().startswith("Open Government Partnership commitments")


def test_charts_are_present_and_visible(visit: Visit) -> None:
    charts = visit.page.locator("svg[role=img]")
    assert charts.count() == len(CHART_TITLES)
    titles = [charts.nth(i).locator("title").text_content() for i in range(charts.count())]
    assert titles == CHART_TITLES
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 60
        assert chart.locator("rect").count() > 0  # bars, not the no-data box only
        assert chart.get_attribute("aria-labelledby")


def test_download_links_resolve_to_files(visit: Visit, landing_page: Path) -> None:
    hrefs = visit.page.locator("#downloads a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) >= 2 + 2 * 13  # descriptor, README, one CSV and Parquet per table
    local = visit.page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    for href in sorted(set(local)):
        parts = urlsplit(href)
        if parts.scheme == "file" and parts.path != urlsplit(landing_page.as_uri()).path:
            assert Path(unquote(parts.path)).is_file(), href
        else:
            assert parts.scheme in ("file", "https"), href
    assert all(urlsplit(h).scheme == "file" for h in hrefs)


def test_counts_match_the_database(visit: Visit, sample_release: Built) -> None:
    cells = visit.page.locator("#members tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    expected = sample_release.query(
        """
        SELECT m.name, count(c.commitment_id), count(c.commitment_id) FILTER (WHERE c.starred)
        FROM core.members m LEFT JOIN core.commitments c USING (member_id)
        GROUP BY m.member_id, m.name ORDER BY m.name, m.member_id
        """
    )
    assert [(r[0], r[3], r[4]) for r in cells] == [(n, f"{c:,}", f"{s:,}") for n, c, s in expected]
    total = sample_release.query("SELECT count(*) FROM core.commitments")[0][0]
    assert visit.page.locator(".cards").inner_text().count(f"{total:,}") >= 1


def test_readable_on_a_phone(browser: Browser, landing_page: Path) -> None:
    phone = open_page(browser, landing_page, width=390)
    try:
        overflow = phone.page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 390, "the page scrolls sideways on a phone"
        ARTIFACTS.mkdir(exist_ok=True)
        phone.page.screenshot(path=str(ARTIFACTS / "landing-page-phone.png"), full_page=True)
        assert phone.console == [] and phone.errors == [] and phone.blocked == []
    finally:
        phone.page.close()


def test_printable(visit: Visit) -> None:
    visit.page.emulate_media(media="print")
    try:
        assert visit.page.locator("nav").is_hidden()
        charts = visit.page.locator("svg[role=img]")
        assert all(charts.nth(i).is_visible() for i in range(charts.count()))
        assert visit.page.pdf()[:5] == b"%PDF-"
    finally:
        visit.page.emulate_media(media="screen")


def test_screenshot_is_kept(visit: Visit) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "landing-page.png"
    visit.page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
