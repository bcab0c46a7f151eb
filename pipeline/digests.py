"""File digests for validation, computed once per file and off the main thread.

A release's CSV files are hashed twice over (the descriptor's `hash` and SHA256SUMS) and
are the bulk of the bytes DuckDB reads. Hashing each file once, in a background thread
while DuckDB checks the data, takes the hashing off the validator's wall time: hashlib
and file reads release the GIL, and so does DuckDB.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

_CHUNK = 1 << 20


def file_digest(path: Path, algorithm: str = "sha256") -> tuple[str, int]:
    """(hex digest, size in bytes) of a file, read in chunks."""
    digest = hashlib.new(algorithm)
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class Digests:
    """Digests of files, each computed once, in one background thread, in request order.

    `prefetch` queues a file; `get` waits for its digest (queueing it first if needed)
    and raises what hashing it raised (OSError for an unreadable file).
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest")
        self._futures: dict[tuple[Path, str], Future[tuple[str, int]]] = {}

    def prefetch(self, path: Path, algorithm: str = "sha256") -> None:
        key = (path, algorithm)
        if key not in self._futures:
            self._futures[key] = self._pool.submit(file_digest, path, algorithm)

    def get(self, path: Path, algorithm: str = "sha256") -> tuple[str, int]:
        self.prefetch(path, algorithm)
        return self._futures[(path, algorithm)].result()

    def __enter__(self) -> Digests:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
