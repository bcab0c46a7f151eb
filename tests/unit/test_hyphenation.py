"""repair_hyphenation: the one PDF-hyphenation rule institution fields and descriptions share."""

from __future__ import annotations

import pytest

from pipeline.hyphenation import repair_hyphenation


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
