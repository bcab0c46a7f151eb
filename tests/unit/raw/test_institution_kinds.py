"""institution_kind / international_body on hand-labelled names: every kind in English,
Spanish and French, the precedence rules of the module docstring (head word, leading
ministry, legislature and judiciary over an executive head, international always), names
that contain an international body without being it, bracketed acronyms, case and
accents. Most names are the sample export's (samples/ogp-export/), as split there."""

from __future__ import annotations

import pytest

from pipeline.raw.fields.institution_kinds import (
    KINDS,
    MINISTRY_HEADS,
    PRECEDENCE,
    institution_kind,
    international_body,
    kind_matches,
)
from pipeline.textutil import fold
from pipeline.vocabulary import institution_kind_words, international_bodies, read_vocab

KIND_CASES = [
    # executive
    ("Ministry of Finance", "executive"),
    ("MINISTRY OF ADMINISTRATION", "executive"),
    ("Federal Ministry of the Interior, Building and Community", "executive"),
    ("Cabinet Office", "executive"),
    ("Treasury Board of Canada Secretariat", "executive"),
    ("Office of the Prime Minister (OPM)", "executive"),
    ("Information Commissioner", "executive"),
    ("Public Procurement Agency", "executive"),
    ("Office of the Auditor-General of the Federation", "executive"),
    ("General Prosecutor's Office", "executive"),
    ("Office of the Ombudsman", "executive"),
    ("Nigeria Police Force", "executive"),
    ("Council for Civil Society Development", "executive"),
    ("Government Office for Cooperation with NGOs", "executive"),
    ("State enterprise «Infosystema»", "executive"),
    ("Ministerio Secretaría General de la Presidencia", "executive"),
    ("Ministerio Secretaria General de la Presidencia", "executive"),
    ("Secretaría de Estado en el Despacho de Educación", "executive"),
    ("Dirección General de Ética e Integridad Gubernamental (DIGEIG)", "executive"),
    ("Procuraduría General de la República", "executive"),
    ("Fiscalía Especial para la Transparencia y el Combate a la Corrupción Pública", "executive"),
    ("Contraloría General de la República", "executive"),
    ("Defensoría del Pueblo", "executive"),
    ("Tribunal Superior de Cuentas", "executive"),
    ("Ministère de l'Économie et des Finances", "executive"),
    ("MINISTERE DE LA JUSTICE", "executive"),
    ("Haut-Commissariat au Plan", "executive"),
    ("Cour des comptes", "executive"),
    ("Instance Nationale de Lutte contre la Corruption", "executive"),
    # legislature
    ("Parliament of Georgia", "legislature"),
    ("The Jogorku Kenesh of the Kyrgyz Republic", "legislature"),
    ("Knesset", "legislature"),
    ("The Senate of the Republic of Kenya", "legislature"),
    ("Sovereign National Congress of the Republic of Honduras", "legislature"),
    ("lawmakers", "legislature"),
    ("Cámara de Diputados", "legislature"),
    ("CAMARA DE DIPUTADOS", "legislature"),
    ("Congreso Nacional de Chile", "legislature"),
    ("Asamblea Nacional (AN)", "legislature"),
    ("Assemblée nationale", "legislature"),
    ("Sénat", "legislature"),
    ("Parlement de la République", "legislature"),
    # judiciary
    ("Supreme Court of Justice", "judiciary"),
    ("Judiciary of Kenya", "judiciary"),
    ("Judicial Academy", "judiciary"),
    ("Poder Judicial", "judiciary"),
    ("Corte Suprema de Justicia", "judiciary"),
    ("Tribunal Supremo Electoral", "judiciary"),
    ("Cour de cassation", "judiciary"),
    ("District Court of Tbilisi", "judiciary"),
    # subnational
    ("City of Milan", "subnational"),
    ("Metropolitan City of Milan", "subnational"),
    ("Districts of the City of Milan", "subnational"),
    ("County Assemblies", "subnational"),
    ("County Governments", "subnational"),
    ("Tbilisi Municipality District Administration", "subnational"),
    ("All local self-government units", "subnational"),
    ("Municipalidad de Santiago", "subnational"),
    ("Alcaldía Mayor de Bogotá", "subnational"),
    ("Gobierno Regional de Piura", "subnational"),
    ("Intendencia de Montevideo", "subnational"),
    ("Gobernación de Nariño", "subnational"),
    ("Mairie de Paris", "subnational"),
    ("Commune de Dakar", "subnational"),
    ("Wilaya de Tunis", "subnational"),
    # academia
    ("Strathmore University", "academia"),
    ("Facultad de Derecho de la Universidad de Valparaíso", "academia"),
    ("Universidad de Chile", "academia"),
    ("Université Cheikh Anta Diop", "academia"),
    ("Faculté des Sciences Juridiques", "academia"),
    ("School of Parliamentarism", "academia"),
    # private sector
    ("American Chamber of Commerce", "private_sector"),
    ("Croatian Employers' Association", "private_sector"),
    ("DigitalService4Germany GmbH", "private_sector"),
    ('"Tbilservice Group" LTD', "private_sector"),
    ("RTL Hrvatska d.o.o.", "private_sector"),
    ("Kenya Private Sector Alliance (KEPSA)", "private_sector"),
    ("Cámara de Comercio de Lima", "private_sector"),
    ("Sector privado", "private_sector"),
    ("Confédération Générale des Entreprises de Côte d'Ivoire", "private_sector"),
    ("Secteur privé", "private_sector"),
    # civil society
    ("Civil Society Institute", "civil_society"),
    ("Mzalendo Trust", "civil_society"),
    ("Open Government Coalition", "civil_society"),  # `open government` is a portfolio
    ("Non-governmental organizations", "civil_society"),
    ("Bulgarian Center for Not-for Profit Law", "civil_society"),
    ("Malawi Economic Justice Network (MEJN)", "civil_society"),
    ("Association of Auditors", "civil_society"),
    ("Public Association «Result»", "civil_society"),
    ("Nigerian Union of Journalists", "civil_society"),
    ("Sociedad civil", "civil_society"),
    ("Fundación Balmaceda", "civil_society"),
    ("Observatorio Fiscal", "civil_society"),
    ("Red Ciudadana", "civil_society"),
    ("Société civile", "civil_society"),
    ("Réseau des journalistes", "civil_society"),
    ("Transparency International Georgia", "civil_society"),
    ("Transparencia Internacional España", "civil_society"),
    # international
    ("World Bank", "international"),
    ("UNDP", "international"),
    ("United Nations Development Programme (UNDP)", "international"),
    ("UNDP Kenya Country Office", "international"),
    ("GIZ Eastern Partnership Parliamentary Project", "international"),
    (
        'Initiator: GIZ Programme "Public Financial Management in the South Caucasus"',
        "international",
    ),
    ("Westminster Foundation for Democracy", "international"),
    ("International Budget Partnership (IBP)", "international"),
    ("Transparency International", "international"),
    ("Banco Interamericano de Desarrollo", "international"),
    ("PNUD", "international"),
    ("organizaciones multilaterales", "international"),
    ("Banque mondiale", "international"),
    ("Délégation de l'Union européenne au Sénégal", "international"),
    ("Partenaires techniques et financiers", "international"),
    # other
    ("Mr.N.Toktakunov", "other"),
    ("Kalenike Uridia", "other"),
    ("BudgIT", "other"),
    ("TI Kenya", "other"),
    ("Working group for drafting the Act", "other"),
    ("", "other"),
]


