"""clean_description on the description quirks of docs/sources.md ("Text quirks"): hard wraps,
bullets, PDF hyphenation, literal backslash escapes, repeated paragraphs, and the layouts it
must leave alone (lists, sub-headings, real hyphens, paths and links). Idempotence and "no
word lost" are checked over every real `Full Text` cell of the sample export and the sample
page."""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache

import pytest

from pipeline.raw.fields.description import WRAP_MIN_CHARS, clean_description
from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLE_PAGE

LONG = "This line is long enough to have been wrapped by a PDF"  # 54 chars, no final stop
assert len(LONG) >= WRAP_MIN_CHARS


@cache
def _full_texts() -> tuple[str, ...]:
    """Every `Full Text` cell of the sample export, as the export reader sees it."""
    with SAMPLE_EXPORT.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(row["Full Text"] for row in csv.DictReader(handle))


def _alnum(text: str) -> Counter[str]:
    """Multiset of letters and digits: what must survive the clean-up."""
    return Counter(c for c in text if c.isalnum())


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param(" \r\n\t\r\n ", None, id="white-space-only"),
        pytest.param("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree.", id="crlf-and-cr"),
        pytest.param("One.   \nTwo.\t", "One.\nTwo.", id="trailing-spaces"),
        pytest.param("One.\n\n\n\nTwo.", "One.\n\nTwo.", id="blank-run-collapsed"),
        pytest.param("One.\n\nTwo.", "One.\n\nTwo.", id="one-blank-line-kept"),
        pytest.param("\n\n  Text.  \n\n", "Text.", id="whole-text-trimmed"),
    ],
)
def test_white_space(text: str | None, cleaned: str | None) -> None:
    assert clean_description(text) == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param(f"{LONG}\nfile as a sentence.", f"{LONG} file as a sentence.", id="wrap"),
        pytest.param(
            f"{LONG}\n   of a table cell", f"{LONG} of a table cell", id="indented-continuation"
        ),
        pytest.param(
            f"{LONG},\nbut went on,\nand on.",
            f"{LONG}, but went on, and on.",
            id="chain-judged-on-the-joined-line",  # as a second run would: idempotent
        ),
        pytest.param(
            f"- {LONG}\ncontinued in the item.\n- Next item.",
            f"- {LONG} continued in the item.\n- Next item.",
            id="bullet-item-wrapped",
        ),
        pytest.param(
            "What is the public problem that the commitment will\naddress?",
            "What is the public problem that the commitment will address?",
            id="sample-KG0018-question",
        ),
        pytest.param(
            f"{LONG} in the govern-\nment of the day.",
            f"{LONG} in the government of the day.",
            id="hyphenated-wrap",
        ),
        pytest.param(
            f"{LONG} by e-\ngovernment tools.",
            f"{LONG} by e-government tools.",
            id="hyphenated-wrap-real-compound",
        ),
        pytest.param(
            f"{LONG} with self-\nand co-regulation.",
            f"{LONG} with self- and co-regulation.",
            id="suspended-hyphen-at-wrap",
        ),
    ],
)
def test_hard_wraps_joined(text: str, cleaned: str) -> None:
    assert clean_description(text) == cleaned


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("roses are red\nviolets are blue\nsugar is sweet", id="poem-short-lines"),
        pytest.param("Funds from\nthe republican\nbudget", id="sample-KG0018-table-cell"),
        pytest.param(
            "Commitment ID\nKEEM0002\nCommitment Title\nOpen budgets for all\nProblem\n"
            "The budget is not published.\nStatus quo\nNo data.\nAction\nPublish it.",
            id="2024-sub-headings",
        ),
        pytest.param("Problem\nbudgets are not published", id="sub-heading-lower-case-next"),
        pytest.param(f"{LONG}.\nand a new sentence", id="line-ends-sentence"),
        pytest.param(f"{LONG}:\nimprove access to data for all", id="line-ends-colon"),
        pytest.param(f"{LONG};\nanother item", id="line-ends-semicolon"),
        pytest.param(f"{LONG} (FIN)\nbelow", id="line-ends-parenthesis"),
        pytest.param(f"{LONG} “quoted”\nbelow", id="line-ends-quote"),
        pytest.param(f"{LONG}\nThe next sentence.", id="next-upper-case"),
        pytest.param(f"{LONG}\n2019", id="next-number"),
        pytest.param(f"{LONG}\n- an item", id="next-bullet"),
        pytest.param(f"{LONG}\na) the requirement", id="next-letter-enumerator"),
        pytest.param(f"{LONG}\nii) government accountability", id="next-roman-enumerator"),
        pytest.param(f"{LONG}\n\nnext paragraph", id="blank-line-between"),
        pytest.param(
            "1. Publish departmental data plans\n2. Monitor and publish progress\n"
            "3. Help non-data specialist policy staff",
            id="numbered-list",
        ),
        pytest.param(
            "http://www.president.kg/ru/sobytiya/novosti/6015_\n"
            "proekt_nacionalnoy_strategii_razvitiya_kirgizskoy_\nrespubliki_na_2018_2040_godi_",
            id="sample-KG0018-cut-url",
        ),
        pytest.param(
            "The Directorat for Good Governance and Interactions with NGOs\n"
            "e-mail / phone bojana.bajic@MPA.gov.me",
            id="sample-ME0059-contact-row",
        ),
        pytest.param(
            "Anti-Corruption, e-government, self- and co-regulation, public- and private-sector",
            id="real-and-suspended-hyphens",
        ),
        pytest.param("intra- and inter-sector, corto- y mediano plazo", id="suspended-other"),
        pytest.param(
            "See https://korupce.cz/partnerstvi-pro- otevrene-vladnuti-ogp/faze- implementace/",
            id="sample-CZ0036-url-with-hyphen-space",
        ),
        pytest.param("January- December 2023, July 2016- August 2018", id="date-ranges"),
        pytest.param("the early stage of law - making", id="spaced-dash"),
        pytest.param("Files are in C:\\Data\\new and C:\\temp\\", id="windows-path"),
        pytest.param("Share \\\\server\\new\\test", id="unc-path"),
        pytest.param("See http://example.org/a\\nb for it", id="url-with-backslash"),
        pytest.param("July 2020\n\nJuly 2020", id="short-repeat-is-a-table-cell"),
        pytest.param("New\nNew\nNew", id="repeated-short-lines"),
        pytest.param("*Note\n-5 degrees\n* * *\n---", id="not-bullets"),
        pytest.param("- Already a bullet\n- - double marker", id="normalised-bullets"),
        pytest.param("•\n●", id="lone-bullet-glyphs"),
    ],
)
def test_left_alone(text: str) -> None:
    assert clean_description(text) == text


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param("Go- vernment of the direc- tion", "Government of the direction", id="split"),
        pytest.param(
            "Anti- Corruption Bureau, E- Procurement System",
            "Anti-Corruption Bureau, E-Procurement System",
            id="compound-head-before-a-capital",
        ),
        pytest.param(
            "Government- Parliament Forum", "Government- Parliament Forum", id="label-dash-kept"
        ),
        pytest.param(
            "made in the direc- tion of openness",
            "made in the direction of openness",
            id="sample-DE0044",
        ),
        pytest.param(
            "in decision- making processes, and decision-making",
            "in decision-making processes, and decision-making",
            id="hyphenated-spelling-elsewhere",
        ),
        pytest.param(
            "the Govern- ment and the Government",
            "the Government and the Government",
            id="joined-spelling-elsewhere",
        ),
        pytest.param(
            "the non- governmental sector and socio- economic status",
            "the non-governmental sector and socio-economic status",
            id="compound-prefixes",
        ),
        pytest.param(
            "a pre- agreed topic that was agreed",
            "a pre-agreed topic that was agreed",
            id="second-part-is-a-word-elsewhere",
        ),
        pytest.param(
            "basic state- forming acts of the state",
            "basic state-forming acts of the state",
            id="first-part-is-a-word-elsewhere",
        ),
        pytest.param("Anti-Corru- ption", "Anti-Corruption", id="inside-a-compound"),
        pytest.param("direc\u00ad tion", "direction", id="soft-hyphen"),
    ],
)
def test_pdf_hyphenation(text: str, cleaned: str) -> None:
    assert clean_description(text) == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param("• one\n· two\n▪ three", "- one\n- two\n- three", id="glyphs"),
        pytest.param("◦ four\n● five\n\uf0b7 six\n\uf0a7 seven", "- four\n- five\n- six\n- seven"),
        pytest.param("* eight\n- nine\n– ten", "- eight\n- nine\n- ten", id="ascii-and-en-dash"),
        pytest.param("•nine\n•\tten\n-   eleven", "- nine\n- ten\n- eleven", id="spacing"),
        pytest.param("  • indented", "- indented", id="indent-of-first-line-trimmed"),
        pytest.param("Intro.\n  • indented", "Intro.\n  - indented", id="indent-kept"),
        pytest.param(
            "● Lack of law. ● Violation.", "- Lack of law. ● Violation.", id="inline-kept"
        ),
        pytest.param("1. one\n2) two\na) three", "1. one\n2) two\na) three", id="numbers-kept"),
    ],
)
def test_bullets(text: str, cleaned: str) -> None:
    assert clean_description(text) == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param("First.\\nSecond.", "First.\nSecond.", id="newline"),
        pytest.param("First.\\n\\nSecond.", "First.\n\nSecond.", id="two-newlines"),
        pytest.param("First.\\r\\nSecond.", "First.\nSecond.", id="crlf"),
        pytest.param("Lead\\tMinistry", "Lead Ministry", id="tab"),
        pytest.param('the \\"open\\" data', 'the "open" data', id="double-quote"),
        pytest.param("the \\'open\\' data", "the 'open' data", id="single-quote"),
        pytest.param("First line \\\nSecond line", "First line\nSecond line", id="trailing"),
        pytest.param("Ends here.\\", "Ends here.", id="trailing-at-end"),
        pytest.param("Kept: C:\\\nNext", "Kept: C:\\\nNext", id="trailing-drive-root-kept"),
        pytest.param("Kept: \\\\\nNext", "Kept: \\\\\nNext", id="trailing-double-kept"),
        pytest.param(
            "In C:\\Data\\new.\\nNext.", "In C:\\Data\\new.\\nNext.", id="path-token-untouched"
        ),
    ],
)
def test_escape_residue(text: str, cleaned: str) -> None:
    assert clean_description(text) == cleaned


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param(
            "The lead paragraph of the commitment text.\n\n"
            "The lead paragraph of the commitment text.\n\nThe rest.",
            "The lead paragraph of the commitment text.\n\nThe rest.",
            id="paragraph",
        ),
        pytest.param(
            "A paragraph written over\ntwo lines and repeated.\n\n"
            "A paragraph written over\ntwo lines and repeated.",
            "A paragraph written over\ntwo lines and repeated.",
            id="multi-line-paragraph",
        ),
        pytest.param(
            "The lead paragraph of the commitment text.\n\n\n"
            "The lead paragraph of the commitment text.\n\n"
            "The lead paragraph of the commitment text.",
            "The lead paragraph of the commitment text.",
            id="three-times",
        ),
        pytest.param(
            "The lead paragraph of the commitment text.\n"
            "The lead paragraph of the commitment text.\nMore.",
            "The lead paragraph of the commitment text.\nMore.",
            id="page-paragraphs-on-single-lines",
        ),
        pytest.param(
            "The lead paragraph of the commitment text.\n\nOther.\n\n"
            "The lead paragraph of the commitment text.",
            "The lead paragraph of the commitment text.\n\nOther.\n\n"
            "The lead paragraph of the commitment text.",
            id="not-adjacent-kept",
        ),
        pytest.param(
            "Ministry of Women and Child Affairs and others\n"
            "Ministry of Women and Child Affairs and others",
            "Ministry of Women and Child Affairs and others\n"
            "Ministry of Women and Child Affairs and others",
            id="repeated-cell-without-stop-kept",
        ),
    ],
)
def test_repeats(text: str, cleaned: str) -> None:
    assert clean_description(text) == cleaned


