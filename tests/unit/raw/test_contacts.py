"""Contact details of a person in an institution field (docs/sources.md §1, "Text quirks"):
e-mails, phones, `Contact:`/`Tel.:` labels and the name and job title next to them are
left out of the names and returned apart; organisations, years, amounts, IDs, law and
reference numbers and URLs are not contact details. Checked through the field readers
(`read_institutions`, `split_institutions`, `contact_details`), as callers see them."""

from __future__ import annotations

import csv
import re

import pytest

from pipeline.raw.fields.institutions import (
    InstitutionField,
    contact_details,
    read_institutions,
    split_institutions,
)
from pipeline.textutil import fold
from pipeline.vocabulary import read_vocab, vocab_path

FINANCE = "Ministry of Finance"
STATS = "National Statistics Office"
TI = "Transparency International"


# --- contact details of a person ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "contacts"),
    [
        pytest.param(
            f"{FINANCE}, John Smith, Director, john.smith@mof.gov.xx, +44 20 7946 0000",
            [FINANCE],
            ["John Smith, Director, john.smith@mof.gov.xx, +44 20 7946 0000"],
            id="name-title-email-phone",
        ),
        pytest.param(
            f"{FINANCE}\nContact: Jane Doe, jane@example.org\nTel: +44 20 7946 0000",
            [FINANCE],
            ["Contact: Jane Doe, jane@example.org", "Tel: +44 20 7946 0000"],
            id="contact-lines",
        ),
        pytest.param(
            "Ministerio de Hacienda\nContacto: Juan Pérez, juan.perez@hacienda.gob.xx\n"
            "Teléfono: (506) 2222-3333",
            ["Ministerio de Hacienda"],
            ["Contacto: Juan Pérez, juan.perez@hacienda.gob.xx", "Teléfono: (506) 2222-3333"],
            id="spanish",
        ),
        pytest.param(
            "Ministère des Finances\nCourriel : jean.dupont@finances.gouv.xx\n"
            "Tél. : 01 23 45 67 89",
            ["Ministère des Finances"],
            ["Courriel : jean.dupont@finances.gouv.xx", "Tél. : 01 23 45 67 89"],
            id="french",
        ),
        pytest.param(
            f"{FINANCE} (Ms. Jane Doe, jane@mof.gov.xx); {STATS}",
            [FINANCE, STATS],
            ["Ms. Jane Doe, jane@mof.gov.xx"],
            id="in-parentheses",
        ),
        pytest.param(
            f"{FINANCE}, Jane Doe jane.doe@mof.gov.xx",
            [FINANCE],
            ["Jane Doe jane.doe@mof.gov.xx"],
            id="name-in-email",
        ),
        pytest.param(
            "Mr. Myktar Tagaev (0773 769329, oshresearch@mail.ru).\n"
            "PA «Precedent» (0550999807, toktakunov@gmail.com), MJ",
            ["PA «Precedent»", "MJ"],
            [
                "Mr. Myktar Tagaev (0773 769329, oshresearch@mail.ru)",
                "0550999807, toktakunov@gmail.com",
            ],
            id="sample-kyrgyz",
        ),
        pytest.param(
            f"{FINANCE}, Tel. 020 7946 0000", [FINANCE], ["Tel. 020 7946 0000"], id="tel-dot"
        ),
        # Not a person's name: an organisation before its e-mail stays a name.
        pytest.param(
            f"Global Witness, info@globalwitness.org; {TI}, Jane Doe, jane@ti.org",
            ["Global Witness", TI],
            ["info@globalwitness.org", "Jane Doe, jane@ti.org"],
            id="organisation-kept",
        ),
        pytest.param(f"Ms. Jane Doe; {FINANCE}", [FINANCE], [], id="no-contact-no-drop"),
        # Not phone numbers.
        pytest.param(
            f"{FINANCE}, https://www.mof.gov.xx/contact/0123456789",
            [FINANCE],
            [],
            id="url",
        ),
        pytest.param(f"{FINANCE} 2016-2018", [f"{FINANCE} 2016-2018"], [], id="years"),
        pytest.param(
            f"{FINANCE} (USD 2,000,000)", [f"{FINANCE} (USD 2,000,000)"], [], id="budget-comma"
        ),
        pytest.param(
            f"{FINANCE} (USD 2 000 000)", [f"{FINANCE} (USD 2 000 000)"], [], id="budget-space"
        ),
        pytest.param(
            "Ministerio de Hacienda ($ 2.000.000)",
            ["Ministerio de Hacienda ($ 2.000.000)"],
            [],
            id="budget-dots",
        ),
        pytest.param("Office for UK0073", ["Office for UK0073"], [], id="commitment-id"),
        pytest.param("Agency under Law 27.275", ["Agency under Law 27.275"], [], id="law-number"),
        pytest.param(
            "Unit of Decree No. 0123456789",
            ["Unit of Decree No. 0123456789"],
            [],
            id="reference-number",
        ),
        pytest.param("Contact Centre", ["Contact Centre"], [], id="contact-in-name"),
    ],
)
def test_contact_details(text: str, names: list[str], contacts: list[str]) -> None:
    assert read_institutions(text) == InstitutionField(tuple(names), tuple(contacts))
    assert split_institutions(text) == names
    assert contact_details(text) == contacts


# --- vocabulary: contact_words.csv ------------------------------------------------------------


def test_contact_words_csv_shape() -> None:
    with vocab_path("contact_words").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["kind", "word"]
    rows = read_vocab("contact_words")
    words: dict[str, list[str]] = {}
    for number, row in enumerate(rows, 2):
        assert None not in row, f"contact_words.csv line {number} has too many cells"
        assert all(row.values()), f"contact_words.csv line {number} has a blank cell"
        words.setdefault(row["kind"], []).append(row["word"])
    assert len({(row["kind"], row["word"]) for row in rows}) == len(rows), "a word twice"
    kinds = {"honorific", "honorific_with_dot", "name_particle", "organisation", "job_title"}
    assert set(words) == kinds
    # Honorifics and name particles are matched as written (case matters, the dot is added).
    for word in words["honorific"] + words["honorific_with_dot"]:
        assert re.fullmatch(r"[A-Z][a-z]*", word), word
    assert not set(words["honorific"]) & set(words["honorific_with_dot"])
    for word in words["name_particle"]:
        assert re.fullmatch(r"[a-z]+", word), word
    # Organisation words and job titles are compared folded, one `[a-z]+` word each.
    for kind in ("organisation", "job_title"):
        folded = [fold(word) for word in words[kind]]
        assert len(folded) == len(set(folded)), f"a {kind} word twice once folded"
        for word in folded:
            assert re.fullmatch(r"[a-z]+", word), (kind, word)