@pytest.mark.parametrize(("name", "kind"), KIND_CASES)
def test_hand_labelled_names_get_their_kind(name: str, kind: str) -> None:
    assert institution_kind(name) == kind


def test_the_hand_labelled_cases_cover_every_kind() -> None:
    assert len(KIND_CASES) >= 60
    assert {kind for _, kind in KIND_CASES} == set(KINDS)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # The head (leftmost) word decides among kinds ...
        ("Association for Legal Assistance to Consumers - city of Plovdiv", "civil_society"),
        ("Companies holding various types of licenses for mining, petroleum and Parliament",
         "private_sector"),
        ("Kenya School of Government", "academia"),
        ("State Agency for local self-government and interethnic relations", "executive"),
        ("Department of Local Government", "executive"),
        ("Local Government Authority", "subnational"),
        # ... a leading ministry word makes the name executive whatever follows ...
        ("Ministry of Local Government", "executive"),
        ("Ministry in charge of Provincial Councils & Local Government", "executive"),
        ("Ministry of Parliamentary Reforms and Mass Media", "executive"),
        ("Ministry of Justice and Parliamentary Affairs", "executive"),
        ("Ministry of Universities and Research", "executive"),
        ("Ministry for European Union Affairs", "executive"),
        ("Ministerio de Gobierno Local", "executive"),
        ("Secretaría de Estado de Relaciones con el Congreso", "executive"),
        ("Ministère de la Décentralisation et des Collectivités locales", "executive"),
        # ... other executive head words lose to a legislature or judiciary word anywhere ...
        ("Parliament Service Commission", "legislature"),
        ("Parliamentary Budget Office", "legislature"),
        ("Committee on Finance of the National Assembly", "legislature"),
        ("Administration of the Jogorku Kenesh", "legislature"),
        ("Unidad de Transparencia de la Cámara de Diputadas y Diputados", "legislature"),
        ("Comisión de Ética y Transparencia del Senado", "legislature"),
        ("Secrétariat général de l'Assemblée nationale", "legislature"),
        ("Registrar of the High Court", "judiciary"),
        ("Judicial Service Commission", "judiciary"),
        ("Consejo de la Judicatura", "judiciary"),
        ("Conseil supérieur de la magistrature", "judiciary"),
        ("Commission on Judicial Reform of the National Assembly", "legislature"),
        # ... but not when a longer executive phrase holds the word.
        ("Office of the Parliamentary Counsel", "executive"),
        ("Court of Audit", "executive"),
        ("Tribunal de Cuentas", "executive"),
        # International always wins once the name IS the body, or holds an international word.
        ("Council of Europe", "international"),
        ("Kenya Country Office of the United Nations Development Programme", "international"),
        ("Secretariat of the OECD", "international"),
        # Bracketed remarks are not read, unless nothing else is there.
        ("Conflict of Interest Commission (pertaining to asset records of parliament members)",
         "executive"),
        ("CIABOC (Independent Commission)", "executive"),
        ("Parliament (Chamber of Deputies and Senate)", "legislature"),
    ],
)  # fmt: skip
def test_the_precedence_rules_of_the_module_docstring(name: str, kind: str) -> None:
    assert institution_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("United Nations", "united-nations"),
        ("UN", "united-nations"),
        ("Naciones Unidas", "united-nations"),
        ("Organisation des Nations Unies", "united-nations"),
        ("UNDP", "undp"),
        ("undp", "undp"),
        ("United Nations Development Programme (UNDP)", "undp"),
        ("Programa de las Naciones Unidas para el Desarrollo (PNUD)", "undp"),
        ("(UNDP)", "undp"),
        ("UNICEF", "unicef"),
        ("Unicef", "unicef"),
        ("ONU Mujeres", "un-women"),
        ("ONU Femmes", "un-women"),
        ("The World Bank", "world-bank"),
        ("Banco Mundial", "world-bank"),
        ("La Banque mondiale", "world-bank"),
        ("BANQUE MONDIALE", "world-bank"),
        ("World Bank (WB)", "world-bank"),
        ("Fondo Monetario Internacional (FMI)", "imf"),
        ("OCDE", "oecd"),
        ("Organisation for Economic Co-operation and Development", "oecd"),
        ("Organization for Economic Cooperation & Development (OECD)", "oecd"),
        ("L'Union européenne", "european-union"),
        ("Union europeenne", "european-union"),
        ("Unión Europea (UE)", "european-union"),
        ("Commission européenne", "european-commission"),
        ("Conseil de l'Europe", "council-of-europe"),
        ("BID", "idb"),
        ("Banque africaine de développement", "african-development-bank"),
        ("Alianza para el Gobierno Abierto (AGA)", "ogp"),
        ("Partenariat pour un Gouvernement Ouvert", "ogp"),
        ("OGP Support Unit", "ogp"),
        ("U.S. Agency for International Development (USAID)", "usaid"),
        ("GIZ", "giz"),
        ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "giz"),
        ("Deutsche Gesellschaft fur Internationale Zusammenarbeit (GIZ)", "giz"),
        ("Organización de los Estados Americanos (OEA)", "oas"),
        ("Westminster Foundation for Democracy", "wfd"),
        ("WFD", "wfd"),
        ("National Democratic Institute", "ndi"),
        ("International Budget Partnership (IBP)", "ibp"),
        ("Transparency International", "transparency-international"),
        ("Transparency International (TI)", "transparency-international"),
        ("Open Contracting Partnership", "open-contracting-partnership"),
        ("EITI", "eiti"),
        ("Global Integrity", "global-integrity"),
        ("International Labor Office (ILO).", "ilo"),
        ("OXFAM", "oxfam"),
    ],
)
def test_international_bodies_by_alias_acronym_and_bracketed_acronym(name: str, key: str) -> None:
    assert international_body(name) == key
    assert institution_kind(name) == "international"


