"""Member lists of commitments (docs/sources.md §2): the list at the foot of the sample page,
and inline lists for each quirk (starred prefix, empty area, broken titles, entries with
no ID line, numbered prose, member pages with no commitment, lower-case IDs)."""

from __future__ import annotations

import pytest

from pipeline.raw.readers.member_list import TextLine, find_heading, read_entries
from pipeline.raw.readers.page import read_page
from pipeline.raw.source_records import MemberListEntry, PageReadResult, Reject
from tests.fixtures.samples import SAMPLE_PAGE as SAMPLE


def member_page(*lines: str, heading: str = "Freedonia's Commitments") -> str:
    """A member page: a heading line and the list lines, blank lines between, as captured."""
    return "\n\n".join([heading, *lines]) + "\n"


def entry(location: int, number: int, cid: str, title: str, area: str | None, **kw: object):
    return MemberListEntry(
        location=f"line {location}",
        list_number=number,
        commitment_id=cid,
        title=title,
        year=int(kw.get("year", 2016)),  # type: ignore[call-overload]
        policy_area=area,
        starred=bool(kw.get("starred", False)),
    )


# --- The sample's list -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> PageReadResult:
    return read_page(SAMPLE.read_text(encoding="utf-8"))


def test_sample_list_has_97_entries_in_order(sample: PageReadResult) -> None:
    entries = sample.member_list
    assert len(entries) == 97
    assert [e.list_number for e in entries] == list(range(1, 98))
    assert len({e.commitment_id for e in entries}) == 97
    assert entries[0] == MemberListEntry(
        "line 135", 1, "UK0090", "Grants Data", 2019, "E-Government", False
    )
    assert entries[-1] == MemberListEntry(
        "line 519",
        97,
        "UK0023",
        "Developing a clear methodology to support intelligent inventories",
        2011,
        "Records Management",
        False,
    )
    assert {e.year for e in entries} == {2011, 2013, 2016, 2019}


def test_sample_list_entry_of_the_page_itself(sample: PageReadResult) -> None:
    own = [e for e in sample.member_list if e.commitment_id == "UK0073"]
    assert own == [
        MemberListEntry(
            "line 207", 19, "UK0073", "Better use of data assets", 2016, "Capacity Building", False
        )
    ]


def test_sample_list_starred_entries(sample: PageReadResult) -> None:
    starred = [e for e in sample.member_list if e.starred]
    assert [e.commitment_id for e in starred] == [
        "UK0088",
        "UK0089",
        "UK0047",
        "UK0048",
        "UK0055",
        "UK0062",
    ]
    assert starred[0].title == "National Indicators for Wales"
    assert not any(e.title.lower().startswith("starred") for e in sample.member_list)


def test_sample_list_entries_with_no_policy_area(sample: PageReadResult) -> None:
    by_id = {e.commitment_id: e for e in sample.member_list}
    assert by_id["UK0025"] == MemberListEntry(
        "line 363",
        58,
        "UK0025",
        "Developing data.gov.uk and identifying other digital channels to support users",
        2011,
        None,
        False,
    )
    empty = [e.commitment_id for e in sample.member_list if e.policy_area is None]
    expected = ["UK0025", "UK0038", "UK0041", "UK0001", "UK0003", "UK0005", "UK0009"]
    assert empty == [*expected, "UK0014", "UK0015"]


def test_sample_list_broken_title_is_repaired_with_a_warning(sample: PageReadResult) -> None:
    by_id = {e.commitment_id: e for e in sample.member_list}
    assert by_id["UK0074"] == MemberListEntry(
        "line 211", 20, "UK0074", "GOV.UK", 2016, "Open Data", False
    )
    assert sample.rejects == [
        Reject(
            "line 211",
            "warning",
            'member-list title \'"http://gov.uk/","GOV.UK"\' has a quoted URL and link text; '
            "read the link text: 'GOV.UK'",
            "UK0074",
        )
    ]


