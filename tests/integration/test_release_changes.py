"""Releases people can rely on: byte-identical rebuilds and a record-level changelog.

The real graph releases a copy of samples/; releasing again after one export cell was
edited must give a changes.csv naming exactly that record and field (and the sources row
of the edited file, whose bytes changed), and a CHANGELOG.md saying so.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.fixtures.samples import SAMPLES
from tests.integration.graph import Built, run_graph

EDITED = "BG0090"
OLD_TITLE = "Development of Online Petition Platform"
NEW_TITLE = "Development of Online Petitions Platform"
EXPORT = "ogp-export/ogp_commitments_export_sample.csv"


def changes(release: Path) -> list[dict[str, str]]:
    with (release / "changes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    """Release 1 of a samples copy, then release 2 after one export title was edited."""
    root = tmp_path_factory.mktemp("changes")
    sources = root / "sources"
    shutil.copytree(SAMPLES, sources)
    releases = root / "releases"
    first = run_graph([sources], root / "one", version="2026-01-01", releases=releases)
    export = sources / EXPORT
    text = export.read_text(encoding="utf-8")
    assert text.count(OLD_TITLE) == 1
    export.write_text(text.replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
    second = run_graph([sources], root / "two", version="2026-01-02", releases=releases)
    assert first.success and second.success
    return first, second


def test_first_release_has_a_header_only_changes_file(two_releases: tuple[Built, Built]) -> None:
    first, _ = two_releases
    assert changes(first.release) == []
    assert "first release" in (first.release / "CHANGELOG.md").read_text(encoding="utf-8").lower()


def test_one_edited_record_gives_exactly_that_record_and_field(
    two_releases: tuple[Built, Built],
) -> None:
    _, second = two_releases
    rows = changes(second.release)
    data = [r for r in rows if r["table"] != "sources"]
    assert data == [
        {
            "table": "commitments",
            "key": EDITED,
            "change": "changed",
            "field": "title",
            "old_value": OLD_TITLE,
            "new_value": NEW_TITLE,
        }
    ]
    # The file's own row says its bytes changed (one more letter), and nothing else.
    provenance = [(r["table"], r["change"], r["field"]) for r in rows if r["table"] == "sources"]
    assert sorted(provenance) == [("sources", "changed", "bytes"), ("sources", "changed", "sha256")]
    changelog = (second.release / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "2026-01-01" in changelog and "2026-01-02" in changelog
    assert EDITED in changelog


def test_quality_and_index_record_the_change(two_releases: tuple[Built, Built]) -> None:
    first, second = two_releases
    quality = json.loads((second.release / "quality.json").read_text(encoding="utf-8"))
    assert quality["change"]["old_version"] == "2026-01-01"
    index = json.loads((second.releases / "index.json").read_text(encoding="utf-8"))
    assert index["latest"] == "2026-01-02"
    assert [r["version"] for r in index["releases"]] == ["2026-01-01", "2026-01-02"]
    sums = (first.release / "SHA256SUMS").read_text(encoding="utf-8")
    listed = {f"{digest}  {path}" for path, digest in index["releases"][0]["files"].items()}
    assert listed == set(sums.splitlines())


def test_release_without_source_date_epoch_is_dated_by_its_inputs_and_reproducible(
    tmp_path: Path,
) -> None:
    """No wall clock in a release: built twice, in two folders, without SOURCE_DATE_EPOCH."""
    sources = tmp_path / "sources"
    shutil.copytree(SAMPLES, sources)
    for number, sidecar in enumerate(sorted(sources.rglob("*.meta.json")), 1):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        meta["retrieved_at"] = f"2026-10-0{number}T12:00:00Z"
        sidecar.write_text(json.dumps(meta), encoding="utf-8")
    one = run_graph([sources], tmp_path / "a", epoch=None)
    two = run_graph([sources], tmp_path / "b", epoch=None)
    assert one.success and two.success
    descriptor = json.loads((one.release / "datapackage.json").read_text(encoding="utf-8"))
    retrieved = [s["retrieved_at"] for s in descriptor["sources"] if s.get("retrieved_at")]
    assert descriptor["created"] == max(retrieved)
    assert (one.release / "SHA256SUMS").read_bytes() == (two.release / "SHA256SUMS").read_bytes()
    for path in sorted(p.relative_to(one.release) for p in one.release.rglob("*") if p.is_file()):
        assert (one.release / path).read_bytes() == (two.release / path).read_bytes(), path