@pytest.mark.parametrize(
    "name",
    [
        # Contains an alias: a project, programme, country office or national chapter.
        "GIZ Eastern Partnership Parliamentary Project",
        'GIZ Programme "Public Financial Management in the South Caucasus"',
        "Initiator: GIZ Eastern Partnership Parliamentary Project",
        "UNDP Kenya Country Office",
        "UNDP Kenya Country Office (UNDP)",
        "Kenya Country Office of the United Nations Development Programme (UNDP)",
        "Transparency International Georgia",
        "Transparency International Georgia (TI Georgia)",
        "Transparency International (TI) Kenya",
        "TI Kenya",
        "TI",  # in Georgian records, TI Georgia: not in the vocabulary
        "OXFAM in Malawi",
        "Open Society Foundation – Georgia",
        "Parliamentary OGP Caucus",
        "Malawi Extractive Industries Transparency Initiative National Secretariat",
        "Nigeria Extractive Industries Transparency Initiative (NEITI)",
        "EU Delegation to Kenya",
        "Open Government Coalition",
        # Short aliases are words too: only capitals make them an acronym.
        "Un",
        "Bid",
        "Ti-s",
        # Not bodies at all.
        "Ministry of Finance",
        "Ministry of Finance (UNDP)",
        "",
    ],
)
def test_names_that_are_not_an_international_body(name: str) -> None:
    assert international_body(name) is None


