"""ogp-commitments' domain library: everything the pipeline does, without Dagster.

The data flows one way, one package per stage. Where a stage is a Dagster asset group,
the group, the `assets/` file and the DuckDB schema it writes carry the package's name.

```
stage     package             Dagster (assets/)       writes
fetch     pipeline/fetch/     fetch.py, group fetch   <snapshots>/ (bodies, sidecars, history)
raw       pipeline/raw/       raw.py, group raw       DuckDB schema raw
stage     pipeline/stage/     stage.py, group stage   DuckDB schema stage
core      pipeline/core/      core.py, group core     DuckDB schema core
release   pipeline/release/   release.py, group       <releases>/<version>/ (CSV, Parquet, docs)
                                release
validate  pipeline/validate/  release.py, the check   (reads a release folder, writes nothing)
                                release_candidate_valid
publish   pipeline/publish/   (reserved)              copies of releases on hosts (not yet built)
```
`STAGES` below is the same order as data, checked against the folders and the Dagster
groups by tests/unit/test_layout.py.

Modules: the stage packages above, and, shared by them: contract (the registry:
`datapackage.json` → DuckDB DDL, Arrow schemas, publishing SELECTs), datapackage.json
(the contract itself), vocabulary and vocab/ (the controlled vocabularies as CSV data),
textutil (small text helpers), sql_steps and macros.sql (running a stage's SQL files),
db (bounded DuckDB connections), digests (file sha256, each file read once), run_state
(each run's own working folder), locks (flock on a folder), atomic_files (files written
whole or not at all).
Not here: Dagster assets, resources, schedules and the `commitments` command (assets/).
"""

from __future__ import annotations

from typing import NamedTuple


class Stage(NamedTuple):
    """One stage of the flow: its package, its Dagster group and the DuckDB schema it
    writes (None where it has none)."""

    name: str
    package: str
    group: str | None
    schema: str | None


STAGES = (
    Stage("fetch", "pipeline.fetch", "fetch", None),
    Stage("raw", "pipeline.raw", "raw", "raw"),
    Stage("stage", "pipeline.stage", "stage", "stage"),
    Stage("core", "pipeline.core", "core", "core"),
    Stage("release", "pipeline.release", "release", None),
    Stage("validate", "pipeline.validate", "release", None),
    Stage("publish", "pipeline.publish", None, None),
)