def test_sample_list_keeps_titles_as_listed(sample: PageReadResult) -> None:
    by_id = {e.commitment_id: e for e in sample.member_list}
    assert by_id["UK0024"].title == (
        "Ensuring a clear process to support reduction in collection of ‘unnecessary data’"
    )
    assert by_id["UK0015"].title == "Merge information asset registers…into a single data inventory"
    assert by_id["UK0063"].title == "Beneficial ownership – UK"


# --- Inline lists ----------------------------------------------------------------------


def test_member_page_with_a_list_and_no_commitment() -> None:
    page = member_page(
        "1. Starred commitment Open budget data",
        "FD0012, 2016, Fiscal Transparency",
        "2. Beneficial ownership",
        "FD0013, 2016,",
        "3. Inclusive climate",
        "consultations",
        "FD0031, 2021, Climate Finance",
        heading="Freedonia’s Commitments:",
    )
    assert read_page(page) == PageReadResult(
        commitment=None,
        member_name="Freedonia",
        member_list=[
            entry(3, 1, "FD0012", "Open budget data", "Fiscal Transparency", starred=True),
            entry(7, 2, "FD0013", "Beneficial ownership", None),
            entry(11, 3, "FD0031", "Inclusive climate consultations", "Climate Finance", year=2021),
        ],
        rejects=[],
    )


@pytest.mark.parametrize(
    ("id_line", "area"),
    [
        ("FD0013, 2016,", None),
        ("FD0013, 2016, ", None),
        ("FD0013, 2016", None),
        ("FD0013, 2016, Open Data", "Open Data"),
        ("FD0013 , 2016 , Open Data ,", "Open Data"),
        ("FD0013, 2016, Anti-Corruption Institutions", "Anti-Corruption Institutions"),
    ],
)
def test_policy_area_kept_as_listed_or_none_when_empty(id_line: str, area: str | None) -> None:
    result = read_page(member_page("1. Open budget data", id_line))
    assert result.member_list == [entry(3, 1, "FD0013", "Open budget data", area)]


@pytest.mark.parametrize(
    ("title", "repaired", "reason"),
    [
        pytest.param(
            'Open "budget data',
            "Open budget data",
            "an unbalanced quote or parenthesis; removed it",
            id="stray-quote",
        ),
        pytest.param(
            "Open budget data)",
            "Open budget data",
            "an unbalanced quote or parenthesis; removed it",
            id="stray-parenthesis",
        ),
        pytest.param(
            '"https://budget.example.org/","Open budget data"',
            "Open budget data",
            "a quoted URL and link text; read the link text",
            id="url-pair",
        ),
        pytest.param('"Right to information" law', '"Right to information" law', None),
        pytest.param("Open data (phase II)", "Open data (phase II)", None),
    ],
)
def test_broken_titles_repaired_with_a_warning(
    title: str, repaired: str, reason: str | None
) -> None:
    result = read_page(member_page(f"1. {title}", "FD0012, 2016, Open Data"))
    assert result.member_list == [entry(3, 1, "FD0012", repaired, "Open Data")]
    expected = (
        [
            Reject(
                "line 3",
                "warning",
                f"member-list title {title!r} has {reason}: {repaired!r}",
                "FD0012",
            )
        ]
        if reason
        else []
    )
    assert result.rejects == expected


@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "single-newlines"])
def test_numbered_line_without_id_line_is_an_error_and_nothing_else_is_lost(blank: bool) -> None:
    lines = [
        "Freedonia's Commitments",
        "1. Open budget data",
        "FD0012, 2016, Fiscal Transparency",
        "2. Audit follow-up",
        "3. Whistleblower protection",
        "FD0014, 2016, Whistleblower Protections",
        "4. Dangling last entry",
    ]
    page = ("\n\n" if blank else "\n").join(lines)
    step = 2 if blank else 1
    result = read_page(page)
    assert [(e.list_number, e.commitment_id) for e in result.member_list] == [
        (1, "FD0012"),
        (3, "FD0014"),
    ]
    assert result.rejects == [
        Reject(
            f"line {1 + 3 * step}",
            "error",
            "member-list entry 2 ('2. Audit follow-up') has no 'ID, YEAR, AREA' line after it; "
            "entry dropped",
        ),
        Reject(
            f"line {1 + 6 * step}",
            "error",
            "member-list entry 4 ('4. Dangling last entry') has no 'ID, YEAR, AREA' line after it; "
            "entry dropped",
        ),
    ]


