"""split_institutions / split_roles / without_lead on the institution-field
quirks of docs/sources.md §1: separators, list markers, trailing commas, PDF hyphenation,
` and ` between two bodies vs inside one name, missing commas, placeholders, duplicates,
names glued without a space, label prefixes, lead text repeated in support, odd
separators and punctuation. Contact details in these fields: test_contacts.py.
Each table holds the must-not-split / must-not-drop cases beside the ones that change."""

from __future__ import annotations

import csv
import re

import pytest

from pipeline.raw.fields.institution_names import name_key
from pipeline.raw.fields.institutions import (
    split_institutions,
    split_roles,
    without_lead,
)
from pipeline.textutil import fold
from pipeline.vocabulary import read_vocab, vocab_path

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


# --- 1. two names glued without a space -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "Ministry of FinanceNational Audit Office",
            [FINANCE, "National Audit Office"],
            id="finance-audit",
        ),
        pytest.param(
            "Cabinet OfficeGovernment Digital Service",
            ["Cabinet Office", "Government Digital Service"],
            id="cabinet-gds",
        ),
        pytest.param(
            "Ministerio de HaciendaSecretaría de la Función Pública",
            ["Ministerio de Hacienda", "Secretaría de la Función Pública"],
            id="spanish",
        ),
        pytest.param(
            "Ministère de la SantéAgence Nationale de la Statistique",
            ["Ministère de la Santé", "Agence Nationale de la Statistique"],
            id="french",
        ),
        pytest.param(
            f"{STATS}; Ministry of JusticeCentral Bank and Treasury",
            [STATS, "Ministry of Justice", "Central Bank", "Treasury"],
            id="then-and",
        ),
        # Brands, names and abbreviations with inner capitals stay whole.
        pytest.param("McDonald Institute", ["McDonald Institute"], id="mcdonald"),
        pytest.param("MacArthur Institute", ["MacArthur Institute"], id="macarthur"),
        pytest.param("OpenGov Unit", ["OpenGov Unit"], id="opengov"),
        pytest.param("Ministry of eGovernment", ["Ministry of eGovernment"], id="egovernment"),
        pytest.param("DataKind", ["DataKind"], id="datakind"),
        pytest.param("LinkedIn", ["LinkedIn"], id="linkedin"),
        pytest.param("iCloud Office", ["iCloud Office"], id="icloud"),
        pytest.param("Ministry of Finance (MoF)", ["Ministry of Finance (MoF)"], id="mof"),
        pytest.param("OpenCorporates, BudgIT", ["OpenCorporates", "BudgIT"], id="brands"),
        pytest.param(
            "Federal Office of Justice, DigitalService4Germany GmbH",
            ["Federal Office of Justice", "DigitalService4Germany GmbH"],
            id="digit-after",
        ),
        pytest.param(
            "Federal Office of Justice, OpenGovernment Partnership",
            ["Federal Office of Justice", "OpenGovernment Partnership"],
            id="body-only-before-comma",
        ),
        pytest.param(
            "Cabinet Office (Digital ServiceData Unit)",
            ["Cabinet Office (Digital ServiceData Unit)"],
            id="inside-parentheses",
        ),
        pytest.param(
            "Association for Legal Assistance to Consumers - city ofPlovdiv",
            ["Association for Legal Assistance to Consumers - city ofPlovdiv"],
            id="lower-case-word-before",
        ),
    ],
)
def test_glued_names(text: str, names: list[str]) -> None:
    assert split_institutions(text) == names


# --- 2. label prefixes ------------------------------------------------------------------------

