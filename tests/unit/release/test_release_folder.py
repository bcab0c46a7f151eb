"""make_release: the release files, their reproducibility, and the atomic publication."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import contract
from pipeline.release import build as release_build
from pipeline.release.dictionary import render_data_dictionary
from pipeline.release.install import InstalledRelease, ReleaseExists, ReleaseInvalid, make_release
from tests.fixtures.tiny_core import TINY_ROWS, build_tiny_core

VERSION = "2026.11.25"
CREATED = "2026-11-25T00:00:00Z"
SOURCES = [
    {
        "title": "UK0073 commitment page",
        "path": "ogp-pages/UK0073.txt",
        "url": "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0073/",
        "sha256": "0123456789abcdef" + "0" * 48,
        "retrieved_at": "2026-11-01T10:30:00Z",
    }
]
TABLES = contract.table_names()


def publish(con: duckdb.DuckDBPyConnection, releases: Path, **overrides: Any) -> InstalledRelease:
    options: dict[str, Any] = {"version": VERSION, "created": CREATED, "sources": SOURCES}
    options.update(overrides)
    return make_release(con, releases_dir=releases, **options)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` → sha256, to prove files were not touched."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def entries(releases: Path) -> set[str]:
    return {p.name for p in releases.iterdir()}


@pytest.fixture
def releases(tmp_path: Path) -> Path:
    return tmp_path / "releases"


@pytest.fixture
def published(tiny_core_db: duckdb.DuckDBPyConnection, releases: Path) -> InstalledRelease:
    return publish(tiny_core_db, releases)


# --- the release folder -----------------------------------------------------------------


def test_release_contains_exactly_the_expected_files(
    published: InstalledRelease, releases: Path
) -> None:
    expected = {"datapackage.json", "README.md", "SHA256SUMS", "index.html", "quality.json"}
    expected |= {"CHANGELOG.md", "changes.csv"}
    expected |= {f"csv/{t}.csv" for t in TABLES} | {f"parquet/{t}.parquet" for t in TABLES}
    assert set(tree(published.path)) == expected
    assert published.path == releases / VERSION
    assert entries(releases) == {VERSION, "latest", "LATEST", "index.json"}  # no staging left over
    assert published.unchanged is False
    assert published.files == tree(published.path)


def test_row_counts_match_the_database(
    published: InstalledRelease, tiny_core_db: duckdb.DuckDBPyConnection
) -> None:
    assert list(published.row_counts) == TABLES
    for table in TABLES:
        assert published.row_counts[table] == len(TINY_ROWS[table]), table


def test_latest_symlink_and_latest_file_point_at_the_version(
    published: InstalledRelease, releases: Path
) -> None:
    assert os.readlink(releases / "latest") == VERSION  # relative: the folder can move
    assert (releases / "latest").resolve() == published.path.resolve()
    assert (releases / "LATEST").read_text() == VERSION + "\n"


def test_csv_is_utf8_rfc4180_lf_sorted_and_empty_means_null(published: InstalledRelease) -> None:
    for table in TABLES:
        data = (published.path / "csv" / f"{table}.csv").read_bytes()
        assert b"\r" not in data  # LF line ends (the fixture has no CR in its text)
        text = data.decode("utf-8")
        header = text.split("\n", 1)[0]
        assert header == ",".join(f["name"] for f in contract.fields(table))
        assert text.endswith("\n")
    commitments = (published.path / "csv" / "commitments.csv").read_text(encoding="utf-8")
    assert '"Publish ""all"" contracts, in OCDS; with commas.\nSecond line."' in commitments
    assert '""' not in commitments.replace('""all""', "")  # '' was published as empty
    rows = list(csv.reader(io.StringIO(commitments)))
    assert [r[0] for r in rows[1:]] == ["UK0073", "UK0074"]


def _csv_text(value: Any) -> str:
    """How a Parquet value reads in the CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize("table", TABLES)
