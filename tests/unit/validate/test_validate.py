"""validate_release: the real frictionless validator plus the release's own checks.

Violations are planted in the DuckDB core tables where the database can hold them (so
the release is otherwise consistent), or in the files where it cannot (a non-integer
cell, a tampered byte).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.release.build import build_release, write_checksums
from pipeline.validate import Violation, file_digest, validate_release
from pipeline.validate.constraints import DataResult, check_data

CREATED = "2026-11-25T00:00:00Z"


def build(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """Write a complete (unvalidated) release of the database into `folder`."""
    folder.mkdir()
    build_release(con, folder, version="2026.11.25", created=CREATED, sources=[])
    return folder


def restamp(folder: Path) -> None:
    """Recompute every resource's bytes/hash and SHA256SUMS after a file was edited."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    for resource in descriptor["resources"]:
        hexdigest, size = file_digest(folder / resource["path"])
        resource["bytes"], resource["hash"] = size, f"sha256:{hexdigest}"
    path.write_text(json.dumps(descriptor, indent=2) + "\n")
    write_checksums(folder)


def only(report, rule: str) -> Violation:
    """The single violation of `rule`, after checking there is exactly one."""
    found = [v for v in report.errors if v.rule == rule]
    assert len(found) == 1, report.summary()
    return found[0]


@pytest.fixture
def release(tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path) -> Path:
    return build(tiny_core_db, tmp_path / "release")


def test_valid_release_is_valid(release: Path, tiny_core_db: duckdb.DuckDBPyConnection) -> None:
    report = validate_release(release)
    assert report.valid, report.summary()
    assert report.errors == []
    assert report.rows["commitments"] == 2
    assert report.rows["sources"] == 2
    assert len(report.rows) == 13
    assert "valid" in report.summary()


def test_descriptor_path_is_accepted_too(release: Path) -> None:
    assert validate_release(release / "datapackage.json").valid


# --- one planted violation per rule ---------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "table", "key", "field", "rule", "value"),
    [
        pytest.param(
            "UPDATE core.milestones SET text = NULL",
            "milestones",
            {"commitment_id": "UK0073", "milestone_number": "1"},
            "text",
            "required",
            "",
            id="required",
        ),
        pytest.param(
            "UPDATE core.members SET member_type = 'regional'",
            "members",
            {"member_id": "united-kingdom"},
            "member_type",
            "enum",
            "regional",
            id="enum",
        ),
        pytest.param(
            "UPDATE core.commitments SET url = 'http://example.org/' "
            "WHERE commitment_id = 'UK0074'",
            "commitments",
            {"commitment_id": "UK0074"},
            "url",
            "pattern",
            "http://example.org/",
            id="pattern",
        ),
        pytest.param(
            "UPDATE core.action_plans SET start_year = 1999",
            "action_plans",
            {"action_plan_id": "united-kingdom-2016"},
            "start_year",
            "minimum",
            "1999",
            id="minimum",
        ),
        pytest.param(
            "UPDATE core.irm_assessments SET report_year_end_of_term = 2101",
            "irm_assessments",
            {"commitment_id": "UK0073"},
            "report_year_end_of_term",
            "maximum",
            "2101",
            id="maximum",
        ),
        pytest.param(
            "INSERT INTO core.institutions (institution_id, name, kind) "
            "VALUES ('united-kingdom/cabinet-office', 'The Cabinet Office', 'executive')",
            "institutions",
            {"institution_id": "united-kingdom/cabinet-office"},
            "institution_id",
            "primary-key",
            "united-kingdom/cabinet-office",
            id="primary-key",
        ),
        pytest.param(
            "UPDATE core.commitment_institutions SET institution_id = 'united-kingdom/home-office'",
            "commitment_institutions",
            {
                "commitment_id": "UK0073",
                "institution_id": "united-kingdom/home-office",
                "role": "lead",
            },
            "institution_id",
            "foreign-key",
            "united-kingdom/home-office",
            id="foreign-key",
        ),
    ],
)
def test_planted_violation_is_reported_with_table_key_field_and_rule(
    tiny_core_db: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    sql: str,
    table: str,
    key: dict[str, str],
    field: str,
    rule: str,
    value: str,
) -> None:
    tiny_core_db.execute(sql)
    report = validate_release(build(tiny_core_db, tmp_path / "release"))
    assert not report.valid
    violation = only(report, rule)
    assert (violation.table, violation.key, violation.field) == (table, key, field)
    assert violation.value == value
    assert violation.row_number is not None and violation.row_number >= 2
    assert {v.rule for v in report.errors} == {rule}, report.summary()
    summary = report.summary()
    assert f"{table}: {rule} x 1" in summary
    assert all(f"{k}={v!r}" in summary for k, v in key.items())


