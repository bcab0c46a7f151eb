"""Every page variant of docs/sources.md §1–2: layout × language × chrome, label spellings,
mixed languages, member pages alone, and the 2024+ description.

Pages come from tests/fixtures/ogp_pages_i18n.py (English parts translated by a table
written independently of the reader's vocabularies); each case states the exact record
(content, layout, chrome, language) and member list the variant must give.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from pipeline.raw.readers.html_text import render_html
from pipeline.raw.readers.page import read_page
from pipeline.raw.readers.page_lines import match_label
from pipeline.raw.source_records import MemberListEntry, PageCommitment, PageReadResult
from tests.fixtures.ogp_pages import (
    DESCRIPTION_PRE2020,
    STRIPPABLE,
    Part,
    as_html,
    as_text,
    heading,
    member_list_parts,
    replaced,
    text,
    title,
    with_field,
    without,
)
from tests.fixtures.ogp_pages_i18n import (
    AT_A_GLANCE_PARTS,
    BANNERS,
    DESCRIPTION_2024,
    HEADINGS,
    LABEL_ALTERNATIVES,
    LABELS,
    LANGUAGES,
    LAYOUT2024_ID,
    LAYOUTS,
    SUBHEADINGS_2024,
    URL_PREFIX,
    english_parts,
    expected_list,
    expected_record,
    expected_without_at_a_glance,
    member_page_parts,
    page_parts,
    strip_accents,
    translate,
    translated,
)

# Parts glued to the line before in the compact chrome, per layout (English texts).
COMPACT_GLUE = {
    "pre2020": ("IRM Review", "Status:", "Description"),
    "2020_2023": ("IRM Review", "Status:", "Description"),
    "2024": ("IRM Review", "Commitment End:", "Primary Sector:", "Description"),
}


def _drop(language: str) -> set[str]:
    """The headings the stripped chrome leaves out, as the page in `language` writes them."""
    return {translated(h, language) for h in STRIPPABLE}


def _url(layout: str, language: str) -> str:
    cid = expected_record(layout, language).commitment_id
    return (
        f"https://www.opengovpartnership.org/{URL_PREFIX[language]}"
        f"members/freedonia/commitments/{cid}/"
    )


def read_chrome(chrome: str, layout: str, language: str) -> PageReadResult:
    """Read the page of `layout` in `language` dressed in `chrome`."""
    parts = page_parts(layout, language)
    if chrome == "full":
        return read_page(as_text(parts))
    if chrome == "stripped":
        return read_page(as_text(parts, drop=_drop(language)))
    if chrome == "stripped-no-member":
        return read_page(as_text(parts, drop=_drop(language) | {"member"}))
    if chrome == "no-at-a-glance":
        english = without(english_parts(layout), *AT_A_GLANCE_PARTS[layout])
        return read_page(as_text(translate(english, language)))
    if chrome == "compact":
        glue = {translated(t, language) for t in COMPACT_GLUE[layout]}
        return read_page(as_text(parts, drop={"skip"}, blank_lines=False, glue=glue))
    if chrome == "banner":
        return read_page(as_text(parts, banner=BANNERS[language]))
    assert chrome == "html"
    html = as_html(parts, lang=language, canonical=_url(layout, language))
    rendered = render_html(html)
    return read_page(rendered.text, url=rendered.canonical_url, language=rendered.language)


def expected_for(chrome: str, layout: str, language: str) -> PageCommitment:
    """The exact commitment the variant must give (location left out)."""
    if chrome == "no-at-a-glance":
        return replace(expected_without_at_a_glance(layout, language), chrome="no_at_a_glance")
    record = expected_record(layout, language)
    if chrome == "stripped-no-member":
        return replace(record, chrome="stripped", member_name=None)
    if chrome == "html":
        return replace(record, chrome="full", url=_url(layout, language))
    shown = {"full": "full", "stripped": "stripped", "compact": "compact", "banner": "full"}
    return replace(record, chrome=shown[chrome])


CHROMES = (
    "full",
    "stripped",
    "stripped-no-member",
    "no-at-a-glance",
    "compact",
    "banner",
    "html",
)


def without_locations(
    result: PageReadResult,
) -> tuple[PageCommitment | None, list[MemberListEntry]]:
    """The commitment and list without line numbers (they differ between renditions)."""
    commitment = result.commitment and replace(result.commitment, location="")
    return commitment, [replace(e, location="") for e in result.member_list]


@pytest.mark.parametrize("chrome", CHROMES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_matrix_gives_the_exact_record(chrome: str, language: str, layout: str) -> None:
    result = read_chrome(chrome, layout, language)
    commitment, entries = without_locations(result)
    assert commitment == expected_for(chrome, layout, language)
    assert entries == expected_list(layout, language)
    assert result.language == language
    assert result.rejects == []
    # Without a member line the name comes from the member-list heading, if there is one.
    has_list = bool(expected_list(layout, language))
    named = chrome != "stripped-no-member" or has_list
    assert result.member_name == (translated("Freedonia", language) if named else None)


def test_matrix_pages_are_really_translated() -> None:
    """Guards the fixture: a translated page keeps no English line but those docs/sources.md
    keeps on French pages (`Starred:`, `Potential Impact:`, the starred prefix), words
    both languages write alike, and lines without words (IDs, `ID, YEAR,`)."""
    alike = {"Freedonia", "Statu quo", "Action", "Description", "Institutions"}
    kept_in_french = ("Starred:", "Potential Impact:", "2. Starred commitment")
    for layout in LAYOUTS:
        english = {line.strip() for line in as_text(english_parts(layout)).split("\n")}
        for language in ("es", "fr"):
            page = {line.strip() for line in as_text(page_parts(layout, language)).split("\n")}
            left = {
                line
                for line in english & page
                if re.search(r"[a-z]{2}", line)
                and line not in alike
                and not (language == "fr" and line.startswith(kept_in_french))
            }
            assert not left, (layout, language, left)


# --- Compact pages: any translated heading or label glued to the line before ----------


def _gluable(layout: str) -> list[str]:
    """English texts of the headings and labels after the title line (long enough to glue:
    the reader leaves short headings such as `Resumen` or `Aperçu` alone, as it does
    `Overview`)."""
    parts = english_parts(layout)
    start = next(i for i, p in enumerate(parts) if p.kind == "title") + 2
    return [
        p.text
        for p in parts[start:]
        if (p.kind == "heading" and p.text in HEADINGS and p.text not in SUBHEADINGS_2024)
        or (p.kind in {"field", "bullets"} and p.text)
    ]


GLUE_CASES = [
    pytest.param(layout, language, glued, id=f"{layout}-{language}-{glued}")
    for layout in LAYOUTS
    for language in LANGUAGES
    for glued in _gluable(layout)
    if len(translated(glued, language)) >= 8 or glued.endswith(":")
]


@pytest.mark.parametrize(("layout", "language", "glued"), GLUE_CASES)
def test_compact_page_with_a_heading_or_label_glued(layout: str, language: str, glued: str) -> None:
    """`...Datos abiertosRevisión del IRM`, `...2016Statut : Inactif`: back on their lines."""
    compact: dict[str, object] = {"drop": {"skip"}, "blank_lines": False}
    parts = page_parts(layout, language)
    page = as_text(parts, glue={translated(glued, language)}, **compact)
    assert page.count("\n") == as_text(parts, **compact).count("\n") - 1  # it is glued
    commitment, entries = without_locations(read_page(page))
    assert commitment == replace(expected_record(layout, language), chrome="compact")
    assert entries == expected_list(layout, language)


# --- Label spellings ---------------------------------------------------------------------


def _layout_of(label: str) -> str:
    """The first layout whose page shows the (English) label."""
    return next(layout for layout in LAYOUTS if any(p.text == label for p in english_parts(layout)))


def _colon_toggled(label: str) -> str:
    """`Estado:` → `Estado :`, `Statut :` → `Statut:` (the other French habit)."""
    return label[:-2] + ":" if label.endswith(" :") else label[:-1] + " :"


SPELLINGS: dict[str, Callable[[str], str]] = {
    "no-accents": strip_accents,
    "upper-case": str.upper,
    "lower-case": str.lower,
    "colon-spacing": _colon_toggled,
    "typographic-apostrophe": lambda label: label.replace("'", "’"),
}


def _label_cases() -> list[object]:
    """(English label, language, spelling, label as spelled) for every ES/FR label."""
    cases = []
    for english, translations in LABELS.items():
        for language, label in zip(("es", "fr"), translations, strict=True):
            alternatives = LABEL_ALTERNATIVES.get(english, ((), ()))[language == "fr"]
            for alternative in alternatives:
                cases.append((english, language, "alternative", alternative))
            spelled = {name: spell(label) for name, spell in SPELLINGS.items()}
            for name, variant in spelled.items():
                if variant != label:
                    cases.append((english, language, name, variant))
            if _kind_of(english) == "field":  # a bullet-list label has no value beside it
                for name in ("no-space-after", "next-line"):
                    cases.append((english, language, name, label))
    return [pytest.param(*case, id=f"{case[1]}-{case[0]}-{case[2]}-{case[3]}") for case in cases]


def _kind_of(label: str) -> str:
    """`field` (value beside the label) or `bullets` (values on the lines below)."""
    return next(p.kind for p in english_parts(_layout_of(label)) if p.text == label)


def _respelled(parts: list[Part], label: str, spelling: str, variant: str) -> list[Part]:
    """The page with one label written as `variant`, or its value placed differently."""
    part = next(p for p in parts if p.text == label)
    if spelling == "next-line":
        return with_field(parts, label, next_line=True)
    if spelling == "no-space-after":
        return replaced(parts, label, text(f"{label.rstrip()}{part.value}"))
    return replaced(parts, label, replace(part, text=variant))


def _read_dressed(parts: list[Part], language: str, chrome: str) -> PageReadResult:
    """Read a page in the full, compact (IRM Review glued) or served-HTML chrome."""
    if chrome == "html":
        rendered = render_html(as_html(parts, lang=language))
        return read_page(rendered.text, language=rendered.language)
    options: dict[str, object] = (
        {"drop": {"skip"}, "blank_lines": False, "glue": {translated("IRM Review", language)}}
        if chrome == "compact"
        else {}
    )
    return read_page(as_text(parts, **options))


@pytest.mark.parametrize("chrome", ["full", "compact", "html"])
@pytest.mark.parametrize(("english", "language", "spelling", "variant"), _label_cases())
def test_label_spellings_read_like_the_label(
    english: str, language: str, spelling: str, variant: str, chrome: str
) -> None:
    """Accents dropped, capitals changed, a space before the colon or none, none after it,
    `’` for `'`, the value on the next line, the other spellings docs/sources.md lists: the
    same record."""
    layout = _layout_of(english)
    label = translated(english, language)
    parts = _respelled(page_parts(layout, language), label, spelling, variant)
    commitment, entries = without_locations(_read_dressed(parts, language, chrome))
    shown = "full" if chrome == "html" else chrome
    assert commitment == replace(expected_record(layout, language), chrome=shown)
    assert entries == expected_list(layout, language)


@pytest.mark.parametrize("chrome", ["full", "stripped", "compact", "html"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_spanish_description_heading_detalles(layout: str, chrome: str) -> None:
    """docs/sources.md lists `Detalles` beside `Descripción` for the Description heading."""
    parts = replaced(page_parts(layout, "es"), "Descripción", heading("Detalles"))
    if chrome == "stripped":
        result = read_page(as_text(parts, drop=_drop("es") - {"Descripción"}))
    elif chrome == "compact":
        result = read_page(as_text(parts, drop={"skip"}, blank_lines=False, glue={"Detalles"}))
    else:
        result = _read_dressed(parts, "es", chrome)
    commitment, _ = without_locations(result)
    shown = "full" if chrome == "html" else chrome
    assert commitment == replace(expected_record(layout, "es"), chrome=shown)


@pytest.mark.parametrize(
    "label",
    [
        "Ambición (consulta: definición):",
        "Ambición (consulta : definición) :",
        "Ambicion (consulta:definicion):",
        "AMBICIÓN (CONSULTA: DEFINICIÓN):",
    ],
)
def test_ambition_label_with_its_inner_colon(label: str) -> None:
    parts = page_parts("2020_2023", "es")
    parts = replaced(parts, "Ambición (consulta: definición):", text(f"{label} Alto"))
    commitment = read_page(as_text(parts)).commitment
    assert commitment is not None
    assert commitment.fields["ambition"] == "Alto"
    assert replace(commitment, location="") == replace(
        expected_record("2020_2023", "es"), chrome="full"
    )


# --- Translated values and placeholders ----------------------------------------------------

VALUE_CASES = [
    ("pre2020", "es", "Status:", "status", "Activo"),
    ("pre2020", "es", "Starred:", "starred", "Sí Con Estrella"),
    ("pre2020", "es", "Starred:", "starred", "si"),
    ("pre2020", "es", "Verifiable:", "verifiable", "Sí"),
    ("pre2020", "es", "Early Results:", "early_results", "Revisión pendiente de IRM"),
    ("pre2020", "es", "Early Results:", "early_results", "Pendiente revisión de IRM"),
    ("pre2020", "es", "Completion:", "completion", "sin datos de IRM"),
    ("2020_2023", "es", "Ambition (see definition):", "ambition", "Alto"),
    ("2020_2023", "es", "Relevant to OGP Values:", "relevant_to_ogp_values", "si"),
    ("2024", "es", "Verifiable:", "verifiable", "Sí"),
    ("pre2020", "fr", "Starred:", "starred", "Oui"),
    ("pre2020", "fr", "Early Results:", "early_results", "marginaux"),
    ("pre2020", "fr", "Early Results:", "early_results", "marginaux marginaux"),
    ("pre2020", "fr", "Early Results:", "early_results", "n'ont pas changé"),
    ("pre2020", "fr", "Early Results:", "early_results", "N’ont pas changé N’ont pas changé"),
    ("pre2020", "fr", "Completion:", "completion", "pas de données IRM"),
    ("2020_2023", "fr", "Ambition (see definition):", "ambition", "Haut"),
    ("2020_2023", "fr", "Ambition (see definition):", "ambition", "Faible"),
    ("2020_2023", "fr", "Relevant to OGP Values:", "relevant_to_ogp_values", "Oui"),
    ("2024", "fr", "Relevance to OGP Values:", "relevant_to_ogp_values", "Oui"),
]


@pytest.mark.parametrize("chrome", ["full", "stripped", "compact"])
@pytest.mark.parametrize("next_line", [False, True], ids=["same-line", "next-line"])
@pytest.mark.parametrize(
    ("layout", "language", "label", "name", "value"),
    [pytest.param(*case, id=f"{case[1]}-{case[3]}-{case[4]}") for case in VALUE_CASES],
)
def test_translated_values_are_kept_as_shown(
    layout: str, language: str, label: str, name: str, value: str, next_line: bool, chrome: str
) -> None:
    """docs/sources.md's translated values and placeholders, beside their label or below it."""
    parts = with_field(
        page_parts(layout, language), translated(label, language), value=value, next_line=next_line
    )
    options = {
        "full": {},
        "stripped": {"drop": _drop(language)},
        "compact": {"drop": {"skip"}, "blank_lines": False},
    }[chrome]
    commitment, _ = without_locations(read_page(as_text(parts, **options)))
    record = expected_record(layout, language)
    assert commitment == replace(record, chrome=chrome, fields={**record.fields, name: value})