def test_every_alias_of_an_international_body_classifies_as_that_body() -> None:
    for row in read_vocab("international_bodies"):
        assert international_body(row["alias"]) == row["key"], row
        assert international_body(row["alias"].upper()) == row["key"], row
        assert institution_kind(row["alias"]) == "international", row


def test_case_accents_and_spacing_do_not_matter() -> None:
    for name in ("Cámara de Diputados", "CÁMARA DE DIPUTADOS", "camara  de   diputados"):
        assert institution_kind(name) == "legislature"
    for name in ("Municipalité de Sousse", "MUNICIPALITE DE SOUSSE", "municipalite de Sousse"):
        assert institution_kind(name) == "subnational"
    assert institution_kind("Ministère public") == institution_kind("MINISTERE PUBLIC")


def test_only_whole_words_and_phrases_match() -> None:
    assert kind_matches("Tbilservice Group") == []  # not `service`
    assert kind_matches("Courtyard Cafe") == []  # not `court`
    assert kind_matches("Parliament") == [("parliament", "legislature")]
    # The longest phrase at a place wins and consumes its words.
    assert kind_matches("Court of Audit") == [("court of audit", "executive")]
    assert kind_matches("Cámara de Diputados") == [("camara de diputados", "legislature")]


def test_kinds_and_precedence_are_the_documented_orders() -> None:
    assert KINDS == (
        "executive", "legislature", "judiciary", "subnational", "civil_society",
        "private_sector", "academia", "international", "other",
    )  # fmt: skip
    assert PRECEDENCE == (
        "international", "legislature", "judiciary", "subnational", "academia",
        "private_sector", "civil_society", "executive",
    )  # fmt: skip
    assert set(PRECEDENCE) | {"other"} == set(KINDS)


def test_ministry_heads_are_executive_words_of_the_vocabulary() -> None:
    words = dict(institution_kind_words())
    for head in MINISTRY_HEADS:
        assert words.get(fold(head)) == "executive", head


def test_every_kind_word_alone_names_its_kind() -> None:
    """A word alone is its own head: no vocabulary entry is shadowed by another."""
    for word, kind in institution_kind_words():
        assert institution_kind(word) == kind or international_body(word), (word, kind)


def test_the_loaders_see_every_row() -> None:
    assert len(international_bodies()) == len(read_vocab("international_bodies"))
    assert len(institution_kind_words()) == len(
        {fold(r["word"]) for r in read_vocab("institution_kinds")}
    )
