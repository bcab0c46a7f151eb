"""Resources of the Dagster layer: where the sources and releases are, each run's own
DuckDB database, and the lock a run holds on the releases folder while it publishes.

One place for configuration, so the CLI, `dagster dev` and tests run the same graph
with different folders (tests pass their own through `build_defs`). However a run
starts (CLI, UI, schedule, sensor, re-execution), its steps reach DuckDB through
RunDuckDB, which gives the run a database no other run touches.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from dagster import AssetKey, ConfigurableResource, DagsterEventType, InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import Field, PrivateAttr

from pipeline.db import config as duckdb_config
from pipeline.fetch.settings import FetchSettings
from pipeline.locks import FolderLock
from pipeline.release.install import releases_lock
from pipeline.run_state import RunState, open_run_state, prune_run_states

DEFAULT_SOURCES = "samples"
DEFAULT_RELEASES = "releases"
DEFAULT_WORK_DIR = "build/runs"
# Environment variables `dagster dev` (and any deployment) reads its settings from.
ENV_SOURCES, ENV_RELEASES = "OGP_SOURCES", "OGP_RELEASES"
ENV_WORK_DIR, ENV_KEEP_STATE = "OGP_WORK_DIR", "OGP_KEEP_STATE"
ENV_FETCH_SITE, ENV_SNAPSHOTS = "OGP_FETCH_SITE", "OGP_SNAPSHOTS"
DEFAULT_SNAPSHOTS = "snapshots"


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
        """Settings from OGP_SOURCES (folders joined by the path separator) and OGP_RELEASES;
        with fetching configured (OGP_FETCH_SITE), the sources default to the snapshots."""
        sources = os.environ.get(ENV_SOURCES)
        fetched = os.environ.get(ENV_SNAPSHOTS, DEFAULT_SNAPSHOTS)
        default = fetched if os.environ.get(ENV_FETCH_SITE) else DEFAULT_SOURCES
        return cls(
            sources=sources.split(os.pathsep) if sources else [default],
            releases_dir=os.environ.get(ENV_RELEASES, DEFAULT_RELEASES),
        )

    def source_dirs(self) -> list[Path]:
        return [Path(s) for s in self.sources]

    def release_version(self) -> str:
        return self.version or default_version()


class Fetching(ConfigurableResource):
    """Where and how the `snapshots` asset crawls (environment: OGP_FETCH_SITE,
    OGP_SNAPSHOTS, OGP_FETCH_EXPORT_URLS (space-separated), OGP_FETCH_LANGUAGES,
    OGP_FETCH_MEMBERS (comma-separated), OGP_FETCH_RATE)."""

    site: str | None = Field(default=None, description="Site to crawl; unset: fetching is off.")
    snapshots_dir: str = Field(default=DEFAULT_SNAPSHOTS, description="Where snapshots go.")
    export_urls: list[str] = Field(default=[], description="Bulk files fetched as they are.")
    languages: list[str] = Field(default=["en", "es", "fr"], description="Page languages.")
    members: list[str] = Field(default=[], description="Only these members; empty: all.")
    rate: float = Field(default=1.0, description="Requests per second to one host.")
    max_failures: float = Field(default=0.05, description="Failures allowed, of attempts.")

    @classmethod
    def from_env(cls) -> Fetching:
        def listed(name: str, separator: str) -> list[str]:
            return [v for v in os.environ.get(name, "").split(separator) if v.strip()]

        return cls(
            site=os.environ.get(ENV_FETCH_SITE) or None,
            snapshots_dir=os.environ.get(ENV_SNAPSHOTS, DEFAULT_SNAPSHOTS),
            export_urls=listed("OGP_FETCH_EXPORT_URLS", " "),
            languages=listed("OGP_FETCH_LANGUAGES", ",") or ["en", "es", "fr"],
            members=listed("OGP_FETCH_MEMBERS", ","),
            rate=float(os.environ.get("OGP_FETCH_RATE", "1")),
        )

    def fetch_settings(self, members: tuple[str, ...] = ()) -> FetchSettings:
        """The crawl's settings; `members` (a run's config) narrows the resource's."""
        if not self.site:
            raise ValueError(f"fetching is off: set {ENV_FETCH_SITE} to the site to crawl")
        return FetchSettings(
            site=self.site,
            snapshots=Path(self.snapshots_dir),
            export_urls=tuple(self.export_urls),
            members=tuple(s.lower() for s in (members or tuple(self.members))),
            languages=tuple(self.languages),
            rate=self.rate,
            max_failures=self.max_failures,
        )


