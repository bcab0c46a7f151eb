"""Institutions in the release of the sample export: one row per body per member, kinds,
no fragment names (issue: institutions people can count)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from tests.integration.graph import Built

FRAGMENT = re.compile(
    r"(?:^|\s)(?:of|for|the|and|on|to|de|del|la|las|los|el|y|e|et|des|du|le|les|&)$",
    re.IGNORECASE,
)


def rows(release: Path, table: str) -> list[dict[str, str]]:
    with (release / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_institution_links_commitments_of_two_members_unless_international(
    sample_release: Built,
) -> None:
    members = {
        r["commitment_id"]: r["member_id"] for r in rows(sample_release.release, "commitments")
    }
    institutions = {r["institution_id"]: r for r in rows(sample_release.release, "institutions")}
    linked: dict[str, set[str]] = {}
    for link in rows(sample_release.release, "commitment_institutions"):
        linked.setdefault(link["institution_id"], set()).add(members[link["commitment_id"]])
    shared = {i: m for i, m in linked.items() if len(m) > 1}
    assert shared, "the sample names some international bodies in two members"
    for institution_id, member_ids in shared.items():
        assert institutions[institution_id]["kind"] == "international", (institution_id, member_ids)
        assert institutions[institution_id]["member_id"] == ""
        assert institution_id.startswith("international/")
    for institution_id, institution in institutions.items():
        if institution["member_id"]:
            assert institution_id.startswith(institution["member_id"] + "/")
            assert linked[institution_id] == {institution["member_id"]}
    # The Ministry of Justice of two members is two rows, each its member's.
    justice = sorted(i for i in institutions if i.endswith("/ministry-of-justice"))
    assert len(justice) >= 2 and len({i.split("/")[0] for i in justice}) == len(justice)


def test_no_published_institution_name_is_a_fragment(sample_release: Built) -> None:
    for institution in rows(sample_release.release, "institutions"):
        names = [institution["name"], *filter(None, institution["other_names"].split("; "))]
        for name in names:
            assert not FRAGMENT.search(name), name
            assert any(ch.isalpha() for ch in name), name
    for link in rows(sample_release.release, "commitment_institutions"):
        assert not FRAGMENT.search(link["name_as_written"]), link


def test_spellings_of_one_body_are_one_row_with_the_others_kept(sample_release: Built) -> None:
    institutions = {r["institution_id"]: r for r in rows(sample_release.release, "institutions")}
    # `Ministry of Justice (OSZBK)` and `Ministry of Justice` in the Czech records.
    justice = institutions["czech-republic/ministry-of-justice"]
    assert justice["name"] == "Ministry of Justice"
    assert justice["acronym"] == "OSZBK"
    assert "Ministry of Justice (OSZBK)" in justice["other_names"].split("; ")
    # Written in capitals and not: the name is the one not in capitals only.
    commission = institutions["croatia/state-electoral-commission"]
    assert commission["name"] == "State Electoral Commission"
    assert commission["other_names"] == "STATE ELECTORAL COMMISSION"
    # An international body is named in English, its members' spellings kept.
    undp = institutions["international/undp"]
    assert undp["member_id"] == "" and undp["kind"] == "international"
    assert "UNDP" in undp["other_names"].split("; ") or undp["acronym"] == "UNDP"


def test_every_institution_has_a_kind_and_the_landing_page_counts_lead_kinds(
    sample_release: Built,
) -> None:
    kinds = {r["kind"] for r in rows(sample_release.release, "institutions")}
    assert {"executive", "legislature", "civil_society", "international"} <= kinds
    assert "" not in kinds
    page = (sample_release.release / "index.html").read_text(encoding="utf-8")
    assert "Commitments per kind of lead institution" in page
