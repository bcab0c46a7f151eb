"""E-mail addresses and phone numbers leave free text; URLs, years, IDs, amounts and the
names of public bodies stay (pipeline/stage/personal_data.py, pipeline/raw/fields/contacts.py)."""

from __future__ import annotations

import pytest

from pipeline.stage.personal_data import scrub

REMOVED = [
    (
        "Ministry of Finance; contact: maria.lopez@hacienda.gob.es",
        "Ministry of Finance; contact: [e-mail removed]",
        1, 0,
    ),
    (
        "Cabinet Office (john.smith@cabinetoffice.gov.uk, +44 20 7276 1234)",
        "Cabinet Office ([e-mail removed], [phone removed])",
        1, 1,
    ),
    ("Tel.: 011 4342-6777 int. 108", "Tel.: [phone removed] int. 108", 0, 1),
    ("Call +254 20 2227411 for details", "Call [phone removed] for details", 0, 1),
    ("Write to <info@transparency.org> today", "Write to [e-mail removed] today", 1, 0),
    ("Teléfono: 2222-3333 ext 45, correo: ana@gob.cr", "Teléfono: [phone removed] ext 45, "
     "correo: [e-mail removed]", 1, 1),
]  # fmt: skip
KEPT = [
    "Action plan 2016-2018, commitment UK0073",
    "A budget of 2,000,000 USD (EUR 1.800.000) over 24 months",
    "See https://www.opengovpartnership.org/members/kenya/commitments/KE0016/",
    "Law 27.275 on access to information, Decree No. 206/2017",
    "Open data portal at http://data.gov.uk/dataset/12345678 and www.example.org/1234567",
    "Ministry of Public Administration and Local Self-Government",
    "Between 1 January 2019 and 31 December 2021, 1 500 000 people",
    "Reference 2017-123-4567 of the Official Gazette",
]


@pytest.mark.parametrize(("text", "cleaned", "emails", "phones"), REMOVED)
def test_contact_details_are_removed_and_counted(
    text: str, cleaned: str, emails: int, phones: int
) -> None:
    assert scrub(text) == (cleaned, emails, phones)


@pytest.mark.parametrize("text", KEPT)
def test_urls_years_ids_amounts_and_bodies_stay(text: str) -> None:
    assert scrub(text) == (text, 0, 0)


def test_nothing_and_empty_stay_as_they_are() -> None:
    assert scrub(None) == (None, 0, 0)
    assert scrub("") == ("", 0, 0)
