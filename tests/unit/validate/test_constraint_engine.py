"""The DuckDB engine's building blocks against frictionless' own: cell parsers and patterns.

Every spelling below is parsed twice: by frictionless 5.21's field reader (the
reference) and by our SQL-then-Python split (values.py). They must agree on whether
the text parses and on the value. Patterns: RE2 translations must answer as Python's
`re.match("^pattern$")` does on text without a line feed. Reading: DuckDB reads a file
only when its stripped labels are the field names (the parity corpus checks verdicts).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from frictionless import Field

from pipeline.release import csv_pieces
from pipeline.validate.constraints import reading
from pipeline.validate.constraints.patterns import python_matcher, to_re2
from pipeline.validate.constraints.reading import LoadedTable
from pipeline.validate.constraints.spec import TableSpec, field_spec, table_spec
from pipeline.validate.constraints.values import complete_values, load_columns, value_sql

SPELLINGS: dict[str, list[str]] = {
    "integer": [
        "1", "007", "+5", "-0", " 7", "7 ", "\t5\n", "5\u00a0", "1_000", "1__0", "_1", "1.0",
        "1e3", "\u0661\u0662", "\uff11\uff12", "0x10", "+", "-", "1,000", "2018a",
        "99999999999999999999", "12345678901234567890123456789012345678", "-" + "9" * 45,
    ],
    "number": [
        "1", "1.5", ".5", "5.", "-0.0", "1e5", "1E-3", "NaN", "nan", "-Infinity", "inf",
        " 2.5 ", "1_000.5", "1,5", "abc", "0.1", "123456789012345.6", "1.23456789012345678",
    ],
    "boolean": [
        "true", "True", "TRUE", "1", "false", "False", "FALSE", "0", "yes", "t", " true",
        "true ", "TrUe", "01",
    ],
    "date": [
        "2016-07-01", "2016-7-1", "2016-07-1", "2016-02-29", "2015-02-29", "0000-01-01",
        "0001-01-01", "9999-12-31", "2016-07-01T00:00:00", " 2016-07-01", "2016-07-01 ",
        "20160701", "2016/07/01", "\uff12\uff10\uff11\uff16-07-01", "2016-07- 1", "2016-13-01",
    ],
    "datetime": [
        "2026-11-01T10:30:00Z", "2026-11-01T10:30:00+01:00", "2026-11-01T10:30:00",
        "2026-11-01 10:30:00Z", "2026-11-01T10:30Z", "2026-11-01T24:00:00Z",
        "2026-11-01T10:30:60Z", "2026-02-30T10:30:00Z", "2026-11-01T10:30:00.123Z",
        "0000-11-01T10:30:00Z", "2026-11-01T10:30:00z", "2026-11-01T23:59:59-12:00",
    ],
    "year": ["2016", "0000", "016", " 201", "+201", "1_00", "-001", "20160", "abcd", "\uff12016"],
    "string": ["", "x", " padded ", "multi\nline"],
}  # fmt: skip


def ours(kind: str, texts: list[str]) -> list[Any]:
    """Our parse of each text: SQL where it is exact, Python for the rest."""
    spec = table_spec(0, {"name": "t", "schema": {"fields": [{"name": "x", "type": kind}]}})
    field = spec.fields[0]
    con = duckdb.connect()
    rows = pa.table({"__row": list(range(2, len(texts) + 2)), "r0": texts})
    con.register("source", rows)
    columns = ", ".join(load_columns(spec.fields, {"x"}))
    con.execute(f"CREATE TABLE t0 AS SELECT __row, false AS __blank, {columns} FROM source")
    table = LoadedTable(spec, "t0", spec.fields, len(texts))
    assert complete_values(con, table, {"x"}, []) == []
    query = f"SELECT {value_sql(field)} FROM t0 ORDER BY __row"
    return [v for (v,) in con.execute(query).fetchall()]


def reference(kind: str, text: str) -> tuple[bool, Any]:
    """frictionless' verdict and value for one cell ('' is a missing value, so None)."""
    value, notes = Field.from_descriptor({"name": "x", "type": kind}).read_cell(text)
    return not (notes and "type" in notes), value


