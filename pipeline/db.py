"""Small DuckDB helpers: bounded connections, and reading results whole.

DuckDB 2 keeps a result pending on the connection until it is read to the end, and
refuses other work on that connection meanwhile; first_row and scalar read results whole.

Memory: DuckDB's own default limit is 80% of the machine's RAM, which lets one release
take a laptop's memory. Every connection the pipeline opens goes through `config`, so
DuckDB keeps under OGP_DUCKDB_MEMORY_LIMIT (default 1GB) and spills to disk beyond it.

Spilling: DuckDB makes a spill folder when a connection first spills, and removes it
when that connection closes if no other connection's files are in it; with a folder
shared by every process (as all once spilled into `<tmp>/ogp-duckdb-spill`), what one
run does to it depends on what another is doing. No two connections share one: a run's
database spills into the run's own folder (run_state.py), and any other connection
into a fresh folder of its own, made only if it spills.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import duckdb

ENV_MEMORY_LIMIT = "OGP_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"


def config(spill: Path | str | None = None) -> dict[str, str]:
    """DuckDB settings of every pipeline connection: the memory limit, and where to spill
    (default: a new folder under the system temporary folder, this connection's alone)."""
    folder = Path(spill) if spill else _private_spill_folder()
    return {
        "memory_limit": os.environ.get(ENV_MEMORY_LIMIT, DEFAULT_MEMORY_LIMIT),
        "temp_directory": str(folder),
    }


def _private_spill_folder() -> Path:
    """A spill folder name no other connection uses (process id and a random part)."""
    name = f"ogp-duckdb-spill-{os.getpid()}-{secrets.token_hex(6)}"
    return Path(tempfile.gettempdir()) / name


def connect(
    database: str = ":memory:", spill: Path | str | None = None
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the pipeline's memory limit and spill folder (`config`)."""
    con = duckdb.connect(database, config=config(spill))
    con.execute("SET enable_progress_bar = false")  # no bar drawn over a long check's output
    return con


def first_row(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> tuple[Any, ...]:
    """The first row of a query's result (the rest is read and dropped)."""
    rows = con.execute(sql, params or []).fetchall()
    return tuple(rows[0]) if rows else ()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns."""
    row = first_row(con, sql, params)
    return row[0] if row else None
