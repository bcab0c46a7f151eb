"""Every form of a page's address normalised to one (docs/sources.md §4), and told apart."""

from __future__ import annotations

import pytest

from pipeline.fetch.addresses import Site, export_address, in_language, member_page, normalise

OGP = Site.of("https://www.opengovpartnership.org")
PAGE = "https://www.opengovpartnership.org/members/kenya/commitments/KE0025/"


@pytest.mark.parametrize(
    "link",
    [
        PAGE,
        "https://opengovpartnership.org/members/kenya/commitments/KE0025/",
        "http://www.opengovpartnership.org/members/kenya/commitments/KE0025",
        "https://www.opengovpartnership.org/members/kenya/commitments/ke0025/",
        "https://www.opengovpartnership.org/members/Kenya/commitments/KE0025/?utm=x#top",
        "/members/kenya/commitments/ke0025",
        "commitments/KE0025/",
        "//opengovpartnership.org/members/kenya//commitments/KE0025",
    ],
)
def test_every_form_of_a_commitment_address_is_one_address(link: str) -> None:
    address = normalise(OGP, link, base="https://www.opengovpartnership.org/members/kenya/")
    assert address is not None
    assert (address.url, address.kind, address.member, address.commitment_id) == (
        PAGE, "commitment", "kenya", "KE0025"
    )  # fmt: skip
    assert address.language == "en"


def test_languages_members_and_the_directory_are_told_apart() -> None:
    spanish = normalise(OGP, "/es/members/kenya/commitments/ke0025")
    assert spanish is not None and (spanish.language, spanish.kind) == ("es", "commitment")
    assert spanish.url == "https://www.opengovpartnership.org/es/members/kenya/commitments/KE0025/"
    member = normalise(OGP, "https://opengovpartnership.org/fr/members/mendoza-argentina")
    assert member is not None and (member.kind, member.language, member.member) == (
        "member", "fr", "mendoza-argentina"
    )  # fmt: skip
    directory = normalise(OGP, "/our-members")
    assert directory is not None and directory.kind == "directory"
    assert directory.url == "https://www.opengovpartnership.org/our-members/"
    other = normalise(OGP, "/wp-content/uploads/2020/plan.pdf")
    assert other is not None and other.kind == "other"


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/members/kenya/",
        "mailto:ogp@example.org",
        "ftp://opengovpartnership.org/x",
    ],
)
def test_links_to_other_hosts_and_schemes_are_not_addresses_of_the_site(link: str) -> None:
    assert normalise(OGP, link) is None


def test_a_local_site_keeps_its_port_and_scheme() -> None:
    local = Site.of("http://127.0.0.1:8080")
    address = normalise(local, "/members/kenya/commitments/ke0025")
    assert address is not None
    assert address.url == "http://127.0.0.1:8080/members/kenya/commitments/KE0025/"
    assert normalise(local, "http://localhost:8080/members/kenya/") is None


def test_the_same_page_in_other_languages_and_a_member_page_from_its_slug() -> None:
    page = normalise(OGP, PAGE)
    assert page is not None
    assert in_language(OGP, page, "fr").url == (
        "https://www.opengovpartnership.org/fr/members/kenya/commitments/KE0025/"
    )
    assert in_language(OGP, in_language(OGP, page, "es"), "en") == page
    assert member_page(OGP, "Kenya", "es").url == (
        "https://www.opengovpartnership.org/es/members/kenya/"
    )


def test_a_bulk_file_address_is_kept_but_for_its_fragment() -> None:
    url = "https://www.opengovpartnership.org/explorer/data/latest_data/ogpirm_live_data.csv"
    assert export_address(url + "#x").url == url
    with pytest.raises(ValueError, match="not an http"):
        export_address("file:///etc/passwd")