def test_parquet_rows_equal_csv_rows(published: InstalledRelease, table: str) -> None:
    with (published.path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        csv_rows = list(csv.reader(f))
    parquet = pq.read_table(published.path / "parquet" / f"{table}.parquet")
    parquet_rows = [[_csv_text(v) for v in row.values()] for row in parquet.to_pylist()]
    assert [list(parquet.column_names), *parquet_rows] == csv_rows
    assert parquet.num_rows == published.row_counts[table] == len(csv_rows) - 1


def test_batches_give_the_rows_of_one_read_in_order(
    tiny_core_db: duckdb.DuckDBPyConnection,
    published: InstalledRelease,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A row group per row: each is compressed in a thread while its row is written as
    # CSV; the files must be those of one batch.
    monkeypatch.setattr(release_build, "ROW_GROUP_SIZE", 1)
    batched = publish(tiny_core_db, tmp_path / "batched")
    for table in TABLES:
        one, many = (r.path / "parquet" / f"{table}.parquet" for r in (published, batched))
        assert pq.read_table(many).to_pylist() == pq.read_table(one).to_pylist()
        assert pq.ParquetFile(many).metadata.num_row_groups == max(1, batched.row_counts[table])
        csv_one, csv_many = (r.path / "csv" / f"{table}.csv" for r in (published, batched))
        assert csv_many.read_bytes() == csv_one.read_bytes()
    assert batched.row_counts["commitments"] > 1


def test_failed_row_group_write_publishes_nothing(
    tiny_core_db: duckdb.DuckDBPyConnection, releases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(release_build, "ROW_GROUP_SIZE", 1)
    written = 0
    write_table = pq.ParquetWriter.write_table

    def failing_write(writer: pq.ParquetWriter, *args: Any, **kwargs: Any) -> None:
        nonlocal written
        written += 1
        if written == 3:
            raise OSError(28, "No space left on device")
        write_table(writer, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetWriter, "write_table", failing_write)
    with pytest.raises(OSError, match="No space left"):
        publish(tiny_core_db, releases)
    assert written == 3  # no batch is read after the failed write
    assert entries(releases) == set()


def test_parquet_keeps_native_types(published: InstalledRelease) -> None:
    commitments = pq.read_table(published.path / "parquet" / "commitments.parquet")
    types = {f.name: f.type for f in commitments.schema}
    assert types["start_date"] == pa.date32()
    assert types["starred"] == pa.bool_()
    assert types["source_count"] == pa.int64()
    assert types["status"] == pa.dictionary(pa.int32(), pa.string())
    assert not commitments.schema.field("commitment_id").nullable
    assert commitments.schema.field("url").metadata[b"description"].startswith(b"Canonical")
    sources = pq.read_table(published.path / "parquet" / "sources.parquet")
    retrieved = sources.schema.field("retrieved_at").type
    assert pa.types.is_timestamp(retrieved) and retrieved.tz == "UTC"
    retrieved_at = dt.datetime(2026, 11, 1, 10, 30, tzinfo=dt.UTC)
    assert sources.column("retrieved_at")[0].as_py() == retrieved_at


def test_parquet_writer_settings(published: InstalledRelease) -> None:
    metadata = pq.ParquetFile(published.path / "parquet" / "irm_assessments.parquet").metadata
    column = metadata.row_group(0).column(metadata.schema.names.index("specificity"))
    assert column.compression == "ZSTD"
    assert column.is_stats_set
    assert "RLE_DICTIONARY" in column.encodings or "PLAIN_DICTIONARY" in column.encodings
    assert set(metadata.metadata) == {b"ARROW:schema"}  # nothing else, no clock


def test_descriptor_is_contract_plus_release_facts(published: InstalledRelease) -> None:
    text = (published.path / "datapackage.json").read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "$schema"')
    descriptor = json.loads(text)
    expected = contract.load_contract()
    assert descriptor["version"] == VERSION
    assert descriptor["created"] == CREATED
    assert descriptor["sources"] == SOURCES
    assert list(descriptor)[: len(expected) - 1] == list(expected)[:-1]
    assert [r["name"] for r in descriptor["resources"]] == TABLES
    for resource, original in zip(descriptor["resources"], expected["resources"], strict=True):
        data = (published.path / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["schema"] == original["schema"]
        stripped = {k: v for k, v in resource.items() if k not in ("bytes", "hash")}
        assert stripped == original


def test_created_is_left_out_when_not_given(
    tiny_core_db: duckdb.DuckDBPyConnection, releases: Path
) -> None:
    result = publish(tiny_core_db, releases, created=None, sources=[])
    descriptor = json.loads((result.path / "datapackage.json").read_text())
    assert "created" not in descriptor
    assert descriptor["sources"] == []


def test_sha256sums_lists_every_other_file_and_verifies(published: InstalledRelease) -> None:
    lines = (published.path / "SHA256SUMS").read_text().splitlines()
    paths = [line.split("  ", 1)[1] for line in lines]
    assert paths == sorted(set(published.files) - {"SHA256SUMS"})
    for line in lines:
        hexdigest, relative = line.split("  ", 1)
        assert published.files[relative] == hexdigest
    if shutil.which("sha256sum"):
        check = subprocess.run(
            ["sha256sum", "--check", "--strict", "SHA256SUMS"],
            cwd=published.path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_readme_is_the_data_dictionary(published: InstalledRelease) -> None:
    readme = (published.path / "README.md").read_text(encoding="utf-8")
    descriptor = json.loads((published.path / "datapackage.json").read_text())
    assert readme == render_data_dictionary(descriptor, published.row_counts)
    assert readme.startswith("# Open Government Partnership commitments\n")
    assert f"- **Version:** {VERSION}" in readme
    assert "CC-BY-4.0" in readme and "## How to cite" in readme
    for table in TABLES:
        assert f"## {table}\n" in readme
        assert f"- [{table}](#{table})" in readme
    assert "- **Rows:** 2" in readme  # commitments
    assert "- **Foreign key:** `action_plan_id` → `action_plans` (`action_plan_id`)" in readme
    assert "| `member_type` | string | yes |" in readme
    assert "`involved` (Institution involved (2024+ pages, no lead/support split))" in readme
    assert "`sha256: 0123456789abcdef" not in readme and SOURCES[0]["sha256"] in readme
    assert "retrieved_at: `2026-11-01T10:30:00Z`" in readme
    assert 'pd.read_parquet("parquet/commitments.parquet")' in readme
    assert "read_csv('csv/commitments.csv'" in readme
    assert 'read_parquet("parquet/commitments.parquet")' in readme
    # Every other file of the release is explained, and exists.
    assert "- [Other files of this release](#other-files-of-this-release)" in readme
    for name in ("index.html", "CHANGELOG.md", "changes.csv", "quality.json", "SHA256SUMS"):
        assert f"| `{name}` |" in readme
        assert (published.path / name).is_file()


# --- reproducibility --------------------------------------------------------------------------


def test_same_content_gives_byte_identical_files_in_any_folder(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    first = publish(tiny_core_db, tmp_path / "a" / "releases")
    # Another database, rows inserted in reverse order, more threads: same bytes.
    other = duckdb.connect(str(tmp_path / "other.duckdb"))
    other.execute("SET threads = 4")
    other.execute("CREATE SCHEMA core")
    for table in TABLES:
        other.execute(contract.duckdb_ddl(table))
    for table in reversed(TABLES):
        for row in reversed(TINY_ROWS[table]):
            columns = ", ".join(contract.quote_ident(c) for c in row)
            marks = ", ".join("?" for _ in row)
            other.execute(
                f"INSERT INTO core.{table} ({columns}) VALUES ({marks})", list(row.values())
            )
    second = publish(other, tmp_path / "b")
    other.close()
    assert first.files == second.files
    assert first.row_counts == second.row_counts


def test_other_schema_name_is_supported(tmp_path: Path) -> None:
    con = duckdb.connect()
    build_tiny_core(con, db_schema="out")
    result = publish(con, tmp_path / "releases", schema="out")
    assert result.row_counts["commitments"] == 2


# --- publishing over an existing version -------------------------------------------------------


def test_republishing_same_content_is_unchanged(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    before = tree(published.path)
    mtime = (published.path / "SHA256SUMS").stat().st_mtime_ns
    again = publish(tiny_core_db, releases)
    assert again.unchanged is True
    assert again.path == published.path
    assert again.files == published.files
    assert tree(published.path) == before
    assert (published.path / "SHA256SUMS").stat().st_mtime_ns == mtime
    assert entries(releases) == {VERSION, "latest", "LATEST", "index.json"}


def test_republishing_different_content_raises_and_keeps_old_files(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    before = tree(published.path)
    tiny_core_db.execute("UPDATE core.members SET region = 'Western Europe'")
    with pytest.raises(ReleaseExists, match=r"2026\.11\.25.*csv/members\.csv"):
        publish(tiny_core_db, releases)
    assert tree(published.path) == before
    assert entries(releases) == {VERSION, "latest", "LATEST", "index.json"}


def test_new_version_moves_latest(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    tiny_core_db.execute("UPDATE core.members SET region = 'Western Europe'")
    newer = publish(tiny_core_db, releases, version="2026.11.26")
    assert os.readlink(releases / "latest") == "2026.11.26"
    assert (releases / "LATEST").read_text() == "2026.11.26\n"
    assert newer.files["csv/members.csv"] != published.files["csv/members.csv"]
    assert tree(published.path) == published.files
    assert entries(releases) == {VERSION, "2026.11.26", "latest", "LATEST", "index.json"}


def test_index_json_lists_every_release_with_date_counts_and_checksums(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    tiny_core_db.execute("UPDATE core.members SET region = 'Western Europe'")
    newer = publish(tiny_core_db, releases, version="2026.11.26", created="2026-11-26T00:00:00Z")
    index = json.loads((releases / "index.json").read_text(encoding="utf-8"))
    assert index["latest"] == "2026.11.26"
    assert [r["version"] for r in index["releases"]] == [VERSION, "2026.11.26"]
    first, second = index["releases"]
    assert (first["path"], first["created"]) == (f"{VERSION}/", CREATED)
    assert second["created"] == "2026-11-26T00:00:00Z"
    assert first["rows"] == {table: len(TINY_ROWS[table]) for table in TABLES}
    # Every file but SHA256SUMS itself, with the sha256 SHA256SUMS states.
    assert first["files"] == {k: v for k, v in published.files.items() if k != "SHA256SUMS"}
    assert second["files"] == {k: v for k, v in newer.files.items() if k != "SHA256SUMS"}


def test_changelog_compares_with_the_previous_release_whatever_latest_points_at(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    assert published.change["first_release"] is True
    tiny_core_db.execute("UPDATE core.members SET region = 'Western Europe'")
    newer = publish(tiny_core_db, releases, version="2026.11.26", created="2026-11-26T00:00:00Z")
    assert newer.change["old_version"] == VERSION
    changed = (newer.path / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert changed[0] == "table,key,change,field,old_value,new_value"
    assert {line.split(",")[:4][0] for line in changed[1:]} == {"members"}
    assert all(",changed,region," in line for line in changed[1:])
    # Rebuilding the older version once a newer one exists gives the same bytes: its
    # changelog still compares with what came before it, not with `latest`.
    tiny_core_db.execute("UPDATE core.members SET region = 'Europe'")
    again = publish(tiny_core_db, releases)
    assert again.unchanged is True
    assert tree(published.path) == published.files


# --- failures leave nothing behind ------------------------------------------------------------


def test_invalid_release_is_not_published_and_latest_stays(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    tiny_core_db.execute("UPDATE core.milestones SET text = NULL")
    tiny_core_db.execute("UPDATE core.commitment_institutions SET role = 'sponsor'")
    with pytest.raises(ReleaseInvalid) as raised:
        publish(tiny_core_db, releases, version="2026.11.26")
    report = raised.value.report
    assert not report.valid
    assert {(v.table, v.field, v.rule) for v in report.errors} == {
        ("milestones", "text", "required"),
        ("commitment_institutions", "role", "enum"),
    }
    assert "milestones: required x 1" in str(raised.value)
    assert entries(releases) == {VERSION, "latest", "LATEST", "index.json"}
    assert os.readlink(releases / "latest") == VERSION
    assert (releases / "LATEST").read_text() == VERSION + "\n"
    assert tree(published.path) == published.files


def test_invalid_first_release_leaves_an_empty_releases_folder(
    tiny_core_db: duckdb.DuckDBPyConnection, releases: Path
) -> None:
    tiny_core_db.execute("INSERT INTO core.members SELECT * FROM core.members")
    with pytest.raises(ReleaseInvalid) as raised:
        publish(tiny_core_db, releases)
    assert [v.rule for v in raised.value.report.errors] == ["primary-key"]
    assert entries(releases) == set()


def test_error_midway_removes_staging_and_changes_nothing(
    tiny_core_db: duckdb.DuckDBPyConnection, published: InstalledRelease, releases: Path
) -> None:
    tiny_core_db.execute("DROP TABLE core.notes")
    with pytest.raises(duckdb.CatalogException):
        publish(tiny_core_db, releases, version="2026.11.26")
    assert entries(releases) == {VERSION, "latest", "LATEST", "index.json"}
    assert os.readlink(releases / "latest") == VERSION


@pytest.mark.parametrize("version", ["", "latest", "LATEST", ".hidden", "../up", "a/b", "v 1"])
def test_unusable_version_is_refused_before_anything_is_written(
    tiny_core_db: duckdb.DuckDBPyConnection, releases: Path, version: str
) -> None:
    with pytest.raises(ValueError, match="version"):
        publish(tiny_core_db, releases, version=version)
    assert not releases.exists()


def test_empty_tables_publish_as_header_only_csv_and_empty_parquet(
    tiny_core_db: duckdb.DuckDBPyConnection, releases: Path
) -> None:
    for table in ("conflicts", "rejects", "notes"):
        tiny_core_db.execute(f"DELETE FROM core.{table}")
    result = publish(tiny_core_db, releases)
    assert result.row_counts["conflicts"] == 0
    header = ",".join(f["name"] for f in contract.fields("conflicts")) + "\n"
    assert (result.path / "csv" / "conflicts.csv").read_text() == header
    empty = pq.read_table(result.path / "parquet" / "conflicts.parquet")
    assert empty.num_rows == 0
    assert empty.schema.names == contract.arrow_schema("conflicts").names
