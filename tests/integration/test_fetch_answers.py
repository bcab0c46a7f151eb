"""Answers the stand-in site tests leave out: a redirect on the site is followed and the
final address kept beside the requested one; any 2xx is a body; a 204 on a commitment
address is no commitment page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.fetch.crawl import crawl
from pipeline.fetch.settings import FetchSettings

PAGE = "<html><h1>Open data ({id})</h1></html>"


def test_redirects_on_the_site_are_followed_and_2xx_answers_kept(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OGP_FETCH_BACKOFF", "0.01")
    links = "".join(
        f'<a href="/members/kenya/commitments/{i}/">{i}</a>' for i in ("KE0001", "KE0002", "KE0003")
    )

    def serve(request: Request) -> Response:
        path = request.path
        if path == "/our-members/":
            return Response('<a href="/members/kenya/">Kenya</a>', content_type="text/html")
        if path == "/members/kenya/":
            return Response(links, content_type="text/html")
        if path == "/members/kenya/commitments/KE0001/":
            return Response(status=301, headers={"Location": "/pages/ke0001.html"})
        if path == "/pages/ke0001.html":
            return Response(PAGE.format(id="KE0001"), content_type="text/html")
        if path == "/members/kenya/commitments/KE0002/":
            return Response(PAGE.format(id="KE0002"), status=203, content_type="text/html")
        if path == "/members/kenya/commitments/KE0003/":
            return Response(status=204)
        return Response(status=404)

    httpserver.expect_request("").respond_with_handler(serve)
    root = httpserver.url_for("/").rstrip("/")
    report = crawl(FetchSettings(site=root, snapshots=tmp_path, languages=("en",), rate=1000))
    assert report.failed == {"soft 404": 1}  # the 204: no `Title (KE0003)` in it
    [sidecar] = tmp_path.rglob("KE0001/*.meta.json")
    provenance = json.loads(sidecar.read_text())
    assert provenance["url"] == f"{root}/members/kenya/commitments/KE0001/"
    assert provenance["final_url"] == f"{root}/pages/ke0001.html"
    [stored] = tmp_path.rglob("KE0002/*.html")
    assert stored.read_text() == PAGE.format(id="KE0002")
    assert not list(tmp_path.rglob("KE0003/*.html"))
