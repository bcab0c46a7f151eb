"""Parity corpus: the DuckDB engine and frictionless reject the same planted faults, alike.

Each case copies a valid release (tests/fixtures/parity_release.py), plants one fault
by editing the CSV text or the descriptor, and returns where the fault must be
reported: (table, row number, field, rule). For every case both engines must reject
the release, our report must name that row, field and key, and the two engines must
locate exactly the same violations (table, row, field, rule, key). Valid-but-unusual
spellings (` 7`, `2016-7-1`, a URL ending in a line feed, CRLF files) must pass both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.validate import ValidationReport, validate_release
from pipeline.validate.constraints import check_data
from tests.fixtures.parity_release import (
    build_parity_release,
    copy_release,
    copy_row,
    edit_bytes,
    edit_field,
    primary_key_cells,
    read_rows,
    row_of,
    set_cell,
    write_rows,
)

Expected = tuple[str, int | None, str | None, str]
Plant = Callable[[Path], list[Expected]]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_parity_release(tmp_path_factory.mktemp("parity") / "base")


def located(report: ValidationReport, keys: bool = True) -> set[tuple[object, ...]]:
    """Where each row-level violation is (table, row, field, rule, key); tables for the rest.

    A table-level problem is compared by table only: when a referenced table cannot
    be read, frictionless repeats that table's read error on each referencing table
    and checks nothing else there, where we report a `foreign-key` violation naming
    the unreadable table and still check the rest.
    """
    return {
        (v.table, v.row_number, v.field, v.rule, tuple(sorted(v.key.items())) if keys else ())
        if v.row_number is not None
        else (v.table, "table-level")
        for v in report.errors
    }


def both(folder: Path) -> tuple[ValidationReport, ValidationReport]:
    return validate_release(folder), validate_release(folder, engine="frictionless")


# --- planting helpers: each returns a Plant ------------------------------------------------


def cell(
    table: str, key: dict[str, str], field: str, value: str, rule: str, *also: str, at: str = ""
) -> Plant:
    """Set a cell of the row with `key`; expect `rule` (and `also` rules) there.

    The violation is expected on `field` (or `at`, for a composite foreign key).
    """

    def plant(folder: Path) -> list[Expected]:
        row = row_of(folder, table, **key)
        set_cell(folder, table, row, field, value)
        return [(table, row, at or field, r) for r in (rule, *also)]

    return plant


def duplicate(table: str, key: dict[str, str], *also: str, **changes: str) -> Plant:
    """Append a copy of a row (with `changes`) whose primary key repeats an existing one.

    `also` names fields expected to break `unique` on the same row.
    """

    def plant(folder: Path) -> list[Expected]:
        row = copy_row(folder, table, row_of(folder, table, **key), **changes)
        fields = ", ".join(primary_key_cells(folder, table, row))
        return [(table, row, fields, "primary-key"), *((table, row, f, "unique") for f in also)]

    return plant


def renamed(table: str, key: dict[str, str], field: str, value: str) -> Plant:
    """Change a cell that is itself valid (a key others refer to); expect nothing there."""

    def plant(folder: Path) -> list[Expected]:
        set_cell(folder, table, row_of(folder, table, **key), field, value)
        return []

    return plant


def dangling(plant: Plant, table: str, key: dict[str, str], field: str) -> Plant:
    """A plant that also leaves the row `key` of `table` with a dangling foreign key."""

    def both_plants(folder: Path) -> list[Expected]:
        expected = plant(folder)
        return [*expected, (table, row_of(folder, table, **key), field, "foreign-key")]

    return both_plants


def with_field(table: str, field: str, properties: dict[str, object], then: Plant) -> Plant:
    """Change a field's descriptor (a constraint the contract lacks), then plant."""

    def plant(folder: Path) -> list[Expected]:
        edit_field(folder, table, field, **properties)
        return then(folder)

    return plant


def raw(table: str, edit: Callable[[bytes], bytes], *expected: Expected) -> Plant:
    """Edit a CSV's bytes (record shapes, encodings, labels)."""

    def plant(folder: Path) -> list[Expected]:
        edit_bytes(folder, table, edit)
        return list(expected)

    return plant


