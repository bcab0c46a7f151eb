"""fold_keep_length: `fold`'s comparison form, one character for each character, so a
match in the folded text is a match at the same place in the original."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.textutil import fold, fold_keep_length


def _fold_each_character(text: str) -> str:
    """The definition: each character decomposed, its first part in lower case."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"}))
    return "".join(unicodedata.normalize("NFKD", c)[0].lower()[0] for c in text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("Ministère de l’Économie", "ministere de l'economie", id="accents"),
        pytest.param("MINISTÉRIO DA FAZENDA", "ministerio da fazenda", id="upper-case"),
        pytest.param("ﬁnance ½", "fnance 1", id="compatibility-forms-first-part"),
        pytest.param("İstanbul Ⅻ", "istanbul x", id="case-mapping-longer"),
        pytest.param("Министерство\u00a0финансов", "министерство финансов", id="cyrillic-nbsp"),
        pytest.param("Plain `ASCII` text", "plain 'ascii' text", id="ascii"),
    ],
)
def test_one_folded_character_for_each(text: str, folded: str) -> None:
    assert fold_keep_length(text) == folded
    assert len(fold_keep_length(text)) == len(text)


def test_every_code_point_folds_as_defined() -> None:
    # After a non-ASCII character, so no text takes the ASCII shortcut.
    code_points = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    text = "é" + "".join(code_points)
    assert fold_keep_length(text) == _fold_each_character(text)


def test_same_words_as_fold_for_accented_text() -> None:
    text = "Secretaría  de la Función Pública"
    assert fold_keep_length(text).split() == fold(text).split()
