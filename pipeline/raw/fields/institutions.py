"""Splitting an institution field (lead, support, `Institutions involved`) into body names.

Conservative by design: a field is split only on separators that cannot be part of a
name (newline, `;`, bullets, numbered-list markers), plus ` and ` / ` & ` / ` y ` / ` et `
between two phrases that each name a public body, and a missing space between two such
phrases (`Ministry of FinanceNational Audit Office`). Commas are not separators, since
names contain them ("Department for Business, Innovation and Skills"). When unsure, the
text is kept whole.

Institution fields also carry text that is not a name (docs/sources.md, "Text quirks"):
- labels (`Other actors involved - `, `CSOs:`, `Sociedad civil:`) are dropped from the
  start of a line or `;` part, and so is a template category left alone after one
  (`Other actors involved - government`); both lists are data:
  `pipeline/vocab/institution_labels.csv`;
- contact details of a person are dropped from the names and returned apart
  (`read_institutions(...).contacts`, `contact_details`); finding them is
  pipeline.raw.fields.contacts' job;
- PDF hyphenation is repaired (see `pipeline/raw/fields/hyphenation.py`), stray `and`, quotes,
  brackets and trailing punctuation are trimmed from each name;
- a support field repeating the lead is cut back to the supporters (`split_roles`).
Policy-area and OGP-value lists are split in pipeline.raw.fields.lists.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.raw.fields.contacts import split_contacts
from pipeline.raw.fields.hyphenation import repair_hyphenation
from pipeline.textutil import (
    TRAILING_PUNCTUATION,
    accent_insensitive,
    fold,
    fold_keep_length,
    slug,
    squash,
)
from pipeline.vocabulary import (
    institution_categories,
    institution_field_labels,
    institution_headwords,
    placeholder_reasons,
    portfolio_phrases,
)

_BULLET = r"(?:[•·▪◦●○■□‣⁃*]|-(?=\s))"
_LINE_MARKER = re.compile(rf"^\s*(?:{_BULLET}|\(?\d{{1,2}}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_INLINE_BULLET = re.compile(r"\s*[•·▪◦●■‣]\s*")
_PART_SEPARATOR = re.compile(r";|" + _INLINE_BULLET.pattern)
_AND = re.compile(r"\s+(?:and|&|y|et)\s+")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(?P<number>\d{1,2})[.)]\s+")

# --- bodies -------------------------------------------------------------------------------

# Portfolios named after a head word: `Ministry of Finance and Local Government` is one
# ministry, so these phrases alone do not make a phrase name a body (folded forms).
_PORTFOLIOS = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(phrase) for phrase in sorted(portfolio_phrases(), key=lambda p: (-len(p), p))
    )
    + r")\b"
)


def _outside_parentheses(text: str, start: int) -> bool:
    return text.count("(", 0, start) == text.count(")", 0, start)


def _body_words(phrase: str) -> set[str]:
    """Folded words of a phrase that mark a public body, portfolio phrases left out."""
    folded = _PORTFOLIOS.sub(" ", re.sub(r"[^a-z]+", " ", fold(phrase)))
    return set(folded.split()) & institution_headwords()


def _names_a_body(phrase: str) -> bool:
    """A head word anywhere, a capital first letter: `National Audit Office`."""
    letters = re.sub(r"^[^\w]+", "", phrase)
    return bool(_body_words(phrase)) and letters[:1].isupper()


# Adjectives that may come before the head word of a Spanish or French body (folded).
_LEADING_ADJECTIVES = frozenset({"alta", "alto", "gran", "grand", "haut", "haute", "suprema"})


def _starts_a_body(phrase: str) -> bool:
    """A head word first (after `Alta`, `Haute`, ...): `Oficina Nacional de Estadística`.

    Spanish and French names start with their head word, so `Transparencia del Senado`
    after ` y ` is the end of `Comisión de Ética y Transparencia`, not a second body.
    """
    words = phrase.split()
    while len(words) > 1 and fold(words[0]) in _LEADING_ADJECTIVES and words[0][:1].isupper():
        words = words[1:]
    first = words[0] if words else ""
    return first[:1].isupper() and bool(_body_words(first)) and _names_a_body(phrase)


def _joins_a_body(joiner: str, piece: str) -> bool:
    """Whether `piece`, after ` and `/`&` (or ` y `/` et `), names a body of its own."""
    return _starts_a_body(piece) if joiner.strip() in {"y", "et"} else _names_a_body(piece)


def _split_on_and(name: str) -> list[str]:
    """`Cabinet Office and Office of National Statistics` → two bodies (also `&`, `y`, `et`).

    The name is cut at each ` and ` outside parentheses; a piece starts a new body only
    when it names one itself and so does the body before it, otherwise it belongs to
    the body before: `Ministry of Culture and Sport` stays whole, and `Ministry of
    Health and Social Services and National Audit Office` gives two bodies, not
    `Ministry of Health` and `Social Services and National Audit Office`. After ` y ` /
    ` et ` the piece must start with its head word (`_starts_a_body`), so `Ministerio de
    Hacienda y Crédito Público` and `Ministère de l'Économie et des Finances` stay whole.
    """
    cuts = [m for m in _AND.finditer(name) if _outside_parentheses(name, m.start())]
    bodies: list[str] = []
    start = 0
    for index, cut in enumerate(cuts):
        end = cuts[index + 1].start() if index + 1 < len(cuts) else len(name)
        left, piece = name[start : cut.start()], name[cut.end() : end]
        if _names_a_body(left) and _joins_a_body(cut.group(), piece):
            bodies.append(left.strip())
            start = cut.end()
    return [*bodies, name[start:].strip()]


def _glued_cuts(text: str) -> list[int]:
    """Positions where a capitalised word runs into the next (`FinanceNational`).

    Only a word of exactly two capitalised parts, the first of three letters or more and
    not `Mac`, the second ending the word (not `Service4Germany`), outside parentheses:
    `McDonald`, `MoF`, `eGovernment`, `iCloud` never qualify.
    """
    cuts: list[int] = []
    for word in re.finditer(r"[^\W\d_]+", text):
        letters = word.group()
        inner = [i for i in range(1, len(letters)) if letters[i].isupper()]
        if len(inner) != 1 or text[word.end() : word.end() + 1].isdigit():
            continue
        head, tail = letters[: inner[0]], letters[inner[0] :]
        if (
            len(head) >= 3
            and len(tail) >= 2
            and head[0].isupper()
            and head[1:].islower()
            and tail[1:].islower()
            and head.lower() != "mac"
            and _outside_parentheses(text, word.start())
        ):
            cuts.append(word.start() + inner[0])
    return cuts


def _split_glued(text: str) -> list[str]:
    """`Ministry of FinanceNational Audit Office` → both bodies; `OpenGov Unit` stays whole.

    A cut needs the comma-free phrase before it and the one after it to name a body each
    (a head word, a capital first letter).
    """
    pieces: list[str] = []
    start = 0
    for cut in _glued_cuts(text):
        left = text[start:cut].rsplit(",", 1)[-1]
        right = text[cut:].split(",", 1)[0]
        if _names_a_body(left) and _names_a_body(right):
            pieces.append(text[start:cut])
            start = cut
    return [*pieces, text[start:]]


# --- labels -------------------------------------------------------------------------------

# A known label (folded, see institution_labels.csv) at the start of a line or `;` part,
# followed by `:` or a dash, optionally with a (...) note before it.
_LABEL = re.compile(
    r"^\s*(?:"
    + "|".join(
        accent_insensitive(label)
        for label in sorted(institution_field_labels(), key=lambda label: (-len(label), label))
    )
    + r")\.?(?:\s*\([^()]*\))?\s*(?::|[-–—](?=\s|$))\s*",
    re.IGNORECASE,
)
# The OGP template's actor categories: alone after a label they name no body.
_CATEGORIES = institution_categories()


def _without_label(text: str) -> str:
    """`Other actors involved - Transparency International` → `Transparency International`.

    Labels are stripped while one leads the text; a template category left alone after
    a label (`Other actors involved - government`) goes too.
    """
    stripped = False
    while match := _LABEL.match(text):
        text, stripped = text[match.end() :], True
    if stripped and fold(text).strip(TRAILING_PUNCTUATION) in _CATEGORIES:
        return ""
    return text


# --- tidying names ------------------------------------------------------------------------

_LEADING_JOIN = re.compile(r"^(?:and|And|y|et|&)\s+")
_TRAILING_JOIN = re.compile(r"\s+(?:and|y|et|&)$")
_INITIALISM_END = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}$")
_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "‘": "’"}
_QUOTES = '"“”«»„'


def _strip_stray_brackets(name: str) -> str:
    """`Parliamentary OGP Caucus)` → `Parliamentary OGP Caucus`; a matched pair stays."""
    if name.count(")") > name.count("("):
        if name.endswith(")"):
            return name[:-1]
        if name.startswith(")"):
            return name[1:]
    if name.count("(") > name.count(")"):
        if name.startswith("("):
            return name[1:]
        if name.endswith("("):
            return name[:-1]
    return name


def _unquote(name: str) -> str:
    """`"Ministry of Finance"` → `Ministry of Finance`; a lone quote at either end goes too.

    `"Tbilisi Municipality Architecture Service" LEPL` keeps its quotes.
    """
    closer = _QUOTE_PAIRS.get(name[:1])
    inner = name[1:-1]
    if closer and len(name) > 2 and name.endswith(closer) and not set(inner) & set(_QUOTES):
        return inner
    if sum(name.count(q) for q in _QUOTES) == 1:
        if name[:1] in _QUOTES:
            return name[1:]
        if name[-1:] in _QUOTES:
            return name[:-1]
    return name


def _strip_punctuation(name: str) -> str:
    """Trailing and leading `,.;:` and spaces go; the last dot of `Nova TV d.d.` stays."""
    right = name.rstrip(" \t,;:")
    if _INITIALISM_END.search(right):
        return right.lstrip(TRAILING_PUNCTUATION)
    return name.strip(TRAILING_PUNCTUATION)


def _tidy_name(piece: str) -> str:
    """One name with the leftovers of splitting trimmed, repeated until nothing changes:
    spaces, a leading or trailing `and`/`y`/`et`/`&`, stray brackets, quotes, punctuation."""
    previous = None
    while piece != previous:
        previous = piece
        piece = squash(piece)
        piece = _TRAILING_JOIN.sub("", _LEADING_JOIN.sub("", piece))
        piece = _strip_punctuation(_unquote(_strip_stray_brackets(piece)))
    return piece


# --- institution fields -------------------------------------------------------------------


@dataclass(frozen=True)
class InstitutionField:
    """What a lead/support field holds: body names in order, and the contact details of
    people that were found in it and left out of the names (for reporting)."""

    names: tuple[str, ...]
    contacts: tuple[str, ...]


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


def _lead_in(text: str) -> str:
    """Text without its list marker and label, as often as they lead (`- CSOs: - X`)."""
    previous = None
    while text != previous:
        previous = text
        text = _without_label(_LINE_MARKER.sub("", text))
    return text


def _parts(text: str) -> list[str]:
    """The `;`/bullet/line/numbered pieces of a field, markers and labels taken off."""
    lines = [item for line in text.split("\n") for item in _split_numbered_run(line.strip())]
    parts: list[str] = []
    for line in lines:
        for part in _PART_SEPARATOR.split(_lead_in(line)):
            part = squash(_lead_in(part))
            if part.strip(TRAILING_PUNCTUATION):
                parts.append(part)
    return parts


def _unique_names(pieces: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        piece = _tidy_name(piece)
        key = fold(piece)
        named = any(ch.isalnum() for ch in piece)  # `-`, `…`, `•`: filler, not a name
        if named and key not in seen and key not in placeholder_reasons():
            seen.add(key)
            names.append(piece)
    return tuple(names)


@lru_cache(maxsize=65536)
def read_institutions(text: str | None) -> InstitutionField:
    """Names and dropped contact details of a lead/support/`Institutions involved` field.

    Cached: exports repeat the same bodies row after row, and a row's field is read
    twice (its names, then whether it held contact details); the result is immutable.
    """
    if not text:
        return InstitutionField((), ())
    text = repair_hyphenation(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces: list[str] = []
    contacts: list[str] = []
    for part in _parts(text):
        kept, dropped = split_contacts(part)
        contacts.extend(dropped)
        for piece in _split_glued(kept):
            pieces.extend(_split_on_and(piece))
    return InstitutionField(_unique_names(pieces), tuple(dict.fromkeys(contacts)))


def institution_id(name: str) -> str:
    """An institution's identifier: the slug of its name, or, for a name with no Latin
    letter or digit to spell one from (`Министерство финансов`), `institution-` and a
    digest of the name. Never empty."""
    return slug(name) or "institution-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def split_institutions(text: str | None) -> list[str]:
    """Institution names in a lead/support field, in order, without duplicates or placeholders."""
    return list(read_institutions(text).names)


def contact_details(text: str | None) -> list[str]:
    """Contact details of people (e-mail, phone, name and job title next to them) that
    `split_institutions` left out of the names: lets a caller report them."""
    return list(read_institutions(text).contacts)


# --- lead repeated in support -------------------------------------------------------------


def without_lead(support: list[str], lead: list[str]) -> list[str]:
    """Support names, in order, less those that are (folded) equal to a lead name:
    a body repeated from the lead field is the lead, not a supporter."""
    lead_keys = {fold(name) for name in lead}
    return [name for name in support if fold(name) not in lead_keys]


_HARD_BREAK = re.compile(r"[ \t]*(?:$|\n|;|[•·▪◦●■‣|])")
_SOFT_BREAK = re.compile(r"\s*(?:[,.:]|[-–—](?=\s)|(?:and|&|y|et)(?=\s))\s*")


def _after_lead(lead_text: str, support_text: str) -> str:
    """The support text after the lead's full text, when support starts with it.

    The lead text must be followed by a hard break (end, newline, `;`, a bullet) or by
    `,` `.` `:` a dash or `and`/`y`/`et`/`&` and a phrase naming a body: `Ministry of
    Finance, Budget and National Planning` is one name, not the lead plus `Budget ...`.
    Otherwise the support text is returned unchanged.
    """
    words = fold_keep_length(squash(lead_text).strip(TRAILING_PUNCTUATION)).split()
    support_text = unicodedata.normalize("NFC", support_text)
    folded = fold_keep_length(support_text)
    # The pattern below is built (and compiled) per lead; it can only match a text that
    # starts, after white space, with the lead's first word: test that first, cheaply.
    if not words or not folded.lstrip().startswith(words[0]):
        return support_text
    match = re.match(r"\s*" + r"\s+".join(re.escape(w) for w in words), folded)
    if not match:
        return support_text
    rest = support_text[match.end() :]
    if _HARD_BREAK.match(rest):
        return rest
    soft = _SOFT_BREAK.match(rest)
    if soft and _joins_a_body(soft.group(), rest[soft.end() :].split(",", 1)[0]):
        return rest[soft.end() :]
    return support_text


def split_roles(lead_text: str | None, support_text: str | None) -> tuple[list[str], list[str]]:
    """Lead and support names of one commitment, the lead left out of the support.

    Support fields sometimes repeat the lead: either its whole text first, then the
    supporters (`Ministry of Finance, National Audit Office` under lead `Ministry of
    Finance`: the comma would otherwise keep both in one name), or a lead name among
    the support names. The first is cut off the raw support text (see `_after_lead`),
    the second dropped by `without_lead`.
    """
    lead = split_institutions(lead_text)
    support = support_text or ""
    if lead and lead_text:
        support = _after_lead(lead_text, support)
    return lead, without_lead(split_institutions(support), lead)