def test_foreign_key_to_another_table_from_composite_key_table(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tiny_core_db.execute("UPDATE core.conflicts SET chosen_source_id = 'aaaaaaaaaaaaaaaa'")
    violation = only(validate_release(build(tiny_core_db, tmp_path / "r")), "foreign-key")
    assert violation.table == "conflicts"
    assert violation.field == "chosen_source_id"
    assert violation.key == {
        "commitment_id": "UK0073",
        "field": "commitments.title",
        "source_id": "fedcba9876543210",
        "location": "row 2",
    }


def test_null_in_a_nullable_foreign_key_is_fine(release: Path) -> None:
    # UK0074 has no action plan in the fixture: frictionless must not call it dangling.
    commitments = (release / "csv" / "commitments.csv").read_text()
    assert "UK0074,united-kingdom,," in commitments
    assert validate_release(release).valid


def test_cell_that_is_not_an_integer_is_a_type_violation(release: Path) -> None:
    path = release / "csv" / "milestones.csv"
    text = path.read_text()
    assert "UK0073,1," in text
    path.write_text(text.replace("UK0073,1,", "UK0073,one,"))
    restamp(release)
    report = validate_release(release)
    violation = only(report, "type")
    assert violation.table == "milestones"
    assert violation.key == {"commitment_id": "UK0073", "milestone_number": "one"}
    assert violation.field == "milestone_number"
    assert violation.value == "one"
    assert violation.row_number == 2


def test_unique_constraint_is_enforced(release: Path) -> None:
    # The contract has no `unique` constraint today; prove frictionless enforces one.
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    commitments = next(r for r in descriptor["resources"] if r["name"] == "commitments")
    member = next(f for f in commitments["schema"]["fields"] if f["name"] == "member_id")
    member["constraints"]["unique"] = True
    path.write_text(json.dumps(descriptor, indent=2) + "\n")
    (release / "SHA256SUMS").unlink()
    violation = only(validate_release(release), "unique")
    assert (violation.table, violation.key, violation.field) == (
        "commitments",
        {"commitment_id": "UK0074"},
        "member_id",
    )


def test_tampered_byte_is_a_hash_violation(release: Path) -> None:
    path = release / "csv" / "members.csv"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"United Kingdom", b"United Kingdon"))
    report = validate_release(release)
    assert not report.valid
    hash_violation = only(report, "hash")
    assert hash_violation.table == "members"
    assert hash_violation.value == "sha256:" + file_digest(path)[0]
    assert not [v for v in report.errors if v.rule == "bytes"]  # same length
    checksums = only(report, "checksums")
    assert checksums.value == "csv/members.csv"


def test_added_byte_is_a_bytes_and_hash_violation(release: Path) -> None:
    path = release / "csv" / "institutions.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    report = validate_release(release)
    assert only(report, "bytes").table == "institutions"
    assert only(report, "bytes").value == str(path.stat().st_size)
    assert only(report, "hash").table == "institutions"


def test_missing_declared_hash_is_a_violation(release: Path) -> None:
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    del descriptor["resources"][0]["hash"]
    path.write_text(json.dumps(descriptor))
    (release / "SHA256SUMS").unlink()
    assert only(validate_release(release), "hash").table == "members"


# --- never raises -------------------------------------------------------------------------


