"""Captures cut off before their end (docs/sources.md §1: "A capture may be truncated
mid-word: parse what is there and flag it"): `cut_line` says where, and read_page still
gives everything before the cut."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.raw.readers.html_text import render_html
from pipeline.raw.readers.page import read_page
from pipeline.raw.readers.truncation import cut_line
from pipeline.raw.source_records import MemberListEntry, PageCommitment, Reject
from tests.fixtures.ogp_pages import DESCRIPTION_PRE2020, as_html, as_text
from tests.fixtures.ogp_pages_i18n import (
    LANGUAGES,
    expected_list,
    expected_record,
    page_parts,
    translated,
)
from tests.fixtures.samples import SAMPLE_PAGE


def text_cut(text: str) -> str | None:
    return cut_line(text.encode("utf-8"), text, "text")


# --- cut_line --------------------------------------------------------------------------


def test_html_without_its_closing_tag_is_cut() -> None:
    html = as_html(page_parts("pre2020", "en"))
    cut = html[: html.index("Status quo") + 23]
    assert cut_line(cut.encode(), render_html(cut).text, "html") == ("Status quo: Budget figu")
    assert cut_line(html.encode(), render_html(html).text, "html") is None


def test_html_closing_tag_in_any_case_and_spacing_is_complete() -> None:
    html = "<html><body><p>Open budget da</p></body></HTML >"
    assert cut_line(html.encode(), render_html(html).text, "html") is None


def test_empty_capture_is_not_cut() -> None:
    assert text_cut("") is None
    assert cut_line(b"<html>", "", "html") is None


@pytest.mark.parametrize(
    "ending",
    [
        "Status quo: Budget figures are rel",
        "Lead Institution: Ministry of Fin",
        "2. Starred commitment Beneficial own",
        "FD0013, 2016, Beneficial Owne",
        "Compromisos estelares del Minis",
        "Fiscal Transparency, Open Da",
    ],
)
def test_text_ending_mid_word_without_final_newline_is_cut(ending: str) -> None:
    assert text_cut(f"Freedonia\n\nOpen budget data (FD0012)\n\n{ending}") == ending


@pytest.mark.parametrize(
    "ending", ["Freedonia's Commitments", "Compromisos de Freedonia", "Engagements de la Freed"]
)
def test_text_ending_on_the_member_list_heading_is_cut(ending: str) -> None:
    """The list the heading opens is missing (and `Engagements de la Freed` may be a cut name)."""
    assert text_cut(f"Freedonia\n\nOpen budget data (FD0012)\n\n{ending}") == ending


def test_text_ending_with_a_newline_is_complete_whatever_its_last_line() -> None:
    assert text_cut("Open budget data (FD0012)\n\nStatus quo: Budget figures are rel\n") is None


def test_real_sample_ending_on_a_list_line_without_newline_is_not_cut() -> None:
    data = SAMPLE_PAGE.read_bytes()
    assert not data.endswith(b"\n")
    assert data.rstrip().endswith(b"UK0023, 2011, Records Management")
    assert cut_line(data, data.decode("utf-8"), "text") is None


@pytest.mark.parametrize(
    "ending",
    [
        pytest.param("Ambition: Citizens can follow spending as it happens.", id="prose"),
        pytest.param("Was it done? Yes!", id="prose-exclamation"),
        pytest.param("[Note 4: Interview with the budget office, 3 May 2018. ]", id="note"),
        pytest.param("Description", id="heading"),
        pytest.param("IRM End of Term Status Summary", id="summary-heading"),
        pytest.param("Descripción", id="heading-es"),
        pytest.param("Domaines politiques", id="heading-fr"),
        pytest.param("Complete", id="rating"),
        pytest.param("Did Not Change Did Not Change", id="doubled-rating"),
        pytest.param("Revisión pendiente de IRM", id="placeholder-es"),
        pytest.param("n'ont pas changé", id="rating-fr"),
        pytest.param("Completion: Complete", id="label-and-rating"),
        pytest.param("Estado: Inactivo", id="label-and-rating-es"),
        pytest.param("Potentiel de résultats : Substantiel", id="label-and-rating-fr"),
        pytest.param("Completion:", id="empty-label"),
        pytest.param("FD0031, 2021,", id="entry-without-area"),
        pytest.param("FD0012, 2016, Fiscal Transparency", id="entry"),
        pytest.param("FD0012, 2016, Transparencia fiscal", id="entry-es"),
        pytest.param("FD0012, 2016, Transparence fiscale", id="entry-fr"),
        pytest.param("Fiscal Transparency, Open Data", id="policy-areas"),
        pytest.param("Transparencia fiscal, Datos abiertos", id="policy-areas-es"),
    ],
)
def test_text_ending_on_something_finished_is_not_cut(ending: str) -> None:
    assert text_cut(f"Freedonia\n\nOpen budget data (FD0012)\n\n{ending}") is None


# --- read_page on cut pages ------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_cut_in_the_description_keeps_everything_before(language: str) -> None:
    page = as_text(page_parts("pre2020", language)).rstrip("\n")
    last = translated(DESCRIPTION_PRE2020[2], language)
    cut = page[: page.index(last) + 15]
    assert text_cut(cut) == last[:15].rstrip()
    commitment = read_page(cut).commitment
    assert commitment is not None
    record = expected_record("pre2020", language)
    description = (record.description or "").rsplit("\n", 1)[0] + "\n" + last[:15].rstrip()
    assert replace(commitment, location="") == replace(
        record, chrome="full", description=description
    )


@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_cut_in_a_field_keeps_the_fields_before_and_the_cut_value(
    language: str, html: bool
) -> None:
    """Cut inside `Support Institution(s):` — no policy areas, IRM review or description."""
    parts = page_parts("pre2020", language)
    support = translated("Office of the Auditor General; Budget Watch Freedonia", language)
    shown = support[:12].rstrip()
    if html:
        served = as_html(parts)
        served = served[: served.index(support) + 12]
        rendered = render_html(served).text
        assert cut_line(served.encode(), rendered, "html") is not None
        result = read_page(rendered)
    else:
        page = as_text(parts)
        page = page[: page.index(support) + 12]
        assert text_cut(page) is not None
        result = read_page(page)
    record = expected_record("pre2020", language)
    kept = ("action_plan", "action_plan_cycle", "status", "lead_institution")
    assert result.commitment is not None
    assert replace(result.commitment, location="") == PageCommitment(
        commitment_id=record.commitment_id,
        location="",
        title=record.title,
        member_name=record.member_name,
        language=language,
        layout="unknown",
        chrome="full",
        fields={
            **{name: record.fields[name] for name in kept},
            "support_institution": shown,
        },
        lead_institutions=record.lead_institutions,
        support_institutions=[shown],
    )
    assert result.member_list == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_cut_in_a_list_entry_title_keeps_the_entries_before(language: str) -> None:
    page = as_text(page_parts("pre2020", language)).rstrip("\n")
    entry = translated("Beneficial ownership register", language)
    cut = page[: page.index(entry) + 10]
    assert text_cut(cut) is not None
    result = read_page(cut)
    assert result.commitment is not None
    assert replace(result.commitment, location="") == replace(
        expected_record("pre2020", language), chrome="full"
    )
    assert [replace(e, location="") for e in result.member_list] == expected_list(
        "pre2020", language
    )[:1]
    assert [(r.severity, r.reason.split(" (")[0]) for r in result.rejects] == [
        ("error", "member-list entry 2")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_cut_in_a_list_id_line_keeps_the_area_as_far_as_it_goes(language: str) -> None:
    page = as_text(page_parts("pre2020", language)).rstrip("\n")
    area = translated("Beneficial Ownership", language)
    cut = page[: page.index(f"FD0013, 2016, {area}") + 20]
    assert text_cut(cut) == f"FD0013, 2016, {area}"[:20]
    result = read_page(cut)
    entries = [replace(e, location="") for e in result.member_list]
    first, second = expected_list("pre2020", language)[:2]
    assert entries == [first, replace(second, policy_area=area[:6])]
    assert result.rejects == []


def test_cut_list_entry_reject_names_the_entry() -> None:
    page = as_text(page_parts("pre2020", "en")).rstrip("\n")
    cut = page[: page.index("Beneficial ownership register") + 10]
    result = read_page(cut)
    assert result.rejects == [
        Reject(
            result.rejects[0].location,
            "error",
            "member-list entry 2 ('2. Starred commitment Beneficial') has no "
            "'ID, YEAR, AREA' line after it; entry dropped",
        )
    ]
    assert result.member_list[0] == MemberListEntry(
        result.member_list[0].location,
        1,
        "FD0012",
        "Open budget data",
        2016,
        "Fiscal Transparency",
        False,
    )
