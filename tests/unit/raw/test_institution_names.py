"""What identifies an institution name: key, acronym (pipeline/raw/fields/institution_names.py)."""

from __future__ import annotations

import pytest

from pipeline.raw.fields.institution_names import (
    acronym_key,
    institution_columns,
    is_acronym,
    name_key,
    split_acronym,
)


@pytest.mark.parametrize(
    ("name", "base", "acronym"),
    [
        ("Council of Governors (CoG)", "Council of Governors", "CoG"),
        ("Ministry of E-Government /MEG/", "Ministry of E-Government", "MEG"),
        ("Institute of Economic Affairs [IEA]", "Institute of Economic Affairs", "IEA"),
        ("MoF", "MoF", "MoF"),
        ("Parliamentary Budget Officer (TBC)", "Parliamentary Budget Officer (TBC)", None),
        (GDS := "Cabinet Office (Government Digital Service)", GDS, None),
        (IBP := "International Budget Partnership (Kenya)", IBP, None),
        ("Senate", "Senate", None),
        ("  Ministry  of Justice (OSZBK) ", "Ministry of Justice", "OSZBK"),
    ],
)  # fmt: skip
def test_split_acronym(name: str, base: str, acronym: str | None) -> None:
    assert split_acronym(name) == (base, acronym)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("MoF", True), ("IPFK", True), ("U.N.", True), ("CCI-CI", True), ("Senate", False),
     ("TBC", False), ("TV", False), ("A", False), ("Public Service", False)],
)  # fmt: skip
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


@pytest.mark.parametrize(
    "spelling",
    ["Ministry of Finance", "MINISTRY OF FINANCE", "The Ministry of Finance",
     "Ministry of Finance.", "Ministry of Finance (MoF)", "ministry of  finance"],
)  # fmt: skip
def test_spellings_of_one_body_share_a_key(spelling: str) -> None:
    assert name_key(spelling) == "ministry-of-finance"


def test_keys_of_other_bodies_and_acronyms_differ() -> None:
    assert name_key("Ministerio de Hacienda") == "ministerio-de-hacienda"
    assert name_key("Théâtre National") == "theatre-national"
    assert name_key("MoF") == "mof" == acronym_key("Ministry of Finance (MoF)")
    assert acronym_key("Ministry of Finance") is None
    cyrillic = name_key("Министерство финансов")
    assert cyrillic.startswith("institution-") and cyrillic != name_key("Министерство юстиции")


def test_institution_columns_describe_one_name() -> None:
    assert institution_columns("United Nations Development Programme (UNDP)") == {
        "name": "United Nations Development Programme (UNDP)",
        "name_key": "united-nations-development-programme",
        "base_name": "United Nations Development Programme",
        "acronym": "UNDP",
        "acronym_key": "undp",
        "kind": "international",
        "international_key": "undp",
    }
    columns = institution_columns("Ministry of Finance of Ghana")
    assert (columns["kind"], columns["international_key"]) == ("executive", None)
