"""Which breaks, commas, stops and `and`s separate two bodies
(pipeline/raw/fields/institution_lists.py). Each case is a shape seen in real fields."""

from __future__ import annotations

import pytest

from pipeline.raw.fields.institution_lists import (
    comma_items,
    is_hard_wrap,
    join_wrapped_lines,
    list_items,
    names_a_body,
    names_in_item,
    split_on_and,
)
from pipeline.raw.fields.institutions import split_institutions


@pytest.mark.parametrize(
    ("before", "after", "wrap"),
    [
        ("Institute of", "Public Finance Kenya (IPFK)", True),  # connector
        ("the Scientific and Research Center", "of the Parliament", True),  # lower case
        ("Innovation Science and Economic Development Canada", "(ISED)", True),  # acronym
        ("Municipal Services Development Agency NCLE, Tbilisi", "Municipal Legal Department", True),
        ("Tbilisi Municipality District", "Administration, Tbilisi Municipal", True),
        ("relations", "The Union of LSGs,", True),  # `relations` names no body
        ("the State Agency for local self-government", "The Union of LSGs,", False),
        ("Policy Development Institute,", "Westminster Foundation for Democracy", False),
        ("Ministry of Finance", "ministry of finance", False),  # a line of its own
    ],
)  # fmt: skip
def test_a_break_is_a_hard_wrap_only_inside_a_name(before: str, after: str, wrap: bool) -> None:
    assert is_hard_wrap(before, after) is wrap


def test_a_block_without_any_clear_wrap_is_one_name_per_line() -> None:
    lines = ["Nova TV d.d.", "RTL Hrvatska d.o.o.", "Croatian Radio Television"]
    assert join_wrapped_lines(lines) == lines
    wrapped = ["Tbilisi Municipal Department for", "Environment Protection, Tbilisi", "Transport"]
    assert join_wrapped_lines(wrapped) == [
        "Tbilisi Municipal Department for Environment Protection, Tbilisi Transport"
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Partners Albania, Media, Businesses", ["Partners Albania", "Media", "Businesses"]),
        ("Ministry of Trade, Tourism and Telecommunications",
         ["Ministry of Trade, Tourism and Telecommunications"]),
        ("Ministry of the Presidency, Interior, Justice and Exterior",
         ["Ministry of the Presidency, Interior, Justice and Exterior"]),
        ("Department for Business, Innovation and Skills, HM Treasury",
         ["Department for Business, Innovation and Skills", "HM Treasury"]),
        ("Department of Justice, Legislative & Intergovernmental Liaison Office (LILO)",
         ["Department of Justice", "Legislative & Intergovernmental Liaison Office (LILO)"]),
        ("Economic, Social, Environmental and Cultural Council (CESEC)",
         ["Economic, Social, Environmental and Cultural Council (CESEC)"]),
        ("Agencies, institutes, funds and other legal persons",
         ["Agencies, institutes, funds and other legal persons"]),
        ("lawmakers, civil society, citizens", ["lawmakers", "civil society", "citizens"]),
        ("All organizations (Civil Society, Private Sector), FCID",
         ["All organizations (Civil Society, Private Sector)", "FCID"]),
        ("Twaweza,AFRODAD", ["Twaweza", "AFRODAD"]),
        ("a budget of 1,000 bodies", ["a budget of 1,000 bodies"]),
    ],
)  # fmt: skip
def test_commas_separate_except_inside_a_portfolio(text: str, items: list[str]) -> None:
    assert [item.strip() for item in comma_items(text)] == [item.strip() for item in items]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kenya – Network of CSOs. Ushahidi", ["Kenya – Network of CSOs", "Ushahidi"]),
        (USAID := "U.S. Agency for International Development", [USAID]),
        ("Ministry of E-Government /MEG/ Bulgarian Center for Not-for-Profit Law",
         ["Ministry of E-Government /MEG/", "Bulgarian Center for Not-for-Profit Law"]),
        ("KNCCI CIPE", ["KNCCI", "CIPE"]),
        ("STATE ELECTORAL COMMISSION", ["STATE ELECTORAL COMMISSION"]),
        ("Ministry of Finance including Malawi Revenue Authority",
         ["Ministry of Finance", "Malawi Revenue Authority"]),
        ("MINISTRY OF EMPLOYMENT / Executive Management of Labor (DGT)",
         ["MINISTRY OF EMPLOYMENT", "Executive Management of Labor (DGT)"]),
        ("Parliament to enact amendments to the law", ["Parliament"]),
        ("Office of the Attorney General and Ministry of Justice",
         ["Office of the Attorney General and Ministry of Justice"]),
        ("Consejo y Probidad 54 Consejo para la Transparencia",
         ["Consejo y Probidad", "Consejo para la Transparencia"]),
        ("Department of Forestry Environmental Affairs Department Anti-Corruption Bureau "
         "Reserve Bank of Malawi",
         ["Department of Forestry", "Environmental Affairs Department", "Anti-Corruption Bureau",
          "Reserve Bank of Malawi"]),
    ],
)  # fmt: skip
def test_names_in_one_comma_item(text: str, names: list[str]) -> None:
    assert [n.strip() for n in names_in_item(text)] == [n.strip() for n in names]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Cabinet Office and Office of National Statistics",
         ["Cabinet Office", "Office of National Statistics"]),
        ("Ministry of Finance and Economy", ["Ministry of Finance and Economy"]),
        ("Ministry of Culture and Media", ["Ministry of Culture and Media"]),
        ("Ministry of Justice and Public Administration",
         ["Ministry of Justice and Public Administration"]),
        ("Ministry in charge of Labour and Trade Union Relations",
         ["Ministry in charge of Labour and Trade Union Relations"]),
        ("Ministry of Finance and National Statistics Office",
         ["Ministry of Finance", "National Statistics Office"]),
        ("Central Bank and Treasury", ["Central Bank", "Treasury"]),
        ("Central Environmental Authority (CEA) and Coast Conservation and Coastal Resource "
         "Management Department (CCCRMD)",
         ["Central Environmental Authority (CEA)",
          "Coast Conservation and Coastal Resource Management Department (CCCRMD)"]),
        ("Ministry of Mahaweli Development and Environment (MMDE)",
         ["Ministry of Mahaweli Development and Environment (MMDE)"]),
        ("Ministerio de Hacienda y Crédito Público", ["Ministerio de Hacienda y Crédito Público"]),
        ("Ministère de l'Économie et Agence Française de Développement",
         ["Ministère de l'Économie", "Agence Française de Développement"]),
    ],
)  # fmt: skip
def test_and_separates_only_two_whole_bodies(text: str, names: list[str]) -> None:
    assert split_on_and(text) == names


