"""render_html, and HTML pages read through it: the same page served as HTML (menus,
scripts, styles, `<strong>Label:</strong> value`, `<ul><li>` bullets, canonical link,
`lang`) must give the same record as its plain-text rendition (docs/sources.md §1)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.raw.readers.html_text import RenderedPage, render_html
from pipeline.raw.readers.page import read_page
from pipeline.raw.source_records import PageReadResult
from tests.fixtures.ogp_pages import (
    AT_A_GLANCE,
    BANNER,
    MEMBER,
    PRE2020_ID,
    PRE2020_LEAD,
    STRIPPABLE,
    Part,
    as_html,
    as_text,
    bullets,
    field,
    layout2020_parts,
    member,
    member_list_parts,
    pre2020_parts,
    replaced,
    summary_parts,
    title,
    with_field,
    without,
)

PRE2020_TITLE = f"Open budget data ({PRE2020_ID})"
URL = "https://www.opengovpartnership.org/members/freedonia/commitments/FD0012/"


def text_lines(html: str) -> list[str]:
    return [line.strip() for line in render_html(html).text.split("\n") if line.strip()]


# --- render_html -------------------------------------------------------------------------


def test_canonical_url_and_language_come_from_the_markup() -> None:
    rendered = render_html(as_html(pre2020_parts(), canonical=URL, lang="en-GB"))
    assert (rendered.canonical_url, rendered.language) == (URL, "en")


@pytest.mark.parametrize(
    ("head", "canonical"),
    [
        (f'<link rel="Canonical" href=" {URL} ">', URL),
        (f'<meta property="og:url" content="{URL}">', URL),
        (f'<link rel="canonical" href=""><meta property="og:url" content="{URL}">', URL),
        ('<link rel="stylesheet" href="/a.css">', None),
    ],
)
def test_canonical_url_variants(head: str, canonical: str | None) -> None:
    page = f"<html><head>{head}</head><body><p>x</p></body></html>"
    assert render_html(page).canonical_url == canonical


@pytest.mark.parametrize(
    ("attribute", "language"),
    [('lang="es"', "es"), ('lang="FR-fr"', "fr"), ('lang=""', None), ("", None)],
)
def test_language_from_the_html_element(attribute: str, language: str | None) -> None:
    assert render_html(f"<html {attribute}><body><p>x</p></body></html>").language == language


def test_menus_footer_scripts_and_styles_are_not_in_the_text() -> None:
    lines = text_lines(as_html(pre2020_parts()))
    assert lines[:3] == ["Skip Navigation", MEMBER, PRE2020_TITLE]
    assert lines[-1] == "Ambition: Citizens can follow spending as it happens."
    for chrome in ("About OGP", "Members", "Privacy Policy", "Vermont", "dataLayer", "hidden"):
        assert not any(chrome in line for line in lines), chrome
    assert "Status: Active" not in lines


def test_text_after_a_removed_menu_is_kept() -> None:
    page = "<html><body><p>Before</p><nav><a>Menu</a></nav>After the menu<p>End</p></body></html>"
    assert text_lines(page) == ["Before", "After the menu", "End"]


def test_labels_and_values_share_a_line_and_blocks_get_their_own() -> None:
    lines = text_lines(as_html(pre2020_parts()))
    assert "Action Plan Cycle: 2016" in lines
    assert lines[lines.index("Policy Areas") + 1] == "Fiscal Transparency, Open Data"


def test_bullets_render_one_item_per_line() -> None:
    parts = replaced(
        pre2020_parts(), "Lead Institution:", bullets("Lead Institution:", *PRE2020_LEAD)
    )
    lines = text_lines(as_html(parts))
    start = lines.index("Lead Institution:")
    assert lines[start + 1 : start + 3] == [f"* {name}" for name in PRE2020_LEAD]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        ("   \n ", ""),
        ("<!-- only a comment -->", ""),
        ("plain text, no markup", "plain text, no markup"),
        (
            "<?xml version='1.0' encoding='utf-8'?>"
            "<html><body><p>Côte d’Ivoire – ‘x’</p></body></html>",
            "Côte d’Ivoire – ‘x’",
        ),
    ],
)
def test_odd_inputs(html: str, text: str) -> None:
    assert render_html(html).text.strip() == text


def test_non_ascii_text_without_a_charset_is_not_garbled() -> None:
    page = "<html><body><h1>Beneficial ownership – UK (UK0063)</h1><p>Réforme</p></body></html>"
    assert text_lines(page) == ["Beneficial ownership – UK (UK0063)", "Réforme"]


def test_empty_page_has_no_url_or_language() -> None:
    assert render_html("") == RenderedPage(text="", canonical_url=None, language=None)


# --- HTML and text renditions give the same record ---------------------------------------


def comparable(result: PageReadResult) -> PageReadResult:
    """The result without line numbers (they differ between renditions)."""
    commitment = result.commitment and replace(result.commitment, location="")
    return replace(
        result,
        commitment=commitment,
        member_list=[replace(e, location="") for e in result.member_list],
        rejects=[replace(r, location="") for r in result.rejects],
    )


VARIANTS = {
    "pre2020-summaries-list": pre2020_parts() + summary_parts() + member_list_parts(),
    "2020-2023": layout2020_parts(),
    "2020-2023-empty-ambition": with_field(
        layout2020_parts(), "Ambition (see definition):", value=""
    ),
    "lead-bullets": replaced(
        pre2020_parts(), "Lead Institution:", bullets("Lead Institution:", *PRE2020_LEAD)
    ),
    "lead-numbered": replaced(
        pre2020_parts(),
        "Lead Institution:",
        bullets("Lead Institution:", *PRE2020_LEAD, marker="1."),
    ),
    "values-bullets": replaced(
        pre2020_parts(),
        "Relevant to OGP Values:",
        bullets("Relevant to OGP Values:", "Access to Information", "Technology"),
    ),
    "areas-bullets": replaced(
        pre2020_parts(),
        "Fiscal Transparency, Open Data",
        bullets("", "Fiscal Transparency", "Open Data"),
    ),
    "value-next-line": with_field(
        pre2020_parts(), "Early Results:", value="Did Not Change Did Not Change", next_line=True
    ),
    "empty-rating": with_field(pre2020_parts(), "Potential Impact:", value=""),
    "placeholder": with_field(pre2020_parts(), "Completion:", value="Pending IRM Review"),
    "title-stray-word": replaced(
        pre2020_parts(), PRE2020_TITLE, title("Open budget data (phase II) (fd0012) draft")
    ),
    "no-at-a-glance": without(pre2020_parts(), *AT_A_GLANCE),
    "member-page": [member(MEMBER), *member_list_parts()],
}
DROPS = {
    "full": (),
    "stripped": STRIPPABLE,
    "stripped-no-member": STRIPPABLE | {"member"},
}


@pytest.mark.parametrize("banner", [None, BANNER], ids=["", "banner"])
@pytest.mark.parametrize("drop", list(DROPS.values()), ids=list(DROPS))
@pytest.mark.parametrize("parts", list(VARIANTS.values()), ids=list(VARIANTS))
def test_html_page_gives_the_same_record_as_its_text_rendition(
    parts: list[Part], drop: frozenset[str], banner: str | None
) -> None:
    from_text = read_page(as_text(parts, drop=drop, banner=banner))
    from_html = read_page(render_html(as_html(parts, drop=drop, banner=banner)).text)
    assert comparable(from_html) == comparable(from_text)
    assert from_text.commitment is not None or from_text.member_list


def test_html_record_carries_the_canonical_url_and_language() -> None:
    rendered = render_html(as_html(pre2020_parts(), canonical=URL, lang="en-US"))
    result = read_page(rendered.text, url=rendered.canonical_url, language=rendered.language)
    assert result.commitment is not None
    assert (result.commitment.url, result.commitment.language) == (URL, "en")
    assert result.commitment.chrome == "full"


def test_html_list_entries_keep_their_numbers_and_stars() -> None:
    result = read_page(render_html(as_html([member(MEMBER), *member_list_parts()])).text)
    assert [(e.list_number, e.commitment_id, e.starred) for e in result.member_list] == [
        (1, "FD0012", False),
        (2, "FD0013", True),
        (3, "FD0031", False),
    ]
    assert result.commitment is None
    assert result.member_name == MEMBER


def test_html_label_and_value_in_separate_elements_read_as_one_field() -> None:
    parts = replaced(pre2020_parts(), "Status:", field("Status:", "Inactive", next_line=True))
    result = read_page(render_html(as_html(parts)).text)
    assert result.commitment is not None
    assert result.commitment.fields["status"] == "Inactive"
