"""Institutions in the release of the sample export: one row per body per member, kinds,
no fragment names (issue: institutions people can count)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scripts.score_institutions import is_fragment
from tests.integration.graph import Built
from tests.integration.test_merge import EXPORT_HEADER, build, export_row


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
            assert not is_fragment(name), name
            assert name[:1].isalnum() or name[:1] in '"“«(', name  # no list mark left
    for link in rows(sample_release.release, "commitment_institutions"):
        assert not is_fragment(link["name_as_written"]), link


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


def export(*rows: dict[str, str]) -> str:
    """An export CSV with a support column too."""
    out = io.StringIO()
    header = [*EXPORT_HEADER, "Supporting Institution(s)"]
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({h: row.get(h, "") for h in header})
    return out.getvalue()


def test_spellings_and_acronyms_are_one_body_per_member(tmp_path: Path) -> None:
    """Two members each with a Ministry of Finance, written three ways in one of them,
    and UNDP named by both in two languages."""
    built = build(
        tmp_path,
        {
            "export.csv": export(
                export_row(
                    "TS0001",
                    **{
                        "Lead Institution": "Ministry of Finance (MoF)",
                        "Supporting Institution(s)": "UNDP, Ministry of Justice",
                    },
                ),
                export_row(
                    "TS0002",
                    **{
                        "Lead Institution": "MoF",
                        "Supporting Institution(s)": "The Ministry of Justice; "
                        "Testland Open Data Network",
                    },
                ),
                export_row(
                    "TS0003",
                    **{
                        "Lead Institution": "MINISTRY OF FINANCE",
                        "Supporting Institution(s)": "NA",
                    },
                ),
                export_row(
                    "OT0001",
                    **{
                        "Country/Locality": "Otherland",
                        "Code": "OTH",
                        "URL": "https://opengovpartnership.org/members/otherland/commitments/ot0001",
                        "Lead Institution": "Ministry of Finance",
                        "Supporting Institution(s)": "Programa de las Naciones Unidas "
                        "para el Desarrollo",
                    },
                ),
            ),
        },
    )
    institutions = built.rows(
        "SELECT institution_id, member_id, name, acronym, kind, other_names "
        "FROM core.institutions ORDER BY institution_id"
    )
    assert institutions == [
        ("international/undp", None, "United Nations Development Programme", "UNDP",
         "international", "Programa de las Naciones Unidas para el Desarrollo; UNDP"),
        ("otherland/ministry-of-finance", "otherland", "Ministry of Finance", None,
         "executive", None),
        ("testland/ministry-of-finance", "testland", "Ministry of Finance", "MoF", "executive",
         "MINISTRY OF FINANCE; Ministry of Finance (MoF); MoF"),
        ("testland/ministry-of-justice", "testland", "Ministry of Justice", None, "executive",
         "The Ministry of Justice"),
        ("testland/testland-open-data-network", "testland", "Testland Open Data Network", None,
         "civil_society", None),
    ]  # fmt: skip
    links = built.rows(
        "SELECT commitment_id, role, position, institution_id, name_as_written "
        "FROM core.commitment_institutions ORDER BY ALL"
    )
    assert links == [
        ("OT0001", "lead", 1, "otherland/ministry-of-finance", "Ministry of Finance"),
        ("OT0001", "support", 1, "international/undp",
         "Programa de las Naciones Unidas para el Desarrollo"),
        ("TS0001", "lead", 1, "testland/ministry-of-finance", "Ministry of Finance (MoF)"),
        ("TS0001", "support", 1, "international/undp", "UNDP"),
        ("TS0001", "support", 2, "testland/ministry-of-justice", "Ministry of Justice"),
        ("TS0002", "lead", 1, "testland/ministry-of-finance", "MoF"),
        ("TS0002", "support", 1, "testland/ministry-of-justice", "The Ministry of Justice"),
        ("TS0002", "support", 2, "testland/testland-open-data-network",
         "Testland Open Data Network"),
        ("TS0003", "lead", 1, "testland/ministry-of-finance", "MINISTRY OF FINANCE"),
    ]  # fmt: skip
