"""The `snapshots` asset in Dagster: the real crawl against a real server on 127.0.0.1,
its metadata as the UI shows it, a second run answered by 304s, and a failed crawl
failing the asset (so `fetch_release_job` releases nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dagster import materialize
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from assets.fetch import snapshots
from assets.resources import Fetching

PAGES = {
    "/our-members/": '<html><body><a href="/members/kenya/">Kenya</a></body></html>',
    "/members/kenya/": '<html><body><a href="commitments/ke0025">KE0025</a></body></html>',
    "/members/kenya/commitments/KE0025/": "<html><body><h1>Open data (KE0025)</h1></body></html>",
}


def _serve(request: Request) -> Response:
    body = PAGES.get(request.path)
    if body is None:
        return Response("not found", status=404)
    etag = f'"{abs(hash(body))}"'
    if request.headers.get("If-None-Match") == etag:
        return Response(status=304, headers={"ETag": etag})
    return Response(body, content_type="text/html; charset=utf-8", headers={"ETag": etag})


@pytest.fixture
def site(httpserver: HTTPServer) -> str:
    httpserver.expect_request("").respond_with_handler(_serve)  # every path
    return httpserver.url_for("/").rstrip("/")


def _fetching(site: str, folder: Path) -> Fetching:
    return Fetching(site=site, snapshots_dir=str(folder), languages=["en"], rate=1000.0)


def test_the_asset_crawls_and_shows_what_it_did(site: str, tmp_path: Path) -> None:
    first = materialize([snapshots], resources={"fetching": _fetching(site, tmp_path)})
    assert first.success
    [event] = first.asset_materializations_for_node("snapshots")
    shown = {k: v.value for k, v in event.metadata.items()}
    assert (shown["fetched"], shown["new"], shown["not_modified"], shown["failed"]) == (3, 3, 0, 0)
    assert shown["bytes_written"] == sum(len(b) for b in PAGES.values())
    bodies = sorted(p.relative_to(tmp_path).parts[-2] for p in tmp_path.rglob("*.html"))
    assert bodies == ["KE0025", "kenya", "our-members"]
    again = materialize([snapshots], resources={"fetching": _fetching(site, tmp_path)})
    [event] = again.asset_materializations_for_node("snapshots")
    shown = {k: v.value for k, v in event.metadata.items()}
    assert (shown["fetched"], shown["not_modified"], shown["bytes_written"]) == (0, 3, 0)


def test_a_run_config_narrows_the_crawl_to_some_members(site: str, tmp_path: Path) -> None:
    done = materialize(
        [snapshots],
        resources={"fetching": _fetching(site, tmp_path)},
        run_config={"ops": {"snapshots": {"config": {"members": ["kenya"]}}}},
    )
    assert done.success
    assert not list(tmp_path.rglob("our-members"))  # the directory is not needed
    assert len(list(tmp_path.rglob("*.html"))) == 2


def test_a_crawl_that_fetches_nothing_fails_the_asset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OGP_FETCH_BACKOFF", "0.01")  # the retries of a refused connection
    dead = Fetching(site="http://127.0.0.1:9", snapshots_dir=str(tmp_path), rate=1000.0)
    done = materialize([snapshots], resources={"fetching": dead}, raise_on_error=False)
    assert not done.success
    [failure] = done.get_step_failure_events()
    assert "robots.txt could not be read (connection error)" in str(failure.event_specific_data)
