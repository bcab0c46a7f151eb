"""Small text helpers shared by the readers: whitespace, identifiers, slugs, known-phrase splits.

Only generic string handling belongs here; anything tied to one source layout lives in
that source's reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# ASCII only, even inside a pattern compiled with IGNORECASE: Unicode case folding would
# let `ſ`, `ı` or the Kelvin sign pass for a letter, and `\d` any script's digits.
COMMITMENT_ID = r"(?a:[A-Z]{2,4}[0-9]{4})"
# What trails a list item or name by accident (`Ministry of Finance,`): trimmed off.
TRAILING_PUNCTUATION = " \t,.;:"
COMMITMENT_ID_RE = re.compile(rf"^{COMMITMENT_ID}$")
# A member's slug, as the contract's `member_id` pattern has it.
MEMBER_ID_RE = re.compile(r"^[a-z0-9][a-z0-9'-]*$", re.ASCII)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ANY_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """One line: every run of white space (newlines too) becomes one space; ends trimmed."""
    return _ANY_SPACE.sub(" ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def tidy_lines(text: str) -> list[str]:
    """Lines with Unicode normalised, CR/LF unified, inner space runs collapsed, ends trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})


def fold(text: str) -> str:
    """Comparison key: lower case, accents removed, apostrophes unified, white space squashed."""
    squashed = squash(text)
    if squashed.isascii():  # nothing to decompose (NFKD leaves ASCII unchanged)
        return squashed.replace("`", "'").lower()
    decomposed = unicodedata.normalize("NFKD", squashed.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str, keep: str = "") -> str:
    """URL-style identifier: ASCII lower case, runs of other characters become `-`.

    `keep` names extra characters kept as they are (OGP member slugs keep `'`:
    `cote-d'ivoire`).
    """
    allowed = re.escape(keep)
    return re.sub(rf"[^a-z0-9{allowed}]+", "-", fold(text)).strip("-")


def member_slug(name: str) -> str:
    """The slug OGP uses in member URLs for a name (`Tbilisi, Georgia` → `tbilisi-georgia`)."""
    return slug(name.replace("’", "'"), keep="'")


def split_known(text: str, known: Iterable[str]) -> list[str] | None:
    """Split a run of known phrases written without separators, or None if it is not one.

    `Access to Information Civic Participation` with known values → both values. Longest
    match first, at word boundaries, case- and accent-insensitive; the known spelling is
    returned.
    """
    by_key = {fold(k): k for k in known}
    keys = sorted(by_key, key=len, reverse=True)
    rest = fold(text)
    found: list[str] = []
    while rest:
        for key in keys:
            if rest == key or rest.startswith(key + " "):
                found.append(by_key[key])
                rest = rest[len(key) :].strip(" ,;")
                break
        else:
            return None
    return found or None


class _FoldedCharacters(dict[int, str]):
    """Code point → the character `fold_keep_length` puts in its place, computed the
    first time it is asked for: a `str.translate` table over all of Unicode."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKD", chr(code))[0].lower()[0]
        self[code] = folded
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def fold_keep_length(text: str) -> str:
    """Like `fold`, character for character, so a match position in the result is one in `text`."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDED_CHARACTERS)


def undouble(text: str) -> str:
    """`Did Not Change Did Not Change` → `Did Not Change`: a value doubled by a graphic's label."""
    words = text.split()
    half = len(words) // 2
    folded = [fold(word) for word in words]
    if words and len(words) % 2 == 0 and folded[:half] == folded[half:]:
        return " ".join(words[:half])
    return text


def split_outside_parentheses(text: str, separator: str = ",") -> list[str]:
    """`A (x, y), B` → [`A (x, y)`, ` B`]: cut at `separator` only outside (...) and [...].

    Pieces keep their spaces; an unbalanced closing bracket does not make the depth negative.
    """
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == separator and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    return [*pieces, text[start:]]


_ACCENTED = {
    "a": "aáàâäã",
    "c": "cç",
    "e": "eéèêë",
    "i": "iíìîï",
    "n": "nñ",
    "o": "oóòôöõ",
    "u": "uúùûü",
    "'": "'’",
}


def accent_insensitive(phrase: str) -> str:
    """Regex source matching a folded phrase written with or without accents, any spacing.

    `institucion lider` also matches `Institución  líder` (use with re.IGNORECASE): lets a
    pattern run on the raw text, so match positions are positions in that text.
    """
    parts: list[str] = []
    for char in phrase:
        if char == " ":
            parts.append(r"\s+")
        elif char in _ACCENTED:
            parts.append(f"[{_ACCENTED[char]}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)