def test_missing_csv_file_is_a_violation(release: Path) -> None:
    (release / "csv" / "notes.csv").unlink()
    report = validate_release(release)
    assert not report.valid
    violation = only(report, "missing-file")
    assert violation.table == "notes"
    assert "csv/notes.csv" in violation.message
    assert str(release) not in report.to_json()  # no absolute path in the report


def test_missing_descriptor_is_a_violation(tmp_path: Path) -> None:
    report = validate_release(tmp_path)
    assert not report.valid
    assert only(report, "descriptor").table == ""
    assert not validate_release(tmp_path / "nowhere" / "datapackage.json").valid


def test_broken_descriptor_json_is_a_violation(release: Path) -> None:
    (release / "datapackage.json").write_text("{ not json")
    report = validate_release(release)
    assert [v.rule for v in report.errors if v.rule != "checksums"] == ["descriptor"]


def test_descriptor_frictionless_rejects_is_a_violation(release: Path) -> None:
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["created"] = "yesterday"
    path.write_text(json.dumps(descriptor))
    report = validate_release(release)
    assert not report.valid
    assert any(v.rule == "descriptor" and "created" in v.message for v in report.errors)


def test_path_escaping_the_release_is_a_violation(release: Path) -> None:
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["path"] = "../outside.csv"
    path.write_text(json.dumps(descriptor))
    report = validate_release(release)
    assert any(v.rule == "path" and v.table == "members" for v in report.errors)


def test_resource_name_that_is_no_name_never_points_outside(release: Path) -> None:
    """A descriptor under validation is user input: a resource named like a path must not
    make the validator read a Parquet file outside the release."""
    outside = release.parent / "outside.parquet"
    outside.write_bytes((release / "parquet" / "members.parquet").read_bytes())
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["name"] = "../../outside"
    path.write_text(json.dumps(descriptor))
    report = validate_release(release)
    named = [v for v in report.errors if v.rule == "parquet" and "../../outside" in v.message]
    assert named and "is not a Data Package name" in named[0].message
    assert not any("outside.parquet" in v.message for v in report.errors)


