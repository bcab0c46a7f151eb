"""The snapshot store: bodies once by content, sidecars, history; the newest snapshot a
release reads; a failure never replacing a good body."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.fetch.snapshots import (
    HISTORY,
    SnapshotStore,
    address_folder,
    extension,
    newest_snapshot,
)
from pipeline.raw.discovery import discover

URL = "http://127.0.0.1:8080/members/kenya/commitments/KE0025/"
HTML = {"content-type": "text/html; charset=utf-8", "etag": '"a"'}


def _store(store: SnapshotStore, body: bytes, at: str, etag: str = '"a"') -> dict:
    return store.store(
        URL, final_url=URL, status=200, headers={**HTML, "etag": etag}, body=body,
        checked_at=at, kind="commitment",
    )  # fmt: skip


def test_address_folders_are_safe_paths_under_the_host(tmp_path: Path) -> None:
    assert address_folder(tmp_path, URL) == (
        tmp_path / "127.0.0.1_8080" / "members" / "kenya" / "commitments" / "KE0025"
    )
    climbing = address_folder(tmp_path, "https://h.org/a/%2E%2E/%2E%2E/etc/")
    assert climbing.resolve().is_relative_to(tmp_path.resolve())
    assert ".." not in climbing.parts
    assert address_folder(tmp_path, "https://h.org/") == tmp_path / "h.org" / "_root"
    queried = address_folder(tmp_path, "https://h.org/data.csv?v=2")
    assert queried.parent == tmp_path / "h.org" / "data.csv" and queried.name.startswith("_query-")


def test_extensions_come_from_the_content_type_then_the_address() -> None:
    assert extension("text/html; charset=utf-8", "https://h.org/x/") == "html"
    assert extension("application/octet-stream", "https://h.org/export.xlsx") == "xlsx"
    assert extension(None, "https://h.org/x/") == "bin"


def test_three_fetches_two_bodies_and_the_newest_is_the_snapshot(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    first = _store(store, b"<html>Open data (KE0025) v1</html>", "2026-01-01T00:00:00Z")
    same = _store(store, b"<html>Open data (KE0025) v1</html>", "2026-02-01T00:00:00Z")
    changed = _store(store, b"<html>Open data (KE0025) v2</html>", "2026-03-01T00:00:00Z", '"b"')
    assert [first["outcome"], same["outcome"], changed["outcome"]] == ["new", "unchanged", "new"]
    folder = store.folder(URL)
    bodies = sorted(p.name for p in folder.iterdir() if p.suffix == ".html")
    assert bodies == sorted([first["file"], changed["file"]])
    lines = (folder / HISTORY).read_text().splitlines()
    assert len(lines) == 3
    sidecar = json.loads((folder / (changed["file"] + ".meta.json")).read_text())
    assert sidecar["url"] == URL and sidecar["etag"] == '"b"' and sidecar["bytes"] == 34
    assert sidecar["retrieved_at"] == "2026-03-01T00:00:00Z"
    snapshot = newest_snapshot(folder)
    assert snapshot is not None and snapshot.body.name == changed["file"]
    assert snapshot.retrieved_at == "2026-03-01T00:00:00Z"


def test_a_304_changes_no_cited_time_and_a_failure_keeps_the_good_body(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    stored = _store(store, b"<html>Open data (KE0025)</html>", "2026-01-01T00:00:00Z")
    store.not_modified(URL, final_url=URL, headers={}, checked_at="2026-02-01T00:00:00Z")
    store.failed(URL, reason="http 500", status=500, checked_at="2026-03-01T00:00:00Z")
    snapshot = newest_snapshot(store.folder(URL))
    assert snapshot is not None and snapshot.body.name == stored["file"]
    assert snapshot.retrieved_at == "2026-01-01T00:00:00Z"
    last = store.last_good(URL)
    assert last is not None and last["outcome"] == "not_modified" and last["etag"] == '"a"'


def test_bytes_seen_again_after_a_change_are_cited_from_their_latest_fetch(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    _store(store, b"<html>(KE0025) A</html>", "2026-01-01T00:00:00Z")
    _store(store, b"<html>(KE0025) B</html>", "2026-02-01T00:00:00Z")
    again = _store(store, b"<html>(KE0025) A</html>", "2026-03-01T00:00:00Z")
    assert again["outcome"] == "unchanged"  # A is stored once
    snapshot = newest_snapshot(store.folder(URL))
    assert snapshot is not None and snapshot.retrieved_at == "2026-03-01T00:00:00Z"


def test_a_release_reads_only_the_newest_body_of_each_address(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    _store(
        store,
        b"<html><body>Skip Navigation\nOpen data (KE0025)</body></html>",
        "2026-01-01T00:00:00Z",
    )
    _store(
        store,
        b"<html><body>Skip Navigation\nOpen data v2 (KE0025)</body></html>",
        "2026-02-01T00:00:00Z",
    )
    directory = "http://127.0.0.1:8080/our-members/"
    store.store(
        directory, final_url=directory, status=200, headers=HTML, body=b"<html>links</html>",
        checked_at="2026-02-01T00:00:00Z", kind="directory",
    )  # fmt: skip
    store.failed("http://127.0.0.1:8080/members/gone/", reason="http 404", status=404,
                 checked_at="2026-02-01T00:00:00Z")  # fmt: skip
    [found] = discover([tmp_path]).files
    assert found.kind == "commitment_page"
    assert found.location.read_bytes().startswith(b"<html><body>Skip Navigation\nOpen data v2")
    assert found.provenance["url"] == URL
    assert found.provenance["retrieved_at"] == "2026-02-01T00:00:00Z"
    before = found.source_id
    _store(
        store,
        b"<html><body>Skip Navigation\nOpen data v3 (KE0025)</body></html>",
        "2026-03-01T00:00:00Z",
    )
    [again] = discover([tmp_path]).files
    assert again.source_id == before and again.sha256 != found.sha256  # one source, new bytes
