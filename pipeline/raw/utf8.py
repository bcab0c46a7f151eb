"""Checking a file on disk is UTF-8 without holding it whole: large exports are gigabytes."""

from __future__ import annotations

import codecs
from pathlib import Path

CHUNK = 1 << 20


def first_invalid_byte(path: Path, chunk_size: int = CHUNK) -> tuple[int, int] | None:
    """(byte offset, byte value) of the first byte that is not valid UTF-8, read chunk by
    chunk; None for a valid file. Offsets are those a whole-file decode reports, a byte
    order mark included, and a character cut at the end of the file counts as invalid."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0  # bytes handed to the decoder so far
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(chunk_size)
            pending = len(decoder.getstate()[0])  # bytes of a character cut by the last chunk
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                at = offset - pending + error.start
                handle.seek(at)
                return at, handle.read(1)[0]
            if not chunk:
                return None
            offset += len(chunk)
