"""File digests and line-feed counts taken in the validator's hashing thread."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.digests import Digests, count_line_feeds, file_digest, scan_file


def test_one_read_gives_digest_size_and_line_feeds(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    data = b'id,text\n1,"two\nlines"\n2,x' + b"\n" * 3 + b"y" * (3 << 20)
    path.write_bytes(data)
    scan = scan_file(path, "md5")
    assert scan.hexdigest == hashlib.md5(data).hexdigest()
    assert (scan.size, scan.line_feeds, scan.ends_with_line_feed) == (len(data), 6, False)
    assert file_digest(path) == (hashlib.sha256(data).hexdigest(), len(data))


def test_line_feeds_come_from_the_queued_scan_or_a_count(tmp_path: Path) -> None:
    queued, other = tmp_path / "a.csv", tmp_path / "b.csv"
    queued.write_bytes(b"a\nb\n")
    other.write_bytes(b"a\nb\nc")
    with Digests() as digests:
        digests.prefetch(queued, "sha1")
        assert digests.line_feeds(queued) == count_line_feeds(queued) == (2, True)
        assert digests.line_feeds(other) == count_line_feeds(other) == (2, False)
        assert digests.get(queued, "sha1") == (hashlib.sha1(b"a\nb\n").hexdigest(), 4)