TI = "Transparency International"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(f"Other actors involved - {TI}", [TI], id="other-actors-dash"),
        pytest.param(f"Other actors involved: {TI}", [TI], id="other-actors-colon"),
        pytest.param(f"Other actors involved – {TI}", [TI], id="en-dash"),
        pytest.param(
            "Otros actores involucrados - Transparencia Internacional",
            ["Transparencia Internacional"],
            id="spanish",
        ),
        pytest.param(f"Autres acteurs impliqués - {TI}", [TI], id="french"),
        pytest.param(f"Société civile : {TI}", [TI], id="french-space-colon"),
        pytest.param(
            "Civil society: Involve; Democratic Society",
            ["Involve", "Democratic Society"],
            id="civil-society",
        ),
        pytest.param(
            "CSOs: Compact Voice, Involve, The Democratic Society",
            ["Compact Voice", "Involve", "The Democratic Society"],
            id="csos-rest-split-as-usual",
        ),
        pytest.param(f"Lead: {FINANCE}", [FINANCE], id="lead"),
        pytest.param(f"Support: {STATS}", [STATS], id="support"),
        pytest.param(
            f"State actors involved - {FINANCE}; - {STATS}", [FINANCE, STATS], id="label-then-dash"
        ),
        pytest.param(
            "Other stakeholders (ministries, agencies): Federal Office of Justice",
            ["Federal Office of Justice"],
            id="label-with-note",
        ),
        pytest.param(
            f"Other actors involved - government\n{FINANCE}\n"
            "Other actors involved - CSOs, private sector, working groups, Multilaterals etc\n"
            f"{TI}",
            [FINANCE, TI],
            id="template-category-lines",
        ),
        pytest.param(
            "Government- Kenya Space Agency", ["Kenya Space Agency"], id="label-dash-no-space"
        ),
        # Not labels: no `:` or dash after, or not on the list.
        pytest.param("Government of Croatia", ["Government of Croatia"], id="government-of"),
        pytest.param("Civil Society Institute", ["Civil Society Institute"], id="name-starts-so"),
        pytest.param("Lead Agency for Data", ["Lead Agency for Data"], id="lead-in-name"),
        pytest.param("Government-Citizen Forum", ["Government-Citizen Forum"], id="hyphenated"),
        pytest.param(
            "Public Council of MOF: Civic Union",
            ["Public Council of MOF: Civic Union"],
            id="unknown",
        ),
        pytest.param(
            "Ministry of Finance - Budget Office",
            ["Ministry of Finance - Budget Office"],
            id="dash-inside-name",
        ),
    ],
)
def test_label_prefixes(text: str, names: list[str]) -> None:
    assert split_institutions(text) == names


# --- 3. lead text repeated in support ---------------------------------------------------------


@pytest.mark.parametrize(
    ("support", "lead", "kept"),
    [
        pytest.param([FINANCE, STATS], [FINANCE], [STATS], id="drop-lead"),
        pytest.param(["ministry of  finance", STATS], [FINANCE], [STATS], id="folded"),
        pytest.param([STATS, "Central Bank"], [FINANCE], [STATS, "Central Bank"], id="none"),
        pytest.param(
            ["Central Bank", FINANCE, STATS], [STATS, FINANCE], ["Central Bank"], id="order-kept"
        ),
        pytest.param([FINANCE], [], [FINANCE], id="no-lead"),
    ],
)
def test_without_lead(support: list[str], lead: list[str], kept: list[str]) -> None:
    assert without_lead(support, lead) == kept


@pytest.mark.parametrize(
    ("lead_text", "support_text", "lead", "support"),
    [
        pytest.param(
            FINANCE,
            f"{FINANCE}, {STATS}, Central Bank",
            [FINANCE],
            [STATS, "Central Bank"],
            id="lead-then-comma",
        ),
        pytest.param(FINANCE, f"{FINANCE}\n{STATS}", [FINANCE], [STATS], id="lead-then-line"),
        pytest.param(
            FINANCE,
            f"\n \u00a0{FINANCE}, {STATS}, Central Bank",
            [FINANCE],
            [STATS, "Central Bank"],
            id="white-space-then-lead",
        ),
        # Only the first word in common: the support text is not cut.
        pytest.param(
            FINANCE,
            f"Ministry of Justice, {STATS}",
            [FINANCE],
            ["Ministry of Justice", STATS],
            id="first-word-only",
        ),
        pytest.param(
            "Cabinet Office, Office of the Parliamentary Counsel",
            "Cabinet Office, Office of the Parliamentary Counsel; CSOs: Involve",
            ["Cabinet Office", "Office of the Parliamentary Counsel"],
            ["Involve"],
            id="lead-with-comma",
        ),
        pytest.param(
            "Ministry of  finance.",
            f"{FINANCE} and {STATS}",
            ["Ministry of finance"],
            [STATS],
            id="folded",
        ),
        pytest.param(
            "Ministerio de Hacienda",
            "Ministerio de Hacienda y Oficina Nacional de Estadística, Banco Central",
            ["Ministerio de Hacienda"],
            ["Oficina Nacional de Estadística", "Banco Central"],
            id="lead-then-y",
        ),
        pytest.param(
            "Department for Public Administration (DPA)",
            "Department for Public Administration (DPA)",
            ["Department for Public Administration (DPA)"],
            [],
            id="support-is-lead",
        ),
        pytest.param(
            "Budget Office", f"{FINANCE}; Budget Office", ["Budget Office"], [FINANCE], id="inside"
        ),
        # The lead text is only the start of a longer support name: kept whole.
        pytest.param(
            FINANCE,
            "Ministry of Finance, Budget and National Planning",
            [FINANCE],
            ["Ministry of Finance, Budget and National Planning"],
            id="longer-name-comma",
        ),
        pytest.param(
            FINANCE,
            "Ministry of Finance and Economic Planning",
            [FINANCE],
            ["Ministry of Finance and Economic Planning"],
            id="longer-name-and",
        ),
        pytest.param(
            "Ministerio de Hacienda",
            "Ministerio de Hacienda y Crédito Público",
            ["Ministerio de Hacienda"],
            ["Ministerio de Hacienda y Crédito Público"],
            id="longer-name-y",
        ),
        pytest.param(
            "Cabinet Office",
            "Cabinet Office Digital Service Unit",
            ["Cabinet Office"],
            ["Cabinet Office Digital Service Unit"],
            id="space-only",
        ),
        pytest.param("NA", f"{FINANCE}", [], [FINANCE], id="lead-placeholder"),
        pytest.param(None, f"{FINANCE}", [], [FINANCE], id="no-lead"),
        pytest.param(FINANCE, None, [FINANCE], [], id="no-support"),
    ],
)
def test_split_roles(
    lead_text: str | None, support_text: str | None, lead: list[str], support: list[str]
) -> None:
    assert split_roles(lead_text, support_text) == (lead, support)


