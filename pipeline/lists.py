"""Splitting multi-value text fields (institutions, policy areas, OGP values) into items.

Conservative by design: a field is split only on separators that cannot be part of a
name (newline, `;`, bullets, numbered-list markers), plus ` and ` between two phrases
that each name a public body; commas are not separators for institutions, since names
contain them ("Department for Business, Innovation and Skills").
"""

from __future__ import annotations

import re

from pipeline.textutil import fold, split_known, squash
from pipeline.vocabulary import (
    OGP_VALUES,
    institution_headwords,
    placeholder_reasons,
    policy_area_names,
)

_BULLET = r"(?:[•·▪◦●○■□‣⁃*]|-(?=\s))"
_LINE_MARKER = re.compile(rf"^\s*(?:{_BULLET}|\(?\d{{1,2}}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_INLINE_BULLET = re.compile(r"\s*[•·▪◦●■‣]\s*")
_PDF_HYPHEN = re.compile(r"(?<=[a-z])- (?=[a-z])")
_AND = re.compile(r"\s+(?:and|&)\s+")
_TRAILING = " \t,.;:"


def _outside_parentheses(text: str, start: int) -> bool:
    return text.count("(", 0, start) == text.count(")", 0, start)


def _names_a_body(phrase: str) -> bool:
    words = set(re.findall(r"[a-z]+", fold(phrase)))
    return bool(words & institution_headwords()) and phrase[:1].isupper()


def _split_on_and(name: str) -> list[str]:
    """`Cabinet Office and Office of National Statistics` → two bodies; `Ministry of Culture and Sport` stays."""
    for match in _AND.finditer(name):
        left, right = name[: match.start()], name[match.end() :]
        if _outside_parentheses(name, match.start()) and _names_a_body(left) and _names_a_body(right):
            return [left.strip(), *_split_on_and(right.strip())]
    return [name]


def split_institutions(text: str | None) -> list[str]:
    """Institution names in a lead/support field, in order, without duplicates or placeholders."""
    if not text:
        return []
    text = _PDF_HYPHEN.sub("", text.replace("\r", "\n"))
    pieces: list[str] = []
    for line in text.split("\n"):
        line = _LINE_MARKER.sub("", line)
        for part in re.split(r";|" + _INLINE_BULLET.pattern, line):
            part = squash(part).strip(_TRAILING)
            if part:
                pieces.extend(_split_on_and(part))
    names: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        piece = piece.strip(_TRAILING)
        key = fold(piece)
        if piece and key not in seen and key not in placeholder_reasons():
            seen.add(key)
            names.append(piece)
    return names


def split_policy_areas(text: str | None) -> list[str]:
    """Policy-area names of a comma list, with runs missing their comma split by the vocabulary."""
    if not text:
        return []
    known = list(policy_area_names().values())
    names: list[str] = []
    for piece in re.split(r"\s*[,;\n]\s*", text):
        piece = squash(piece).strip(_TRAILING)
        if not piece or fold(piece) in placeholder_reasons():
            continue
        parts = split_known(piece, known)
        names.extend(parts if parts and len(parts) > 1 else [piece])
    return list(dict.fromkeys(names))


def split_ogp_values(text: str | None) -> list[str] | None:
    """The OGP values a `Relevant to OGP Values:` list names, or None if it is not such a list."""
    if not text:
        return None
    values: list[str] = []
    for piece in re.split(r"\s*[,;\n]\s*", text):
        if not piece.strip():
            continue
        parts = split_known(piece, OGP_VALUES)
        if parts is None:
            return None
        values.extend(OGP_VALUES[p] for p in parts)
    return list(dict.fromkeys(values)) or None