def comparable(value: Any) -> Any:
    """A frictionless value in the form our columns hold it."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    return value


@pytest.mark.parametrize("kind", sorted(SPELLINGS))
def test_cells_parse_as_frictionless_parses_them(kind: str) -> None:
    texts = SPELLINGS[kind]
    for text, got in zip(texts, ours(kind, texts), strict=True):
        parses, value = reference(kind, text)
        if value is None:  # a missing value ('') or a type error: no value either way
            assert got is None, (kind, text, got)
            continue
        assert parses and got is not None, (kind, text, value)
        expected = comparable(value)
        if isinstance(expected, int) and not isinstance(expected, bool):
            expected = max(-(2**63) + 1, min(2**63 - 1, expected))  # BIGINT clamp
        if isinstance(expected, float) and expected != expected:
            assert got != got, (kind, text)
        else:
            assert got == expected, (kind, text, got, expected)


PATTERNS = [
    "^[A-Z]{3}$", "^[a-z0-9][a-z0-9'-]*$", "^https?://\\S+$", "^[0-9a-f]{16}$", "a|b",
    "\\d+", "[\\w-]+", "\\s*x", "x{,2}", "x{}", "a{,}b", "(?P<y>ab)+c?", "[]a]", "[^]a]",
    "\\u00e9+", "\\x41\\Z", "[.][^/]+/", "(a|b)*?c", "[\\d\\s]+", "\\W\\D\\S", "\\.",
    "^https://www\\.opengovpartnership\\.org/members/[^/]+/commitments/[A-Z]{2,4}[0-9]{4}/$",
]  # fmt: skip
ALPHABET = "aAbcxyz019_-./: \u00a0\u2003\u0661\u00e9]{}^$'"


def strings(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(ALPHABET, k=rng.randint(0, 6))) for _ in range(count)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_re2_translation_answers_as_python_re(pattern: str) -> None:
    translated = to_re2(pattern)
    assert translated is not None
    matcher = python_matcher(pattern)
    texts = [*strings(len(pattern), 400), "GBR", "ab", "x\u00a0", "https://a.b/c", "\u0661"]
    con = duckdb.connect()
    con.register("texts", pa.table({"t": texts}))
    got = con.execute("SELECT regexp_matches(t, ?) FROM texts", [translated]).fetchall()
    assert [g for (g,) in got] == [matcher(t) for t in texts]


@pytest.mark.parametrize(
    "pattern", ["\\bx", "(?=a)a", "(?!a)b", "a*+", "(a)\\1", "\\D[\\S]", "x{1001}", "(?i)a"]
)
def test_patterns_re2_cannot_express_are_left_to_python(pattern: str) -> None:
    assert to_re2(pattern) is None


def test_field_missing_values_replace_the_schema_ones() -> None:
    spec = field_spec(0, {"name": "x", "missingValues": ["NA"]}, ("",))
    assert spec.missing == ("NA",)
    assert field_spec(0, {"name": "x"}, ("", "-")).missing == ("", "-")
    objects = field_spec(0, {"name": "x", "missingValues": [{"value": "n/a", "label": "?"}]}, ())
    assert objects.missing == ("n/a",)


@pytest.mark.parametrize(
    ("header", "reader", "rules"),
    [
        (b"x,y", "duckdb", []),
        (b' x ,"y\t"', "duckdb", []),  # frictionless strips labels: still exactly x, y
        (b'x,"y\n"', "python", []),  # a label spanning lines upsets DuckDB's line-feed count
        (b"", "python", []),  # an empty first line is no header; the next line is row 2
        (b"x,z", "python", ["incorrect-label"]),
    ],
)
def test_reader_is_chosen_by_the_stripped_labels(
    header: bytes, reader: str, rules: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(header + b"\n1,2\n3,4\n")
    spec = table_spec(0, {"name": "t", "schema": {"fields": [{"name": "x"}, {"name": "y"}]}})
    used: list[str] = []
    for name in ("duckdb", "python"):
        load = getattr(reading, f"_load_with_{name}")

        def spy(*args: Any, _name: str = name, _load: Any = load) -> Any:
            used.append(_name)
            return _load(*args)

        monkeypatch.setattr(reading, f"_load_with_{name}", spy)
    con = duckdb.connect()
    table = reading.load_table(con, path, spec, lambda fields: [f.column for f in fields], "t")
    assert used[-1] == reader
    rows = con.execute("SELECT __row, r0, r1 FROM t ORDER BY __row").fetchall()
    assert rows == [(2, "1", "2"), (3, "3", "4")]
    assert [v.rule for v in table.violations] == rules


def multiline_csv(rows: int) -> bytes:
    """A CSV with quoted cells holding line feeds, doubled quotes, and an empty row."""
    lines = ["x,y"]
    for n in range(rows):
        lines.append(f'{n},"line one\nline ""two"" of {n}"' if n % 3 else f"{n},plain {n}")
    lines.append(",")
    return ("\n".join(lines) + "\n").encode("utf-8")


def loaded_rows(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[Any, ...]]:
    return con.execute(
        f"SELECT __row, __blank, __hash, r0, r1 FROM {name} ORDER BY __row"
    ).fetchall()


def two_column_file(tmp_path: Path, rows: int) -> tuple[Path, TableSpec]:
    """`t.csv` of `rows` records with cells spanning lines, and its two-field table spec."""
    path = tmp_path / "t.csv"
    path.write_bytes(multiline_csv(rows))
    spec = table_spec(0, {"name": "t", "schema": {"fields": [{"name": "x"}, {"name": "y"}]}})
    return path, spec


def test_a_file_read_in_pieces_loads_as_the_whole_file_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, spec = two_column_file(tmp_path, 500)
    monkeypatch.setattr(reading, "PIECE_BYTES", 1000)
    cut: list[int] = []
    pieces = reading.record_pieces

    def counted(*args: Any) -> Any:
        for piece in pieces(*args):
            cut.append(piece.stat().st_size)
            yield piece

    monkeypatch.setattr(reading, "record_pieces", counted)
    con = duckdb.connect()
    columns = lambda fields: [f.column for f in fields]  # noqa: E731
    whole = reading._load_with_duckdb(con, path, spec, columns, "whole", "parallel")
    parts = reading._load_with_duckdb(con, path, spec, columns, "parts", "pieces")
    assert whole is not None and parts is not None and parts.rows == whole.rows == 501
    assert len(cut) > 10 and sum(cut) == path.stat().st_size - len(b"x,y\n")
    assert loaded_rows(con, "parts") == loaded_rows(con, "whole")
    assert loaded_rows(con, "parts")[-1][:2] == (502, True)


def test_a_large_file_duckdb_refuses_whole_is_read_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, spec = two_column_file(tmp_path, 300)
    monkeypatch.setattr(reading, "PIECE_BYTES", 2000)
    load = reading._load_with_duckdb
    tried: list[str] = []

    def refusing(*args: Any) -> Any:
        tried.append(args[-1])
        return None if args[-1] == "parallel" else load(*args)

    monkeypatch.setattr(reading, "_load_with_duckdb", refusing)
    con = duckdb.connect()
    table = reading.load_table(con, path, spec, lambda fields: [f.column for f in fields], "t")
    assert tried == ["parallel", "pieces"]
    assert table.rows == 301 and table.violations == []
    assert con.execute("SELECT r1 FROM t WHERE __row = 4").fetchall() == [
        ('line one\nline "two" of 2',)
    ]


def test_a_very_large_file_is_read_in_pieces_without_a_whole_read_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, spec = two_column_file(tmp_path, 300)
    monkeypatch.setattr(reading, "PIECE_BYTES", 2000)
    monkeypatch.setattr(csv_pieces, "WHOLE_READ_BYTES", path.stat().st_size - 1)
    load = reading._load_with_duckdb
    tried: list[str] = []

    def recorded(*args: Any) -> Any:
        tried.append(args[-1])
        return load(*args)

    monkeypatch.setattr(reading, "_load_with_duckdb", recorded)
    con = duckdb.connect()
    table = reading.load_table(con, path, spec, lambda fields: [f.column for f in fields], "t")
    assert tried == ["pieces"]
    assert table.rows == 301 and table.violations == []
    monkeypatch.setattr(csv_pieces, "WHOLE_READ_BYTES", path.stat().st_size)
    assert reading.duckdb_readings(path) == ("parallel", "pieces")


def test_pieces_cut_inside_an_unterminated_quote_fall_back_to_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.csv"
    data = multiline_csv(300).replace(b"150,plain 150", b'150,"plain 150')
    path.write_bytes(data)
    spec = table_spec(0, {"name": "t", "schema": {"fields": [{"name": "x"}, {"name": "y"}]}})
    monkeypatch.setattr(reading, "PIECE_BYTES", 2000)
    con = duckdb.connect()
    columns = lambda fields: [f.column for f in fields]  # noqa: E731
    assert reading._load_with_duckdb(con, path, spec, columns, "t", "pieces") is None
    assert con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'"
    ).fetchall() == [(0,)]
