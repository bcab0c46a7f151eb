"""Cutting a CSV file into pieces of whole records (pipeline/release/csv_pieces.py)."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from pipeline.release import csv_pieces
from pipeline.release.csv_pieces import NoRecordEnd, record_end, record_pieces

CELLS = ["plain", "with, comma", 'say "hi"', "two\nlines", "", '"', "\n", "é ü ß", "a\r\nb"]


def csv_text(records: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("piece_bytes", [1, 7, 64, 300])
def test_pieces_hold_whole_records_in_order(seed: int, piece_bytes: int, tmp_path: Path) -> None:
    chooser = random.Random(seed)
    records = [[str(n), *chooser.choices(CELLS, k=3)] for n in range(chooser.randint(0, 60))]
    body = csv_text(records)
    if seed % 3 == 0:
        body = body.rstrip("\n")  # the last record may lack its line end
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,a,b,c\n" + body.encode("utf-8"))
    folder = tmp_path / "pieces"
    folder.mkdir()
    pieces = [p.read_bytes() for p in record_pieces(path, folder, piece_bytes=piece_bytes)]
    assert b"".join(pieces) == body.encode("utf-8")
    assert [r for piece in pieces for r in parsed(piece.decode("utf-8"))] == records
    assert all(len(piece) >= piece_bytes for piece in pieces[:-1])


def test_a_quote_left_open_stops_the_cutting_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 16)
    path = tmp_path / "open.csv"
    path.write_bytes(b'id,text\n1,ok\n2,"never closed\n' + b"3,more\n" * 100)
    folder = tmp_path / "pieces"
    folder.mkdir()
    with pytest.raises(NoRecordEnd, match=r"open\.csv: no record ends .* after byte 8"):
        list(record_pieces(path, folder, piece_bytes=10))


@pytest.mark.parametrize(
    ("data", "start", "end"),
    [
        (b"a,b\nc,d\n", 0, 4),
        (b"a,b\nc,d\n", 4, 8),
        (b'a,"b\nc"\nd\n', 0, 8),  # the first line feed is inside quotes
        (b'a,"say ""x""\n"\n', 0, 15),  # doubled quotes keep the count even
        (b'a,"b\nc', 0, None),
    ],
)
def test_record_end_skips_line_feeds_inside_quotes(
    data: bytes, start: int, end: int | None
) -> None:
    assert record_end(data, start) == end


def test_pieces_are_copied_by_reading_where_the_kernel_cannot_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> int:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(csv_pieces.os, "copy_file_range", refuse)
    records = [[str(n), CELLS[n % len(CELLS)], "x" * n] for n in range(200)]
    body = csv_text(records).encode("utf-8")
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,a,b\n" + body)
    folder = tmp_path / "pieces"
    folder.mkdir()
    pieces = [p.read_bytes() for p in record_pieces(path, folder, piece_bytes=500)]
    assert len(pieces) > 10
    assert b"".join(pieces) == body