# --- Mixed languages, language from headings, banners ---------------------------------------


@pytest.mark.parametrize("chrome", ["full", "stripped", "compact", "html"])
def test_english_page_with_a_spanish_description_stays_english(chrome: str) -> None:
    spanish = [translated(line, "es") for line in DESCRIPTION_PRE2020]
    parts = english_parts("pre2020")
    for line, translation in zip(DESCRIPTION_PRE2020, spanish, strict=True):
        parts = replaced(parts, line, text(translation))
    if chrome == "html":
        result = read_page(render_html(as_html(parts)).text)
    else:
        options = {
            "full": {},
            "stripped": {"drop": STRIPPABLE},
            "compact": {"drop": {"skip"}, "blank_lines": False, "glue": {"IRM Review"}},
        }[chrome]
        result = read_page(as_text(parts, **options))
    commitment, entries = without_locations(result)
    shown = "full" if chrome == "html" else chrome
    expected = expected_record("pre2020", "en")
    assert commitment == replace(expected, chrome=shown, description="\n".join(spanish))
    assert result.language == "en"
    assert entries == expected_list("pre2020", "en")


@pytest.mark.parametrize("language", ["es", "fr"])
def test_page_with_no_labels_takes_its_language_from_its_headings(language: str) -> None:
    """A bare page (title, `Descripción`, text) shows no label: its chrome headings and
    member-list heading tell the language (`Description` alone, French and English, not)."""
    parts = [
        *translate(english_parts("pre2020", with_list=False)[:3], language),
        *translate([p for p in english_parts("pre2020") if p.text == "Description"], language),
        text("Publicar el presupuesto."),
    ]
    result = read_page(as_text(parts))
    assert result.commitment is not None
    assert (result.language, result.commitment.language) == (language, language)
    assert result.commitment.description == "Publicar el presupuesto."
    no_skip = read_page(as_text(parts[1:] + translate(member_list_parts(), language)))
    assert no_skip.language == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_survey_banner_without_member_line_is_no_member_name(language: str) -> None:
    banner = {"en": "Take our survey", "es": "Responda nuestra encuesta", "fr": "Notre enquête"}
    parts = page_parts("2024", language)
    result = read_page(as_text(parts, drop={"skip", "member"}, banner=banner[language]))
    commitment, _ = without_locations(result)
    assert commitment == replace(expected_record("2024", language), chrome="full", member_name=None)
    assert result.member_name is None


