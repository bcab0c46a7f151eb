"""Cut a large CSV file's records into smaller files, each holding whole records.

DuckDB 2.0 reads some large well-formed CSV files neither in parallel (it refuses files
whose quoted cells hold line breaks, or misreads them with an explicit buffer size) nor
serially under the pipeline's memory limit (it ran out of memory on a 4.9 GB file).
Pieces of a few tens of MiB it reads either way, one after the other, in order.

A record ends at a line feed outside quotes. With RFC 4180 quoting (a quote inside a
quoted cell is doubled) a position is outside quotes when the quote characters before
it are even in number, so one count per cut finds the boundary without parsing cells.
A malformed file may be cut inside what a reader would call one record; whoever reads
the pieces must check that they account for every line of the file (reading.py does).
Not here: reading the pieces (constraints/reading.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

PIECE_BYTES = 64 << 20
CHUNK_BYTES = 8 << 20
#: Held bytes without a record end, in pieces, after which the file is not cut.
MAX_PIECES_HELD = 8


class NoRecordEnd(ValueError):
    """No record end was found where one must be: an unterminated quote, most likely."""


def record_pieces(
    path: Path,
    folder: Path,
    quote: str = '"',
    piece_bytes: int = PIECE_BYTES,
    *,
    skip_header: bool = True,
) -> Iterator[Path]:
    """Write `path`'s records (after its first line, if `skip_header`) to files in
    `folder` of about `piece_bytes` each, cut at record ends; yield each once written.

    The caller may delete a piece once read: only one is on disk at a time then. The
    header line must hold no line break inside a cell (the caller checks it). Raises
    NoRecordEnd, naming the file and offset, when no record ends within
    MAX_PIECES_HELD pieces' bytes: memory stays bounded whatever the file holds.
    """
    mark = quote.encode("utf-8")
    pending = bytearray()
    number = offset = 0
    with path.open("rb") as source:
        if skip_header:
            offset = len(source.readline())
        while chunk := source.read(CHUNK_BYTES):
            if len(pending) > MAX_PIECES_HELD * piece_bytes:  # and more bytes follow
                raise NoRecordEnd(
                    f"{path}: no record ends within {len(pending)} bytes after byte {offset}"
                )
            pending += chunk
            while len(pending) >= piece_bytes and (cut := record_end(pending, piece_bytes, mark)):
                number += 1
                yield _write(folder / f"piece-{number:06d}.csv", pending[:cut])
                del pending[:cut]
                offset += cut
    if pending:
        yield _write(folder / f"piece-{number + 1:06d}.csv", pending)


def record_end(data: bytearray | bytes, start: int, quote: bytes = b'"') -> int | None:
    """The offset just after the first line feed at or after `start` that lies outside
    quotes (`data` starts at a record's start), or None if `data` holds none."""
    inside = data.count(quote, 0, start) % 2
    position = start
    while (feed := data.find(b"\n", position)) != -1:
        inside = (inside + data.count(quote, position, feed)) % 2
        if not inside:
            return feed + 1
        position = feed + 1
    return None


def _write(path: Path, data: bytearray | bytes) -> Path:
    """`data` written to `path`; the path."""
    path.write_bytes(data)
    return path
