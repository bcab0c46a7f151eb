"""Benchmark: the release pipeline and release validation at 10k, 100k, 1M commitments.

For each size: generate seeded synthetic sources (bench/synthetic.py), run the release
job (the Dagster job `commitments release` runs, in a child process, timing each step
from the run's STEP_START / STEP_SUCCESS event timestamps), then validate the SAME
release twice, each in its own child process so peak memory is measured separately:
with our engine (`validate_release(path)`) and with frictionless
(`validate_release(path, engine="frictionless")`), and compare their verdicts (valid /
invalid and error counts per table and rule). Wall time and peak RSS of every child
come from `/usr/bin/time -v` (GNU time) when installed, else from
`resource.getrusage(RUSAGE_CHILDREN)` (then peak RSS is a running maximum).

Frictionless reads ~33k rows/s here; when its predicted time on the whole release (from
the rows/s it reached at the previous size) exceeds --frictionless-budget seconds, it is
run on the commitments table alone (a descriptor holding that one resource, foreign keys
to the tables left out dropped), and ours is timed on that same subset too, so the ratio
compares like with like. The results say so.

    PYTHONPATH=. .venv/bin/python bench/scale.py --sizes 10000 100000 1000000

Prints a Markdown report and replaces the "Pipeline stages at scale" and "Validation at
scale" sections of docs/benchmarks.md (--no-docs to leave it alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GNU_TIME = "/usr/bin/time"
VERSION = "1.0.0"
SEED = 20261125
DOCS = ROOT / "docs" / "benchmarks.md"
SECTIONS = ("Pipeline stages at scale", "Validation at scale")
COMMAND = "PYTHONPATH=. .venv/bin/python bench/scale.py --sizes {sizes}"


# --- child processes ------------------------------------------------------------------


def child_release(sources: str, releases: str, work_dir: str, out: str) -> int:
    """Run the release job in this process; write step timings and outcome as JSON."""
    from dagster import DagsterEventType, DagsterInstance

    from assets.definitions import JOB_NAME, build_defs
    from assets.resources import ReleaseSettings, RunDuckDB
    from assets.run_report import read_outcome

    settings = ReleaseSettings(sources=[sources], releases_dir=releases, version=VERSION)
    defs = build_defs(settings, RunDuckDB(work_dir=work_dir))
    started = time.perf_counter()
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def(JOB_NAME).execute_in_process(
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
            instance=instance,
            raise_on_error=False,
            tags={"release/version": VERSION, "trigger": "bench"},
        )
        wall = time.perf_counter() - started
        begun: dict[str, float] = {}
        steps: dict[str, float] = {}
        failures: list[str] = []
        for entry in instance.all_logs(result.run_id):
            event = entry.dagster_event
            if event is None or not event.step_key:
                continue
            if event.event_type == DagsterEventType.STEP_START:
                begun[event.step_key] = entry.timestamp
            elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
                steps[event.step_key] = entry.timestamp - begun.get(event.step_key, entry.timestamp)
                error = getattr(event.event_specific_data, "error", None)
                if error is not None:
                    failures.append(f"{event.step_key}: {error.to_string()}")
    outcome = read_outcome(result)
    payload = {
        "success": result.success,
        "exit_code": outcome.exit_code,
        "report": outcome.report,
        "wall": wall,
        "steps": steps,
        "failures": failures,
    }
    Path(out).write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


def child_validate(path: str, engine: str, out: str) -> int:
    """Validate a release with one engine; write verdict, counts and time as JSON."""
    from pipeline.validate import validate_release

    started = time.perf_counter()
    report = validate_release(path, engine="duckdb" if engine == "ours" else "frictionless")
    wall = time.perf_counter() - started
    per_table: dict[str, int] = {}
    for violation in report.errors:
        per_table[violation.table] = per_table.get(violation.table, 0) + 1
    payload = {
        "valid": report.valid,
        "errors": len(report.errors),
        "per_table": dict(sorted(per_table.items())),
        "per_rule": {f"{t}:{r}": n for (t, r), n in report.counts().items()},
        "rows": report.rows,
        "wall": wall,
        "examples": report.summary(5) if not report.valid else "",
    }
    Path(out).write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


# --- measuring a child ----------------------------------------------------------------


def measured(args: list[str], log: Path, timeout: float | None = None) -> dict[str, Any]:
    """Run a child; its wall time, peak RSS (MiB) and exit code."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    gnu = Path(GNU_TIME).exists()
    command = [GNU_TIME, "-v", *args] if gnu else args
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    with log.open("w") as handle:
        try:
            done = subprocess.run(
                command,
                stdout=handle,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
                timeout=timeout,
                check=False,
            )
            code: int | None = done.returncode
        except subprocess.TimeoutExpired:
            code = None
    wall = time.perf_counter() - started
    text = log.read_text(errors="replace")
    peak = None
    if gnu:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        peak = int(found[1]) / 1024 if found else None
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak = after / 1024 if after > before else None
    return {"wall": wall, "peak_mib": peak, "exit": code, "timed_out": code is None}


