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
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(?P<number>\d{1,2})[.)]\s+")
_TRAILING = " \t,.;:"


def _outside_parentheses(text: str, start: int) -> bool:
    return text.count("(", 0, start) == text.count(")", 0, start)


def _names_a_body(phrase: str) -> bool:
    words = set(re.findall(r"[a-z]+", fold(phrase)))
    return bool(words & institution_headwords()) and phrase[:1].isupper()


def _split_on_and(name: str) -> list[str]:
    """`Cabinet Office and Office of National Statistics` → two bodies.

    The name is cut at each ` and ` outside parentheses; a piece starts a new body only
    when it names one itself and so does the body before it, otherwise it belongs to
    the body before: `Ministry of Culture and Sport` stays whole, and `Ministry of
    Health and Social Services and National Audit Office` gives two bodies, not
    `Ministry of Health` and `Social Services and National Audit Office`.
    """
    cuts = [m for m in _AND.finditer(name) if _outside_parentheses(name, m.start())]
    bodies: list[str] = []
    start = 0
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(name)
        left, piece = name[start : cut.start()], name[cut.end() : end]
        if _names_a_body(left) and _names_a_body(piece):
            bodies.append(left.strip())
            start = cut.end()
    return [*bodies, name[start:].strip()]


def _split_numbered_run(line: str) -> list[str]:
    """`1. Ministry A 2. Ministry B` (a numbered list run into one line) → its items.

    Only a run that starts at `1` and counts up one by one is split, so a number inside
    a name (`Law 5. Office`) is left alone.
    """
    markers = list(_INLINE_NUMBER.finditer(line))
    if len(markers) < 2 or markers[0].start() != 0:
        return [line]
    numbers = [int(m.group("number")) for m in markers]
    if numbers != list(range(1, len(numbers) + 1)):
        return [line]
    ends = [m.start() for m in markers[1:]] + [len(line)]
    return [line[m.end() : end] for m, end in zip(markers, ends, strict=True)]


def split_institutions(text: str | None) -> list[str]:
    """Institution names in a lead/support field, in order, without duplicates or placeholders."""
    if not text:
        return []
    text = _PDF_HYPHEN.sub("", text.replace("\r", "\n"))
    pieces: list[str] = []
    lines = [item for line in text.split("\n") for item in _split_numbered_run(line.strip())]
    for line in lines:
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
    """The OGP values a `Relevant to OGP Values:` list names, or None if it is not such a list.

    Placeholders in the list (`NR`) are passed over; a list of nothing else is no list.
    """
    if not text:
        return None
    values: list[str] = []
    for piece in re.split(r"\s*[,;\n]\s*", text):
        if not piece.strip() or fold(piece) in placeholder_reasons():
            continue
        parts = split_known(piece, OGP_VALUES)
        if parts is None:
            return None
        values.extend(OGP_VALUES[p] for p in parts)
    return list(dict.fromkeys(values)) or None