def composite_fk(then: Callable[[Path], object]) -> Callable[[Path], object]:
    """notes (commitment_id, note_number) -> milestones: a composite foreign key, then plant."""

    def plant(folder: Path) -> object:
        path = folder / "datapackage.json"
        descriptor = json.loads(path.read_text())
        notes = next(r for r in descriptor["resources"] if r["name"] == "notes")
        reference = {"resource": "milestones", "fields": ["commitment_id", "milestone_number"]}
        notes["schema"]["foreignKeys"].append(
            {"fields": ["commitment_id", "note_number"], "reference": reference}
        )
        path.write_text(json.dumps(descriptor, indent=2))
        return then(folder)

    return plant


def move_to_end(folder: Path, table: str) -> None:
    """Put a resource last in the descriptor (frictionless does not mind the order)."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text())
    resources = descriptor["resources"]
    resources.append(resources.pop(next(i for i, r in enumerate(resources) if r["name"] == table)))
    path.write_text(json.dumps(descriptor, indent=2))


UK73 = {"commitment_id": "UK0073"}
UK75 = {"commitment_id": "UK0075"}
BA1 = {"commitment_id": "BA0001"}
MEMBER_BA = {"member_id": "buenos-aires"}
PLAN_BA = {"action_plan_id": "buenos-aires-2018"}
PLAN_UK19 = {"action_plan_id": "united-kingdom-2019"}
EXPORT = {"source_id": "fedcba9876543210"}
OLD_AREA = {"policy_area_id": "anticorruption"}
HOME_OFFICE = {"institution_id": "united-kingdom/home-office"}
WARNING = {"location": "row 9"}
NOTE_FK = "commitment_id, note_number"
MILESTONE_KEY = "commitment_id, milestone_number"

PLANTED: dict[str, Plant] = {
    # members: pattern, required, enum, primary key (a required key left empty is also a
    # null primary key, and dangles every foreign key pointing at it)
    "members-pattern-member_id": dangling(
        cell("members", MEMBER_BA, "member_id", "Buenos Aires", "pattern"),
        "action_plans",
        PLAN_BA,
        "member_id",
    ),
    "members-required-name": cell("members", MEMBER_BA, "name", "", "required"),
    "members-enum-member_type": cell("members", MEMBER_BA, "member_type", "regional", "enum"),
    "members-pattern-country_code": cell("members", MEMBER_BA, "country_code", "AR", "pattern"),
    "members-pattern-ogp_code": cell("members", MEMBER_BA, "ogp_code", "BUENOSAIRES", "pattern"),
    "members-primary-key": duplicate("members", MEMBER_BA, name="Ciudad de Buenos Aires"),
    "members-required-key": cell("members", MEMBER_BA, "member_id", "", "required", "primary-key"),
    # action_plans: integer types, bounds, patterns, foreign key
    "action_plans-type-start_year": cell("action_plans", PLAN_BA, "start_year", "2018a", "type"),
    "action_plans-type-decimal": cell("action_plans", PLAN_BA, "end_year", "2020.0", "type"),
    "action_plans-required-start_year": cell("action_plans", PLAN_BA, "start_year", "", "required"),
    "action_plans-minimum-start_year": cell(
        "action_plans", PLAN_BA, "start_year", "2009", "minimum"
    ),
    "action_plans-maximum-end_year": cell("action_plans", PLAN_UK19, "end_year", "2101", "maximum"),
    "action_plans-minimum-plan_number": cell(
        "action_plans", PLAN_BA, "plan_number", "0", "minimum"
    ),
    "action_plans-pattern-ogp_id": cell(
        "action_plans", PLAN_BA, "ogp_action_plan_id", "AP_BUEAIR1", "pattern"
    ),
    "action_plans-foreign-key": cell(
        "action_plans", PLAN_BA, "member_id", "cordoba", "foreign-key"
    ),
    "action_plans-pattern-and-foreign-key": cell(
        "action_plans", PLAN_UK19, "member_id", "United-Kingdom", "pattern", "foreign-key"
    ),
    # commitments: enum, boolean, dates, pattern, bounds, foreign keys, primary key
    "commitments-enum-status": cell("commitments", UK75, "status", "open", "enum"),
    "commitments-boolean-yes": cell("commitments", BA1, "starred", "yes", "type"),
    "commitments-boolean-padded": cell("commitments", BA1, "starred", "true ", "type"),
    "commitments-date-impossible": cell("commitments", UK75, "start_date", "2019-02-30", "type"),
    "commitments-date-slashes": cell("commitments", BA1, "end_date", "2020/06/30", "type"),
    "commitments-date-year-zero": cell("commitments", BA1, "end_date", "0000-06-30", "type"),
    "commitments-date-with-time": cell(
        "commitments", UK75, "start_date", "2019-01-01T00:00:00", "type"
    ),
    "commitments-enum-precision": cell("commitments", UK75, "start_date_precision", "week", "enum"),
    "commitments-pattern-url": cell("commitments", BA1, "url", "https://example.org/", "pattern"),
    "commitments-required-url": cell("commitments", UK75, "url", "", "required"),
    "commitments-minimum-source_count": cell("commitments", BA1, "source_count", "0", "minimum"),
    "commitments-type-source_count": cell("commitments", BA1, "source_count", "two", "type"),
    "commitments-foreign-key-plan": cell(
        "commitments", UK75, "action_plan_id", "united-kingdom-2021", "foreign-key"
    ),
    "commitments-foreign-key-member": cell(
        "commitments", BA1, "member_id", "rosario", "foreign-key"
    ),
    "commitments-primary-key": duplicate("commitments", UK75, title="Again"),
    # institutions
    "institutions-pattern": dangling(
        cell(
            "institutions",
            {"institution_id": "buenos-aires/city-council"},
            "institution_id",
            "City_Council",
            "pattern",
        ),
        "commitment_institutions",
        BA1,
        "institution_id",
    ),
    "institutions-required-name": cell("institutions", HOME_OFFICE, "name", "", "required"),
    # commitment_institutions: composite key, enum, bounds, types, foreign keys
    "commitment_institutions-primary-key": duplicate("commitment_institutions", UK75, position="2"),
    "commitment_institutions-enum-role": cell(
        "commitment_institutions", BA1, "role", "chair", "enum"
    ),
    "commitment_institutions-minimum": cell(
        "commitment_institutions", UK75, "position", "0", "minimum"
    ),
    "commitment_institutions-type": cell(
        "commitment_institutions", UK75, "position", "1.0", "type"
    ),
    "commitment_institutions-foreign-key-institution": cell(
        "commitment_institutions", BA1, "institution_id", "mayor", "foreign-key"
    ),
    "commitment_institutions-foreign-key-commitment": cell(
        "commitment_institutions", BA1, "commitment_id", "BA0002", "foreign-key"
    ),
    # policy_areas: self-reference, boolean, required, pattern
    "policy_areas-self-reference": cell(
        "policy_areas", OLD_AREA, "current_policy_area_id", "anti-corruptio", "foreign-key"
    ),
    "policy_areas-self-reference-pattern": cell(
        "policy_areas",
        OLD_AREA,
        "current_policy_area_id",
        "Anti Corruption",
        "pattern",
        "foreign-key",
    ),
    "policy_areas-self-reference-target-renamed": dangling(
        renamed(
            "policy_areas", {"policy_area_id": "anti-corruption"}, "policy_area_id", "anti-graft"
        ),
        "policy_areas",
        OLD_AREA,
        "current_policy_area_id",
    ),
    "policy_areas-boolean-no": cell("policy_areas", OLD_AREA, "in_vocabulary", "no", "type"),
    "policy_areas-required-boolean": cell(
        "policy_areas", OLD_AREA, "in_vocabulary", "", "required"
    ),
    # commitment_policy_areas
    "commitment_policy_areas-primary-key": duplicate(
        "commitment_policy_areas", UK75, is_primary="false"
    ),
    "commitment_policy_areas-boolean-Yes": cell(
        "commitment_policy_areas", BA1, "is_primary", "Yes", "type"
    ),
    "commitment_policy_areas-foreign-key": cell(
        "commitment_policy_areas", BA1, "policy_area_id", "open-budgets", "foreign-key"
    ),
    # irm_assessments: enums, booleans, year bounds
    "irm_assessments-enum": cell("irm_assessments", UK75, "specificity", "very high", "enum"),
    "irm_assessments-enum-null-reason": cell(
        "irm_assessments", UK73, "early_results_null_reason", "n/a", "enum"
    ),
    "irm_assessments-boolean-no": cell("irm_assessments", UK75, "verifiable", "no", "type"),
    "irm_assessments-minimum": cell(
        "irm_assessments", UK75, "report_year_midterm", "2009", "minimum"
    ),
    "irm_assessments-maximum": cell(
        "irm_assessments", UK73, "report_year_end_of_term", "2101", "maximum"
    ),
    "irm_assessments-type": cell("irm_assessments", UK73, "report_year_midterm", "2017.5", "type"),
    "irm_assessments-foreign-key": cell(
        "irm_assessments", UK75, "commitment_id", "UK0076", "foreign-key"
    ),
    # milestones: composite key (by value: +1 is 1), integer type, bounds, required
    "milestones-primary-key": duplicate("milestones", UK75, text="Consult again."),
    "milestones-primary-key-by-value": duplicate(
        "milestones", UK75, milestone_number="+1", text="x"
    ),
    "milestones-type": cell("milestones", UK73, "milestone_number", "one", "type"),
    "milestones-minimum": cell("milestones", UK73, "milestone_number", "0", "minimum"),
    "milestones-required-text": cell("milestones", UK75, "text", "", "required"),
    "milestones-foreign-key": cell("milestones", UK75, "commitment_id", "UK0099", "foreign-key"),
    # notes: a pattern with \\S (Unicode in Python, ASCII in RE2), bounds
    "notes-pattern-scheme": cell("notes", UK75, "url", "ftp://gov.uk/", "pattern"),
    "notes-pattern-space": cell("notes", UK75, "url", "https://gov.uk/home office", "pattern"),
    "notes-pattern-no-break-space": cell("notes", UK75, "url", "https://gov.uk/\u00a0", "pattern"),
    "notes-pattern-inner-newline": cell("notes", UK75, "url", "https://gov.uk/\nx", "pattern"),
    "notes-minimum": cell("notes", UK75, "note_number", "-1", "minimum"),
    # sources: patterns, enums, integers, datetime, booleans
    "sources-pattern-sha256": cell("sources", EXPORT, "sha256", "F" * 64, "pattern"),
    "sources-enum-kind": cell("sources", EXPORT, "kind", "rss", "enum"),
    "sources-enum-language": cell("sources", EXPORT, "language", "de", "enum"),
    "sources-minimum-bytes": cell("sources", EXPORT, "bytes", "-1", "minimum"),
    "sources-type-bytes-spaced": cell("sources", EXPORT, "bytes", "20 480", "type"),
    "sources-datetime-month": cell(
        "sources", EXPORT, "retrieved_at", "2026-13-01T10:30:00Z", "type"
    ),
    "sources-datetime-no-seconds": cell(
        "sources", EXPORT, "retrieved_at", "2026-11-01T10:30Z", "type"
    ),
    "sources-boolean": cell("sources", EXPORT, "truncated", "f", "type"),
    "sources-required-records": cell("sources", EXPORT, "records", "", "required"),
    # conflicts and rejects: composite keys, required, foreign keys to sources
    "conflicts-primary-key": duplicate("conflicts", UK75, value="active?"),
    "conflicts-required-value": cell("conflicts", UK75, "value", "", "required"),
    "conflicts-foreign-key": cell(
        "conflicts", UK75, "chosen_source_id", "0000000000000000", "foreign-key"
    ),
    "rejects-enum-severity": cell("rejects", WARNING, "severity", "fatal", "enum"),
    "rejects-primary-key": duplicate("rejects", WARNING, reason="again"),
    "rejects-foreign-key": cell("rejects", WARNING, "source_id", "ffffffffffffffff", "foreign-key"),
    # constraints, types and options the contract does not use, added to the descriptor
    "descriptor-maxLength": with_field(
        "members",
        "name",
        {"constraints": {"maxLength": 12}},
        cell("members", MEMBER_BA, "name", "Buenos Aires City", "maxLength"),
    ),
    "descriptor-minLength": with_field(
        "institutions",
        "name",
        {"constraints": {"minLength": 3}},
        cell("institutions", HOME_OFFICE, "name", "HO", "minLength"),
    ),
    "descriptor-unique": with_field(
        "commitments",
        "title",
        {"constraints": {"unique": True}},
        cell("commitments", UK75, "title", "Open contracting", "unique"),
    ),
    "descriptor-unique-key-reported-twice": with_field(
        "members",
        "member_id",
        {"constraints": {"unique": True}},
        duplicate("members", MEMBER_BA, "member_id", name="again"),
    ),
    "descriptor-exclusiveMaximum": with_field(
        "milestones",
        "milestone_number",
        {"constraints": {"exclusiveMaximum": 2}},
        cell(
            "milestones",
            {**UK73, "milestone_number": "2"},
            "text",
            "x",
            "exclusiveMaximum",
            at="milestone_number",
        ),
    ),
    "descriptor-integer-enum": with_field(
        "action_plans",
        "plan_number",
        {"constraints": {"enum": [1, 2, 3, "4"]}},
        cell("action_plans", PLAN_BA, "plan_number", "5", "enum"),
    ),
    "descriptor-date-minimum": with_field(
        "commitments",
        "start_date",
        {"constraints": {"minimum": "2016-07-01"}},
        cell("commitments", UK75, "start_date", "2016-06-30", "minimum"),
    ),
    "descriptor-field-missing-values": with_field(
        "notes", "url", {"missingValues": ["-"]}, cell("notes", UK75, "url", "", "pattern")
    ),
    "descriptor-field-missing-values-required": with_field(
        "milestones",
        "text",
        {"missingValues": ["", "n/a"]},
        cell("milestones", UK75, "text", "n/a", "required"),
    ),
    "descriptor-year-type": with_field(
        "action_plans",
        "end_year",
        {"type": "year"},
        cell("action_plans", PLAN_BA, "end_year", "20", "type"),
    ),
    "descriptor-number-type": with_field(
        "sources", "bytes", {"type": "number"}, cell("sources", EXPORT, "bytes", "1e", "type")
    ),
    "descriptor-number-nan-breaks-minimum": with_field(
        "sources", "bytes", {"type": "number"}, cell("sources", EXPORT, "bytes", "NaN", "minimum")
    ),
    "descriptor-true-values": with_field(
        "commitments",
        "starred",
        {"trueValues": ["yes"], "falseValues": ["no"]},
        cell("commitments", BA1, "starred", "true", "type"),
    ),
    "descriptor-string-format-email": with_field(
        "institutions",
        "name",
        {"format": "email"},
        cell("institutions", HOME_OFFICE, "name", "home office", "type"),
    ),
    "descriptor-pattern-with-lookahead": with_field(
        "institutions",
        "name",
        {"constraints": {"pattern": "(?!Home-)[A-Za-z -]+"}},
        cell("institutions", HOME_OFFICE, "name", "Home-Office", "pattern"),
    ),
    "composite-foreign-key-dangling": composite_fk(
        cell("notes", UK75, "note_number", "3", "foreign-key", at=NOTE_FK)
    ),
    "composite-foreign-key-partly-missing": composite_fk(
        lambda f: [
            *cell("notes", UK75, "note_number", "", "required")(f),
            ("notes", row_of(f, "notes", **UK75), NOTE_FK, "foreign-key"),
        ]
    ),
    # record shapes, labels and encodings: frictionless' row- and table-level errors
    "blank-line": raw(
        "milestones",
        lambda b: b.replace(b"\nUK0075,1,", b"\n\nUK0075,1,"),
        ("milestones", 4, None, "blank-row"),
        ("milestones", 4, MILESTONE_KEY, "primary-key"),
    ),
    "row-of-empty-cells": raw(
        "institutions",
        lambda b: b + b",,,,,\n",
        ("institutions", 6, None, "blank-row"),
        ("institutions", 6, "institution_id", "primary-key"),
    ),
    "short-row": raw(
        "milestones",
        lambda b: b + b"UK0075,3\n",
        ("milestones", 6, "text", "required"),
        ("milestones", 6, "text", "missing-cell"),
    ),
    "long-row": raw(
        "institutions",
        lambda b: b + b"x/police,,Police,,executive,,extra\n",
        ("institutions", 6, None, "extra-cell"),
    ),
    "stray-quote": raw(
        "institutions",
        lambda b: b + b'x/police,,"Police" HQ,,executive,,x\n',
        ("institutions", 6, None, "extra-cell"),
    ),
    "renamed-label": raw(
        "members",
        lambda b: b.replace(b"member_type", b"type", 1),
        ("members", None, "member_type", "incorrect-label"),
    ),
    "duplicate-label": raw(
        "institutions",
        lambda b: b.replace(b"institution_id,member_id", b"member_id,member_id", 1),
        ("institutions", None, "member_id", "duplicate-label"),
    ),
    "extra-label": raw(
        "institutions",
        lambda b: b.replace(b"other_names\n", b"other_names,note\n", 1),
        ("institutions", None, None, "extra-label"),
        ("institutions", 2, "note", "missing-cell"),
    ),
    "missing-label": raw(
        "institutions",
        lambda b: b.replace(b",other_names\n", b"\n", 1),
        ("institutions", None, "other_names", "missing-label"),
        ("institutions", 2, None, "extra-cell"),
    ),
    # a first record that is empty is no header (nothing reported, the header line is then
    # data row 2); one of blank cells is a header of blank labels
    "empty-first-line": raw(
        "milestones",
        lambda b: b"\n" + b,
        ("milestones", 2, "commitment_id", "pattern"),
        ("milestones", 2, "milestone_number", "type"),
        ("milestones", 2, "commitment_id", "foreign-key"),
    ),
    "empty-first-line-crlf": raw(
        "institutions", lambda b: b"\r\n" + b, ("institutions", 2, "institution_id", "pattern")
    ),
    "two-empty-first-lines": raw(
        "milestones",
        lambda b: b"\n\n" + b,
        ("milestones", 2, None, "blank-row"),
        ("milestones", 2, MILESTONE_KEY, "primary-key"),
        ("milestones", 3, "milestone_number", "type"),
    ),
    "first-line-of-delimiters": raw(
        "milestones",
        lambda b: b",,\n" + b,
        ("milestones", None, "commitment_id", "blank-label"),
        ("milestones", None, "text", "blank-label"),
        ("milestones", 2, "milestone_number", "type"),
    ),
    "first-line-of-too-few-delimiters": raw(
        "milestones",
        lambda b: b",\n" + b,
        ("milestones", None, "commitment_id", "blank-label"),
        ("milestones", None, "text", "missing-label"),
        ("milestones", 3, None, "extra-cell"),
    ),
    "first-line-of-spaces": raw(
        "milestones",
        lambda b: b" \t \n" + b,
        ("milestones", None, "commitment_id", "blank-label"),
        ("milestones", None, "milestone_number", "missing-label"),
        ("milestones", 2, "commitment_id", "pattern"),
        ("milestones", 4, None, "extra-cell"),
    ),
    # labels are compared stripped: padding is no fault, an inner space or a repeat is
    "padded-label-and-a-fault": raw(
        "members",
        lambda b: b.replace(b"member_type", b" member_type\t", 1).replace(b",local,", b",city,"),
        ("members", 2, "member_type", "enum"),
    ),
    "quoted-label-inner-space": raw(
        "members",
        lambda b: b.replace(b"member_type", b'" member type "', 1),
        ("members", None, "member_type", "incorrect-label"),
    ),
    "padded-duplicate-label": raw(
        "institutions",
        lambda b: b.replace(b"institution_id,member_id", b"member_id,member_id ", 1),
        ("institutions", None, "institution_id", "incorrect-label"),
        ("institutions", None, "member_id", "duplicate-label"),
    ),
    "padded-extra-label": raw(
        "institutions",
        lambda b: b.replace(b"other_names\n", b'other_names," note"\n', 1),
        ("institutions", None, None, "extra-label"),
        ("institutions", 2, "note", "missing-cell"),
    ),
    "not-utf8": raw(
        "members",
        lambda b: b.replace(b"Buenos", b"Bu\xe9nos"),
        ("members", None, None, "encoding-error"),
    ),
    "empty-file": raw("notes", lambda b: b"", ("notes", None, None, "source-error")),
}


#: Cases whose header names no primary-key field. The frictionless engine's report reads a
#: row's key through the labels (validate._translate), so it gives none; ours gives the
#: key fields' cells. Their violations are compared without keys.
UNKEYED = {
    "empty-first-line",
    "empty-first-line-crlf",
    "two-empty-first-lines",
    "first-line-of-delimiters",
    "first-line-of-too-few-delimiters",
    "first-line-of-spaces",
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_planted_violation_is_rejected_by_both_engines_alike(
    case: str, base: Path, tmp_path: Path
) -> None:
    folder = copy_release(base, tmp_path / "release")
    expected = PLANTED[case](folder)
    ours, reference = both(folder)
    assert not ours.valid and not reference.valid, (ours.summary(), reference.summary())
    for table, row, field, rule in expected:
        match = [
            v
            for v in ours.errors
            if (v.table, v.row_number, v.field, v.rule) == (table, row, field, rule)
        ]
        assert match, f"{(table, row, field, rule)} not in\n{ours.summary(max_examples=50)}"
        if row is not None and rule not in ("blank-row",) and case not in UNKEYED:
            assert match[0].key == primary_key_cells(folder, table, row)
    keys = case not in UNKEYED
    assert located(ours, keys) == located(reference, keys), (
        ours.summary(max_examples=50),
        reference.summary(max_examples=50),
    )
    screened = screened_tables(folder)
    assert not screened & {v.table for v in ours.errors}, "the screen passed a faulty table"


def screened_tables(folder: Path) -> set[str]:
    """The tables the DuckDB engine's screen proved clean (never loaded to be located)."""
    descriptor = json.loads((folder / "datapackage.json").read_text())
    return check_data(folder, descriptor, set()).screened


