"""Cut a large CSV file's records into smaller files, each holding whole records.

DuckDB 2.0 reads some large well-formed CSV files neither in parallel (it refuses files
whose quoted cells hold line breaks, or misreads them with an explicit buffer size) nor
serially under the pipeline's memory limit (it ran out of memory on a 4.9 GB file).
Pieces of a few tens of MiB it reads either way, one after the other, in order.

A record ends at a line feed outside quotes. With RFC 4180 quoting (a quote inside a
quoted cell is doubled) a position is outside quotes when the quote characters before
it are even in number, so counting quotes, each byte looked at once, finds the
boundaries without parsing cells.
A malformed file may be cut inside what a reader would call one record; whoever reads
the pieces must check that they account for every line of the file (reading.py does).
Not here: reading the pieces (constraints/reading.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PIECE_BYTES = 64 << 20
CHUNK_BYTES = 8 << 20
#: Files above this are cut into pieces without first trying DuckDB's parallel reader
#: on the whole file: it read the 0.5 GB commitments.csv of 100k commitments whole, and
#: refused the 4.9 GB one of 1M only after 10 s of reading.
WHOLE_READ_BYTES = 1 << 30
#: Bytes without a record end, in pieces, after which the file is not cut.
MAX_PIECES_HELD = 8


def worth_reading_whole(path: Path) -> bool:
    """Whether to try DuckDB's parallel reader on the whole file before cutting it."""
    return path.stat().st_size <= WHOLE_READ_BYTES


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
    MAX_PIECES_HELD pieces' bytes: pieces stay of a size a reader can take.
    """
    with path.open("rb") as source:
        spans = record_spans(path, quote, piece_bytes, skip_header=skip_header)
        for number, (start, end) in enumerate(spans, start=1):
            yield _copy(source, folder / f"piece-{number:06d}.csv", start, end - start)


def record_spans(
    path: Path, quote: str = '"', piece_bytes: int = PIECE_BYTES, *, skip_header: bool = True
) -> Iterator[tuple[int, int]]:
    """(start, end) byte offsets of record_pieces' pieces, from one read of the file.

    Each byte is looked at once: a chunk's quotes are counted up to where a cut may
    fall, then from line feed to line feed until one lies outside quotes.
    """
    mark = quote.encode("utf-8")
    with path.open("rb") as handle:
        start = base = len(handle.readline()) if skip_header else 0
        inside = False  # quote parity where the scan of the current chunk stands
        while chunk := handle.read(CHUNK_BYTES):
            if base - start > MAX_PIECES_HELD * piece_bytes:  # and more bytes follow
                raise NoRecordEnd(
                    f"{path}: no record ends within {base - start} bytes after byte {start}"
                )
            scanned = 0
            while True:
                wanted = max(scanned, start + piece_bytes - base)
                if wanted >= len(chunk):
                    inside ^= chunk.count(mark, scanned) % 2 == 1
                    break
                inside ^= chunk.count(mark, scanned, wanted) % 2 == 1
                end, inside = _next_record_end(chunk, wanted, inside, mark)
                if end is None:
                    break
                yield start, base + end
                start, scanned = base + end, end
            base += len(chunk)
        if base > start:
            yield start, base


def _next_record_end(
    chunk: bytes, position: int, inside: bool, mark: bytes
) -> tuple[int | None, bool]:
    """(offset after the first line feed from `position` outside quotes, False), or
    (None, the quote parity at the chunk's end) when the chunk holds none."""
    while (feed := chunk.find(b"\n", position)) != -1:
        inside ^= chunk.count(mark, position, feed) % 2 == 1
        if not inside:
            return feed + 1, False
        position = feed + 1
    return None, inside ^ (chunk.count(mark, position) % 2 == 1)


def _copy(source: BinaryIO, target: Path, start: int, length: int) -> Path:
    """`length` bytes of `source` from `start` written to `target` (copied by the kernel
    where it can); the path."""
    with target.open("wb") as out:
        copied = 0
        try:
            while copied < length:
                done = os.copy_file_range(
                    source.fileno(), out.fileno(), length - copied, start + copied
                )
                if done == 0:
                    break
                copied += done
        except (AttributeError, OSError):  # no copy_file_range here, or not for these files
            pass
        source.seek(start + copied)
        while copied < length and (block := source.read(min(CHUNK_BYTES, length - copied))):
            out.write(block)
            copied += len(block)
    return target


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
