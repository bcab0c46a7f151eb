"""A sources folder holding everything it can hold: each bad file is quarantined in
`rejects` with a reason that says what is wrong, every good record beside it is still
published, and the run succeeds (no traceback, exit 0 from the command line).

The good files are the sample page under other IDs, in every encoding hand-made files
come in, under odd names and deep folders; the bad ones are empty, binary, truncated,
ragged, oversized, a zip bomb, XML with an external entity, links out of the folder, a
broken sidecar, and two captures disagreeing about one commitment.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLE_PAGE
from tests.integration.graph import Built, commitments, run_graph

PAGE = SAMPLE_PAGE.read_text(encoding="utf-8")
with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as _handle:
    RECORDS = list(csv.reader(_handle))[:4]  # the header and three rows
WHOLE_CAP = (16 << 20) + 1  # files over 16 MiB that must be read whole: over the cap
FILE_CAP = 30 << 20


def page(commitment_id: str) -> str:
    return PAGE.replace("UK0073", commitment_id)


def bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 << 20))
    return buffer.getvalue()


def export_text(records: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def ragged_export() -> str:
    return export_text([*RECORDS[:2], RECORDS[2][:10], RECORDS[3]])  # a row cut short


def bad_ids_export() -> str:
    """Rows whose ID would reach a path or a query if it were trusted; no URL to fall on."""
    url = RECORDS[0].index("URL")
    rows = [RECORDS[0]]
    for bad in ("../../etc/passwd", "UK0073'; DROP TABLE commitments; --"):
        row = list(RECORDS[1])
        row[0], row[url] = bad, ""
        rows.append(row)
    return export_text(rows)


def missing_columns_export() -> str:
    """The export with its last 60 columns gone (URL among them), rows cut to match."""
    return export_text([record[:-60] for record in RECORDS])


def unterminated_export() -> str:
    return export_text(RECORDS[:2]) + '"never closed,' + export_text(RECORDS[2:])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    src = root / "sources"
    deep = src / "a" / "b" / "c" / "d" / "e" / "f" / "g" / "h"
    deep.mkdir(parents=True)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "garbage.bin": bytes(range(256)) * 12,
        "utf16.txt": page("UK0101").encode("utf-16"),  # with its byte-order mark
        "cp1252.txt": page("UK0102").replace("-", "–").encode("cp1252", "replace"),
        "latin1.txt": (page("UK0103") + "\nCafé\n").encode("latin-1", "replace"),
        "utf8bom.txt": b"\xef\xbb\xbf" + page("UK0104").encode(),
        "truncated.html": b"<html><body><h1>Budget portal (UK0105)</h1><p>Lead instit",
        "ragged.csv": ragged_export().encode(),
        "unterminated.csv": unterminated_export().encode(),
        "bad-ids.csv": bad_ids_export().encode(),
        "missing-columns.csv": missing_columns_export().encode(),
        "notzip.xlsx": b"PK\x03\x04 this is not a zip archive at all",
        "bomb.xlsx": bomb(),
        "xxe.html": (
            '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            "<html><body><pre>" + page("UK0106") + "&secret;</pre></body></html>"
        ).encode(),
        "sidecar.txt": page("UK0107").encode(),
        "sidecar.txt.meta.json": b"{not json",
        "odd name ; rm -rf $(x) é.txt": page("UK0108").encode(),
        "a/b/c/d/e/f/g/h/deep.txt": page("UK0109").encode(),
        "big-page.txt": (page("UK0111") * ((WHOLE_CAP // len(PAGE)) + 1)).encode(),
        "huge.csv": b"x" * (FILE_CAP + 1),
        "capture-1.txt": page("UK0112").encode(),
        "capture-2.txt": page("UK0112")
        .replace("Better use of data assets", "Other title")
        .encode(),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    (root / "outside.txt").write_text(page("UK0110"), encoding="utf-8")
    os.symlink(root / "outside.txt", src / "link.txt")
    os.symlink("/etc/passwd", src / "passwd.txt")
    os.symlink(root, src / "linked-folder")
    (src / "linked-sidecar.txt").write_text(page("UK0113"), encoding="utf-8")
    outside_sidecar = {"title": "Secret outside title", "publisher": "Nobody inside"}
    (root / "outside.meta.json").write_text(json.dumps(outside_sidecar), encoding="utf-8")
    os.symlink(root / "outside.meta.json", src / "linked-sidecar.txt.meta.json")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OGP_MAX_WHOLE_FILE_BYTES", str(WHOLE_CAP))
        patch.setenv("OGP_MAX_FILE_BYTES", str(FILE_CAP))
        return run_graph([src], root / "work")


def rejects(built: Built, path: str) -> list[tuple[str, str]]:
    return built.query(
        "SELECT severity, reason FROM core.rejects WHERE path = ? ORDER BY ALL", [path]
    )


def published(built: Built) -> set[str]:
    return {cid for (cid,) in built.query("SELECT commitment_id FROM core.commitments")}


def test_the_run_succeeds_and_publishes_every_good_record(hostile: Built) -> None:
    assert hostile.success
    assert (hostile.release / "datapackage.json").is_file()
    good = {"UK0101", "UK0102", "UK0103", "UK0104", "UK0107", "UK0108", "UK0109", "UK0112"}
    assert good <= published(hostile)


@pytest.mark.parametrize(
    ("path", "severity", "reason"),
    [
        ("empty.txt", "error", "empty file"),
        ("garbage.bin", "error", "binary data"),
        ("utf16.txt", "warning", "read as UTF-16"),
        ("cp1252.txt", "warning", "read as Windows-1252"),
        ("latin1.txt", "warning", "read as Latin-1"),
        ("truncated.html", "error", "no source names the member"),
        ("ragged.csv", "error", "cells where the header has"),
        ("unterminated.csv", "error", ""),
        ("notzip.xlsx", "error", "corrupt ZIP"),
        ("bad-ids.csv", "error", "'../../etc/passwd' is not a commitment ID"),
        ("bad-ids.csv", "error", "DROP TABLE commitments; --' is not a commitment ID"),
        ("bomb.xlsx", "error", "zip bomb"),
        ("sidecar.txt", "warning", "provenance not read"),
        ("big-page.txt", "error", "must be read whole"),
        ("huge.csv", "error", "over the size cap"),
        ("link.txt", "error", "outside the sources folder"),
        ("passwd.txt", "error", "outside the sources folder"),
        ("linked-folder", "error", "outside the sources folder"),
        ("linked-sidecar.txt", "warning", "leading outside the sources folder"),
    ],
)
def test_each_bad_file_is_quarantined_with_its_reason(
    hostile: Built, path: str, severity: str, reason: str
) -> None:
    found = rejects(hostile, path)
    assert any(s == severity and reason in r for s, r in found), found


def test_nothing_outside_the_folder_is_read_or_published(hostile: Built) -> None:
    assert "UK0110" not in published(hostile)  # the page behind link.txt
    for csv_path in (hostile.release / "csv").glob("*.csv"):
        text = csv_path.read_text(encoding="utf-8")
        assert "root:x:0:0" not in text and "/bin/bash" not in text, csv_path.name
    for path in hostile.release.rglob("*"):  # nor the provenance of a linked sidecar
        if path.is_file() and path.suffix in {".csv", ".json", ".md", ".html"}:
            assert "Secret outside title" not in path.read_text(encoding="utf-8"), path.name


def test_an_export_missing_columns_still_gives_its_rows(hostile: Built) -> None:
    rows = hostile.query(
        "SELECT count(*) FROM raw.export_rows AS e JOIN raw.source_files AS s USING (source_id) "
        "WHERE s.path = 'missing-columns.csv'"
    )
    assert rows == [(len(RECORDS) - 1,)]


def test_text_in_other_encodings_is_read_right(hostile: Built) -> None:
    titles = dict(
        hostile.query(
            "SELECT commitment_id, title FROM core.commitments "
            "WHERE commitment_id IN ('UK0101', 'UK0102', 'UK0103')"
        )
    )
    assert titles == dict.fromkeys(("UK0101", "UK0102", "UK0103"), "Better use of data assets")


def test_two_captures_disagreeing_make_a_conflict(hostile: Built) -> None:
    values = hostile.query(
        "SELECT DISTINCT value FROM core.conflicts "
        "WHERE commitment_id = 'UK0112' AND field = 'commitments.title' ORDER BY 1"
    )
    assert values  # the losing title is kept as a conflict, not lost


def test_the_command_line_exits_0_with_no_traceback(
    hostile: Built, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    sources = hostile.releases.parent.parent / "sources"
    env = {
        **cli_env,
        "OGP_MAX_WHOLE_FILE_BYTES": str(WHOLE_CAP),
        "OGP_MAX_FILE_BYTES": str(FILE_CAP),
    }
    done = commitments(
        "release", "--sources", str(sources), "--releases", str(tmp_path / "releases"),
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "published" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
