"""The release's downloadable files as the landing page lists them: path, size, sha256.

Not here: writing SHA256SUMS (pipeline/release/build.py) or checking the files
(pipeline/validate/).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.digests import file_digest
from pipeline.release.layout import CHECKSUMS, DESCRIPTOR, LANDING_PAGE


@dataclass(frozen=True)
class ReleaseFile:
    """One downloadable file: relative POSIX path, size in bytes and sha256."""

    path: str
    size: int
    sha256: str

    @property
    def group(self) -> str:
        """Which download group lists the file."""
        if self.path == DESCRIPTOR:
            return "package"
        top = self.path.split("/", 1)[0]
        return top if top in ("csv", "parquet") and "/" in self.path else "docs"


def release_files(release: Path) -> tuple[ReleaseFile, ...]:
    """Every file of the release but the page itself and SHA256SUMS, sorted by path.

    Both are left out because they are written after the page (SHA256SUMS lists the
    page's own hash), so they cannot be described in it.
    """
    found = []
    for path in release.rglob("*"):
        relative = path.relative_to(release).as_posix()
        if path.is_file() and relative not in (LANDING_PAGE, CHECKSUMS):
            digest, size = file_digest(path)
            found.append(ReleaseFile(relative, size, digest))
    return tuple(sorted(found, key=lambda f: f.path))