def me() -> list[str]:
    return [sys.executable, str(Path(__file__).resolve())]


def subset(release: Path, out: Path, tables: list[str]) -> Path:
    """A package of some of a release's tables (files linked, FKs to others dropped)."""
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    keep = [r for r in descriptor["resources"] if r.get("name") in tables]
    out.mkdir(parents=True, exist_ok=True)
    for resource_ in keep:
        target = out / resource_["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            os.link(release / resource_["path"], target)
        schema = resource_.get("schema", {})
        schema["foreignKeys"] = [
            fk
            for fk in schema.get("foreignKeys", [])
            if fk.get("reference", {}).get("resource", "") in ("", *tables)
        ]
    descriptor["resources"] = keep
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return out


# Letters appended to an ID prefix for copy 1, 2, ... of a replicated release.
COPY_LETTERS = "QVWXYZJKFBCDEGHILMNOPRSTUA"
CSV_OPTIONS = (
    "all_varchar=true, header=true, quote='\"', escape='\"', delim=',', max_line_size=100000000, "
    "parallel=false"
)


def replicate(source: Path, target: Path, times: int) -> dict[str, int]:
    """A release of `times` copies of `source`'s commitments, for validating at a size the
    pipeline cannot build here. Tables keyed by commitment_id (commitments and its link
    tables) are copied with IDs renamed per copy (`HR0012` → `HRQ0012` in copy 1, the
    letter chosen so no renamed ID meets an existing one; URLs follow); reference tables
    (members, plans, institutions, policy areas, sources, rejects) are kept once. Files
    are written by DuckDB; bytes and hash in the descriptor are recomputed; no Parquet
    and no SHA256SUMS. Returns the rows per table."""
    import duckdb

    from pipeline.validate import file_digest

    descriptor = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    ids = source / "csv" / "commitments.csv"
    prefixes = {
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT regexp_extract(commitment_id, '^[A-Z]+') FROM read_csv('{ids}', "
            f"{CSV_OPTIONS})",
        ).fetchall()
    }
    if any(len(p) >= 4 for p in prefixes):
        raise ValueError("a 4-letter ID prefix cannot be extended; replicate a smaller release")
    letters = [c for c in COPY_LETTERS if not any(p + c in prefixes for p in prefixes)]
    if len(letters) < times - 1:
        raise ValueError(f"only {len(letters) + 1} copies can be made of {source}")
    (target / "csv").mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    for res in descriptor["resources"]:
        schema = res["schema"]
        names = [f["name"] for f in schema["fields"]]
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        columns = ", ".join(f'"{n}"' for n in names)
        read = f"read_csv('{source / res['path']}', {CSV_OPTIONS}, strict_mode=false)"
        if "commitment_id" in key:
            parts = [f"SELECT {columns} FROM src"]
            for letter in letters[: times - 1]:
                renamed = (
                    "regexp_extract(commitment_id, '^[A-Z]+') || '"
                    + letter
                    + "' || regexp_extract(commitment_id, '[0-9]{4}$')"
                )
                select = [
                    f"{renamed} AS commitment_id"
                    if n == "commitment_id"
                    else f"replace(url, '/' || commitment_id || '/', '/' || {renamed} || '/') url"
                    if n == "url" and res["name"] == "commitments"
                    else f'"{n}"'
                    for n in names
                ]
                parts.append(f"SELECT {', '.join(select)} FROM src")
            query = f"WITH src AS (SELECT * FROM {read}) " + " UNION ALL ".join(parts)
        else:
            query = f"SELECT {columns} FROM {read}"
        out = target / res["path"]
        con.execute(f"COPY ({query}) TO '{out}' (HEADER, DELIMITER ',', QUOTE '\"')")
        rows[res["name"]] = con.execute(
            f"SELECT count(*) FROM read_csv('{out}', {CSV_OPTIONS})"
        ).fetchone()[0]
        algorithm = res["hash"].split(":", 1)[0] if ":" in res["hash"] else "md5"
        digest, size = file_digest(out, algorithm)
        res["bytes"] = size
        res["hash"] = f"{algorithm}:{digest}" if ":" in res["hash"] else digest
    for name in ("README.md",):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return rows


def verdict(result: dict[str, Any]) -> str:
    if result.get("timed_out"):
        return "timed out"
    data = result.get("data")
    if not data:
        return f"failed (exit {result.get('exit')})"
    return "valid" if data["valid"] else f"INVALID ({data['errors']} errors)"


# --- one size ---------------------------------------------------------------------------


def run_size(
    n: int, work: Path, seed: int, budget: float, fl_rate: float | None, reuse: bool = False
) -> dict[str, Any]:
    import synthetic

    folder = work / str(n)
    previous = work / f"{n}.result.json"
    if (
        reuse
        and previous.exists()
        and (folder / "releases" / VERSION / "datapackage.json").exists()
    ):
        kept = json.loads(previous.read_text())
        print(f"[{n:,}] reusing the sources and release built earlier in {folder}", flush=True)
        return validate_size(
            n, folder, budget, fl_rate, {k: kept[k] for k in ("size", "generate", "release")}
        )
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    result: dict[str, Any] = {"size": n}
    started = time.perf_counter()
    written = synthetic.generate(folder / "sources", n, seed)
    result["generate"] = {
        "wall": time.perf_counter() - started,
        "bytes": written.bytes,
        "pages": len(written.pages),
    }
    print(
        f"[{n:,}] sources: {written.bytes / 2**20:,.0f} MiB export, {len(written.pages)} pages "
        f"in {result['generate']['wall']:.1f} s",
        flush=True,
    )

    out = folder / "release.json"
    release = measured(
        [
            *me(),
            "--child-release",
            str(folder / "sources"),
            str(folder / "releases"),
            str(folder / "runs"),
            str(out),
        ],
        folder / "release.log",
    )
    release["data"] = json.loads(out.read_text()) if out.exists() else None
    result["release"] = release
    print(
        f"[{n:,}] release: {release['wall']:.1f} s, peak {release['peak_mib'] or 0:,.0f} MiB, "
        f"exit {release['exit']}",
        flush=True,
    )
    previous.write_text(json.dumps(result, indent=2, default=str))
    return validate_size(n, folder, budget, fl_rate, result)


def validate_size(
    n: int, folder: Path, budget: float, fl_rate: float | None, result: dict[str, Any]
) -> dict[str, Any]:
    path = folder / "releases" / VERSION
    if not (path / "datapackage.json").exists():
        result["error"] = "no release written; see " + str(folder / "release.log")
        return result

    def validate(
        engine: str, target: Path, tag: str, timeout: float | None = None
    ) -> dict[str, Any]:
        out = folder / f"validate-{engine}{tag}.json"
        run = measured(
            [*me(), "--child-validate", str(target), engine, str(out)],
            folder / f"validate-{engine}{tag}.log",
            timeout,
        )
        run["data"] = json.loads(out.read_text()) if out.exists() else None
        print(
            f"[{n:,}] validate {engine}{tag}: {run['wall']:.1f} s, peak "
            f"{run['peak_mib'] or 0:,.0f} MiB, {verdict(run)}",
            flush=True,
        )
        return run

    # Ours first, on the whole release: its row counts (data rows as frictionless counts
    # them) decide whether frictionless fits the budget.
    result["ours_whole"] = validate("ours", path, "")
    rows = ((result["ours_whole"].get("data") or {}).get("rows")) or {}
    result["rows"] = rows
    total = sum(rows.values())
    target, scope = path, "whole release"
    if fl_rate and total / fl_rate > budget:
        target = subset(path, folder / "subset", ["commitments"])
        scope = "commitments table only"
        print(
            f"[{n:,}] frictionless predicted {total / fl_rate / 60:.0f} min on the whole "
            f"release (> {budget / 60:.0f} min): both engines on the commitments table only",
            flush=True,
        )
        result["ours"] = validate("ours", target, "-subset")
        result["frictionless"] = validate("frictionless", target, "-subset", budget * 2)
        result["predicted_frictionless_whole"] = total / fl_rate
    else:
        result["ours"] = result["ours_whole"]
        result["frictionless"] = validate("frictionless", target, "", budget * 2)
    result["scope"] = scope
    ours, theirs = result["ours"].get("data"), result["frictionless"].get("data")
    result["same_verdict"] = bool(
        ours
        and theirs
        and ours["valid"] == theirs["valid"]
        and ours["per_table"] == theirs["per_table"]
    )
    return result


# --- report -----------------------------------------------------------------------------


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:,.1f} s" if seconds < 600 else f"{seconds / 60:,.1f} min"


