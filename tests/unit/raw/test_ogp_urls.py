"""OGP web addresses: keys read out of them hold to the contract's ID patterns."""

from __future__ import annotations

import pytest

from pipeline import contract
from pipeline.raw.identifiers.ogp_urls import OgpAddress, parse_ogp_url
from pipeline.textutil import COMMITMENT_ID_RE, MEMBER_ID_RE

BASE = "https://www.opengovpartnership.org"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{BASE}/members/chile/commitments/CL0069/", OgpAddress("chile", "CL0069", "en")),
        (f"{BASE}/es/members/cote-divoire/", OgpAddress("cote-divoire", None, "es")),
        # Percent-encoded accents and apostrophes: spelled as a slug, as from a name.
        (
            f"{BASE}/members/c%C3%B4te-d%27ivoire/commitments/CI0001/",
            OgpAddress("cote-d'ivoire", "CI0001", "en"),
        ),
        # A path, a line break and markup smuggled into the member segment: only a slug.
        (
            f"{BASE}/members/..%2F..%2Fx%0A%3Cb%3E/commitments/AB1234",
            OgpAddress("x-b", "AB1234", "en"),
        ),
    ],
)
def test_member_ids_hold_to_the_pattern(url: str, expected: OgpAddress) -> None:
    address = parse_ogp_url(url)
    assert address == expected
    assert MEMBER_ID_RE.match(address.member_id)


def test_the_member_id_pattern_is_the_contracts() -> None:
    members = next(r for r in contract.load_contract()["resources"] if r["name"] == "members")
    field = next(f for f in members["schema"]["fields"] if f["name"] == "member_id")
    assert MEMBER_ID_RE.pattern == field["constraints"]["pattern"]


def test_a_member_segment_with_nothing_of_a_slug_gives_no_address() -> None:
    assert parse_ogp_url(f"{BASE}/members/%2F%2E%2E/commitments/AB1234/") is None


@pytest.mark.parametrize(
    "candidate",
    ["AB١٢٣٤", "ſA1234", "\u212aE1234", "ıT1234", "AB12345", "A1234", "../../etc/passwd"],
)
def test_commitment_ids_are_ascii_letters_and_digits_only(candidate: str) -> None:
    """Unicode digits and letters that case-fold to ASCII ones are no ID, anywhere."""
    assert not COMMITMENT_ID_RE.match(candidate)
    address = parse_ogp_url(f"{BASE}/members/chile/commitments/{candidate}/")
    assert address is None or address.commitment_id is None
