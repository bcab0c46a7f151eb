"""The Dagster layer: thin assets and checks over pipeline/, the resources they share,
the schedule and sensor, and the `commitments` command that runs the same graph.

One file per asset group, named as the group and as its pipeline/ package.

Modules: fetch, raw, stage, core, release (the asset groups, in flow order), resources
(where sources, snapshots and releases are, each run's own DuckDB database, the releases
lock), automation (the weekly schedule and the sources sensor), definitions (the
Definitions object and the two jobs), cli (the `commitments` command), run_report (what
a finished run means for the person who started it). Not here: any work on data
(pipeline/).
"""
