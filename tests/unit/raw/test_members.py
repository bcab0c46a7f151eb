"""The member reference (members.csv, member_names.csv) and its lookups in
pipeline.raw.identifiers.members.

The sample export is the ground truth for the members it holds: their URL slug, English
name, code, region and type must be what the reference says.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from pipeline.raw.identifiers.members import (
    member_by_id,
    member_for_name,
    member_key,
    members,
    name_key,
)
from pipeline.raw.identifiers.ogp_urls import parse_ogp_url
from pipeline.textutil import member_slug
from pipeline.vocabulary import read_vocab, vocab_path
from scripts.build_member_names import write_member_names
from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLE_PAGE

MEMBER_COLUMNS = ["member_id", "name", "country_code", "member_type", "region", "ogp_code", "basis"]
NAME_COLUMNS = ["member_id", "language", "name"]
REQUIRED = ("member_id", "name", "country_code", "member_type", "basis")
REGIONS = {"Africa and the Middle East", "Americas", "Asia and the Pacific", "Europe"}
BASES = {"ogp_export_sample", "ogp_page_sample", "known_member"}
MEMBER_ID = re.compile(r"^[a-z0-9][a-z0-9'-]*$")
# member_id → why it is not member_slug(name); empty: every id is spelled from its name.
ID_NOT_FROM_NAME: dict[str, str] = {}
# National members whose OGP region is not known with confidence (left empty).
REGION_UNKNOWN = {"armenia", "azerbaijan", "turkey"}


def header_of(name: str) -> list[str]:
    with vocab_path(name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def export_members() -> dict[str, dict[str, str]]:
    """Member slug (from the row's URL) → the export's member cells, one per member."""
    found: dict[str, dict[str, str]] = {}
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            address = parse_ogp_url(row["URL"])
            assert address, row["URL"]
            cells = {k: row[k] for k in ("Country/Locality", "Code", "Region", "National Or Local")}
            assert found.setdefault(address.member_id, cells) == cells, address.member_id
    return found


def test_members_csv_shape() -> None:
    assert header_of("members") == MEMBER_COLUMNS
    rows = read_vocab("members")
    ids = [row["member_id"] for row in rows]
    assert ids == sorted(ids), "members.csv is sorted by member_id"
    assert len(ids) == len(set(ids)), "member_id is unique"
    for number, row in enumerate(rows, 2):
        where = f"members.csv line {number}"
        assert None not in row, f"{where}: too many cells"
        for column, value in row.items():
            assert value == value.strip(), f"{where}: {column} {value!r}"
        for column in REQUIRED:
            assert row[column], f"{where}: {column} is empty"
        assert MEMBER_ID.match(row["member_id"]), where
        expected = member_slug(row["name"])
        assert row["member_id"] == expected or row["member_id"] in ID_NOT_FROM_NAME, where
        assert pycountry.countries.get(alpha_3=row["country_code"]), where
        assert row["member_type"] in {"national", "local"}, where
        assert row["region"] in REGIONS or row["member_id"] in REGION_UNKNOWN, where
        assert set(row["basis"].split(";")) <= BASES, where


def test_members_codes_agree_with_type() -> None:
    for row in read_vocab("members"):
        if row["member_type"] == "national":
            assert row["ogp_code"] == row["country_code"], row["member_id"]
            assert "," not in row["name"], row["member_id"]
        else:
            assert ", " in row["name"], row["member_id"]
            code = row["ogp_code"]
            if code:
                country = pycountry.countries.get(alpha_2=code[:2])
                assert country and country.alpha_3 == row["country_code"], row["member_id"]


def test_every_sample_export_member_is_in_the_reference_as_the_export_says() -> None:
    exported = export_members()
    assert len(exported) == 23
    for member_id, cells in exported.items():
        member = member_by_id(member_id)
        assert member, member_id
        assert member.name == cells["Country/Locality"]
        assert member.ogp_code == cells["Code"]
        assert member.region == cells["Region"]
        expected_type = "national" if cells["National Or Local"] == "National" else "local"
        assert member.member_type == expected_type
        basis = {r["basis"] for r in read_vocab("members") if r["member_id"] == member_id}
        assert "ogp_export_sample" in basis.pop().split(";")


def test_sample_page_member_is_in_the_reference() -> None:
    lines = [line.strip() for line in SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()]
    name = lines[lines.index("Skip Navigation") + 1]
    member = member_for_name(name)
    assert member and member.member_id == "united-kingdom"


def test_member_names_csv_shape() -> None:
    assert header_of("member_names") == NAME_COLUMNS
    ids = {member.member_id for member in members()}
    for number, row in enumerate(read_vocab("member_names"), 2):
        where = f"member_names.csv line {number}"
        assert None not in row, f"{where}: too many cells"
        assert row["member_id"] in ids, where
        assert row["language"] in {"en", "es", "fr"}, where
        assert row["name"] and row["name"] == row["name"].strip(), where


def test_every_member_has_its_english_name_and_a_spanish_and_french_name() -> None:
    languages: dict[str, set[str]] = defaultdict(set)
    english: dict[str, set[str]] = defaultdict(set)
    for row in read_vocab("member_names"):
        languages[row["member_id"]].add(row["language"])
        if row["language"] == "en":
            english[row["member_id"]].add(row["name"])
    for member in members():
        assert languages[member.member_id] == {"en", "es", "fr"}, member.member_id
        assert member.name in english[member.member_id], member.member_id


def test_no_folded_name_names_two_members() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for member in members():
        owners[name_key(member.name)].add(member.member_id)
    for row in read_vocab("member_names"):
        owners[name_key(row["name"])].add(row["member_id"])
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_member_counts() -> None:
    kinds = [member.member_type for member in members()]
    assert kinds.count("national") >= 75
    assert kinds.count("local") >= 4


@pytest.mark.parametrize(
    ("name", "member_id"),
    [
        ("United Kingdom", "united-kingdom"),
        ("Reino Unido", "united-kingdom"),
        ("Royaume-Uni", "united-kingdom"),
        ("  ROYAUME-UNI. ", "united-kingdom"),
        ("Estados Unidos", "united-states"),
        ("Tbilisi, Georgia", "tbilisi-georgia"),
        ("Tbilisi, Géorgie", "tbilisi-georgia"),
        ("Madrid, España", "madrid-spain"),
        ("Elgeyo Marakwet", "elgeyo-marakwet-kenya"),
        ("Georgia", "georgia"),
        ("Géorgie", "georgia"),
        ("Cote d'Ivoire", "cote-d'ivoire"),
        ("Côte d’Ivoire", "cote-d'ivoire"),
        ("Côte d‘Ivoire", "cote-d'ivoire"),
        ("Costa de Marfil", "cote-d'ivoire"),
        ("Kyrgyz Republic", "kyrgyz-republic"),
        ("République de Corée", "republic-of-korea"),
        ("Freedonia", None),
        ("", None),
        (None, None),
    ],
)
def test_member_for_name(name: str | None, member_id: str | None) -> None:
    member = member_for_name(name)
    assert (member.member_id if member else None) == member_id


def test_member_by_id() -> None:
    member = member_by_id("tbilisi-georgia")
    assert member is not None
    assert member.name == "Tbilisi, Georgia"
    assert (member.country_code, member.member_type, member.ogp_code) == ("GEO", "local", "GETB")
    assert member.region == "Asia and the Pacific"
    assert member_by_id("reino-unido") is None
    madrid = member_by_id("madrid-spain")
    assert madrid is not None and madrid.ogp_code is None


def test_member_key_prefers_the_address_to_the_name() -> None:
    url = "https://www.opengovpartnership.org/es/members/cote-d'ivoire/commitments/CI0001/"
    assert member_key(url, "Côte d’Ivoire") == "cote-d'ivoire"
    assert member_key(None, "Tbilisi, Georgia") == "tbilisi-georgia"
    assert member_key(None, "Reino Unido") == "united-kingdom"
    assert member_key(None, "Freedonia") == "freedonia"  # unknown: spelled from the name
    assert member_key(None, None) is None


def test_member_names_file_is_what_its_generator_writes(tmp_path: Path) -> None:
    """member_names.csv is generated (scripts/build_member_names.py): no hand edit drifts."""
    regenerated = tmp_path / "member_names.csv"
    write_member_names(regenerated)
    assert regenerated.read_bytes() == vocab_path("member_names").read_bytes()