def test_numbered_prose_before_the_list_is_not_an_error() -> None:
    page = "\n\n".join(
        [
            "Freedonia",
            "To join, a member must:",
            "1. Draft an action plan.",
            "2. Consult civil society.",
            "Freedonia's Commitments",
            "1. Open budget data",
            "FD0012, 2016, Fiscal Transparency",
        ]
    )
    result = read_page(page)
    assert result.member_list == [entry(11, 1, "FD0012", "Open budget data", "Fiscal Transparency")]
    assert result.rejects == []
    assert result.member_name == "Freedonia"


def test_list_without_heading_numbered_prose_before_it_is_passed_over() -> None:
    lines = [
        TextLine(1, "1. Draft an action plan."),
        TextLine(2, "2. Consult civil society."),
        TextLine(3, "1. Open budget data"),
        TextLine(4, "FD0012, 2016, Fiscal Transparency"),
        TextLine(5, "2. No ID line"),
    ]
    entries, rejects = read_entries(lines)
    assert entries == [entry(3, 1, "FD0012", "Open budget data", "Fiscal Transparency")]
    assert rejects == [
        Reject(
            "line 5",
            "error",
            "member-list entry 2 ('2. No ID line') has no 'ID, YEAR, AREA' line after it; "
            "entry dropped",
        )
    ]


def test_lower_case_ids_are_upper_cased() -> None:
    result = read_page(member_page("1. Open budget data", "fd0012, 2016, Open Data"))
    assert result.member_list == [entry(3, 1, "FD0012", "Open budget data", "Open Data")]


def test_local_member_ids() -> None:
    result = read_page(
        member_page(
            "1. Open council",
            "ELG0001, 2017, Open Data",
            "2. Open city",
            "KEEM0002, 2024, Open Data",
            heading="Elgeyo Marakwet's Commitments",
        )
    )
    assert [e.commitment_id for e in result.member_list] == ["ELG0001", "KEEM0002"]
    assert result.member_name == "Elgeyo Marakwet"


def test_commitment_page_list_naming_another_member_is_a_warning() -> None:
    page = "\n\n".join(
        [
            "Skip Navigation",
            "Freedonia",
            "Open budget data (FD0012)",
            "Status: Active",
            "Description",
            "Publish the budget.",
            "Sylvania's Commitments",
            "1. Open budget data",
            "FD0012, 2016, Open Data",
        ]
    )
    result = read_page(page)
    assert result.member_name == "Freedonia"
    assert [e.commitment_id for e in result.member_list] == ["FD0012"]
    assert result.rejects == [
        Reject(
            "line 13",
            "warning",
            "member list heading names 'Sylvania' but the page names 'Freedonia'",
        )
    ]


def test_commitment_page_without_list_heading_reads_no_list_from_numbered_text() -> None:
    page = "\n\n".join(
        [
            "Freedonia",
            "Open budget data (FD0012)",
            "Status: Active",
            "Description",
            "1. Publish the budget",
            "FD0099, 2016, Open Data",
        ]
    )
    result = read_page(page)
    assert result.commitment is not None
    assert result.member_list == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("United Kingdom's Commitments", "United Kingdom"),
        ("Côte d’Ivoire’s Commitments", "Côte d’Ivoire"),
        ("Freedonia's commitments:", "Freedonia"),
    ],
)
def test_find_heading(line: str, name: str) -> None:
    assert find_heading([TextLine(1, "Intro"), TextLine(2, line)]) == (1, name)


def test_find_heading_none_without_one() -> None:
    assert find_heading([TextLine(1, "Commitments"), TextLine(2, "Our commitments")]) is None