def build_time() -> datetime | None:
    """The reproducible build time from SOURCE_DATE_EPOCH, if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch else None


def default_version() -> str:
    """Calendar version: the UTC date of SOURCE_DATE_EPOCH, else of now."""
    return (build_time() or datetime.now(tz=UTC)).strftime("%Y-%m-%d")


def switched_on(name: str) -> bool:
    """Whether an on/off environment variable is on (`on`, `1`, `true`, `yes`)."""
    return os.environ.get(name, "off").strip().lower() in {"on", "1", "true", "yes"}


def _tell(context: InitResourceContext | None, message: str) -> None:
    """A message for whoever waits on the run: the run's log, and standard error (which
    the CLI shows even when it hides Dagster's log, and the UI keeps with the step)."""
    if context is not None and context.log is not None:
        context.log.warning(message)
    print(f"commitments: {message}", file=sys.stderr, flush=True)


#: The asset every run starts from: a new run without it has no tables to build on.
FIRST_ASSET = AssetKey("source_files")


class RunDuckDB(ConfigurableResource):
    """The run's own DuckDB database and spill folder: `<work_dir>/<run id>/`
    (pipeline/run_state.py). A re-execution uses its root run's folder, so it finds the
    tables its first attempt built. Removed when the run succeeds (unless `keep`),
    kept when it fails."""

    work_dir: str = Field(
        default=DEFAULT_WORK_DIR, description="Where each run's working folder is made."
    )
    keep: bool = Field(
        default=False, description="Keep the run's folder even when the run succeeds."
    )
    _state: RunState | None = PrivateAttr(default=None)

    @classmethod
    def from_env(cls, work_dir: Path | None = None, keep: bool = False) -> RunDuckDB:
        """Settings from OGP_WORK_DIR and OGP_KEEP_STATE (on/off), under those given (the
        CLI's --work-dir and --keep-state)."""
        return cls(
            work_dir=str(work_dir or os.environ.get(ENV_WORK_DIR, DEFAULT_WORK_DIR)),
            keep=keep or switched_on(ENV_KEEP_STATE),
        )

    def setup_for_execution(self, context: InitResourceContext) -> None:
        run = context.run
        if run is None:
            raise RuntimeError("RunDuckDB gives a run its own database: it needs a run")
        selected = run.asset_selection  # empty for the whole job
        if run.parent_run_id is None and selected and FIRST_ASSET not in selected:
            raise RuntimeError(
                f"this run materialises part of the graph without {FIRST_ASSET.to_user_string()} "
                "in a working folder of its own (runs never share state), so nothing it "
                "builds on is there: materialize all, or re-execute an earlier run"
            )
        work_dir, owner = Path(self.work_dir), run.root_run_id or run.run_id
        for name in prune_run_states(work_dir):
            context.log.info(f"removed the working folder of run {name}, unused for a week")
        self._state = open_run_state(
            work_dir,
            owner,
            on_wait=lambda: _tell(
                context, f"waiting for another process of run {owner}, which holds its folder"
            ),
        )

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._state is None:
            return
        failed = bool(
            context.run
            and context.instance
            and context.instance.get_records_for_run(
                run_id=context.run.run_id, of_type=DagsterEventType.STEP_FAILURE, limit=1
            ).records
        )
        self._state.close(remove=not failed and not self.keep)
        if failed:
            context.log.info(f"working folder kept for a re-execution: {self._state.folder}")

    def _run_state(self) -> RunState:
        if self._state is None:
            raise RuntimeError("RunDuckDB is used outside a run")
        return self._state

    @property
    def folder(self) -> Path:
        """The run's working folder."""
        return self._run_state().folder

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the run's database, spilling into the run's folder."""
        state = self._run_state()
        database = DuckDBResource(
            database=str(state.database), connection_config=duckdb_config(state.spill)
        )
        with database.get_connection() as con:
            yield con


class ReleasesLock(ConfigurableResource):
    """The run's hold on its releases folder, from staging a release to installing it.

    Two runs publishing to one folder take turns (pipeline.release.install.releases_lock),
    so `latest`, `LATEST` and `index.json` move for one at a time, and a release's
    changelog compares with what is published when it goes live. Let go when `release`
    is done, or when the run ends, whatever happened.
    """

    _lock: FolderLock | None = PrivateAttr(default=None)
    _context: InitResourceContext | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._context = context

    def hold(self, releases_dir: Path) -> None:
        """Take the lock on `releases_dir` (waiting, with a message, for another run);
        nothing if this run holds it already."""
        if self._lock is not None and self._lock.held:
            return
        self._lock = releases_lock(
            releases_dir,
            on_wait=lambda: _tell(
                self._context,
                f"waiting: another run is publishing to {releases_dir} "
                "(runs take turns from staging a release to installing it)",
            ),
        )

    def let_go(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        self.let_go()
