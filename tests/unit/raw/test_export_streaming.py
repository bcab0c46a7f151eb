"""Large files read as streams: same records and same recognition as reading them whole.

A million-row export is ~5 GB: the reader takes a path, reads the CSV as a stream and
hands rows over in batches (readers/export.py), and the raw_export asset appends each
batch to DuckDB (extract_export.stream_exports). These tests hold the streamed reading
to the whole-file reading on the real sample export, and the streamed recognition of a
large file (discovery.recognise_file) to recognise() of its bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from pipeline.raw import discovery
from pipeline.raw.discovery import discover
from pipeline.raw.extract_export import extract_exports, stream_exports
from pipeline.raw.readers import export
from pipeline.raw.source_records import ExportReadResult
from pipeline.raw.tables import files_of_kind, source_files_from_arrow, source_tables
from tests.fixtures.samples import SAMPLE_EXPORT


def gathered(batches: list[ExportReadResult], last: ExportReadResult) -> tuple[list, ...]:
    """Everything the batches and the final result held, in reading order."""
    parts = [*batches, last]
    return tuple(
        [item for part in parts for item in getattr(part, name)]
        for name in ("rows", "institutions", "policy_areas", "rejects")
    )


def test_a_path_read_in_batches_gives_what_the_whole_bytes_give(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export, "BATCH_ROWS", 7)
    monkeypatch.setattr(export, "STREAM_CHUNK", 4096)
    whole = export.read_export(SAMPLE_EXPORT.read_bytes())
    batches: list[ExportReadResult] = []
    last = export.read_export(SAMPLE_EXPORT, on_batch=batches.append)
    assert len(batches) == len(whole.rows) // 7
    assert all(len(batch.rows) == 7 for batch in batches)
    assert gathered(batches, last) == (
        whole.rows,
        whole.institutions,
        whole.policy_areas,
        whole.rejects,
    )
    assert len(whole.rows) == 153 and whole.institutions and whole.policy_areas


@pytest.mark.parametrize("offset", [0, 1, 5000, -2])
def test_a_file_that_is_not_utf8_is_refused_alike_from_a_path(tmp_path: Path, offset: int) -> None:
    data = bytearray(SAMPLE_EXPORT.read_bytes())
    data[offset] = 0xFF
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(data))
    [from_bytes] = export.read_export(bytes(data)).rejects
    [from_path] = export.read_export(path).rejects
    assert from_path == from_bytes
    assert f"at byte offset {offset % len(data)}" in from_path.reason


def test_streamed_tables_are_the_tables_read_whole(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(SAMPLE_EXPORT, tmp_path / "export.csv")
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    exports = files_of_kind(files, "ogp_export")
    whole = extract_exports(exports)
    monkeypatch.setattr(export, "BATCH_ROWS", 10)
    batches: list[dict[str, pa.Table]] = []
    stream_exports(exports, batches.append)
    assert len(batches) > 15  # 153 rows, 10 a batch, and the last hand-over
    for name, table in whole.items():
        streamed = pa.concat_tables([b[name] for b in batches])
        assert streamed.to_pylist() == table.to_pylist(), name
    assert whole["export_rows"].num_rows == 153


def test_a_file_changed_while_it_is_read_stops_the_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "export.csv"
    shutil.copy(SAMPLE_EXPORT, path)
    files = source_files_from_arrow(source_tables(discover([tmp_path]))["source_files"])
    monkeypatch.setattr(export, "BATCH_ROWS", 10)

    def edit_after_first_batch(_tables: dict[str, pa.Table]) -> None:
        with path.open("ab") as handle:
            handle.write(b"\r\n")

    with pytest.raises(ValueError, match=r"export\.csv: the file changed while it was being read"):
        stream_exports(files_of_kind(files, "ogp_export"), edit_after_first_batch)


@pytest.mark.parametrize(
    "name, data",
    [
        ("export.csv", SAMPLE_EXPORT.read_bytes()),
        ("bom-export.csv", b"\xef\xbb\xbf" + SAMPLE_EXPORT.read_bytes()),
        ("bad-byte.csv", SAMPLE_EXPORT.read_bytes()[:70_000] + b"\xff" + b"x" * 10),
        ("page.txt", b"Freedonia\n\nOpen budgets (FR0001)\n\nStatus: Active\n" * 2_000),
        ("spaces.txt", b" \n" * 50_000),
        ("notes.csv", b"a,b\n" + b"1,2\n" * 30_000),
    ],
)
def test_a_large_file_is_recognised_as_a_small_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    # Over WHOLE_FILE_BYTES a file is checked as a stream and sniffed by its first line.
    path = tmp_path / name
    path.write_bytes(data)
    monkeypatch.setattr(discovery, "WHOLE_FILE_BYTES", 1024)
    streamed, whole = discovery.recognise_file(path, len(data)), discovery.recognise(data)
    if name == "bad-byte.csv":  # both refuse it at the same byte; a stream must be UTF-8
        assert streamed[:2] == whole[:2] == ("unrecognised", "unknown")
        assert "offset 70000" in str(streamed[2]) and "offset 70000" in str(whole[2])
    else:
        assert streamed == whole
