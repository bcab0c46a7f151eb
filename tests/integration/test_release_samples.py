"""The full graph on samples/: real values from the real sources end up in the release."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
from frictionless import Package, validate

from pipeline.validate import validate_release
from tests.fixtures.samples import SAMPLES
from tests.integration.graph import VERSION, Built, run_graph

EXPORT = SAMPLES / "ogp-export" / "ogp_commitments_export_sample.csv"
TABLES = [
    "members", "action_plans", "commitments", "institutions", "commitment_institutions",
    "policy_areas", "commitment_policy_areas", "irm_assessments", "milestones", "notes",
    "sources", "conflicts", "rejects",
]  # fmt: skip


def rows(built: Built, table: str) -> list[dict[str, str]]:
    with (built.release / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def one(built: Built, table: str, **key: str) -> dict[str, str]:
    found = [r for r in rows(built, table) if all(r[k] == v for k, v in key.items())]
    assert len(found) == 1, (table, key, found)
    return found[0]


def test_release_has_every_file_and_latest_points_at_it(sample_release: Built) -> None:
    release = sample_release.release
    assert sorted(p.name for p in (release / "csv").iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    assert sorted(p.name for p in (release / "parquet").iterdir()) == sorted(
        f"{t}.parquet" for t in TABLES
    )
    for name in ("datapackage.json", "README.md", "SHA256SUMS"):
        assert (release / name).is_file()
    latest = sample_release.releases / "latest"
    assert latest.is_symlink() and latest.resolve() == release.resolve()
    assert (sample_release.releases / "LATEST").read_text() == f"{VERSION}\n"
    assert not [p for p in sample_release.releases.iterdir() if p.name.startswith(".staging")]


def test_frictionless_validates_the_release(sample_release: Built) -> None:
    report = validate(str(sample_release.release / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert validate_release(sample_release.release).valid
    package = Package(str(sample_release.release / "datapackage.json"))
    assert [r.name for r in package.resources] == TABLES


def test_descriptor_checksums_and_sources_match_the_files(sample_release: Built) -> None:
    descriptor = json.loads((sample_release.release / "datapackage.json").read_text())
    assert descriptor["version"] == VERSION
    assert descriptor["created"] == "2026-01-01T00:00:00Z"
    for resource in descriptor["resources"]:
        data = (sample_release.release / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
    by_file = {s["file"]: s for s in descriptor["sources"]}
    for relative in ("ogp-pages/UK0073.txt", "ogp-export/ogp_commitments_export_sample.csv"):
        expected = hashlib.sha256((SAMPLES / relative).read_bytes()).hexdigest()
        assert by_file[relative]["sha256"] == expected
        assert one(sample_release, "sources", path=relative)["sha256"] == expected
    page = one(sample_release, "sources", path="ogp-pages/UK0073.txt")
    assert page["kind"] == "commitment_page" and page["format"] == "text"
    assert (
        page["url"]
        == "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0073/"
    )
    assert page["records"] == "98"  # the page's commitment and its list of 97
    assert one(sample_release, "sources", kind="ogp_export")["records"] == "153"


def test_uk0073_as_its_page_says(sample_release: Built) -> None:
    c = one(sample_release, "commitments", commitment_id="UK0073")
    assert c["title"] == "Better use of data assets"
    assert c["member_id"] == "united-kingdom"
    assert c["status"] == "inactive"
    assert c["starred"] == "false"
    assert c["commitment_number"] == "11"
    assert (c["start_date"], c["start_date_precision"], c["start_date_text"]) == (
        "2016-05-01", "month", "May 2016",
    )  # fmt: skip
    assert c["end_date"] == "2018-06-01"
    assert c["description"].startswith("Objective: Through our Government Data Programme")
    assert (
        c["url"] == "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0073/"
    )
    plan = one(sample_release, "action_plans", action_plan_id=c["action_plan_id"])
    assert plan["title"] == "United Kingdom – Third National Action Plan 2016-18"
    assert (plan["start_year"], plan["end_year"]) == ("2016", "2018")
    institutions = {r["institution_id"]: r["name"] for r in rows(sample_release, "institutions")}
    links = [
        r for r in rows(sample_release, "commitment_institutions") if r["commitment_id"] == "UK0073"
    ]
    lead = [
        institutions[r["institution_id"]]
        for r in sorted(links, key=lambda r: int(r["position"]))
        if r["role"] == "lead"
    ]
    assert lead == ["Cabinet Office (Government Digital Service)", "Office of National Statistics"]
    support = [
        r["name_as_written"]
        for r in sorted(links, key=lambda r: int(r["position"]))
        if r["role"] == "support"
    ]
    # `All government departments; Democratise, mySociety, The Open Data institute`
    assert support == [
        "All government departments",
        "Democratise",
        "mySociety",
        "The Open Data institute",
    ]
    areas = {
        r["policy_area_id"]: r["is_primary"]
        for r in rows(sample_release, "commitment_policy_areas")
        if r["commitment_id"] == "UK0073"
    }
    assert areas == {
        "capacity-building": "true",
        "open-data": "false",
        "public-service-delivery": "false",
        "right-to-information": "false",
    }


def test_uk0073_irm_ratings_milestones_and_notes(sample_release: Built) -> None:
    irm = one(sample_release, "irm_assessments", commitment_id="UK0073")
    assert irm["verifiable"] == "true"
    assert irm["did_it_open_government"] == "did_not_change"
    assert irm["completion_midterm"] == "substantial"
    assert irm["completion_end_of_term"] == "complete"
    assert irm["did_it_open_government_access_to_information"] == "did_not_change"
    assert irm["did_it_open_government_civic_participation"] == "did_not_change"
    assert irm["did_it_open_government_public_accountability"] == ""
    values = ("access_to_information", "civic_participation", "public_accountability", "technology")
    relevance = [irm[f"relevant_{value}"] for value in values]
    assert relevance == ["true", "true", "false", "true"]
    milestones = [r for r in rows(sample_release, "milestones") if r["commitment_id"] == "UK0073"]
    assert [m["milestone_number"] for m in milestones] == ["1", "2", "3", "4", "5", "6"]
    assert milestones[4]["text"].startswith(
        "Equip government analysts with the latest data science"
    )
    notes = [r for r in rows(sample_release, "notes") if r["commitment_id"] == "UK0073"]
    assert [int(n["note_number"]) for n in notes] == list(range(106, 121))
    by_number = {n["note_number"]: n for n in notes}
    assert by_number["106"]["url"] == "https://www.legislation.gov.uk/ukpga/2017/30/contents"
    assert by_number["108"]["url"] == ""
    assert by_number["108"]["text"] == "UK government commitment update for July 2017."


def test_the_member_list_gives_all_97_uk_commitments(sample_release: Built) -> None:
    uk = {
        r["commitment_id"]: r
        for r in rows(sample_release, "commitments")
        if r["member_id"] == "united-kingdom"
    }
    listed = {f"UK{n:04d}" for n in range(1, 98)}
    assert listed <= uk.keys()
    assert set(uk) - listed == {"UK0098"}  # in the export only (2021 plan)
    starred = {cid for cid, r in uk.items() if r["starred"] == "true"}
    assert starred == {"UK0088", "UK0089", "UK0047", "UK0048", "UK0055", "UK0062"}
    assert uk["UK0088"]["title"] == "National Indicators for Wales"
    assert uk["UK0074"]["title"] == "GOV.UK"  # broken list title repaired, with a warning
    assert uk["UK0001"]["action_plan_id"] == "united-kingdom-2011"
    member = one(sample_release, "members", member_id="united-kingdom")
    assert (member["name"], member["member_type"], member["country_code"]) == (
        "United Kingdom", "national", "GBR",
    )  # fmt: skip
    warnings = [r for r in rows(sample_release, "rejects") if r["commitment_id"] == "UK0074"]
    assert len(warnings) == 1 and warnings[0]["severity"] == "warning"


# Export column → (irm_assessments column, expected code for each label the sample holds).
COMPLETION = {"Not Started": "not_started", "Limited": "limited", "Substantial": "substantial",
              "Complete": "complete"}  # fmt: skip
DIOG = {"Worsens": "worsened", "Did Not Change": "did_not_change", "Marginal": "marginal",
        "Major": "major", "Outstanding": "outstanding",
        "No early results to report yet": "no_early_results_yet"}  # fmt: skip
IMPACT = {
    "None": "none",
    "Minor": "minor",
    "Moderate": "moderate",
    "Transformative": "transformative",
}
RESULTS = {"Unclear": "unclear", "Modest": "modest", "Substantial": "substantial"}
EXPECTED_CODES = {
    "Specificity": ("specificity", {"Low": "low", "Medium": "medium", "High": "high"}),
    "Verifiable": ("verifiable", {"Yes": "true", "No": "false"}),
    "Potential Impact": ("potential_impact", IMPACT),
    "Potential for Results": ("potential_for_results", RESULTS),
    "Completion (Progress Report)": ("completion_midterm", COMPLETION),
    "Completion (End Of Term)": ("completion_end_of_term", COMPLETION),
    "Did It Open Government (Overall)": ("did_it_open_government", DIOG),
    "Did It Open Government (Access To Information)": (
        "did_it_open_government_access_to_information", DIOG,
    ),
    "Did It Open Government (Civic Participation)": (
        "did_it_open_government_civic_participation", DIOG,
    ),
    "Did It Open Government: Public Accountability": (
        "did_it_open_government_public_accountability", DIOG,
    ),
    "OGP Value Technology": ("relevant_technology", {"1": "true", "0": "false"}),
}  # fmt: skip
NULL_REASONS = {"ND": "no_data", "NR": "not_reviewed", "NA": "not_applicable",
                "Not Applicable": "not_applicable"}  # fmt: skip


def test_every_export_row_is_published_with_its_irm_codes(sample_release: Built) -> None:
    with EXPORT.open(encoding="utf-8", newline="") as handle:
        export = list(csv.DictReader(handle))
    commitments = {r["commitment_id"]: r for r in rows(sample_release, "commitments")}
    irm = {r["commitment_id"]: r for r in rows(sample_release, "irm_assessments")}
    checked = 0
    for source in export:
        cid = source["Commitment Unique Identifier"]
        assert commitments[cid]["full_title"] == source["Commitment Title"].strip()
        for header, (column, codes) in EXPECTED_CODES.items():
            label = source[header]
            if label in NULL_REASONS:
                assert irm[cid][column] == "", (cid, header)
                assert irm[cid][f"{column}_null_reason"] == NULL_REASONS[label], (cid, header)
            else:
                assert irm[cid][column] == codes[label], (cid, header, label)
            checked += 1
    assert checked == 153 * len(EXPECTED_CODES)


def test_records_are_accounted_for(sample_release: Built) -> None:
    records_in, published = sample_release.query(
        "SELECT count(*), count(*) FILTER (WHERE commitment_id IN "
        "(SELECT commitment_id FROM core.commitments)) FROM stage.record_ledger"
    )[0]
    assert records_in == 1 + 97 + 153 == published
    assert {r["severity"] for r in rows(sample_release, "rejects")} == {"warning"}


def test_parquet_holds_the_csv_rows_with_native_types(sample_release: Built) -> None:
    table = pq.read_table(sample_release.release / "parquet" / "commitments.parquet")
    assert table.num_rows == len(rows(sample_release, "commitments"))
    types = {f.name: str(f.type) for f in table.schema}
    assert types["start_date"] == "date32[day]"
    assert types["starred"] == "bool"
    assert types["status"].startswith("dictionary<values=string")
    assert types["source_count"] == "int64"


def test_same_inputs_give_byte_identical_releases(sample_release: Built, tmp_path: Path) -> None:
    again = run_graph([SAMPLES], tmp_path)
    assert again.success
    first = (sample_release.release / "SHA256SUMS").read_text()
    assert (again.release / "SHA256SUMS").read_text() == first