def _mib(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MiB"


def scope(r: dict[str, Any]) -> str:
    if "replicated" in r:
        return f"{r['scope']}; release = {r['replicated']} copies (IDs renamed), not a pipeline run"
    return r["scope"]


def report(results: list[dict[str, Any]], sizes: list[int], noise: str) -> dict[str, str]:
    """Markdown of the two sections, keyed by section title."""
    today = dt.date.today().isoformat()
    machine = (
        f"2 vCPU (Intel Xeon), 23 GiB RAM, Python {platform.python_version()}, {today}. {noise}"
    )
    command = COMMAND.format(sizes=" ".join(str(s) for s in sizes))
    replicated = [r["size"] for r in results if "replicated" in r]
    if replicated:
        command += " --replicate " + " ".join(str(n) for n in replicated)
    validated = results
    results = [r for r in results if "replicated" not in r]
    # Pipeline stages: one column per size.
    steps: list[str] = []
    for r in results:
        for step in ((r.get("release") or {}).get("data") or {}).get("steps", {}):
            if step not in steps:
                steps.append(step)
    head = "| stage | " + " | ".join(f"{r['size']:,}" for r in results) + " |"
    lines = [
        "```sh",
        command,
        "```",
        "",
        machine,
        "",
        "Synthetic sources from `bench/synthetic.py` (seed "
        f"{SEED}; export rows plus min(N/100, 1000) pages). Each Dagster step's time is read from "
        "the run's STEP_START / STEP_SUCCESS events; the release runs in a child process "
        "whose peak RSS GNU `time -v` reports.",
        "",
        head,
        "|---|" + "---|" * len(results),
    ]

    def cell(r: dict[str, Any], key: str) -> str:
        return _s(((r.get("release") or {}).get("data") or {}).get("steps", {}).get(key))

    def seconds(r: dict[str, Any], key: str) -> float:
        return ((r.get("release") or {}).get("data") or {}).get("steps", {}).get(key) or 0.0

    largest = results[-1]
    wall = ((largest.get("release") or {}).get("data") or {}).get("wall") or 1.0
    shown = [s for s in steps if max(seconds(r, s) for r in results) >= 0.02 * wall]
    rest = [s for s in steps if s not in shown]
    lines += [f"| {step} | " + " | ".join(cell(r, step) for r in results) + " |" for step in shown]
    if rest:
        lines.append(
            f"| {len(rest)} other steps (each < 2% of the job), together | "
            + " | ".join(_s(sum(seconds(r, s) for s in rest)) for r in results)
            + " |"
        )
    lines.append(
        "| sum of steps | "
        + " | ".join(_s(sum(seconds(r, s) for s in steps)) for r in results)
        + " |"
    )
    lines.append(
        "| **release job, wall** | "
        + " | ".join(_s((r.get("release") or {}).get("wall")) for r in results)
        + " |"
    )
    lines.append(
        "| release job, peak RSS | "
        + " | ".join(_mib((r.get("release") or {}).get("peak_mib")) for r in results)
        + " |"
    )
    lines.append(
        "| export CSV generated | "
        + " | ".join(
            f"{r['generate']['bytes'] / 2**20:,.0f} MiB in {_s(r['generate']['wall'])}"
            for r in results
        )
        + " |"
    )
    lines.append(
        "| release outcome | "
        + " | ".join(
            (
                "published"
                if ((r.get("release") or {}).get("data") or {}).get("success")
                else f"failed (exit {(r.get('release') or {}).get('exit')})"
            )
            for r in results
        )
        + " |"
    )
    stages = "\n".join(lines) + "\n"

    vlines = [
        "```sh",
        command,
        "```",
        "",
        machine,
        "",
        "Same release, two engines, each in its own child process "
        '(`validate_release(path)` = ours, `validate_release(path, engine="frictionless")`); '
        "the first time is `validate_release` itself (timed inside the child), the one in "
        "brackets the whole child process (interpreter start and imports included); peak RSS "
        "from GNU `time -v`. "
        "Rows per table as the validator counts them (data rows).",
        "",
        "| commitments | rows per table | scope | ours: validate_release (process) | ours: peak "
        "| frictionless: validate_release (process) | frictionless: peak | ratio (process) "
        "| verdict ours / frictionless | same verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in validated:
        if "ours" not in r:
            vlines.append(
                f"| {r['size']:,} | – | – | – | – | – | – | – | {r.get('error', '')} | – |"
            )
            continue
        total = sum(r["rows"].values())
        tables = f"**{total:,}**: " + ", ".join(f"{k} {v:,}" for k, v in r["rows"].items() if v)
        o, f = r["ours"], r["frictionless"]
        inner_o = (o.get("data") or {}).get("wall")
        inner_f = (f.get("data") or {}).get("wall")
        ratio = "–"
        if inner_o and inner_f:
            ratio = f"{inner_f / inner_o:,.1f}× ({f['wall'] / o['wall']:,.1f}×)"
        vlines.append(
            f"| {r['size']:,} | {tables} | {scope(r)} | {_s(inner_o)} ({_s(o['wall'])}) | "
            f"{_mib(o['peak_mib'])} | {_s(inner_f)} ({_s(f['wall'])}) | {_mib(f['peak_mib'])} "
            f"| {ratio} | {verdict(o)} / {verdict(f)} | {'yes' if r['same_verdict'] else 'NO'} |"
        )
    validation = "\n".join(vlines) + "\n"
    return {"Pipeline stages at scale": stages, "Validation at scale": validation}


def replace_sections(text: str, sections: dict[str, str], notes: dict[str, str]) -> str:
    """`text` with each `## title` section replaced (or appended when absent)."""
    for title, body in sections.items():
        block = f"## {title}\n\n{body}" + (f"\n{notes[title]}\n" if notes.get(title) else "")
        pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda _, block=block: block + "\n", text)
        else:
            text = text.rstrip("\n") + "\n\n" + block
    return text.rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ogp-bench-scale"))
    parser.add_argument("--frictionless-budget", type=float, default=25 * 60, metavar="SECONDS")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="validate again the releases an earlier run left in --work",
    )
    parser.add_argument("--noise", default="", help="a note on other load on the machine")
    parser.add_argument(
        "--replicate",
        type=int,
        nargs="*",
        default=[],
        metavar="N",
        help="also validate releases of N commitments made by copying the largest release "
        "the pipeline built (IDs renamed per copy): for sizes the pipeline cannot build here",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="render the report of --work/results.json"
    )
    parser.add_argument("--child-release", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--child-validate", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_release:
        return child_release(*args.child_release)
    if args.child_validate:
        return child_validate(*args.child_validate)
    if args.report_only:
        results = json.loads((args.work / "results.json").read_text())
        sizes = [r["size"] for r in results if "replicated" not in r]
        sections = report(results, sizes, args.noise)
        for title, body in sections.items():
            print(f"## {title}\n\n{body}")
        if not args.no_docs:
            text = replace_sections(DOCS.read_text(encoding="utf-8"), sections, {})
            DOCS.write_text(text, encoding="utf-8")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    fl_rate: float | None = None
    for n in args.sizes:
        result = run_size(n, args.work, args.seed, args.frictionless_budget, fl_rate, args.reuse)
        results.append(result)
        (args.work / "results.json").write_text(json.dumps(results, indent=2, default=str))
        f = result.get("frictionless") or {}
        if f.get("data") and result.get("scope") == "whole release":
            fl_rate = sum(result["rows"].values()) / f["wall"]
    built = [r for r in results if ((r.get("release") or {}).get("data") or {}).get("success")]
    for n in args.replicate:
        if not built:
            break
        base = built[-1]
        times = n // base["size"]
        folder = args.work / f"{n}-replicated"
        release = folder / "releases" / VERSION
        if not (args.reuse and (release / "datapackage.json").exists()):
            if folder.exists():
                shutil.rmtree(folder)
            started = time.perf_counter()
            replicate(args.work / str(base["size"]) / "releases" / VERSION, release, times)
            print(
                f"[{n:,}] replicated {base['size']:,} x {times} in "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
        result = validate_size(n, folder, args.frictionless_budget, fl_rate, {"size": n})
        result["replicated"] = f"{base['size']:,} × {times}"
        results.append(result)
        (args.work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    sections = report(results, args.sizes, args.noise)
    for title, body in sections.items():
        print(f"## {title}\n\n{body}")
    if not args.no_docs:
        DOCS.write_text(
            replace_sections(DOCS.read_text(encoding="utf-8"), sections, {}), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
