"""A release process for the crash-safety trials: publish one version from a built
database, as `commitments release` does after the graph has built the tables.

`python -m tests.integration.crash_publisher DATABASE RELEASES VERSION` prints `ready`
once its imports are done and the database is open (the trials time their SIGKILL from
then: the moment publishing starts), `installing` when the validated release is about
to be renamed into place (so some trials can aim at that short step), then `published`
and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from pipeline.release import install
from pipeline.release.install import make_release
from pipeline.release.provenance import descriptor_sources


def _announced_install(*args: object, **kwargs: object) -> object:
    print("installing", flush=True)
    return _INSTALL(*args, **kwargs)


_INSTALL = install._install
install._install = _announced_install  # type: ignore[assignment]


def main(database: str, releases: str, version: str) -> int:
    with duckdb.connect(database, read_only=True) as con:
        print("ready", flush=True)
        make_release(
            con,
            releases_dir=Path(releases),
            version=version,
            created=None,
            sources=descriptor_sources(con),
        )
    print("published", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