# --- Member pages alone -------------------------------------------------------------------------


@pytest.mark.parametrize("with_lang", [False, True], ids=["lang-from-heading", "html-lang"])
@pytest.mark.parametrize("rendition", ["text", "html"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_member_page_alone_gives_its_list_and_language(
    language: str, rendition: str, with_lang: bool
) -> None:
    parts = member_page_parts(language)
    if rendition == "html":
        rendered = render_html(as_html(parts, lang=language))
        page, lang = rendered.text, rendered.language
    else:
        page, lang = as_text(parts), language
    result = read_page(page, language=lang if with_lang else None)
    assert result.commitment is None
    assert [replace(e, location="") for e in result.member_list] == expected_list(
        "pre2020", language
    )
    assert (result.member_name, result.language) == (translated("Freedonia", language), language)
    assert result.rejects == []


@pytest.mark.parametrize(
    ("heading", "name", "language"),
    [
        ("Freedonia's Commitments", "Freedonia", "en"),
        ("Compromisos de Freedonia", "Freedonia", "es"),
        ("Compromisos del Perú", "Perú", "es"),
        ("Compromisos de la Ciudad de Buenos Aires", "Ciudad de Buenos Aires", "es"),
        ("Engagements de la Freedonie", "Freedonie", "fr"),
        ("Engagements du Sénégal", "Sénégal", "fr"),
        ("Engagements de l'Ukraine", "Ukraine", "fr"),
        ("Engagements de l’Ukraine", "Ukraine", "fr"),
        ("Engagements des Philippines", "Philippines", "fr"),
        ("Engagements de Madagascar", "Madagascar", "fr"),
    ],
)
def test_member_list_headings_in_every_language(heading: str, name: str, language: str) -> None:
    page = as_text([Part("list", heading), *member_page_parts("en")[2:]])
    result = read_page(page)
    assert (result.member_name, result.language) == (name, language)
    assert [e.commitment_id for e in result.member_list] == ["FD0012", "FD0013", "FD0031"]


# --- The 2024+ description ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "drop",
    [
        pytest.param(frozenset(), id="full"),
        pytest.param(STRIPPABLE, id="stripped"),
        pytest.param(STRIPPABLE | {"member", "skip", "Inception Report Summary"}, id="bare"),
    ],
)
def test_2024_description_sub_headings_are_description(drop: frozenset[str], language: str) -> None:
    """`Commitment ID` / `FD0045` / `Commitment Title` / title / `Problem` ... are the
    description: not labels, not headings, and the repeated title is not the title line
    (nor is a sub-heading written with a colon, or the title repeated with its ID)."""
    lines = [translated(line, language) for line in DESCRIPTION_2024]
    parts = page_parts("2024", language)
    parts = replaced(parts, lines[4], heading(f"{lines[4]}:"))
    parts = replaced(parts, lines[3], title(f"{lines[3]} ({LAYOUT2024_ID})"))
    lines[3], lines[4] = f"{lines[3]} ({LAYOUT2024_ID})", f"{lines[4]}:"
    hidden = {translated(t, language) for t in drop} | (drop & {"member", "skip"})
    commitment, _ = without_locations(read_page(as_text(parts, drop=hidden)))
    record = expected_record("2024", language)
    assert commitment == replace(
        record,
        chrome="stripped" if drop else "full",
        description="\n".join(lines),
        member_name=None if "member" in drop else record.member_name,
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("skip_and_member", [True, False], ids=["with-chrome", "banner-alone"])
def test_2024_page_with_a_survey_banner_before_everything(
    language: str, skip_and_member: bool
) -> None:
    drop = set() if skip_and_member else {"skip", "member"}
    page = as_text(page_parts("2024", language), banner=BANNERS[language], drop=drop)
    assert page.startswith(BANNERS[language])
    commitment, _ = without_locations(read_page(page))
    record = expected_record("2024", language)
    assert commitment == replace(
        record, chrome="full", member_name=record.member_name if skip_and_member else None
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_2024_page_without_at_a_glance_or_summary_heading_is_still_2024(language: str) -> None:
    """Stripped and without its at-a-glance block and `Inception Report Summary`
    heading, a 2024+ page still shows `Potential for Results:`, no earlier page does."""
    english = without(english_parts("2024"), *AT_A_GLANCE_PARTS["2024"], "Inception Report Summary")
    page = as_text(translate(english, language), drop={translated(t, language) for t in STRIPPABLE})
    commitment, _ = without_locations(read_page(page))
    assert commitment == replace(
        expected_without_at_a_glance("2024", language), chrome="no_at_a_glance"
    )


@pytest.mark.parametrize("chrome", ["stripped", "compact", "banner", "html", "html-stripped"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_page_without_at_a_glance_in_other_chromes(layout: str, language: str, chrome: str) -> None:
    """No at-a-glance block combined with the other chrome variants."""
    parts = translate(without(english_parts(layout), *AT_A_GLANCE_PARTS[layout]), language)
    compact = {translated("IRM Review", language), translated("Description", language)}
    result = {
        "stripped": lambda: read_page(as_text(parts, drop=_drop(language))),
        "compact": lambda: read_page(
            as_text(parts, drop={"skip"}, blank_lines=False, glue=compact)
        ),
        "banner": lambda: read_page(as_text(parts, banner=BANNERS[language])),
        "html": lambda: _read_dressed(parts, language, "html"),
        "html-stripped": lambda: read_page(
            render_html(as_html(parts, lang=language, drop=_drop(language) | {"member"})).text
        ),
    }[chrome]()
    commitment, entries = without_locations(result)
    record = expected_without_at_a_glance(layout, language)
    assert commitment == replace(
        record,
        chrome="compact" if chrome == "compact" else "no_at_a_glance",
        member_name=None if chrome == "html-stripped" else record.member_name,
    )
    assert entries == expected_list(layout, language)


@pytest.mark.parametrize("chrome", ["full", "stripped", "compact", "html"])
@pytest.mark.parametrize(
    "marker", ["•", "*", "-", "1.", ""], ids=["bullet", "star", "dash", "numbered", "lines"]
)
@pytest.mark.parametrize("label", ["Institutions involved:", "OGP Value:"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_2024_list_fields_in_every_list_form(
    language: str, label: str, marker: str, chrome: str
) -> None:
    """`Institutions involved:` and `OGP Value:` as bullets, numbered items (an `<ol>`:
    the field keeps the numbers as shown, the values are read without them) or lines."""
    parts = page_parts("2024", language)
    shown = translated(label, language)
    part = next(p for p in parts if p.text == shown)
    parts = replaced(parts, shown, replace(part, marker=marker))
    record = expected_record("2024", language)
    if marker == "1.":
        name = "institutions_involved" if label.startswith("Institutions") else "ogp_value"
        items = record.fields[name].split("\n")
        numbered = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
        record = replace(record, fields={**record.fields, name: numbered})
    if chrome in {"full", "html"}:
        result = _read_dressed(parts, language, chrome)
    else:
        options: dict[str, object] = (
            {"drop": _drop(language)}
            if chrome == "stripped"
            else {"drop": {"skip"}, "blank_lines": False}
        )
        result = read_page(as_text(parts, **options))
    commitment, _ = without_locations(result)
    assert commitment == replace(record, chrome="full" if chrome == "html" else chrome)


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        ("es", "Ministerio de Hacienda y Oficina Nacional de Estadística"),
        ("fr", "Ministère des Finances et Office national de la statistique"),
    ],
)
def test_translated_lead_institutions_joined_by_y_or_et(language: str, lead: str) -> None:
    """`A y B` / `A et B` name two bodies, as `A and B` does on the English page."""
    parts = page_parts("pre2020", language)
    label = translated("Lead Institution:", language)
    commitment, _ = without_locations(read_page(as_text(with_field(parts, label, value=lead))))
    record = expected_record("pre2020", language)
    assert commitment == replace(
        record, chrome="full", fields={**record.fields, "lead_institution": lead}
    )


def test_colonless_label_is_a_label_only_before_a_rating() -> None:
    """`Estatus Activo` is the status; `Estatus del proyecto: ...` in prose is not."""
    at_a_glance = frozenset({"at_a_glance"})
    hit = match_label("Estatus Activo", at_a_glance)
    assert hit is not None and (hit.label.field, hit.value) == ("status", "Activo")
    empty = match_label("Estatus", at_a_glance)
    assert empty is not None and (empty.label.field, empty.value) == ("status", "")
    assert match_label("Estatus del proyecto: en curso", at_a_glance) is None
