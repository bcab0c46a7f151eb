"""split_institutions / split_policy_areas / split_ogp_values on the multi-value text
quirks of SOURCES.md §1: separators, list markers, trailing commas, PDF hyphenation,
` and ` between two bodies vs inside one name, missing commas, placeholders, duplicates."""

from __future__ import annotations

import pytest

from pipeline.lists import split_institutions, split_ogp_values, split_policy_areas

FINANCE = "Ministry of Finance"
STATS = "National Statistics Office"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(f"{FINANCE}; {STATS}", [FINANCE, STATS], id="semicolon"),
        pytest.param(f"{FINANCE};\n\n{STATS};", [FINANCE, STATS], id="semicolons-blank-line"),
        pytest.param(f"{FINANCE}\n{STATS}", [FINANCE, STATS], id="newline"),
        pytest.param(f"{FINANCE}\r\n{STATS}", [FINANCE, STATS], id="crlf"),
        pytest.param(f"• {FINANCE}\n• {STATS}", [FINANCE, STATS], id="bullets"),
        pytest.param(f"* {FINANCE}\n* {STATS}", [FINANCE, STATS], id="html-bullets"),
        pytest.param(f"- {FINANCE}\n- {STATS}", [FINANCE, STATS], id="dashes"),
        pytest.param(f"{FINANCE} • {STATS}", [FINANCE, STATS], id="inline-bullet"),
        pytest.param(f"1. {FINANCE}\n2. {STATS}", [FINANCE, STATS], id="numbered-lines"),
        pytest.param(f"1) {FINANCE}\n2) {STATS}", [FINANCE, STATS], id="numbered-parens"),
        pytest.param(f"a) {FINANCE}\nb) {STATS}", [FINANCE, STATS], id="lettered"),
        pytest.param(f"1. {FINANCE} 2. {STATS}", [FINANCE, STATS], id="numbered-run-on"),
        pytest.param(f"(1) {FINANCE} (2) {STATS}", [FINANCE, STATS], id="numbered-run-on-paren"),
        pytest.param(
            f"1. {FINANCE} 3. {STATS}", [f"{FINANCE} 3. {STATS}"], id="run-on-not-counting-up"
        ),
        pytest.param(f"{FINANCE} 2. {STATS}", [f"{FINANCE} 2. {STATS}"], id="number-inside"),
        pytest.param(f"{FINANCE},\n{STATS},", [FINANCE, STATS], id="trailing-commas"),
        pytest.param(f"{FINANCE},", [FINANCE], id="trailing-comma"),
        pytest.param(f"{FINANCE}.", [FINANCE], id="trailing-period"),
        pytest.param(
            "Ministry of Go- vernment Affairs", ["Ministry of Government Affairs"], id="hyphenation"
        ),
        pytest.param(
            "Ministry of Anti-Corruption", ["Ministry of Anti-Corruption"], id="real-hyphen"
        ),
        pytest.param(f"{FINANCE} and {STATS}", [FINANCE, STATS], id="and-two-bodies"),
        pytest.param(f"{FINANCE} & {STATS}", [FINANCE, STATS], id="ampersand-two-bodies"),
        pytest.param(
            "Cabinet Office (Government Digital Service) and Office of National Statistics",
            ["Cabinet Office (Government Digital Service)", "Office of National Statistics"],
            id="and-after-parentheses",
        ),
        pytest.param(
            "Cabinet Office (Digital Service and Data Unit) and Office of National Statistics",
            ["Cabinet Office (Digital Service and Data Unit)", "Office of National Statistics"],
            id="and-inside-parentheses",
        ),
        pytest.param(
            "Ministry of Culture and Sport", ["Ministry of Culture and Sport"], id="and-in-name"
        ),
        pytest.param(
            "Ministry of Finance and Economic Planning",
            ["Ministry of Finance and Economic Planning"],
            id="and-in-name-2",
        ),
        pytest.param(
            "Department for Business, Innovation and Skills",
            ["Department for Business, Innovation and Skills"],
            id="comma-and-in-name",
        ),
        pytest.param(
            "Ministry of Finance and civil society organisations",
            ["Ministry of Finance and civil society organisations"],
            id="and-lower-case-phrase",
        ),
        pytest.param(
            "Ministry of Justice and Ministry of Interior and Central Bank",
            ["Ministry of Justice", "Ministry of Interior", "Central Bank"],
            id="three-bodies",
        ),
        pytest.param(
            "Ministry of Health and Social Services and National Audit Office",
            ["Ministry of Health and Social Services", "National Audit Office"],
            id="and-in-name-then-second-body",
        ),
        pytest.param(f"{FINANCE}; NA; {FINANCE}", [FINANCE], id="placeholder-and-duplicate"),
        pytest.param(f"{FINANCE}\nministry of  finance", [FINANCE], id="duplicate-other-case"),
        pytest.param("Pending IRM Review", [], id="placeholder-only"),
        pytest.param("NR", [], id="not-reviewed"),
        pytest.param("", [], id="empty"),
        pytest.param(None, [], id="none"),
    ],
)
def test_split_institutions(text: str | None, names: list[str]) -> None:
    assert split_institutions(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Capacity Building, Open Data, Public Service Delivery, Right to Information",
            ["Capacity Building", "Open Data", "Public Service Delivery", "Right to Information"],
            id="sample",
        ),
        pytest.param("Fiscal Transparency , Open Data", ["Fiscal Transparency", "Open Data"]),
        pytest.param("Fiscal Transparency Open Data", ["Fiscal Transparency", "Open Data"]),
        pytest.param(
            "Fiscal Transparency, Open Data Public Participation",
            ["Fiscal Transparency", "Open Data", "Public Participation"],
            id="one-comma-missing",
        ),
        pytest.param("open data public participation", ["Open Data", "Public Participation"]),
        pytest.param("Open Data\nPublic Participation", ["Open Data", "Public Participation"]),
        pytest.param("Open Data; Health", ["Open Data", "Health"]),
        pytest.param("open data, public participation", ["open data", "public participation"]),
        pytest.param("Anti Corruption and Integrity", ["Anti Corruption and Integrity"]),
        pytest.param("Budget Openness, Open Data", ["Budget Openness", "Open Data"]),
        pytest.param(
            "Fiscal Transparency Budget Openness", ["Fiscal Transparency Budget Openness"]
        ),
        pytest.param("Open Data, NR", ["Open Data"], id="placeholder-dropped"),
        pytest.param("Open Data, Open Data", ["Open Data"], id="duplicate"),
        pytest.param("Open Data,", ["Open Data"], id="trailing-comma"),
        pytest.param("Pending IRM Review", [], id="placeholder-only"),
        pytest.param(None, [], id="none"),
    ],
)
def test_split_policy_areas(text: str | None, names: list[str]) -> None:
    assert split_policy_areas(text) == names


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param(
            "Access to Information Civic Participation , Technology",
            ["access_to_information", "civic_participation", "technology"],
            id="sample-missing-comma",
        ),
        pytest.param(
            "Access to Information, Civic Participation, Public Accountability",
            ["access_to_information", "civic_participation", "public_accountability"],
        ),
        pytest.param("Civic Participation\nTechnology", ["civic_participation", "technology"]),
        pytest.param(
            "Access to Information; Technology and Innovation for Transparency and Accountability",
            ["access_to_information", "technology"],
            id="technology-long-name",
        ),
        pytest.param("access to information", ["access_to_information"], id="lower-case"),
        pytest.param(
            "Access to Information, Civic Participation, Access to Information",
            ["access_to_information", "civic_participation"],
            id="duplicate",
        ),
        pytest.param("Access to Information, NR", ["access_to_information"], id="placeholder"),
        pytest.param("Access to Information,", ["access_to_information"], id="trailing-comma"),
        pytest.param("Access to Information, Open Data", None, id="not-a-value"),
        pytest.param("Yes", None, id="yes"),
        pytest.param("NR", None, id="placeholder-only"),
        pytest.param("NA, Pending IRM Review", None, id="placeholders-only"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_split_ogp_values(text: str | None, values: list[str] | None) -> None:
    assert split_ogp_values(text) == values
