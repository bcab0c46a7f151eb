"""Reading a release's CSV tables as text: paths stay inside, headers match, values as published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipeline.release import reading as release_reading
from pipeline.release.reading import (
    check_serial_reading,
    create_text_views,
    csv_source,
    read_csv_text,
    release_path,
)

FIELDS = ["id", "text", "code"]
#: RFC 4180 as publish writes it: an empty cell is a missing value, quotes are doubled,
#: a quoted cell may hold commas and newlines; digits and `true` stay text.
CSV = 'id,text,code\n1,"say ""hi"", then go",007\n2,,true\n3,"two\nlines",\n4, padded ,1.50\n'
ROWS = [
    ("1", 'say "hi", then go', "007"),
    ("2", None, "true"),
    ("3", "two\nlines", None),
    ("4", " padded ", "1.50"),
]


def descriptor(*resources: dict[str, Any]) -> dict[str, Any]:
    return {"resources": list(resources)}


def resource(name: str, path: str, fields: list[str] = FIELDS) -> dict[str, Any]:
    return {"name": name, "path": path, "schema": {"fields": [{"name": f} for f in fields]}}


@pytest.fixture
def release(tmp_path: Path) -> Path:
    (tmp_path / "release" / "csv").mkdir(parents=True)
    (tmp_path / "release" / "csv" / "things.csv").write_text(CSV, encoding="utf-8", newline="")
    return tmp_path / "release"


def read(release: Path, desc: dict[str, Any], sql: str, **options: Any) -> list[tuple[Any, ...]]:
    with duckdb.connect() as con:
        create_text_views(con, release, desc, **options)
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("relative", ["../outside.csv", "csv/../../outside.csv", "/etc/passwd"])
def test_a_path_leaving_the_release_is_refused_and_named(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ValueError, match=f"path {relative!r} leaves the release folder"):
        release_path(tmp_path, relative)


def test_a_path_inside_the_release_is_joined(tmp_path: Path) -> None:
    assert release_path(tmp_path, "csv/things.csv") == tmp_path / "csv" / "things.csv"


def test_views_read_values_exactly_as_published(release: Path) -> None:
    rows = read(release, descriptor(resource("things", "csv/things.csv")), "FROM things")
    assert rows == ROWS


def test_every_column_is_text_named_by_the_descriptor(release: Path) -> None:
    desc = descriptor(resource("things", "csv/things.csv"))
    assert read(release, desc, "SELECT column_name, column_type FROM (DESCRIBE things)") == [
        (f, "VARCHAR") for f in FIELDS
    ]


def test_a_header_other_than_the_descriptor_fields_names_the_file(release: Path) -> None:
    desc = descriptor(resource("things", "csv/things.csv", ["id", "code", "text"]))
    for missing_ok in (False, True):
        with pytest.raises(ValueError, match=r"csv/things\.csv: header \['id', 'text', 'code'\]"):
            read(release, desc, "FROM things", missing_ok=missing_ok)


def test_a_missing_file_is_an_error_unless_missing_ok(release: Path) -> None:
    desc = descriptor(resource("gone", "csv/gone.csv"))
    with pytest.raises(FileNotFoundError, match=r"gone\.csv"):
        read(release, desc, "FROM gone")
    assert read(release, desc, "FROM gone", missing_ok=True) == []
    columns = read(release, desc, "SELECT column_name FROM (DESCRIBE gone)", missing_ok=True)
    assert columns == [(f,) for f in FIELDS]


def test_a_descriptor_path_leaving_the_release_is_never_read(release: Path) -> None:
    desc = descriptor(resource("things", "../things.csv"))
    (release.parent / "things.csv").write_text(CSV, encoding="utf-8")
    with pytest.raises(ValueError, match="leaves the release folder"):
        read(release, desc, "FROM things")
    assert read(release, desc, "FROM things", missing_ok=True) == []


def test_the_declared_dialect_is_used(release: Path) -> None:
    text = "id;text;code\n1;'it''s; here';x\n"
    (release / "csv" / "semicolon.csv").write_text(text, encoding="utf-8", newline="")
    semi = resource("semicolon", "csv/semicolon.csv") | {
        "dialect": {"delimiter": ";", "quoteChar": "'"}
    }
    assert read(release, descriptor(semi), "FROM semicolon") == [("1", "it's; here", "x")]


def test_read_csv_text_quotes_the_path(tmp_path: Path) -> None:
    path = tmp_path / "o'brien.csv"
    path.write_text(CSV, encoding="utf-8", newline="")
    with duckdb.connect() as con:
        assert con.execute(f"FROM {read_csv_text(path, FIELDS)}").fetchall() == ROWS


def test_a_serial_reading_that_drops_a_row_is_refused(tmp_path: Path) -> None:
    # DuckDB's serial reader (the fallback when its parallel reader refuses a file)
    # silently drops a row whose quote never closes; the line-feed count catches it.
    good = tmp_path / "good.csv"
    good.write_text('id,text,code\n1,"two\nlines",x\n2,plain,y\n', encoding="utf-8")
    check_serial_reading(good, FIELDS)
    broken = tmp_path / "broken.csv"
    broken.write_text('id,text,code\n1,plain,x\n2,"never closed,y\n3,more,z\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.csv: DuckDB cannot read this CSV"):
        check_serial_reading(broken, FIELDS)


def test_csv_source_reads_a_well_formed_file_in_parallel(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(CSV, encoding="utf-8", newline="")
    source = csv_source(path, FIELDS)
    assert "parallel = true" in source
    with duckdb.connect() as con:
        assert con.execute(f"FROM {source}").fetchall() == ROWS


def refusing_whole_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """DuckDB's parallel reader made to refuse every single file (as it refuses some
    large ones), while reading lists of pieces; the sources it was asked for."""
    asked: list[str] = []
    refused = release_reading._refused

    def refuse(source: str) -> bool:
        asked.append(source)
        return ("parallel = true" in source and "read_csv([" not in source) or refused(source)

    monkeypatch.setattr(release_reading, "_refused", refuse)
    monkeypatch.setattr(release_reading, "PIECE_BYTES", 40)
    return asked


def test_a_large_file_refused_whole_is_read_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = refusing_whole_files(monkeypatch)
    path = tmp_path / "big.csv"
    path.write_text(CSV * 1 + CSV.split("\n", 1)[1] * 20, encoding="utf-8", newline="")
    source = csv_source(path, FIELDS)
    assert source.startswith("read_csv([") and "header = false" in source
    assert source.count("piece-") > 5 and len(asked) == 2
    with duckdb.connect() as con:
        assert con.execute(f"FROM {source}").fetchall() == ROWS * 21
    assert csv_source(path, FIELDS) == source  # cut once per file version


def test_pieces_of_a_file_with_an_unterminated_quote_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusing_whole_files(monkeypatch)
    path = tmp_path / "open.csv"
    path.write_text(CSV + '5,"never closed,x\n' + "6,more,y\n" * 40, encoding="utf-8")
    with pytest.raises(ValueError, match=r"open\.csv"):
        csv_source(path, FIELDS)
