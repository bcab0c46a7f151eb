"""Shared fixtures: a tiny, consistent core database (see tests/fixtures/tiny_core.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.fixtures.tiny_core import build_tiny_core


@pytest.fixture
def tiny_core_db_path(tmp_path: Path) -> Path:
    """Path of a closed DuckDB file holding the tiny core tables."""
    # Not core.duckdb: the catalog would be named "core" and clash with schema "core".
    path = tmp_path / "tiny.duckdb"
    con = duckdb.connect(str(path))
    try:
        build_tiny_core(con)
    finally:
        con.close()
    return path


@pytest.fixture
def tiny_core_db(tiny_core_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open connection to the tiny core database (closed after the test)."""
    con = duckdb.connect(str(tiny_core_db_path))
    try:
        yield con
    finally:
        con.close()
