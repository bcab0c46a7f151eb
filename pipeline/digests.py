"""File digests (sha256 and size), each file read once, in chunks, off the main thread
where it helps: raw files' checksums, release files' hashes, validation.

A release's CSV files are hashed twice over (the descriptor's `hash` and SHA256SUMS) and
are the bulk of the bytes DuckDB reads. Hashing each file once, in a background thread
while DuckDB checks the data, takes the hashing off the validator's wall time: hashlib
and file reads release the GIL, and so does DuckDB. The same read counts the file's line
feeds, which the validator's reading checks need (pipeline.release.reading.reads_every_line).

Not here: what the digests are compared with (pipeline/validate/validator.py).
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileScan:
    """What one read of a file tells: its digest, size and line feeds."""

    hexdigest: str
    size: int
    line_feeds: int
    ends_with_line_feed: bool


def scan_file(path: Path, algorithm: str = "sha256", count_lines: bool = True) -> FileScan:
    """Digest, size and (with `count_lines`) line feeds of a file, read once in chunks."""
    digest = hashlib.new(algorithm)
    size = feeds = 0
    last = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if count_lines:
                feeds += chunk.count(b"\n")
            last = chunk[-1:]
    return FileScan(digest.hexdigest(), size, feeds, last == b"\n")


def count_line_feeds(path: Path) -> tuple[int, bool]:
    """(number of LF bytes, whether the file ends with one), read in 1 MiB chunks."""
    count, last = 0, b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count, last == b"\n"


def file_digest(path: Path, algorithm: str = "sha256") -> tuple[str, int]:
    """(hex digest, size in bytes) of a file, read in chunks."""
    scan = scan_file(path, algorithm, count_lines=False)
    return scan.hexdigest, scan.size


class Digests:
    """Digests of files, each computed once, in one background thread, in request order.

    `prefetch` queues a file; `get` waits for its digest (queueing it first if needed)
    and raises what hashing it raised (OSError for an unreadable file).
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest")
        self._futures: dict[tuple[Path, str], Future[FileScan]] = {}

    def prefetch(self, path: Path, algorithm: str = "sha256") -> None:
        key = (path, algorithm)
        if key not in self._futures:
            self._futures[key] = self._pool.submit(scan_file, path, algorithm)

    def get(self, path: Path, algorithm: str = "sha256") -> tuple[str, int]:
        self.prefetch(path, algorithm)
        scan = self._futures[(path, algorithm)].result()
        return scan.hexdigest, scan.size

    def line_feeds(self, path: Path) -> tuple[int, bool]:
        """(line feeds, whether the file ends with one): from a queued scan of the file,
        else counted now (count_line_feeds)."""
        queued = next((f for (p, _), f in self._futures.items() if p == path), None)
        if queued is None:
            return count_line_feeds(path)
        scan = queued.result()
        return scan.line_feeds, scan.ends_with_line_feed

    def __enter__(self) -> Digests:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
