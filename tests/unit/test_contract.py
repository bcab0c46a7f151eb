"""The contract registry: the contract is complete, and every derivation follows it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from pipeline import contract

CONTRACT = json.loads((Path(__file__).resolve().parents[2] / "datapackage.json").read_text())
RESOURCES = {r["name"]: r for r in CONTRACT["resources"]}
ALL_FIELDS = [(r["name"], f) for r in CONTRACT["resources"] for f in r["schema"]["fields"]]
DUCKDB_INFO_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP WITH TIME ZONE",
}
EXPECTED_TABLES = [
    "members",
    "action_plans",
    "commitments",
    "institutions",
    "commitment_institutions",
    "policy_areas",
    "commitment_policy_areas",
    "irm_assessments",
    "milestones",
    "notes",
    "sources",
    "conflicts",
    "rejects",
]


def _field_id(item: tuple[str, dict]) -> str:
    return f"{item[0]}.{item[1]['name']}"


# --- the contract itself -------------------------------------------------------------


def test_table_names_are_the_contract_tables_in_order() -> None:
    assert contract.table_names() == EXPECTED_TABLES


def test_every_table_has_title_description_and_csv_path() -> None:
    for name, resource in RESOURCES.items():
        assert resource.get("title"), name
        assert resource.get("description"), name
        assert resource["path"] == f"csv/{name}.csv"


@pytest.mark.parametrize(("table", "field"), ALL_FIELDS, ids=map(_field_id, ALL_FIELDS))
def test_every_field_has_a_description_and_a_supported_type(table: str, field: dict) -> None:
    assert len(field.get("description", "").strip()) > 5, f"{table}.{field['name']}"
    assert field["type"] in contract.DUCKDB_TYPES


def test_field_names_are_unique_snake_case_per_table() -> None:
    for name, resource in RESOURCES.items():
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert len(names) == len(set(names)), name
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names), name


def test_enum_fields_have_categories_for_exactly_their_codes() -> None:
    enum_fields = [(t, f) for t, f in ALL_FIELDS if contract.enum_values(f)]
    assert len(enum_fields) > 30  # every IRM rating and null-reason column, roles, kinds, ...
    for table, field in enum_fields:
        codes = field["constraints"]["enum"]
        categories = field.get("categories", [])
        assert [c["value"] for c in categories] == codes, f"{table}.{field['name']}"
        assert all(c.get("label") for c in categories), f"{table}.{field['name']}"
        assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", c) for c in codes), codes


def test_only_enum_fields_have_categories() -> None:
    for table, field in ALL_FIELDS:
        if "categories" in field:
            assert contract.enum_values(field), f"{table}.{field['name']}"


def test_primary_key_fields_exist_and_are_required() -> None:
    for name, resource in RESOURCES.items():
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        key = contract.primary_key(name)
        assert key, f"{name} has no primary key"
        for column in key:
            assert column in fields, f"{name}.{column}"
            assert contract.is_required(fields[column]), f"{name}.{column} is in the PK"


def test_foreign_keys_point_at_existing_keys_of_the_same_type() -> None:
    checked = 0
    for name, resource in RESOURCES.items():
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        for fk in contract.foreign_keys(name):
            target = fk["reference"]["resource"]
            assert target in RESOURCES, f"{name} → {target}"
            target_fields = {f["name"]: f for f in RESOURCES[target]["schema"]["fields"]}
            assert fk["reference"]["fields"] == contract.primary_key(target)
            for source, referenced in zip(fk["fields"], fk["reference"]["fields"], strict=True):
                assert source in fields, f"{name}.{source}"
                assert fields[source]["type"] == target_fields[referenced]["type"]
            checked += 1
    assert checked == 16


# --- lookups -------------------------------------------------------------------------


def test_lookups_return_lists_and_copies() -> None:
    assert contract.primary_key("milestones") == ["commitment_id", "milestone_number"]
    assert contract.foreign_keys("rejects") == [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
    ]
    contract.table_schema("members")["fields"].clear()
    contract.load_contract()["resources"].clear()
    assert len(contract.table_schema("members")["fields"]) == 6
    assert len(contract.load_contract()["resources"]) == 13


def test_unknown_table_is_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match="commitment"):
        contract.table_schema("commitment")


def test_contract_path_can_be_overridden(tmp_path: Path) -> None:
    other = {
        "name": "other",
        "resources": [
            {
                "name": "things",
                "path": "csv/things.csv",
                "schema": {
                    "fields": [
                        {"name": "thing_id", "type": "integer", "constraints": {"required": True}},
                        {"name": "label", "type": "string"},
                    ],
                    "primaryKey": "thing_id",
                },
            }
        ],
    }
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(other))
    assert contract.load_contract(path)["name"] == "other"
    assert contract.table_names(path) == ["things"]
    assert contract.primary_key("things", path) == ["thing_id"]
    assert "BIGINT" in contract.duckdb_ddl("things", path=path)
    assert contract.table_names() == EXPECTED_TABLES


# --- DuckDB DDL -------------------------------------------------------------------------


def _column_types(con: duckdb.DuckDBPyConnection, table: str, db_schema: str) -> list[tuple]:
    return con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [db_schema, table],
    ).fetchall()


@pytest.mark.parametrize("table", EXPECTED_TABLES)
def test_duckdb_ddl_creates_contract_columns_and_types(table: str) -> None:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging")
    con.execute(contract.duckdb_ddl(table, "staging"))
    expected = [(f["name"], DUCKDB_INFO_TYPES[f["type"]]) for f in contract.fields(table)]
    assert _column_types(con, table, "staging") == expected


def test_duckdb_ddl_has_no_constraints_so_violations_reach_validation() -> None:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core")
    ddl = contract.duckdb_ddl("milestones")
    assert ddl.startswith('CREATE OR REPLACE TABLE "core"."milestones"')
    con.execute(ddl)
    con.execute("INSERT INTO core.milestones VALUES (NULL, NULL, NULL), ('UK0073', 1, 'a')")
    con.execute("INSERT INTO core.milestones VALUES ('UK0073', 1, 'a')")  # duplicate key
    assert con.execute("SELECT count(*) FROM core.milestones").fetchone() == (3,)
    con.execute(ddl)  # OR REPLACE: rebuilding a table is allowed
    assert con.execute("SELECT count(*) FROM core.milestones").fetchone() == (0,)


# --- Arrow schema ---------------------------------------------------------------------


@pytest.mark.parametrize(("table", "field"), ALL_FIELDS, ids=map(_field_id, ALL_FIELDS))
def test_arrow_field_follows_the_contract(table: str, field: dict) -> None:
    arrow = contract.arrow_schema(table).field(field["name"])
    expected = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("s", tz="UTC"),
    }[field["type"]]
    if contract.enum_values(field):
        expected = pa.dictionary(pa.int32(), pa.string())
    assert arrow.type == expected
    assert arrow.nullable is not contract.is_required(field)
    assert arrow.metadata == {b"description": field["description"].encode()}


def test_arrow_schema_keeps_contract_column_order() -> None:
    for table in EXPECTED_TABLES:
        assert contract.arrow_schema(table).names == [f["name"] for f in contract.fields(table)]


# --- the publishing SELECT ----------------------------------------------------------------


def test_select_for_publish_columns_values_and_order(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    tiny_core_db.execute("SET TimeZone = 'America/New_York'")  # output must not depend on it
    relation = tiny_core_db.sql(contract.select_for_publish("sources"))
    assert relation.columns == [f["name"] for f in contract.fields("sources")]
    rows = relation.fetchall()
    assert [r[0] for r in rows] == ["0123456789abcdef", "fedcba9876543210"]
    retrieved_at = relation.columns.index("retrieved_at")
    assert rows[0][retrieved_at] == "2026-11-01T10:30:00Z"
    assert rows[1][retrieved_at] is None


def test_select_for_publish_turns_empty_strings_into_null(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    rows = tiny_core_db.sql(contract.select_for_publish("commitments")).fetchall()
    by_id = {r[0]: r for r in rows}
    description = contract.arrow_schema("commitments").get_field_index("description")
    assert by_id["UK0074"][description] is None  # stored as '' in the fixture
    assert by_id["UK0073"][description].startswith("Publish")


def test_select_for_publish_orders_by_the_whole_primary_key(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    tiny_core_db.execute(
        "INSERT INTO core.milestones VALUES ('UK0074', 2, 'b'), ('UK0074', 1, 'a'), "
        "('UK0073', 10, 'c'), ('UK0073', 2, 'd')"
    )
    sql = contract.select_for_publish("milestones")
    assert sql.rstrip().endswith(
        'ORDER BY "commitment_id" ASC NULLS LAST, "milestone_number" ASC NULLS LAST'
    )
    keys = [(r[0], r[1]) for r in tiny_core_db.sql(sql).fetchall()]
    assert keys == [("UK0073", 1), ("UK0073", 2), ("UK0073", 10), ("UK0074", 1), ("UK0074", 2)]


def test_select_for_publish_keeps_native_types_for_arrow(
    tiny_core_db: duckdb.DuckDBPyConnection,
) -> None:
    table = tiny_core_db.sql(contract.select_for_publish("commitments")).to_arrow_table()
    assert table.schema.field("start_date").type == pa.date32()
    assert table.schema.field("starred").type == pa.bool_()
    assert table.schema.field("source_count").type == pa.int64()
    assert table.column("start_date")[0].as_py() == dt.date(2016, 7, 1)