def test_missing_or_short_parquet_is_a_violation(
    release: Path, tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    (release / "parquet" / "notes.parquet").unlink()
    report = validate_release(release)
    assert only(report, "parquet").table == "notes"
    tiny_core_db.execute("INSERT INTO core.milestones VALUES ('UK0073', 2, 'second')")
    other = build(tiny_core_db, tmp_path / "other")
    (release / "parquet" / "notes.parquet").write_bytes(
        (other / "parquet" / "milestones.parquet").read_bytes()
    )
    assert any(v.rule == "parquet" for v in validate_release(release).errors)


def test_parquet_value_that_differs_from_the_csv_is_located(release: Path) -> None:
    path = release / "parquet" / "commitments.parquet"
    table = pq.read_table(path)
    titles = table.column("title").to_pylist()
    titles[0] = f"{titles[0]} (edited)"
    position = table.schema.get_field_index("title")
    edited = table.set_column(position, table.schema.field("title"), pa.array(titles))
    pq.write_table(edited, path)
    restamp(release)
    violation = only(validate_release(release), "parquet")
    assert (violation.table, violation.row_number, violation.field) == ("commitments", 2, "title")
    assert "differs from csv/commitments.csv at row 2" in violation.message


def check_release_data(release: Path) -> tuple[DataResult, set[str]]:
    """The DuckDB engine's data checks on a release (its Parquet folder compared), and the
    release's table names."""
    descriptor = json.loads((release / "datapackage.json").read_text())
    result = check_data(release, descriptor, set(), release / "parquet")
    return result, {r["name"] for r in descriptor["resources"]}


def test_parquet_rows_in_another_order_are_located(release: Path) -> None:
    path = release / "parquet" / "commitments.parquet"
    table = pq.read_table(path)
    pq.write_table(table.take([1, 0]), path)  # the same rows, swapped
    restamp(release)
    violation = only(validate_release(release), "parquet")
    assert (violation.table, violation.row_number) == ("commitments", 2)


def test_the_screen_proves_a_valid_release_without_loading_a_table(release: Path) -> None:
    result, names = check_release_data(release)
    assert result.violations == []
    assert result.screened == names
    assert result.parquet == dict.fromkeys(names)  # every Parquet file matched its CSV
    reference = validate_release(release, engine="frictionless").rows
    assert list(result.rows.items()) == list(reference.items())  # in descriptor order


def test_an_unreadable_parquet_file_leaves_the_others_compared_by_digest(release: Path) -> None:
    (release / "parquet" / "notes.parquet").write_bytes(b"PAR1 not a Parquet file PAR1")
    result, names = check_release_data(release)
    assert result.parquet == dict.fromkeys(names - {"notes"})
    assert only(validate_release(release), "parquet").table == "notes"


def test_the_screen_proves_an_empty_table_clean(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tiny_core_db.execute("DELETE FROM core.notes")
    release = build(tiny_core_db, tmp_path / "release")
    result, _ = check_release_data(release)
    assert "notes" in result.screened and result.rows["notes"] == 0
    assert result.parquet["notes"] is None
    assert validate_release(release).valid


def test_a_faulty_table_is_located_while_the_others_stay_screened(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tiny_core_db.execute("UPDATE core.members SET member_type = 'regional'")
    release = build(tiny_core_db, tmp_path / "release")
    result, names = check_release_data(release)
    assert result.screened == names - {"members"}
    assert [(v.table, v.row_number, v.field, v.rule) for v in result.violations] == [
        ("members", 2, "member_type", "enum")
    ]


def test_edited_readme_fails_sha256sums(release: Path) -> None:
    with (release / "README.md").open("a") as handle:
        handle.write("edited\n")
    violation = only(validate_release(release), "checksums")
    assert violation.value == "README.md"


# --- report output -------------------------------------------------------------------------


def test_report_json_is_deterministic_and_complete(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    tiny_core_db.execute("UPDATE core.members SET member_type = 'regional', name = NULL")
    first = validate_release(build(tiny_core_db, tmp_path / "a")).to_json()
    second = validate_release(build(tiny_core_db, tmp_path / "b")).to_json()
    assert first == second
    payload = json.loads(first)
    assert payload["valid"] is False
    assert payload["error_count"] == 2
    assert {e["rule"] for e in payload["errors"]} == {"enum", "required"}
    assert payload["errors"][0]["key"] == {"member_id": "united-kingdom"}


def test_summary_counts_and_caps_examples(
    tiny_core_db: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    for number in range(2, 15):
        tiny_core_db.execute(f"INSERT INTO core.milestones VALUES ('UK0099', {number}, 't')")
    report = validate_release(build(tiny_core_db, tmp_path / "r"))
    summary = report.summary(max_examples=3)
    assert "INVALID: 13 violation(s)" in summary
    assert "milestones: foreign-key x 13" in summary
    assert summary.count("\n  - milestones") == 3
    assert "milestone_number='2'" in summary


def test_missing_referenced_table_is_reported_without_absolute_paths(release: Path) -> None:
    (release / "csv" / "members.csv").unlink()
    report = validate_release(release)
    assert only(report, "missing-file").table == "members"
    tables = {v.table for v in report.errors}
    assert {"action_plans", "commitments"} <= tables  # their foreign keys cannot be checked
    assert not [v for v in report.errors if v.rule == "parquet"]  # no false row mismatch
    assert str(release) not in report.to_json()


def test_unsupported_hash_algorithm_is_a_violation(release: Path) -> None:
    path = release / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][1]["hash"] = "shake_128:abcd"
    path.write_text(json.dumps(descriptor))
    (release / "SHA256SUMS").unlink()
    violations = [v for v in validate_release(release).errors if v.rule == "hash"]
    assert [v.table for v in violations] == ["action_plans"]


def test_undecodable_sha256sums_is_a_violation(release: Path) -> None:
    (release / "SHA256SUMS").write_bytes(b"\xff\xfe not text\n")
    violation = only(validate_release(release), "checksums")
    assert "not readable" in violation.message