# --- valid releases, including spellings only a faithful parser accepts ------------------


VALID: dict[str, Callable[[Path], object]] = {
    "as-built": lambda f: None,
    "integer-with-spaces-sign-and-arabic-digits": lambda f: (
        set_cell(
            f,
            "milestones",
            row_of(f, "milestones", **UK73, milestone_number="2"),
            "milestone_number",
            " +3 ",
        ),
        set_cell(
            f,
            "commitment_institutions",
            row_of(f, "commitment_institutions", **BA1),
            "position",
            "\u0661",
        ),
    ),
    "integer-with-underscore-and-zeros": lambda f: set_cell(
        f, "sources", row_of(f, "sources", **EXPORT), "bytes", "20_480"
    ),
    "date-single-digit-month": lambda f: set_cell(
        f, "commitments", row_of(f, "commitments", **UK75), "start_date", "2019-1-1"
    ),
    "datetime-with-offset": lambda f: set_cell(
        f,
        "sources",
        row_of(f, "sources", **EXPORT),
        "retrieved_at",
        "2026-11-01T11:30:00+01:00",
    ),
    "booleans-every-default-spelling": lambda f: (
        set_cell(f, "commitments", row_of(f, "commitments", **UK75), "starred", "FALSE"),
        set_cell(f, "commitments", row_of(f, "commitments", **BA1), "starred", "1"),
        set_cell(
            f, "policy_areas", row_of(f, "policy_areas", **OLD_AREA), "in_vocabulary", "False"
        ),
    ),
    "pattern-before-final-line-feed": lambda f: set_cell(
        f, "notes", row_of(f, "notes", **UK75), "url", "https://www.gov.uk/home-office\n"
    ),
    "nullable-foreign-key-left-empty": lambda f: set_cell(
        f, "commitments", row_of(f, "commitments", **UK75), "action_plan_id", ""
    ),
    "crlf-line-ends": lambda f: edit_bytes(f, "milestones", lambda b: b.replace(b"\n", b"\r\n")),
    "byte-order-mark": lambda f: edit_bytes(f, "members", lambda b: b"\xef\xbb\xbf" + b),
    "no-final-line-feed": lambda f: edit_bytes(f, "institutions", lambda b: b.rstrip(b"\n")),
    "quoted-everything": lambda f: edit_bytes(
        f,
        "institutions",
        lambda b: (
            b"\n".join(
                b",".join(b'"' + c + b'"' for c in line.split(b","))
                for line in b.split(b"\n")
                if line
            )
            + b"\n"
        ),
    ),
    "labels-padded-or-quoted": lambda f: edit_bytes(
        f,
        "members",
        lambda b: b.replace(b"member_id,name,", b'member_id ,"\tname\xc2\xa0",', 1).replace(
            b"region\n", b'"region\n"\n', 1
        ),
    ),
    "label-padded-after-delimiter": lambda f: edit_bytes(
        f, "institutions", lambda b: b.replace(b"id,name\n", b"id, name\n", 1)
    ),
    "composite-foreign-key-by-value": composite_fk(
        lambda f: [set_cell(f, "notes", row_of(f, "notes", **UK75), "note_number", "01")]
    ),
    "composite-foreign-key-to-a-later-table-by-value": composite_fk(
        lambda f: (
            move_to_end(f, "milestones"),
            set_cell(
                f,
                "milestones",
                row_of(f, "milestones", **UK75, milestone_number="1"),
                "milestone_number",
                " 1",
            ),
        )
    ),
    "true-values-declared": with_field(
        "commitments",
        "starred",
        {"trueValues": ["yes"], "falseValues": ["no"]},
        lambda f: [
            set_cell(f, "commitments", n, "starred", "yes" if n % 2 else "no")
            for n in range(2, len(read_rows(f, "commitments")) + 1)
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(VALID))
def test_valid_release_passes_both_engines(case: str, base: Path, tmp_path: Path) -> None:
    folder = copy_release(base, tmp_path / "release")
    VALID[case](folder)
    ours, reference = both(folder)
    assert reference.valid, reference.summary()
    assert ours.valid, ours.summary()
    assert ours.rows == reference.rows


# --- the grouped report ----------------------------------------------------------------------


def test_grouped_report_counts_many_violations_per_rule(base: Path, tmp_path: Path) -> None:
    folder = copy_release(base, tmp_path / "release")
    rows = read_rows(folder, "commitments")
    status = rows[0].index("status")
    for row in rows[1:]:
        row[status] = "closed"
    write_rows(folder, "commitments", rows)
    for number in range(3, 10):
        copy_row(folder, "milestones", 2, milestone_number=str(number), commitment_id="UK0099")
    set_cell(folder, "members", 2, "member_type", "regional")
    ours, reference = both(folder)
    groups = {(g.table, g.rule, g.field): g.count for g in ours.groups()}
    assert groups == {
        ("members", "enum", "member_type"): 1,
        ("commitments", "enum", "status"): 4,
        ("milestones", "foreign-key", "commitment_id"): 7,
    }
    assert groups == {(g.table, g.rule, g.field): g.count for g in reference.groups()}
    milestones = next(g for g in ours.groups(examples=3) if g.table == "milestones")
    assert [v.row_number for v in milestones.examples] == [6, 7, 8]
    summary = ours.summary(max_examples=2)
    assert "commitments: enum x 4 (status) at rows 2, 3, 4, 5" in summary
    assert "milestones: foreign-key x 7 (commitment_id) at rows 6, 7, 8, 9, 10, ..." in summary
    payload = json.loads(ours.to_json())
    assert [(g["table"], g["rule"], g["count"]) for g in payload["groups"]] == [
        ("members", "enum", 1),
        ("commitments", "enum", 4),
        ("milestones", "foreign-key", 7),
    ]
    assert payload["groups"][2]["examples"][0] == {
        "row_number": 6,
        "key": {"commitment_id": "UK0099", "milestone_number": "3"},
        "value": "UK0099",
    }
    assert ours.to_json() == validate_release(folder).to_json()
