"""Resources of the Dagster layer: where the sources, releases and DuckDB database live.

One place for configuration, so the CLI, `dagster dev` and tests run the same graph
with different folders (tests pass their own through `build_defs`).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from dagster import ConfigurableResource
from pydantic import Field

DEFAULT_SOURCES = "samples"
DEFAULT_RELEASES = "releases"
DEFAULT_DATABASE = "build/commitments.duckdb"
# Environment variables `dagster dev` (and any deployment) reads its settings from.
ENV_SOURCES, ENV_RELEASES, ENV_DATABASE = "OGP_SOURCES", "OGP_RELEASES", "OGP_DUCKDB"


class ReleaseSettings(ConfigurableResource):
    """What to read, where to publish, and under which version."""

    sources: list[str] = Field(
        default=[DEFAULT_SOURCES], description="Folders of raw source files, read recursively."
    )
    releases_dir: str = Field(default=DEFAULT_RELEASES, description="Where releases are written.")
    version: str | None = Field(
        default=None,
        description="Release version; default: the UTC date (SOURCE_DATE_EPOCH honoured).",
    )

    @classmethod
    def from_env(cls) -> ReleaseSettings:
        """Settings from OGP_SOURCES (folders joined by the path separator) and OGP_RELEASES."""
        sources = os.environ.get(ENV_SOURCES)
        return cls(
            sources=sources.split(os.pathsep) if sources else [DEFAULT_SOURCES],
            releases_dir=os.environ.get(ENV_RELEASES, DEFAULT_RELEASES),
        )

    def source_dirs(self) -> list[Path]:
        return [Path(s) for s in self.sources]

    def release_version(self) -> str:
        return self.version or default_version()


def build_time() -> datetime | None:
    """The reproducible build time from SOURCE_DATE_EPOCH, if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch else None


def default_version() -> str:
    """Calendar version: the UTC date of SOURCE_DATE_EPOCH, else of now."""
    return (build_time() or datetime.now(tz=UTC)).strftime("%Y-%m-%d")
