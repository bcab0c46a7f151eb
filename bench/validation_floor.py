"""Benchmark: the least time any validator of a release needs here, to weigh the 50× goal.

Issue 5 asks the validator to check every file's bytes and hash, every cell of every
CSV, and that each Parquet file holds its CSV's rows. Whatever the engine, that means
hashing every file once, reading every CSV once and every Parquet file once. This script
times those floors on a release: hashing; DuckDB counting each CSV's rows (it parses the
records but keeps no cell); DuckDB taking every cell of every CSV (a digest of each row);
and of every Parquet file; each alone, then all at once (hashing in a thread beside
DuckDB, as the validator does); then our whole validation:

    PYTHONPATH=. .venv/bin/python bench/validation_floor.py RELEASE_FOLDER [--frictionless]

`--frictionless` also times frictionless' validation of the same release, and prints
what 50× faster than it would be, next to the floors.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

from pipeline.contract import quote_ident, quote_literal
from pipeline.db import connect
from pipeline.digests import file_digest
from pipeline.release.reading import csv_source, parquet_path, read_csv_text
from pipeline.validate import validate_release


def hash_all(files: list[Path]) -> float:
    """Seconds to SHA-256 every file once, in one thread (as pipeline/digests.py does)."""
    started = time.perf_counter()
    for path in files:
        file_digest(path)
    return time.perf_counter() - started


def read_all(csvs: list[tuple[Path, list[str]]]) -> float:
    """Seconds for DuckDB to read every CSV once, every column as text (count only)."""
    started = time.perf_counter()
    con = connect()
    try:
        for path, columns in csvs:
            con.execute(f"SELECT count(*) FROM {read_csv_text(path, columns)}").fetchall()
    finally:
        con.close()
    return time.perf_counter() - started


def digest_cells(
    csvs: list[tuple[Path, list[str]]], parquets: list[tuple[Path, list[str]]]
) -> float:
    """Seconds for DuckDB to take every cell of every CSV, then of every Parquet file,
    once (a sum of row digests: each cell is read and kept for its row). How to read each
    CSV (whole, or in pieces: csv_source) is settled before the clock starts."""
    sources = [(csv_source(path, columns), columns) for path, columns in csvs]
    started = time.perf_counter()
    con = connect()
    try:
        for source, columns in sources:
            cells = ", ".join(map(quote_ident, columns))
            con.execute(f"SELECT sum(hash({cells})) FROM {source}").fetchall()
        for path, columns in parquets:
            cells = ", ".join(map(quote_ident, columns))
            source = f"read_parquet({quote_literal(str(path))})"
            con.execute(f"SELECT sum(hash({cells})) FROM {source}").fetchall()
    finally:
        con.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", type=Path)
    parser.add_argument("--frictionless", action="store_true")
    args = parser.parse_args()
    release: Path = args.release
    descriptor = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    files = sorted(p for p in release.rglob("*") if p.is_file())
    csvs = [
        (release / r["path"], [f["name"] for f in r["schema"]["fields"]])
        for r in descriptor["resources"]
    ]
    parquets = [
        (parquet_path(release, r["name"]), [f["name"] for f in r["schema"]["fields"]])
        for r in descriptor["resources"]
    ]
    parquets = [(p, columns) for p, columns in parquets if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    csv_size = sum(p.stat().st_size for p, _ in csvs)
    result: dict[str, float] = {}
    result["hash every file (1 thread)"] = hash_all(files)
    result["read every CSV (DuckDB)"] = read_all(csvs)
    both: dict[str, float] = {}
    worker = threading.Thread(target=lambda: both.update(hash=hash_all(files)))
    started = time.perf_counter()
    worker.start()
    both["read"] = read_all(csvs)
    worker.join()
    result["both at once (hash thread + DuckDB)"] = time.perf_counter() - started
    result["every cell of every CSV and Parquet file (DuckDB)"] = digest_cells(csvs, parquets)
    worker = threading.Thread(target=lambda: both.update(hash=hash_all(files)))
    started = time.perf_counter()
    worker.start()
    digest_cells(csvs, parquets)
    worker.join()
    result["hashing and every cell at once (hash thread + DuckDB)"] = time.perf_counter() - started
    started = time.perf_counter()
    ours = validate_release(release)
    result["ours: validate_release"] = time.perf_counter() - started
    if args.frictionless:
        started = time.perf_counter()
        theirs = validate_release(release, engine="frictionless")
        result["frictionless: validate_release"] = time.perf_counter() - started
        result["50x faster than frictionless would be"] = (
            result["frictionless: validate_release"] / 50
        )
        assert theirs.valid == ours.valid
    print(
        f"release: {release} ({size / 2**20:,.0f} MiB in {len(files)} files, "
        f"{csv_size / 2**20:,.0f} MiB of CSV); valid: {ours.valid}"
    )
    print("| step | seconds |\n|---|---|")
    for name, seconds in result.items():
        print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
