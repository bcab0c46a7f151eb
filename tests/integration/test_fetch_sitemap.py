"""A sitemap named by robots.txt is read (an index and its sitemaps) and its pages are
fetched, even those no page links; its off-site entries are never requested."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.fetch.crawl import crawl
from pipeline.fetch.settings import FetchSettings

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def test_the_sitemap_robots_names_adds_pages_no_link_reaches(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OGP_FETCH_BACKOFF", "0.01")
    root = httpserver.url_for("/").rstrip("/")
    pages = {
        "/robots.txt": f"User-agent: *\nDisallow:\nSitemap: {root}/sitemap_index.xml\n",
        "/sitemap_index.xml": f"<sitemapindex {NS}><sitemap><loc>{root}/pages.xml</loc>"
        "</sitemap></sitemapindex>",
        "/pages.xml": f"<urlset {NS}><url><loc>{root}/members/kenya/commitments/ke0025</loc>"
        "</url><url><loc>https://example.org/members/x/</loc></url></urlset>",
        "/our-members/": "<html><body>No links today.</body></html>",
        "/members/kenya/commitments/KE0025/": "<html><h1>Open data (KE0025)</h1></html>",
    }
    asked: list[str] = []

    def serve(request: Request) -> Response:
        asked.append(request.path)
        body = pages.get(request.path)
        return Response(body, content_type="text/html") if body else Response(status=404)

    httpserver.expect_request("").respond_with_handler(serve)
    report = crawl(FetchSettings(site=root, snapshots=tmp_path, languages=("en",), rate=1000))
    assert asked[:3] == ["/robots.txt", "/sitemap_index.xml", "/pages.xml"]
    assert "/members/kenya/commitments/KE0025/" in asked
    assert (report.fetched, report.offsite_ignored, sum(report.failed.values())) == (2, 1, 0)
    assert list(tmp_path.rglob("KE0025/*.html"))
    assert not list(tmp_path.rglob("*.xml"))  # sitemaps are read, not stored
