"""The `commitments` command: fetch the sources, run the release graph, validate a release,
diff two releases.

`release` executes the same Dagster job the UI shows, in-process; with DAGSTER_HOME set
its runs are recorded in that instance (so `dagster dev` lists them). Exit codes:
0 published (or already published with identical content), 1 nothing published because
a check or the validation failed (the report says why), 2 usage error. `fetch` crawls the
site into a snapshots folder (pipeline/fetch/): 0 the crawl completed (failures within
--max-failures, reported), 1 more failures than that or nothing fetched, 2 usage error.
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
    _fetch_arguments(commands.add_parser("fetch", help="Fetch the sources from the web."))
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


def _fetch_arguments(fetch: argparse.ArgumentParser) -> None:
    from pipeline.fetch.settings import DEFAULT_SITE, LANGUAGES

    fetch.add_argument("--site", default=DEFAULT_SITE, metavar="URL", help="site to crawl")
    fetch.add_argument(
        "--snapshots", type=Path, default=Path("snapshots"), metavar="DIR",
        help="where snapshots are kept (default: snapshots/)",
    )  # fmt: skip
    fetch.add_argument(
        "--export-url", action="append", default=[], metavar="URL",
        help="a bulk CSV/XLSX file to fetch as it is (repeatable)",
    )  # fmt: skip
    fetch.add_argument(
        "--members", type=_names, default=(), metavar="SLUG,...",
        help="only these members (address slugs, e.g. kenya,mendoza-argentina)",
    )  # fmt: skip
    fetch.add_argument(
        "--languages", type=_names, default=LANGUAGES, metavar="en,es,fr",
        help="page languages to fetch (default: en,es,fr)",
    )  # fmt: skip
    fetch.add_argument(
        "--rate", type=float, default=1.0, metavar="REQUESTS_PER_SECOND",
        help="requests per second to one host (default: 1; robots.txt's Crawl-delay wins)",
    )  # fmt: skip
    fetch.add_argument(
        "--max-failures", type=_share, default=0.05, metavar="SHARE",
        help="failures allowed, of the addresses attempted, as 0.05 or 5%% (default: 5%%)",
    )  # fmt: skip
    fetch.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS",
        help="to connect and between reads (default: 30)",
    )  # fmt: skip
    fetch.add_argument(
        "--max-bytes", type=int, default=20_000_000, metavar="BYTES",
        help="larger bodies are refused (default: 20000000)",
    )  # fmt: skip
    fetch.add_argument(
        "--retries", type=int, default=3, metavar="N",
        help="extra tries on 429, 5xx, timeouts and dropped connections (default: 3)",
    )  # fmt: skip


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip().lower() for n in text.split(",") if n.strip())


def _share(text: str) -> float:
    """A share of addresses: `0.05` or `5%`."""
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a share: {text!r}") from error
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a share is from 0 to 1 (or 0% to 100%): {text!r}")
    return value


def fetch_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Crawl into the snapshots folder and print the summary."""
    from pipeline.fetch.addresses import Site, export_address, is_member_slug
    from pipeline.fetch.crawl import crawl
    from pipeline.fetch.settings import FetchSettings

    bad = [slug for slug in args.members if not is_member_slug(slug)]
    if bad:
        parser.error(f"--members: not member slugs: {', '.join(bad)}")
    try:
        settings = FetchSettings(
            site=args.site, snapshots=args.snapshots, export_urls=tuple(args.export_url),
            members=args.members, languages=args.languages, rate=args.rate,
            max_failures=args.max_failures, timeout=args.timeout, max_bytes=args.max_bytes,
            retries=args.retries,
        )  # fmt: skip
        Site.of(settings.site)
        for url in settings.export_urls:
            export_address(url)
    except ValueError as error:
        parser.error(str(error))
    report = crawl(settings)
    print(report.summary())
    return EXIT_OK if report.ok(settings.max_failures) else EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "fetch":
        return fetch_command(args, parser)
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
