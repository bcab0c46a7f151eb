"""split_policy_areas / split_ogp_values on the list quirks of docs/sources.md §1: separators,
missing commas, trailing commas, placeholders, duplicates, names not in the vocabulary.
Institution fields: test_institutions.py; contact details: test_contacts.py."""

from __future__ import annotations

import pytest

from pipeline.raw.fields.lists import split_ogp_values, split_policy_areas


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
