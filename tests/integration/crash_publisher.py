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

from pipeline import publish
from pipeline.provenance import descriptor_sources
from pipeline.publish import publish_release


def _announced_install(*args: object, **kwargs: object) -> object:
    print("installing", flush=True)
    return _INSTALL(*args, **kwargs)


_INSTALL = publish._install
publish._install = _announced_install  # type: ignore[assignment]


def main(database: str, releases: str, version: str) -> int:
    with duckdb.connect(database, read_only=True) as con:
        print("ready", flush=True)
        publish_release(
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