# --- 4. odd separators and punctuation --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(f"{FINANCE},,", [FINANCE], id="trailing-commas"),
        pytest.param(f"{FINANCE}:", [FINANCE], id="trailing-colon"),
        pytest.param(f"{FINANCE}, .", [FINANCE], id="trailing-comma-period"),
        pytest.param("Ministry of Health and", ["Ministry of Health"], id="trailing-and"),
        pytest.param("Ministry of Health and,", ["Ministry of Health"], id="trailing-and-comma"),
        pytest.param(f"{FINANCE};\nand {STATS}", [FINANCE, STATS], id="leading-and"),
        pytest.param("Ministerio de Salud y", ["Ministerio de Salud"], id="trailing-y"),
        pytest.param("Ministry  of   Finance", [FINANCE], id="doubled-spaces"),
        pytest.param(f'"{FINANCE}"', [FINANCE], id="straight-quotes"),
        pytest.param(f"“{FINANCE}”", [FINANCE], id="curly-quotes"),
        pytest.param(f"«{FINANCE}»", [FINANCE], id="guillemets"),
        pytest.param(f"{FINANCE}”", [FINANCE], id="lone-quote"),
        pytest.param("Parliamentary OGP Caucus)", ["Parliamentary OGP Caucus"], id="stray-paren"),
        pytest.param("(Sri Lanka Law Foundation", ["Sri Lanka Law Foundation"], id="stray-open"),
        pytest.param("Nova TV d.d.", ["Nova TV d.d."], id="initialism-kept"),
        pytest.param(
            '"Tbilisi Municipality Architecture Service" LEPL',
            ['"Tbilisi Municipality Architecture Service" LEPL'],
            id="quoted-part-kept",
        ),
        pytest.param("“IC “Intebilim”", ["“IC “Intebilim”"], id="inner-quotes-kept"),
        pytest.param(
            "Cabinet Office (Government Digital Service)",
            ["Cabinet Office (Government Digital Service)"],
            id="balanced-parens-kept",
        ),
        pytest.param(
            "Ministerio de Salud y Oficina Nacional de Estadística",
            ["Ministerio de Salud", "Oficina Nacional de Estadística"],
            id="y-two-bodies",
        ),
        pytest.param(
            "Ministère de la Santé et Agence Nationale de la Statistique",
            ["Ministère de la Santé", "Agence Nationale de la Statistique"],
            id="et-two-bodies",
        ),
        pytest.param(
            "Ministère de la Santé et Haute Autorité de Santé",
            ["Ministère de la Santé", "Haute Autorité de Santé"],
            id="et-adjective-first",
        ),
        pytest.param(
            "Ministerio de Hacienda y Crédito Público",
            ["Ministerio de Hacienda y Crédito Público"],
            id="y-in-name",
        ),
        pytest.param(
            "Ministère de l'Économie et des Finances",
            ["Ministère de l'Économie et des Finances"],
            id="et-in-name",
        ),
        pytest.param(
            "Consejo de Transparencia y Buen Gobierno",
            ["Consejo de Transparencia y Buen Gobierno"],
            id="y-portfolio",
        ),
        pytest.param(
            "Comisión de Ética y Transparencia Del Senado",
            ["Comisión de Ética y Transparencia Del Senado"],
            id="y-head-word-not-first",
        ),
        pytest.param(
            "Ministry of Finance and Local Government",
            ["Ministry of Finance and Local Government"],
            id="and-portfolio",
        ),
        pytest.param(
            "Ministry of Public Administration and Civil Service",
            ["Ministry of Public Administration and Civil Service"],
            id="and-civil-service",
        ),
    ],
)
def test_odd_separators_and_punctuation(text: str, names: list[str]) -> None:
    assert split_institutions(text) == names


