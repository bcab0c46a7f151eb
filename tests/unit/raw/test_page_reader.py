"""read_page on English commitment pages: layouts × chrome × values × text quirks × IRM
status summaries × notes, and the real sample UK0073.

Pages are assembled from parts (tests/fixtures/ogp_pages.py) written from docs/sources.md §1,
so each variant differs from the base page only where it should; every test states the
exact record (or the exact difference from the base record) the page must give.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.raw.readers.page import is_rating_value, read_notes, read_page
from pipeline.raw.source_records import (
    MemberListEntry,
    Milestone,
    Note,
    PageCommitment,
    PageReadResult,
    Reject,
)
from tests.fixtures.ogp_pages import (
    AT_A_GLANCE,
    COMPACT,
    DESCRIPTION_PRE2020,
    FULL,
    LAYOUT2020_FIELDS,
    LAYOUT2020_ID,
    MEMBER,
    PRE2020_AREAS,
    PRE2020_FIELDS,
    PRE2020_ID,
    PRE2020_LEAD,
    PRE2020_SUPPORT,
    STRIPPABLE,
    STRIPPED,
    STRIPPED_NO_MEMBER,
    SUMMARY_FIELDS,
    WITH_BANNER,
    Part,
    as_text,
    bullets,
    field,
    heading,
    layout2020_parts,
    member_list_parts,
    pre2020_parts,
    replaced,
    summary_parts,
    text,
    title,
    with_field,
    without,
)
from tests.fixtures.samples import SAMPLE_PAGE as SAMPLE

PRE2020_TITLE = f"Open budget data ({PRE2020_ID})"

# Chrome variants of docs/sources.md §1: (id, rendering options, chrome the reader must report).
CHROMES = [
    pytest.param(FULL, "full", id="full"),
    pytest.param(STRIPPED, "stripped", id="stripped"),
    pytest.param(COMPACT, "compact", id="compact"),
    pytest.param(WITH_BANNER, "full", id="banner"),
    pytest.param({**STRIPPED, "banner": "Take the OGP survey"}, "stripped", id="banner-stripped"),
    pytest.param({**COMPACT, "banner": "Take the OGP survey"}, "compact", id="banner-compact"),
]
NO_MEMBER_CHROMES = [
    pytest.param(STRIPPED_NO_MEMBER, "stripped", id="stripped-no-member"),
    pytest.param({**COMPACT, "drop": {"skip", "member"}}, "compact", id="compact-no-member"),
    pytest.param(
        {**STRIPPED_NO_MEMBER, "banner": "Take the OGP survey"}, "stripped", id="banner-no-member"
    ),
]


def commitment_of(page: str) -> PageCommitment:
    result = read_page(page)
    assert result.commitment is not None, "no commitment read"
    return result.commitment


def content(commitment: PageCommitment) -> PageCommitment:
    """The record without where it was found and how the page was dressed."""
    return replace(commitment, location="", chrome="")


def pre2020_record(**changes: object) -> PageCommitment:
    """What the base pre-2020 page (pre2020_parts, no summary) must give, apart from position."""
    record = PageCommitment(
        commitment_id=PRE2020_ID,
        location="",
        title="Open budget data",
        member_name=MEMBER,
        layout="pre2020",
        chrome="",
        fields=dict(PRE2020_FIELDS),
        description="\n".join(DESCRIPTION_PRE2020),
        policy_areas=list(PRE2020_AREAS),
        lead_institutions=list(PRE2020_LEAD),
        support_institutions=list(PRE2020_SUPPORT),
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def layout2020_record(**changes: object) -> PageCommitment:
    record = PageCommitment(
        commitment_id=LAYOUT2020_ID,
        location="",
        title="Inclusive climate consultations",
        member_name=MEMBER,
        layout="2020_2023",
        chrome="",
        fields=dict(LAYOUT2020_FIELDS),
        description="Hold four regional consultations on the climate budget.",
        policy_areas=["Climate Finance", "Public Participation"],
        lead_institutions=["Ministry of Environment"],
        support_institutions=["Climate Action Network Freedonia"],
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def fields_without(fields: dict[str, str], *names: str) -> dict[str, str]:
    return {k: v for k, v in fields.items() if k not in names}


# --- Layouts -------------------------------------------------------------------------


FULL_PAGE_MILESTONES = [
    Milestone(1, "Publish the first quarterly budget file in CSV and XLSX formats"),
    Milestone(2, "Open a feedback channel for budget data users"),
    Milestone(3, "Publish a citizens' budget"),
]
FULL_PAGE_NOTES = [
    Note(3, "Ministry of Finance, ‘Budget data'", "https://budget.example.org/data"),
    Note(4, "Interview with the budget office, 3 May 2018.", None),
    Note(
        5,
        "Freedonia Times, ‘Budget leak', https://times.example.org/a, and Budget Watch, ‘Review'",
        "https://watch.example.org/review",
    ),
    Note(6, "Budget portal", "https://budget.example.org/"),
]
FULL_PAGE_LIST = [
    MemberListEntry(
        "line 123", 1, PRE2020_ID, "Open budget data", 2016, "Fiscal Transparency", False
    ),
    MemberListEntry(
        "line 127", 2, "FD0013", "Beneficial ownership register", 2016, "Beneficial Ownership", True
    ),
    MemberListEntry(
        "line 131", 3, LAYOUT2020_ID, "Inclusive climate consultations", 2021, None, False
    ),
]


def test_pre2020_page_with_summaries_and_member_list_gives_the_exact_record() -> None:
    page = as_text(pre2020_parts() + summary_parts() + member_list_parts())
    assert read_page(page) == PageReadResult(
        commitment=pre2020_record(
            location="line 5",
            chrome="full",
            fields={**PRE2020_FIELDS, **SUMMARY_FIELDS},
            milestones=FULL_PAGE_MILESTONES,
            notes=FULL_PAGE_NOTES,
        ),
        member_name=MEMBER,
        member_list=FULL_PAGE_LIST,
        rejects=[],
    )


def test_2020_2023_page_gives_the_exact_record() -> None:
    assert read_page(as_text(layout2020_parts())) == PageReadResult(
        commitment=layout2020_record(location="line 5", chrome="full"),
        member_name=MEMBER,
    )


def test_2020_2023_page_has_no_starred_potential_impact_or_value_list() -> None:
    fields = commitment_of(as_text(layout2020_parts())).fields
    assert fields["relevant_to_ogp_values"] == "Yes"
    assert fields["ambition"] == "High"
    assert not {"starred", "potential_impact", "relevant_to_ogp_values_list"} & fields.keys()
    assert not any(name.startswith("relevant_access") for name in fields)


@pytest.mark.parametrize(
    ("parts", "layout"),
    [
        pytest.param(pre2020_parts(), "pre2020", id="pre2020"),
        pytest.param(layout2020_parts(), "2020_2023", id="2020-2023"),
        # The ambition graphic rendered empty: the label alone marks the generation
        # (Early Results is on both generations and must not make it pre-2020).
        pytest.param(
            with_field(layout2020_parts(), "Ambition (see definition):", value=""),
            "2020_2023",
            id="2020-2023-empty-ambition",
        ),
        pytest.param(
            with_field(
                with_field(pre2020_parts(), "Starred:", value=""), "Potential Impact:", value=""
            ),
            "pre2020",
            id="pre2020-empty-starred-and-impact",
        ),
        pytest.param(
            without(pre2020_parts(), "Starred:", "Potential Impact:"),
            "pre2020",
            id="pre2020-value-list-only",
        ),
        pytest.param(
            without(layout2020_parts(), "Ambition (see definition):"),
            "unknown",
            id="shared-labels-only",
        ),
    ],
)
def test_layout_is_told_by_the_labels_of_one_generation(parts: list[Part], layout: str) -> None:
    assert commitment_of(as_text(parts)).layout == layout


# --- Chrome ----------------------------------------------------------------------------


@pytest.mark.parametrize(("chrome", "expected"), CHROMES)
def test_pre2020_page_gives_the_same_record_in_every_chrome(
    chrome: dict[str, object], expected: str
) -> None:
    commitment = commitment_of(as_text(pre2020_parts() + summary_parts(), **chrome))
    assert commitment.chrome == expected
    assert content(commitment) == pre2020_record(
        fields={**PRE2020_FIELDS, **SUMMARY_FIELDS},
        milestones=FULL_PAGE_MILESTONES,
        notes=FULL_PAGE_NOTES,
    )


@pytest.mark.parametrize(("chrome", "expected"), CHROMES)
def test_2020_2023_page_gives_the_same_record_in_every_chrome(
    chrome: dict[str, object], expected: str
) -> None:
    commitment = commitment_of(as_text(layout2020_parts(), **chrome))
    assert commitment.chrome == expected
    assert content(commitment) == layout2020_record()


@pytest.mark.parametrize(("chrome", "expected"), NO_MEMBER_CHROMES)
def test_page_without_member_line_gives_the_record_without_member_name(
    chrome: dict[str, object], expected: str
) -> None:
    result = read_page(as_text(pre2020_parts(), **chrome))
    assert result.commitment is not None
    assert result.commitment.chrome == expected
    assert content(result.commitment) == pre2020_record(member_name=None)
    assert result.member_name is None


def test_full_page_really_has_the_chrome_the_others_lack() -> None:
    """Guards the fixtures: the variants differ from the full page where docs/sources.md says."""
    full = as_text(pre2020_parts()).split("\n\n")
    compact = as_text(pre2020_parts(), **COMPACT).split("\n")
    assert full[:3] == ["Skip Navigation", MEMBER, PRE2020_TITLE]
    assert set(STRIPPABLE) <= set(full)
    assert not set(STRIPPABLE) & set(as_text(pre2020_parts(), **STRIPPED).split("\n\n"))
    assert compact[:2] == [MEMBER, PRE2020_TITLE]
    assert "Fiscal Transparency, Open DataIRM Review" in compact
    assert "Action Plan Cycle: 2016Status: Inactive" in compact


NO_AT_A_GLANCE_RECORD = pre2020_record(
    fields=fields_without(
        PRE2020_FIELDS,
        "action_plan",
        "action_plan_cycle",
        "status",
        "lead_institution",
        "support_institution",
    ),
    policy_areas=[],
    lead_institutions=[],
    support_institutions=[],
)


@pytest.mark.parametrize(
    ("chrome", "expected"),
    [
        pytest.param(FULL, "no_at_a_glance", id="full"),
        pytest.param(STRIPPED, "no_at_a_glance", id="stripped"),
        pytest.param(WITH_BANNER, "no_at_a_glance", id="banner"),
        pytest.param(COMPACT, "compact", id="compact"),
    ],
)
def test_page_without_at_a_glance_block_goes_from_title_to_irm_review(
    chrome: dict[str, object], expected: str
) -> None:
    commitment = commitment_of(as_text(without(pre2020_parts(), *AT_A_GLANCE), **chrome))
    assert commitment.chrome == expected
    assert content(commitment) == NO_AT_A_GLANCE_RECORD


@pytest.mark.parametrize(
    ("chrome", "line"),
    [
        pytest.param(FULL, 5, id="full"),
        pytest.param(WITH_BANNER, 7, id="banner"),
        pytest.param(STRIPPED_NO_MEMBER, 3, id="stripped-no-member"),
        pytest.param(COMPACT, 2, id="compact"),
    ],
)
def test_location_is_the_title_line(chrome: dict[str, object], line: int) -> None:
    page = as_text(pre2020_parts(), **chrome)
    assert page.split("\n")[line - 1] == PRE2020_TITLE
    assert commitment_of(page).location == f"line {line}"


def test_banner_line_is_not_taken_for_the_member_name() -> None:
    page = as_text(without(pre2020_parts(), MEMBER), drop={"skip"}, banner="Take our survey!")
    assert commitment_of(page).member_name is None


# --- Values ----------------------------------------------------------------------------


LABELS = [
    "Action Plan:",
    "Action Plan Cycle:",
    "Status:",
    "Lead Institution:",
    "Support Institution(s):",
    "IRM Report:",
    "Starred:",
    "Early Results:",
    "Verifiable:",
    "Relevant to OGP Values:",
    "Potential Impact:",
    "Completion:",
]
TEXT_CHROMES = [
    pytest.param(FULL, id="full"),
    pytest.param(STRIPPED, id="stripped"),
    pytest.param(COMPACT, id="compact"),
]


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize("label", LABELS)
def test_value_on_the_line_after_its_label_is_read(label: str, chrome: dict[str, object]) -> None:
    page = as_text(with_field(pre2020_parts(), label, next_line=True), **chrome)
    assert content(commitment_of(page)) == pre2020_record()


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Starred:", "starred"),
        ("Early Results:", "early_results"),
        ("Verifiable:", "verifiable"),
        ("Potential Impact:", "potential_impact"),
        ("Completion:", "completion"),
    ],
)
def test_empty_rating_leaves_the_field_out(
    label: str, name: str, chrome: dict[str, object]
) -> None:
    """A rating shown as a graphic is empty in the text: no field, and nothing else moves."""
    page = as_text(with_field(pre2020_parts(), label, value=""), **chrome)
    assert content(commitment_of(page)) == pre2020_record(
        fields=fields_without(PRE2020_FIELDS, name)
    )


@pytest.mark.parametrize("next_line", [False, True], ids=["same-line", "next-line"])
@pytest.mark.parametrize(
    ("label", "name", "value"),
    [
        ("Early Results:", "early_results", "Did Not Change Did Not Change"),
        ("Early Results:", "early_results", "Major Major"),
        ("Starred:", "starred", "Yes Starred"),
        ("Starred:", "starred", "✪ Yes"),
        ("Potential Impact:", "potential_impact", "Moderate ✪"),
    ],
)
def test_doubled_and_decorated_values_are_kept_as_shown(
    label: str, name: str, value: str, next_line: bool
) -> None:
    """The SQL undoubles; the reader must still know them as values (next-line case)."""
    parts = with_field(pre2020_parts(), label, value=value, next_line=next_line)
    for chrome in (FULL, STRIPPED, COMPACT):
        commitment = commitment_of(as_text(parts, **chrome))
        assert content(commitment) == pre2020_record(fields={**PRE2020_FIELDS, name: value})


@pytest.mark.parametrize(
    "value",
    ["Major Major", "Did Not Change Did Not Change", "Yes Starred", "✪ Yes", "No ✪", "NR", "NA"],
)
def test_doubled_decorated_and_placeholder_values_are_rating_values(value: str) -> None:
    assert is_rating_value(value)


@pytest.mark.parametrize("value", ["Major Minor", "Ministry of Finance", "Yes we can", ""])
def test_other_text_is_not_a_rating_value(value: str) -> None:
    assert not is_rating_value(value)


@pytest.mark.parametrize("next_line", [False, True], ids=["same-line", "next-line"])
@pytest.mark.parametrize("placeholder", ["Pending IRM Review", "NR", "NA", "No IRM Data"])
@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Potential Impact:", "potential_impact"),
        ("Completion:", "completion"),
        ("Early Results:", "early_results"),
    ],
)
def test_placeholders_are_kept_as_the_field_text(
    label: str, name: str, placeholder: str, next_line: bool
) -> None:
    parts = with_field(pre2020_parts(), label, value=placeholder, next_line=next_line)
    for chrome in (FULL, STRIPPED, COMPACT):
        commitment = commitment_of(as_text(parts, **chrome))
        assert content(commitment) == pre2020_record(fields={**PRE2020_FIELDS, name: placeholder})


def test_heading_with_a_star_mark_is_still_a_heading() -> None:
    parts = replaced(pre2020_parts(), "IRM Review", heading("✪ IRM Review"))
    assert content(commitment_of(as_text(parts))) == pre2020_record()


# --- Labels found by the known list ----------------------------------------------------


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
def test_title_with_a_colon_is_a_title(chrome: dict[str, object]) -> None:
    parts = replaced(pre2020_parts(), PRE2020_TITLE, title(f"Budget: open data ({PRE2020_ID})"))
    commitment = commitment_of(as_text(parts, **chrome))
    assert content(commitment) == pre2020_record(title="Budget: open data")


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
def test_description_lines_with_colons_are_description_not_fields(
    chrome: dict[str, object],
) -> None:
    """`Objective:`, `Status quo:`, `Ambition:` open description paragraphs; and in the
    stripped chrome (no Description heading) a description quoting a label already read
    (`Status: ...`) ends the header instead of overwriting the field."""
    lines = ("Status: the portal is live.", *DESCRIPTION_PRE2020, "Verifiable: yes, by law.")
    parts = without(pre2020_parts(), *DESCRIPTION_PRE2020) + [text(line) for line in lines]
    commitment = commitment_of(as_text(parts, **chrome))
    assert content(commitment) == pre2020_record(description="\n".join(lines))


def test_2020_2023_description_ambition_line_is_not_the_ambition_rating() -> None:
    parts = replaced(
        layout2020_parts(),
        "Hold four regional consultations on the climate budget.",
        [text("Ambition: every region is heard."), text("Status quo: one meeting a year.")],
    )
    commitment = commitment_of(as_text(parts, **STRIPPED))
    assert content(commitment) == layout2020_record(
        description="Ambition: every region is heard.\nStatus quo: one meeting a year."
    )


def test_action_plan_naming_plans_with_commas_is_kept_whole() -> None:
    plan = "Freedonia Action Plan 2016-2018, Revised, Springfield, Freedonia Local Plan 2017"
    for next_line in (False, True):
        parts = with_field(pre2020_parts(), "Action Plan:", value=plan, next_line=next_line)
        commitment = commitment_of(as_text(parts, **STRIPPED))
        assert content(commitment) == pre2020_record(fields={**PRE2020_FIELDS, "action_plan": plan})


# --- Title quirks ----------------------------------------------------------------------


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    ("line", "expected_title", "stray"),
    [
        pytest.param("Open budget data (phase II) (FD0012)", "Open budget data (phase II)", None),
        pytest.param("Open budget data. (FD0012)", "Open budget data", None, id="period-before"),
        pytest.param("Open budget data (FD0012).", "Open budget data", None, id="period-after"),
        pytest.param("Open budget data (fd0012)", "Open budget data", None, id="lower-case-id"),
        pytest.param("✪ Open budget data (FD0012)", "Open budget data", None, id="star"),
        pytest.param("Open budget data (FD0012) draft", "Open budget data", "draft", id="stray"),
    ],
)
def test_title_line_quirks(
    line: str, expected_title: str, stray: str | None, chrome: dict[str, object]
) -> None:
    page = as_text(replaced(pre2020_parts(), PRE2020_TITLE, title(line)), **chrome)
    result = read_page(page)
    assert result.commitment is not None
    assert content(result.commitment) == pre2020_record(title=expected_title)
    location = result.commitment.location
    expected = (
        [
            Reject(
                location,
                "warning",
                f"text {stray!r} after the ID in the title line was left out",
                PRE2020_ID,
            )
        ]
        if stray
        else []
    )
    assert result.rejects == expected


def test_local_member_ids_with_three_and_four_letters() -> None:
    for commitment_id in ("ELG0001", "KEEM0002"):
        page = as_text(
            replaced(pre2020_parts(), PRE2020_TITLE, title(f"Open data ({commitment_id})"))
        )
        assert commitment_of(page).commitment_id == commitment_id


# --- Institutions, policy areas and OGP values as pages show them ----------------------


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    ("lead", "field_text", "names"),
    [
        pytest.param(
            field("Lead Institution:", "Ministry of Finance; National Statistics Office"),
            "Ministry of Finance; National Statistics Office",
            PRE2020_LEAD,
            id="semicolon",
        ),
        pytest.param(
            bullets("Lead Institution:", "Ministry of Finance", "National Statistics Office"),
            "Ministry of Finance\nNational Statistics Office",
            PRE2020_LEAD,
            id="bullets",
        ),
        pytest.param(
            bullets("Lead Institution:", *PRE2020_LEAD, marker="1."),
            "1. Ministry of Finance\n2. National Statistics Office",
            PRE2020_LEAD,
            id="numbered-lines",
        ),
        pytest.param(
            field("Lead Institution:", "1. Ministry of Finance 2. National Statistics Office"),
            "1. Ministry of Finance 2. National Statistics Office",
            PRE2020_LEAD,
            id="numbered-run-on",
        ),
        pytest.param(
            bullets(
                "Lead Institution:",
                "Ministry of Finance,",
                "National Statistics Office,",
                marker="",
            ),
            "Ministry of Finance,\nNational Statistics Office,",
            PRE2020_LEAD,
            id="lines-trailing-commas",
        ),
        pytest.param(
            field("Lead Institution:", "Ministry of Finance, National Statistics Office,"),
            "Ministry of Finance, National Statistics Office,",
            ["Ministry of Finance", "National Statistics Office"],
            id="comma-separates",
        ),
        pytest.param(
            field("Lead Institution:", "Ministry of Fi- nance and National Statistics Office"),
            "Ministry of Fi- nance and National Statistics Office",
            PRE2020_LEAD,
            id="pdf-hyphenation",
        ),
        pytest.param(
            field("Lead Institution:", "Ministry of Culture and Sport"),
            "Ministry of Culture and Sport",
            ["Ministry of Culture and Sport"],
            id="and-inside-one-name",
        ),
    ],
)
def test_lead_institution_variants(
    lead: Part, field_text: str, names: list[str], chrome: dict[str, object]
) -> None:
    parts = replaced(pre2020_parts(), "Lead Institution:", lead)
    commitment = commitment_of(as_text(parts, **chrome))
    assert content(commitment) == pre2020_record(
        fields={**PRE2020_FIELDS, "lead_institution": field_text}, lead_institutions=names
    )


def test_support_institutions_as_bullets_before_policy_areas_in_stripped_chrome() -> None:
    parts = replaced(
        pre2020_parts(),
        "Support Institution(s):",
        bullets("Support Institution(s):", *PRE2020_SUPPORT),
    )
    commitment = commitment_of(as_text(parts, **STRIPPED))
    assert content(commitment) == pre2020_record(
        fields={**PRE2020_FIELDS, "support_institution": "\n".join(PRE2020_SUPPORT)}
    )


def test_lead_repeated_in_support_and_contact_details_leave_the_institution_lists() -> None:
    lead = "Ministry of Finance, Jane Doe, Director, jane.doe@finance.gov.fd"
    support = "Ministry of Finance; Office of the Auditor General"
    parts = with_field(pre2020_parts(), "Lead Institution:", value=lead)
    parts = with_field(parts, "Support Institution(s):", value=support)
    result = read_page(as_text(parts))
    assert result.commitment is not None
    assert result.commitment.lead_institutions == ["Ministry of Finance"]
    assert result.commitment.support_institutions == ["Office of the Auditor General"]
    assert result.commitment.fields["lead_institution"] == lead  # the text as shown is kept
    assert [(r.severity, r.commitment_id) for r in result.rejects] == [("warning", PRE2020_ID)]
    assert "'Lead Institution' holds a person's contact details" in result.rejects[0].reason
    assert "jane" not in result.rejects[0].reason.lower()


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    ("lines", "areas"),
    [
        pytest.param(["Fiscal Transparency , Open Data"], PRE2020_AREAS, id="space-comma"),
        pytest.param(["Fiscal Transparency Open Data"], PRE2020_AREAS, id="missing-comma"),
        pytest.param(["• Fiscal Transparency", "• Open Data"], PRE2020_AREAS, id="bullets"),
        pytest.param(
            ["Fiscal Transparency, Open Data Public Participation"],
            [*PRE2020_AREAS, "Public Participation"],
            id="three-one-comma-missing",
        ),
        pytest.param(
            ["Budget Openness, Open Data"], ["Budget Openness", "Open Data"], id="unknown-name"
        ),
    ],
)
def test_policy_area_variants(
    lines: list[str], areas: list[str], chrome: dict[str, object]
) -> None:
    parts = replaced(pre2020_parts(), "Fiscal Transparency, Open Data", [text(x) for x in lines])
    commitment = commitment_of(as_text(parts, **chrome))
    assert content(commitment) == pre2020_record(policy_areas=areas)


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    ("values", "field_text", "relevant"),
    [
        pytest.param(
            field(
                "Relevant to OGP Values:", "Access to Information Civic Participation , Technology"
            ),
            "Access to Information Civic Participation , Technology",
            ("Yes", "Yes", "No", "Yes"),
            id="missing-comma",
        ),
        pytest.param(
            bullets("Relevant to OGP Values:", "Access to Information", "Public Accountability"),
            "Access to Information\nPublic Accountability",
            ("Yes", "No", "Yes", "No"),
            id="bullets",
        ),
        pytest.param(
            bullets("Relevant to OGP Values:", "Civic Participation", "Technology", marker=""),
            "Civic Participation\nTechnology",
            ("No", "Yes", "No", "Yes"),
            id="one-per-line",
        ),
    ],
)
def test_relevant_to_ogp_values_list_variants(
    values: Part, field_text: str, relevant: tuple[str, ...], chrome: dict[str, object]
) -> None:
    parts = replaced(pre2020_parts(), "Relevant to OGP Values:", values)
    commitment = commitment_of(as_text(parts, **chrome))
    names = ("access_to_information", "civic_participation", "public_accountability", "technology")
    assert content(commitment) == pre2020_record(
        fields={
            **PRE2020_FIELDS,
            "relevant_to_ogp_values_list": field_text,
            **{f"relevant_{n}": v for n, v in zip(names, relevant, strict=True)},
        }
    )


def test_relevant_to_ogp_values_that_is_neither_yes_no_nor_a_list_is_rejected() -> None:
    parts = with_field(pre2020_parts(), "Relevant to OGP Values:", value="Open Data, Health")
    result = read_page(as_text(parts))
    assert result.commitment is not None
    assert content(result.commitment) == pre2020_record(
        fields=fields_without(
            PRE2020_FIELDS,
            "relevant_to_ogp_values",
            "relevant_to_ogp_values_list",
            "relevant_access_to_information",
            "relevant_civic_participation",
            "relevant_public_accountability",
            "relevant_technology",
        )
    )
    assert result.rejects == [
        Reject(
            "line 5",
            "warning",
            "'Relevant to OGP Values' value 'Open Data, Health' is neither Yes/No "
            "nor a list of OGP values; not read",
            PRE2020_ID,
        )
    ]


# --- IRM status summaries ----------------------------------------------------------------


def read_summary(parts: list[Part], chrome: dict[str, object] = FULL) -> PageCommitment:
    """The commitment of the base pre-2020 page followed by the given summary parts."""
    return commitment_of(as_text(pre2020_parts() + parts, **chrome))


def summary_fields(commitment: PageCommitment) -> dict[str, str]:
    return {k: v for k, v in commitment.fields.items() if k not in PRE2020_FIELDS}


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
def test_status_summaries_give_fields_milestones_and_notes(chrome: dict[str, object]) -> None:
    commitment = read_summary(summary_parts(), chrome)
    assert summary_fields(commitment) == SUMMARY_FIELDS
    assert commitment.milestones == FULL_PAGE_MILESTONES
    assert commitment.notes == FULL_PAGE_NOTES
    assert commitment.description == "\n".join(DESCRIPTION_PRE2020)


def test_ratings_labels_outside_did_it_open_government_are_text() -> None:
    """`Access to Information:` in the commitment text and `Public Accountability:` under
    `Carried Forward?` are sentences; the midterm section rates only two values."""
    parts = summary_parts()
    midterm = parts[: parts.index(heading("IRM End of Term Status Summary"))]
    fields = summary_fields(read_summary(midterm))
    assert fields["commitment_text"].endswith(
        "\nAccess to Information: budget files will be machine readable."
    )
    assert fields["did_it_open_government_access_to_information"] == "Major"
    assert fields["did_it_open_government_civic_participation"] == "Did Not Change"
    assert "did_it_open_government_public_accountability" not in fields


def test_rating_label_before_any_did_it_open_government_heading_is_not_a_rating() -> None:
    fields = summary_fields(
        read_summary(
            [
                heading("IRM Midterm Status Summary"),
                field("Access to Information:", "Major"),
                heading("Status"),
                field("Civic Participation:", "Marginal"),
            ]
        )
    )
    assert not any(name.startswith("did_it_open_government") for name in fields)


def test_did_it_open_government_sentence_is_not_a_rating() -> None:
    fields = summary_fields(
        read_summary(
            [
                heading("IRM End of Term Status Summary"),
                heading("Did It Open Government?"),
                field("Access to Information:", "Marginal Marginal", next_line=True),
                text("The files were used by journalists."),
                text("Public Accountability: the office did not report on the use."),
            ]
        )
    )
    assert fields == {"did_it_open_government_access_to_information": "Marginal Marginal"}


def test_completion_values_on_the_next_line_and_later_section_wins() -> None:
    fields = summary_fields(
        read_summary(
            [
                heading("IRM Midterm Status Summary"),
                field("Midterm:", "Limited", next_line=True),
                heading("Did It Open Government?"),
                field("Civic Participation:", "Did Not Change"),
                heading("IRM End of Term Status Summary"),
                field("End of term:", "Substantial", next_line=True),
                heading("Did It Open Government?"),
                field("Civic Participation:", "Major"),
            ]
        )
    )
    assert fields == {
        "completion_midterm": "Limited",
        "completion_end_of_term": "Substantial",
        "did_it_open_government_civic_participation": "Major",
    }


def test_empty_completion_label_reads_nothing_from_the_prose_after_it() -> None:
    fields = summary_fields(
        read_summary(
            [
                heading("IRM End of Term Status Summary"),
                field("End of term:"),
                text("Complete details are in the report."),
            ]
        )
    )
    assert fields == {}


def test_start_and_end_dates_are_one_line_values() -> None:
    fields = summary_fields(
        read_summary(
            [
                heading("IRM End of Term Status Summary"),
                text("4. Open budget data"),
                field("Start date:", "May 2016"),
                field("End date:", "June 2018", next_line=True),
                text("Status quo: the budget was closed."),
                text("Ambition: an open budget."),
            ]
        )
    )
    assert fields == {"commitment_number": "4", "start_date": "May 2016", "end_date": "June 2018"}


def test_section_title_with_star_mark_gives_the_commitment_number() -> None:
    fields = summary_fields(
        read_summary([heading("IRM Midterm Status Summary ✪"), text("✪ 7. Open budget data")])
    )
    assert fields == {"commitment_number": "7"}


def test_milestone_after_a_milestones_label_is_not_the_commitment_number() -> None:
    commitment = read_summary(
        [
            heading("IRM Midterm Status Summary"),
            text("4. Open budget data"),
            field("Milestones:", "1. First file"),
            text("2. Second file"),
            heading("IRM End of Term Status Summary"),
            field("Milestones:"),
            text("2. Second file, reworded"),
            text("3. Third file"),
        ]
    )
    assert summary_fields(commitment) == {"commitment_number": "4"}
    assert commitment.milestones == [
        Milestone(1, "First file"),
        Milestone(2, "Second file"),
        Milestone(3, "Third file"),
    ]


def test_bulleted_milestones_are_numbered_in_order_with_wrapped_lines_joined() -> None:
    commitment = read_summary(
        [
            heading("IRM End of Term Status Summary"),
            field("Milestones:"),
            text("• Publish the file"),
            text("every quarter"),
            text("• Hold a hearing"),
            field("Responsible institution:", "Ministry of Finance"),
        ]
    )
    assert commitment.milestones == [
        Milestone(1, "Publish the file every quarter"),
        Milestone(2, "Hold a hearing"),
    ]
    assert summary_fields(commitment) == {"responsible_institution": "Ministry of Finance"}


# --- Notes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "notes"),
    [
        pytest.param(
            "Passed.[Note 1: Legislation.gov.uk, ‘Act', https://www.legislation.gov.uk/a ]",
            [Note(1, "Legislation.gov.uk, ‘Act'", "https://www.legislation.gov.uk/a")],
            id="with-url",
        ),
        pytest.param(
            "Done.[Note 2: Interview with the office, 14 September 2017.]",
            [Note(2, "Interview with the office, 14 September 2017.", None)],
            id="without-url",
        ),
        pytest.param(
            "[Note 3: A, ‘One', https://a.example/1, and B, ‘Two', https://b.example/2 ]",
            [Note(3, "A, ‘One', https://a.example/1, and B, ‘Two'", "https://b.example/2")],
            id="two-urls",
        ),
        pytest.param(
            "[Note 4: Computerworld, What?, https://c.example/open-data/. ]",
            [Note(4, "Computerworld, What?", "https://c.example/open-data/")],
            id="url-trailing-period",
        ),
        pytest.param(
            "[Note 5: Wiki (2018), https://w.example/wiki/Budget_(Freedonia) ]",
            [Note(5, "Wiki (2018)", "https://w.example/wiki/Budget_(Freedonia)")],
            id="url-with-parentheses",
        ),
        pytest.param(
            "[Note 6: A page (see https://d.example/x) ]",
            [Note(6, "A page (see", "https://d.example/x")],
            id="url-closing-a-parenthesis",
        ),
        pytest.param(
            "[Note 7: A,\nhttps://e.example/wrapped ]",
            [Note(7, "A", "https://e.example/wrapped")],
            id="wrapped",
        ),
        pytest.param(
            "[Note 8: first, https://f.example/ ] later [Note 8: again ] [Note 2: two ]",
            [Note(2, "two", None), Note(8, "first", "https://f.example/")],
            id="first-of-a-number-sorted",
        ),
    ],
)
def test_read_notes(source: str, notes: list[Note]) -> None:
    assert read_notes(source) == notes


# --- The real sample ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> PageReadResult:
    return read_page(SAMPLE.read_text(encoding="utf-8"))


def test_sample_header(sample: PageReadResult) -> None:
    commitment = sample.commitment
    assert commitment is not None
    assert (commitment.commitment_id, commitment.title, commitment.member_name) == (
        "UK0073",
        "Better use of data assets",
        "United Kingdom",
    )
    assert (commitment.layout, commitment.chrome, commitment.location) == (
        "pre2020",
        "full",
        "line 4",
    )
    assert sample.member_name == "United Kingdom"
    assert commitment.lead_institutions == [
        "Cabinet Office (Government Digital Service)",
        "Office of National Statistics",
    ]
    # `, ` separates bodies (docs/sources.md §1; institution_lists.py).
    assert commitment.support_institutions == [
        "All government departments",
        "Democratise",
        "mySociety",
        "The Open Data institute",
    ]
    assert commitment.policy_areas == [
        "Capacity Building",
        "Open Data",
        "Public Service Delivery",
        "Right to Information",
    ]


def test_sample_fields(sample: PageReadResult) -> None:
    assert sample.commitment is not None
    fields = sample.commitment.fields
    assert {k: v for k, v in fields.items() if k not in {"commitment_text", "commitment_aim"}} == {
        "action_plan": "United Kingdom – Third National Action Plan 2016-18",
        "action_plan_cycle": "2016",
        "status": "Inactive",
        "lead_institution": (
            "Cabinet Office (Government Digital Service) and Office of National Statistics"
        ),
        "support_institution": (
            "All government departments; Democratise, mySociety, The Open Data institute"
        ),
        "irm_report": (
            "United Kingdom End-of-Term Report 2016-2018, United Kingdom Mid-Term Report 2016-2018"
        ),
        "starred": "No",
        "early_results": "Did Not Change Did Not Change",
        "verifiable": "Yes",
        "relevant_to_ogp_values": "Yes",
        "relevant_to_ogp_values_list": "Access to Information Civic Participation , Technology",
        "relevant_access_to_information": "Yes",
        "relevant_civic_participation": "Yes",
        "relevant_public_accountability": "No",
        "relevant_technology": "Yes",
        "commitment_number": "11",
        "responsible_institution": (
            "Cabinet Office (Government Digital Service) and Office of National Statistics"
        ),
        "supporting_institutions": (
            "All government departments, Democratise, mySociety, The Open Data institute."
        ),
        "start_date": "May 2016",
        "end_date": "June 2018",
        "completion_midterm": "Substantial",
        "completion_end_of_term": "Complete",
        "did_it_open_government_access_to_information": "Did Not Change",
        "did_it_open_government_civic_participation": "Did Not Change",
    }
    assert fields["commitment_text"].startswith("We will encourage and support data-driven")
    assert fields["commitment_text"].endswith("the better use of data in government")
    assert fields["commitment_aim"].startswith("The purpose of this commitment was")


def test_sample_description(sample: PageReadResult) -> None:
    assert sample.commitment is not None
    description = sample.commitment.description
    assert description is not None
    lines = description.split("\n")
    assert [line.split(":")[0] for line in lines] == ["Objective", "Status quo", "Ambition"]
    assert lines[2].endswith("for the better use of data in government")


def test_sample_milestones(sample: PageReadResult) -> None:
    assert sample.commitment is not None
    milestones = sample.commitment.milestones
    assert [m.number for m in milestones] == [1, 2, 3, 4, 5, 6]
    assert milestones[0].text.startswith("Pursue legislative changes")
    assert milestones[0].text.endswith("consulting with the public at key stages")
    assert milestones[5] == Milestone(
        6,
        "Showcase best practice in data science through cross government projects, finding "
        "opportunities to bring in external expertise to inform the design and delivery of "
        "the projects",
    )


def test_sample_notes(sample: PageReadResult) -> None:
    assert sample.commitment is not None
    notes = {note.number: note for note in sample.commitment.notes}
    assert list(notes) == list(range(106, 121))
    assert notes[106] == Note(
        106,
        "Legislation.gov.uk, ‘Digital Economy Act 2017'",
        "https://www.legislation.gov.uk/ukpga/2017/30/contents",
    )
    assert notes[108] == Note(108, "UK government commitment update for July 2017.", None)
    assert notes[119] == Note(
        119,
        "Computerworld, What is the UK government's open data strategy?",
        "https://www.computerworlduk.com/data/how-uk-government-uses-open-data-3683332/",
    )
    assert notes[112].url == (
        "https://data.blog.gov.uk/2017/04/11/"
        "the-data-science-accelerator-pensions-patient-journeys-and-predicting-public-order/"
    )
    assert "https://www.gov.uk/government/publications/data-science-accelerator-programme" in (
        notes[112].text
    )
    assert [n for n, note in notes.items() if note.url is None] == [108, 110, 111, 116, 117]


def test_sample_has_no_rejects_but_the_repaired_list_title(sample: PageReadResult) -> None:
    assert [(r.severity, r.commitment_id) for r in sample.rejects] == [("warning", "UK0074")]


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param({"blank_lines": False}, id="single-newlines-only"),
        pytest.param({"glue": {"IRM Review"}}, id="glued-heading-only"),
        pytest.param({"glue": {"Status:"}}, id="glued-label-only"),
    ],
)
def test_either_mark_of_the_compact_chrome_is_enough(chrome: dict[str, object]) -> None:
    commitment = commitment_of(as_text(pre2020_parts(), **chrome))
    assert commitment.chrome == "compact"
    assert content(commitment) == pre2020_record()


def test_header_value_right_before_the_description_heading_stays_in_the_header() -> None:
    """A page with no IRM review block: the institutions and the (unknown) policy-area
    names are the last header lines, with only the `Description` heading after them."""
    parts = [
        *pre2020_parts()[: pre2020_parts().index(heading("Policy Areas"))],
        heading("Policy Areas"),
        text("Budget Openness, Fiscal Data"),
        heading("Description"),
        text("Publish the budget."),
    ]
    parts = replaced(parts, "Lead Institution:", bullets("Lead Institution:", *PRE2020_LEAD))
    for chrome in (FULL, COMPACT):
        commitment = commitment_of(as_text(parts, **chrome))
        assert commitment.policy_areas == ["Budget Openness", "Fiscal Data"]
        assert commitment.description == "Publish the budget."
    no_areas = without(parts, "Policy Areas", "Budget Openness, Fiscal Data")
    no_areas = replaced(
        no_areas, "Support Institution(s):", bullets("Support Institution(s):", *PRE2020_SUPPORT)
    )
    commitment = commitment_of(as_text(no_areas))
    assert commitment.support_institutions == PRE2020_SUPPORT
    assert commitment.description == "Publish the budget."


@pytest.mark.parametrize(
    "glued",
    [
        "Institutions",
        "Policy Areas",
        "IRM Review",
        "Design i",
        "Implementation i",
        "Description",
        "Lead Institution:",
        "Support Institution(s):",
        "IRM Report:",
        "Starred:",
        "Early Results:",
        "Verifiable:",
        "Relevant to OGP Values:",
        "Potential Impact:",
        "Completion:",
        "IRM Midterm Status Summary",
        "IRM End of Term Status Summary",
        "Commitment Text:",
        "Milestones:",
        "Responsible institution:",
        "Start date:",
        "Midterm:",
        "End of term:",
        "Did It Open Government?",
        "Carried Forward?",
    ],
)
def test_compact_page_with_any_heading_or_label_glued_to_the_line_before(glued: str) -> None:
    """`...Open DataIRM Review`, `...2016-2017Starred: ...`, and in the status summaries
    `...[Note 4: ... ]Did It Open Government?`: each is put back on a line of its own."""
    page = as_text(pre2020_parts() + summary_parts(), **{**COMPACT, "glue": {glued}})
    glued_line = next(line for line in page.split("\n") if line.endswith(glued) or glued in line)
    assert not glued_line.startswith(glued)
    commitment = commitment_of(page)
    assert commitment.chrome == "compact"
    assert content(commitment) == pre2020_record(
        fields={**PRE2020_FIELDS, **SUMMARY_FIELDS},
        milestones=FULL_PAGE_MILESTONES,
        notes=FULL_PAGE_NOTES,
    )


@pytest.mark.parametrize("chrome", TEXT_CHROMES)
@pytest.mark.parametrize(
    "label",
    [
        "Early Results:",
        "Verifiable:",
        "Relevant to OGP Values:",
        "Ambition (see definition):",
        "Completion:",
    ],
)
def test_2020_2023_value_on_the_line_after_its_label_is_read(
    label: str, chrome: dict[str, object]
) -> None:
    page = as_text(with_field(layout2020_parts(), label, next_line=True), **chrome)
    assert content(commitment_of(page)) == layout2020_record()
