"""Parity on the samples release: both engines accept it and locate planted faults alike.

The unit corpus (tests/unit/validate/test_constraint_parity.py) plants one fault per case in a
tiny release; this plants a mix into the samples release (real text, real row
counts) and compares everything the two engines report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.validate import validate_release
from tests.fixtures.parity_release import copy_row, read_rows, row_of, set_cell
from tests.integration.graph import Built

MILESTONE_KEY = "commitment_id, milestone_number"


def schema_copy(built: Built, folder: Path) -> Path:
    """The descriptor and CSVs of the samples release (no Parquet, no SHA256SUMS)."""
    folder.mkdir()
    shutil.copy(built.release / "datapackage.json", folder / "datapackage.json")
    shutil.copytree(built.release / "csv", folder / "csv")
    return folder


def located(report) -> set[tuple[object, ...]]:
    return {
        (v.table, v.row_number, v.field, v.rule, tuple(sorted(v.key.items())))
        for v in report.errors
    }


def test_samples_release_passes_both_engines(sample_release: Built, tmp_path: Path) -> None:
    folder = schema_copy(sample_release, tmp_path / "release")
    ours = validate_release(folder)
    reference = validate_release(folder, engine="frictionless")
    assert ours.valid and reference.valid, ours.summary()
    assert ours.rows == reference.rows


def test_faults_planted_in_the_samples_are_located_alike(
    sample_release: Built, tmp_path: Path
) -> None:
    folder = schema_copy(sample_release, tmp_path / "release")
    commitment = read_rows(folder, "commitments")[5][0]
    planted = {
        ("commitments", row_of(folder, "commitments", commitment_id=commitment), "status", "enum"),
        ("milestones", copy_row(folder, "milestones", 2), MILESTONE_KEY, "primary-key"),
        ("policy_areas", 2, "current_policy_area_id", "foreign-key"),
        ("commitment_institutions", 3, "position", "type"),
        ("sources", 2, "truncated", "type"),
    }  # fmt: skip
    set_cell(
        folder,
        "commitments",
        row_of(folder, "commitments", commitment_id=commitment),
        "status",
        "closed",
    )
    set_cell(folder, "policy_areas", 2, "current_policy_area_id", "right-to-know")
    set_cell(folder, "commitment_institutions", 3, "position", "first")
    set_cell(folder, "sources", 2, "truncated", "no")
    ours = validate_release(folder)
    reference = validate_release(folder, engine="frictionless")
    assert planted <= {(v.table, v.row_number, v.field, v.rule) for v in ours.errors}, (
        ours.summary()
    )
    assert located(ours) == located(reference), (ours.summary(), reference.summary())