def test_and_all_other_begins_a_group_of_its_own() -> None:
    text = (
        "Ministry of Transport, Information Technology and Communications and all other "
        "administrations"
    )
    assert [item.strip() for item in list_items(text)] == [
        "Ministry of Transport, Information Technology and Communications",
        "all other administrations",
    ]


@pytest.mark.parametrize(
    ("phrase", "body"),
    [("National Audit Office", True), ("GIZ", True), ("the State Agency", True),
     ("Media", False), ("Tbilisi", False), ("Coast Conservation", False),
     ("Public Interest Law Foundation (PILF)", True)],
)  # fmt: skip
def test_names_a_body(phrase: str, body: bool) -> None:
    assert names_a_body(phrase) is body


def test_a_whole_field_read_as_a_reader_would() -> None:
    text = (
        "Other actors involved - government\nOffice of the Deputy President, Council of "
        "Governors (CoG)\nOther actors involved - CSOs, private sector, working groups, "
        "Multilaterals etc\nMzalendo, International Budget Partnership (IBP), Institute of\n"
        "Public Finance Kenya (IPFK). Katiba Institute, Kenya Alliance of\nResident "
        "Associations (KARA),"
    )
    assert split_institutions(text) == [
        "Office of the Deputy President",
        "Council of Governors (CoG)",
        "Mzalendo",
        "International Budget Partnership (IBP)",
        "Institute of Public Finance Kenya (IPFK)",
        "Katiba Institute",
        "Kenya Alliance of Resident Associations (KARA)",
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ministry of Justice, Ministry of Finance",
         ["Ministry of Justice", "Ministry of Finance"]),
        ("Partners Albania, Media, Businesses", ["Partners Albania", "Media", "Businesses"]),
        ('Central Bank, The National Assembly, "EKENG" CJSC, Private sector',
         ["Central Bank", "The National Assembly", '"EKENG" CJSC', "Private sector"]),
        ("Ministry of Economy, The National Agency of\nPublic Registry",
         ["Ministry of Economy", "The National Agency of Public Registry"]),
        ("Dirección General de\nContrataciones Públicas, Actores de\nla sociedad civil",
         ["Dirección General de Contrataciones Públicas", "Actores de la sociedad civil"]),
        ("Office of the Attorney General and Ministry of Justice, Ministry of Finance",
         ["Office of the Attorney General and Ministry of Justice", "Ministry of Finance"]),
        ("Institute for Political Research and Centre for Policy and Legal Reform",
         ["Institute for Political Research", "Centre for Policy and Legal Reform"]),
        ("Ministère de l'Économie et des Finances, Haute Autorité pour la Bonne Gouvernance (HABG)",
         ["Ministère de l'Économie et des Finances",
          "Haute Autorité pour la Bonne Gouvernance (HABG)"]),
    ],
)  # fmt: skip
def test_fields_of_members_the_samples_do_not_hold(text: str, names: list[str]) -> None:
    """Shapes that gave fragments and lists kept whole on real fields of other members."""
    assert split_institutions(text) == names
