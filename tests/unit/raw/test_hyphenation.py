"""repair_hyphenation: the one PDF-hyphenation rule institution fields and descriptions share."""

from __future__ import annotations

import csv
import random
import re
from collections import Counter

import pytest

from pipeline.raw.fields import hyphenation
from pipeline.raw.fields.hyphenation import repair_hyphenation
from tests.fixtures.samples import SAMPLE_EXPORT


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        pytest.param("Go- vernment", "Government", id="syllable-break"),
        pytest.param("Minis-\ntry of Finance", "Ministry of Finance", id="across-a-line-break"),
        pytest.param("soft\u00ad ware", "software", id="soft-hyphen"),
        pytest.param("non- governmental", "non-governmental", id="compound-head"),
        pytest.param("Non- Governmental", "Non-Governmental", id="compound-head-capital"),
        pytest.param(
            "decision- making and decision-making",
            "decision-making and decision-making",
            id="hyphenated-elsewhere",
        ),
        pytest.param("rail- way and railway", "railway and railway", id="joined-elsewhere"),
        pytest.param("self- and co-regulation", "self- and co-regulation", id="suspended"),
        pytest.param("Government- Parliament", "Government- Parliament", id="label-dash"),
        pytest.param("ICT- based", "ICT- based", id="acronym"),
        pytest.param("Anti-Corruption", "Anti-Corruption", id="no-space"),
        pytest.param("law - making", "law - making", id="spaced-dash"),
        pytest.param("see www.gov.xx/open- data", "see www.gov.xx/open- data", id="in-a-link"),
    ],
)
def test_repair_hyphenation(text: str, repaired: str) -> None:
    assert repair_hyphenation(text) == repaired
    assert repair_hyphenation(repaired) == repaired


# --- matching within the parts a split can lie in ---------------------------------------------


def _whole_text_repair(text: str) -> str:
    """The rule as the patterns state it, each run over the whole text: what
    repair_hyphenation must give while it runs them over a text's split spans only."""
    if not hyphenation._HYPHEN_GAP.search(text):
        return text
    rest = hyphenation._BROKEN_WORD.sub(" ", text)
    words = Counter(word.lower() for word in hyphenation._LETTERS.findall(rest))

    def repair(match: re.Match[str]) -> str:
        head, hyphen, tail = match["head"], match["hyphen"], match["tail"]
        if hyphenation._in_link(text, match.start(), match.end()):
            return match[0]
        if not tail[0].islower():
            return head + hyphen if head.lower() in hyphenation.COMPOUND_HEADS else match[0]
        if head[-1].isupper() and len(head) > 1:
            return match[0]
        joined = hyphenation._rejoin(head, hyphen, tail, rest, lambda: words)
        return match[0] if joined is None else joined

    return hyphenation._BREAK.sub(repair, text)


_WORDS = ("Go", "vern", "ment", "non", "Non", "self", "co", "ICT", "and", "y", "making")
_OTHERS = ("décision", "Ελλάδα", "x", "2", "½", "_", "railway", "www.gov.xx/open", "a@b")
_BETWEEN = ("-", "-", "-", "\u00ad", "\u2010", " ", " ", "  ", "\t", "\n", " \n ", "\n\n", ",")
_PIECES = (*_WORDS, *_OTHERS, *_BETWEEN)


def test_spans_give_what_the_whole_text_gives() -> None:
    rng = random.Random(20261126)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(20000)]
    with SAMPLE_EXPORT.open(encoding="utf-8", newline="") as handle:
        texts += [cell for row in csv.reader(handle) for cell in row if "-" in cell]
    differing = [t for t in texts if repair_hyphenation(t) != _whole_text_repair(t)]
    assert differing == []
    assert sum(repair_hyphenation(t) != t for t in texts) > 1000  # the texts hold splits


def test_letters_are_what_the_patterns_call_letters() -> None:
    letter = re.compile(r"[^\W\d_]")
    code_points = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert [c for c in code_points if hyphenation._is_letter(c) != bool(letter.match(c))] == []
