"""The `commitments` command: run the release graph, validate a release, diff two releases.

`release` executes the same Dagster job the UI shows, in-process; with DAGSTER_HOME set
its runs are recorded in that instance (so `dagster dev` lists them). Exit codes:
0 published (or already published with identical content), 1 nothing published because
a check or the validation failed (the report says why), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assets.resources import ReleaseSettings, RunDuckDB

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="commitments", description="OGP commitments open-data release pipeline."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    release = commands.add_parser("release", help="Build, validate and publish a release.")
    release.add_argument(
        "--sources",
        action="append",
        type=Path,
        metavar="DIR",
        help="folder of raw source files (repeatable; default: samples/)",
    )
    release.add_argument(
        "--releases",
        type=Path,
        default=Path("releases"),
        metavar="DIR",
        help="where releases are written (default: ./releases)",
    )
    release.add_argument(
        "--version", help="release version (default: the UTC date, SOURCE_DATE_EPOCH honoured)"
    )
    release.add_argument(
        "--work-dir",
        type=Path,
        metavar="DIR",
        help="where the run makes its own working folder, <DIR>/<run id>/, for its DuckDB "
        "database and spill files (default: build/runs, or OGP_WORK_DIR)",
    )
    release.add_argument(
        "--keep-state",
        action="store_true",
        help="keep the run's working folder when the run succeeds (a failed run's is kept)",
    )
    release.add_argument("--verbose", action="store_true", help="show Dagster's step log")
    validate = commands.add_parser("validate", help="Validate a release folder or descriptor.")
    validate.add_argument("path", type=Path, help="release folder or its datapackage.json")
    validate.add_argument(
        "--engine",
        choices=("duckdb", "frictionless"),
        default="duckdb",
        help="who checks the data: compiled DuckDB queries (default) or the frictionless "
        "validator they are tested against",
    )
    diff = commands.add_parser(
        "diff", help="Print the record-level changes between two releases (CHANGELOG.md text)."
    )
    diff.add_argument("old", type=Path, help="older release folder or its datapackage.json")
    diff.add_argument("new", type=Path, help="newer release folder or its datapackage.json")
    diff.add_argument(
        "--csv", type=Path, metavar="PATH", help="also write every change to PATH (changes.csv)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate_command(args.path, args.engine)
    if args.command == "diff":
        return diff_command(args.old, args.new, args.csv)
    return release_command(args)


def validate_command(path: Path, engine: str = "duckdb") -> int:
    from pipeline.validate import validate_release

    if not path.exists():
        print(f"commitments validate: {path} does not exist", file=sys.stderr)
        return EXIT_USAGE
    report = validate_release(path, engine=engine)  # type: ignore[arg-type]
    print(report.summary())
    return EXIT_OK if report.valid else EXIT_INVALID


def diff_command(old: Path, new: Path, changes_csv: Path | None) -> int:
    """Print the changelog of NEW against OLD; exit 2 when either is not a release."""
    import duckdb

    from pipeline.release.changes import NotARelease, compare_releases, render_changelog

    try:
        changes = compare_releases(old, new, changes_csv)
    except NotARelease as error:
        print(f"commitments diff: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, duckdb.IOException) as error:  # e.g. --csv names an unwritable place
        print(f"commitments diff: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render_changelog(changes))
    return EXIT_OK


def release_command(args: argparse.Namespace) -> int:
    from assets.resources import ReleaseSettings, RunDuckDB, default_version
    from pipeline.release.install import check_version

    sources = args.sources or [Path("samples")]
    missing = [str(d) for d in sources if not d.is_dir()]
    if missing:
        print(
            f"commitments release: sources folder not found: {', '.join(missing)}", file=sys.stderr
        )
        return EXIT_USAGE
    version = args.version or default_version()
    try:
        check_version(version)
    except ValueError as error:
        print(f"commitments release: {error}", file=sys.stderr)
        return EXIT_USAGE
    settings = ReleaseSettings(
        sources=[str(d) for d in sources], releases_dir=str(args.releases), version=version
    )
    duckdb = RunDuckDB.from_env(args.work_dir, args.keep_state)
    return _run(settings, duckdb, version, args.verbose)


def _run(settings: ReleaseSettings, duckdb: RunDuckDB, version: str, verbose: bool) -> int:
    from dagster import DagsterInstance

    from assets.definitions import JOB_NAME, build_defs
    from assets.run_report import RunOutcome, read_outcome

    defs = build_defs(settings, duckdb)
    log_level = "DEBUG" if verbose else "CRITICAL"
    instance = (
        DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else DagsterInstance.ephemeral()
    )
    with instance:
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            instance=instance,
            raise_on_error=False,
            tags={"release/version": version, "trigger": "cli"},
        )
    outcome: RunOutcome = read_outcome(result, Path(duckdb.work_dir))
    stream = sys.stdout if outcome.exit_code == EXIT_OK else sys.stderr
    print(outcome.report, file=stream)
    return outcome.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
