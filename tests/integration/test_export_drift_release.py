"""Schema drift in a release: an export with columns removed, renamed and added, and one
without its ID column, through the real graph into `rejects` and `quality.json`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.validate import validate_release
from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLES
from tests.integration.graph import Built, run_graph

ID = "Commitment Unique Identifier"
REMOVED = ("Theme", "Region", "Open Data")
RENAMED = {"Short Title": "Short title (page)"}
ADDED = "Reviewer Notes"


def rewrite(header_of: dict[str, str | None], extra: str | None = None) -> bytes:
    """The sample export with each column renamed (or dropped, None) as `header_of` says,
    and an `extra` column of `x` at the end."""
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        old = [h for h in reader.fieldnames or [] if header_of.get(h, h) is not None]
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([header_of.get(h, h) for h in old] + ([extra] if extra else []))
        for row in reader:
            writer.writerow([row[h] for h in old] + (["x"] if extra else []))
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def drifted(tmp_path_factory: pytest.TempPathFactory) -> Built:
    work = tmp_path_factory.mktemp("drift")
    sources = work / "sources"
    sources.mkdir()
    (sources / "UK0073.txt").write_bytes((SAMPLES / "ogp-pages" / "UK0073.txt").read_bytes())
    changed = {**dict.fromkeys(REMOVED), **RENAMED}
    (sources / "export-drifted.csv").write_bytes(rewrite(changed, ADDED))
    (sources / "export-no-id.csv").write_bytes(rewrite({ID: "Commitment ID"}))
    built = run_graph([sources], work)
    assert built.success
    return built


def release_rows(built: Built, table: str) -> list[dict[str, str]]:
    path = built.release / "csv" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_drift_is_one_reject_row_naming_the_file_and_the_columns(drifted: Built) -> None:
    rejects = {
        (r["path"], r["location"]): r for r in release_rows(drifted, "rejects")
        if r["location"] in ("header", "file") or r["location"].startswith("column ")
    }  # fmt: skip
    missing = rejects[("export-drifted.csv", "header")]
    assert missing["severity"] == "warning"
    assert missing["reason"] == (
        "the header lacks 4 of the 171 OGP export columns (renamed or dropped?): 'Region', "
        "'Theme', 'Short Title', 'Open Data'; their fields are empty in every row of this file"
    )
    renamed = rejects[("export-drifted.csv", "column 'Short title (page)'")]
    added = rejects[("export-drifted.csv", f"column '{ADDED}'")]
    assert renamed["severity"] == added["severity"] == "warning"
    assert "is not an OGP export column; not read" in renamed["reason"]
    no_id = rejects[("export-no-id.csv", "file")]
    assert no_id["severity"] == "error"
    assert (
        "it has no 'Commitment Unique Identifier' column (renamed or dropped?)" in no_id["reason"]
    )
    assert len(rejects) == 4  # nothing else about the headers


def test_the_drifted_rows_are_published_and_the_file_without_ids_is_not(drifted: Built) -> None:
    assert validate_release(drifted.release).valid
    commitments = release_rows(drifted, "commitments")
    from_export = [c for c in commitments if c["commitment_id"] != "UK0073"]
    assert len(from_export) >= 150  # the drifted file's rows, read despite the drift
    sources = {s["path"]: s for s in release_rows(drifted, "sources")}
    assert int(sources["export-drifted.csv"]["records"]) == 153
    assert sources["export-no-id.csv"]["records"] in ("", "0")


def test_quality_json_carries_each_files_column_coverage(drifted: Built) -> None:
    quality = json.loads((drifted.release / "quality.json").read_text(encoding="utf-8"))
    assert quality["ledger"]["balanced"]
    by_path = {entry["path"]: entry for entry in quality["columns"]}
    assert sorted(by_path) == ["export-drifted.csv", "export-no-id.csv"]
    assert by_path["export-drifted.csv"] == {
        "path": "export-drifted.csv",
        "format": "ogp_export",
        "expected": 171,
        "found": 167,
        "coverage": round(167 / 171, 4),
        "missing": ["Open Data", "Region", "Short Title", "Theme"],
        "unknown": ["Short title (page)", ADDED],
        "ignored": [],
    }
    no_id = by_path["export-no-id.csv"]
    assert (no_id["found"], no_id["missing"], no_id["unknown"]) == (170, [ID], ["Commitment ID"])


def test_the_sample_export_is_whole(sample_release: Built) -> None:
    quality = json.loads((sample_release.release / "quality.json").read_text(encoding="utf-8"))
    [entry] = quality["columns"]
    assert entry == {
        "path": "ogp-export/ogp_commitments_export_sample.csv",
        "format": "ogp_export",
        "expected": 171,
        "found": 171,
        "coverage": 1.0,
        "missing": [],
        "unknown": [],
        "ignored": [],
    }