def test_sample_page_description_kept() -> None:
    """UK0073's description paragraphs are single lines: nothing to join or repair."""
    page = SAMPLE_PAGE.read_text(encoding="utf-8")
    start = page.index("\nObjective: Through")
    end = page.index("\nIRM End of Term Status Summary")
    description = page[start:end].strip()
    assert clean_description(description) == description


def test_sample_cell_before_after() -> None:
    """A real hard-wrapped cell (KE0021): the sentences come back, the headings stay."""
    [text] = [t for t in _full_texts() if t.startswith("Commitment 4: Public Participation")]
    cleaned = clean_description(text)
    assert cleaned is not None
    assert cleaned.startswith(
        "Commitment 4: Public Participation\n"
        "We will work together to improve public participation in development decision "
        "making for better and responsive service delivery\n"
        "Objective:\n"
        "To operationalize the Constitutional requirement of public participation on all "
        "matters of policy, decision making and service delivery in Kenya.\n"
        "Status quo:\n"
    )
    assert "\nNew or\nongoing\nStart date End date\n" in cleaned  # a table header, too short


@pytest.mark.parametrize("index", range(len(_full_texts())))
def test_sample_cells_idempotent_and_no_word_lost(index: int) -> None:
    text = _full_texts()[index]
    cleaned = clean_description(text)
    assert cleaned is not None
    assert clean_description(cleaned) == cleaned
    # The sample has no backslashes and no repeated paragraphs: every letter and digit stays,
    # and the words stay in order once hyphens and bullet marks are set aside.
    assert "\\" not in text
    assert _alnum(cleaned) == _alnum(text)
    assert _words_in_order(cleaned) == _words_in_order(text)


def _words_in_order(text: str) -> list[str]:
    """Words with bullet marks and hyphens (and the space after a split hyphen) removed."""
    text = re.sub(r"(?m)^\s*[•·▪◦●\uf0a7\uf0b7*\-–]\s*", " ", text)
    return re.sub(r"[-\u00ad\u2010]\s+", "", text).replace("-", "").split()


def test_sample_page_idempotent_and_no_word_lost() -> None:
    page = SAMPLE_PAGE.read_text(encoding="utf-8")
    cleaned = clean_description(page)
    assert cleaned is not None
    assert clean_description(cleaned) == cleaned
    assert _alnum(cleaned) == _alnum(page)


def test_sample_share_changed() -> None:
    """Most cells only lose white space; a known share has wraps, bullets or hyphens repaired."""
    texts = _full_texts()
    tidy = [
        re.sub(r"\n{3,}", "\n\n", "\n".join(ln.rstrip() for ln in t.split("\n"))).strip()
        for t in texts
    ]
    repaired = sum(clean_description(t) != s for t, s in zip(texts, tidy, strict=True))
    assert len(texts) == 153
    assert repaired == 37