# --- 5. PDF hyphenation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param("Go- vernment Office", ["Government Office"], id="joined"),
        pytest.param("Minis-\ntry of Finance", [FINANCE], id="across-line-break"),
        pytest.param(
            "Secretaría de Adminis- tración", ["Secretaría de Administración"], id="accented"
        ),
        pytest.param(
            "Non- Governmental Organisations Council",
            ["Non-Governmental Organisations Council"],
            id="compound-capital",
        ),
        pytest.param("Anti- Corruption Agency", ["Anti-Corruption Agency"], id="anti-capital"),
        pytest.param(
            "Local self- government unit", ["Local self-government unit"], id="compound-lower"
        ),
        pytest.param("Anti-Corruption Agency", ["Anti-Corruption Agency"], id="real-hyphen"),
        pytest.param("Not-for-Profit Law", ["Not-for-Profit Law"], id="real-hyphens"),
        pytest.param(
            f"{FINANCE} - budget unit", [f"{FINANCE} - budget unit"], id="spaced-dash-kept"
        ),
        pytest.param(
            "Kenya Chapter- Commission on Justice",
            ["Kenya Chapter- Commission on Justice"],
            id="dash-before-capital-kept",
        ),
        pytest.param("ICT- related Unit", ["ICT- related Unit"], id="capital-before-kept"),
    ],
)
def test_pdf_hyphenation(text: str, names: list[str]) -> None:
    assert split_institutions(text) == names


# --- vocabularies: institution_labels.csv, institution_portfolios.csv ------------------------


def vocab_rows(name: str, header: list[str]) -> tuple[dict[str, str], ...]:
    """Rows of a vocabulary CSV, checked for its header and for no blank or padded cells."""
    with vocab_path(name).open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == header, name
    rows = read_vocab(name)
    assert rows, f"{name}.csv is empty"
    for number, row in enumerate(rows, 2):
        assert None not in row, f"{name}.csv line {number} has too many cells"
        for column, value in row.items():
            assert value and value == value.strip(), f"{name}.csv line {number}: {column}"
    return rows


def test_institution_labels_csv_shape() -> None:
    rows = vocab_rows("institution_labels", ["kind", "language", "text"])
    keys = [(row["kind"], fold(row["text"])) for row in rows]
    assert len(keys) == len(set(keys)), "a label or category twice once folded"
    for row in rows:
        assert row["kind"] in {"label", "category", "people"}, row
        assert row["language"] in {"en", "es", "fr"}, row
        # The label pattern adds the `:` or dash after a label itself.
        assert not re.search(r"[:\-–—]$", row["text"]), row


def test_institution_portfolios_csv_shape() -> None:
    rows = vocab_rows("institution_portfolios", ["language", "phrase"])
    phrases = [fold(row["phrase"]) for row in rows]
    assert len(phrases) == len(set(phrases)), "a portfolio phrase twice once folded"
    for row, phrase in zip(rows, phrases, strict=True):
        assert row["language"] in {"en", "es", "fr"}, row
        # Matched against a phrase's folded `[a-z]+` words joined by single spaces.
        assert re.fullmatch(r"[a-z]+(?: [a-z]+)+", phrase), row


@pytest.mark.parametrize("text", ["-", "Cabinet Office; -", "•; …", "—\nCabinet Office"])
def test_filler_without_a_letter_or_digit_is_no_institution(text: str) -> None:
    assert all(any(ch.isalnum() for ch in name) for name in split_institutions(text))
    assert split_institutions(text) == (["Cabinet Office"] if "Cabinet" in text else [])


def test_a_name_key_is_never_empty() -> None:
    assert name_key("Cabinet Office") == "cabinet-office"
    cyrillic = name_key("Министерство финансов")
    assert cyrillic.startswith("institution-") and len(cyrillic) == len("institution-") + 12
    assert cyrillic == name_key("Министерство финансов")  # stable
    assert cyrillic != name_key("Министерство юстиции")
