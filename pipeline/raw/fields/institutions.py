"""Splitting an institution field (lead, support, `Institutions involved`) into body names,
as a careful reader would (scored against tests/data/institutions_truth.jsonl by
scripts/score_institutions.py).

A field is cut into parts at separators that cannot be inside a name (a line break that
is no hard wrap, `;` outside brackets, bullets, numbered-list markers, `- ` items, labels
inside a line); each part into comma items and then names by
pipeline/raw/fields/institution_lists.py, which knows when a comma, a full stop, a slash
or an `and` separates two bodies and when it is inside one (`Department for Business,
Innovation and Skills`, `Ministry of Culture and Media`).

Institution fields also carry text that is not a name (docs/sources.md, "Text quirks"):
- labels (`Other actors involved - `, `CSOs:`, `Sociedad civil:`) and the template's
  headings (`State actors involved`, `CSOs, private sector, multilaterals, working
  groups`) are dropped wherever they stand, and so is a template category left alone
  after one (`Other actors involved - government`); what follows a people label
  (`Citizens:`) is dropped; the lists are data: `pipeline/vocab/institution_labels.csv`;
- people (an honorific and a name: `Ms. Ainura Usupbekova`), members of a body (`Team
  Member`), web addresses and editors' notes in brackets are not names;
- contact details of a person are dropped from the names and returned apart
  (`read_institutions(...).contacts`, `contact_details`); finding them is
  pipeline.raw.fields.contacts' job;
- PDF hyphenation is repaired (see `pipeline/raw/fields/hyphenation.py`), stray `and`, quotes,
  brackets and trailing punctuation are trimmed from each name;
- a support field repeating the lead is cut back to the supporters (`split_roles`).
Policy-area and OGP-value lists are split in pipeline.raw.fields.lists.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.raw.fields.contacts import split_contacts
from pipeline.raw.fields.hyphenation import repair_hyphenation
from pipeline.raw.fields.institution_lists import (
    join_wrapped_lines,
    joins_a_body,
    list_items,
    names_in_item,
    split_outside_brackets,
)
from pipeline.textutil import (
    TRAILING_PUNCTUATION,
    accent_insensitive,
    fold,
    fold_keep_length,
    squash,
)
from pipeline.vocabulary import (
    contact_words,
    institution_categories,
    institution_field_labels,
    people_labels,
    placeholder_reasons,
)

_BULLET = r"(?:[•·▪◦●○■□‣⁃*]|-(?=\s))"
_LINE_MARKER = re.compile(rf"^\s*(?:{_BULLET}|\(?\d{{1,2}}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_INLINE_BULLET = re.compile(r"\s*[•·▪◦●■‣]\s*")
_PART_SEPARATOR = re.compile(r";|" + _INLINE_BULLET.pattern)
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(?P<number>\d{1,2})[.)]\s+")

# --- labels -------------------------------------------------------------------------------


def _matching(before: str, texts: set[str] | frozenset[str], after: str) -> re.Pattern[str]:
    """A pattern for any of `texts` (folded vocabulary text, matched with or without its
    accents, the longest first so none shadows a longer one), between `before` and
    `after`; case is ignored."""
    ordered = sorted(texts, key=lambda text: (-len(text), text))
    alternatives = "|".join(accent_insensitive(text) for text in ordered)
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


_NOTE_THEN_MARK = r"\.?(?:\s*\([^()]*\))?"
# A known label (folded, see institution_labels.csv) at the start of a line or `;` part,
# followed by `:` or a dash, optionally with a (...) note before it.
_LABEL = _matching(
    r"^\s*", institution_field_labels(), _NOTE_THEN_MARK + r"\s*(?::|[-–—](?=\s|$))\s*"
)
# A known label inside a line (`... Secretariat Civil Society: Mzalendo Trust`): a colon
# after it, or a dash right after it (`CSO- Mzalendo`).
_INLINE_LABEL = _matching(
    r"(?:(?<=\s)|(?<=^)|(?<=\s-))",
    institution_field_labels(),
    _NOTE_THEN_MARK + r"(?:\s*:|[-–—](?=\s))",
)
# Labels after which people, not bodies, are listed (`Citizens: Shalva Dekanozishvili`).
_PEOPLE_LABEL = _matching(r"(?:(?<=\s)|(?<=^))", people_labels(), r"\s*:.*$")


def _split_inline_labels(text: str) -> list[str]:
    """A line cut at each label inside it; what follows a people label is dropped."""
    cuts = [m for m in _INLINE_LABEL.finditer(text) if m.start() > 0]
    if not cuts:
        return [text]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(text[start : cut.start()])
        start = cut.end()
    return [*pieces, text[start:]]


# Labels that head a list rather than name a kind of body (`State actors involved`,
# `Responsible institution`, not `Civil society organisations`): only these are read
# without a colon.
_HEADING_LABELS = frozenset(
    label
    for label in institution_field_labels()
    if re.search(
        r"\b(?:actors?|actores|acteurs|involved|involucrados|impliques|stakeholders"
        r"|institutions?|institucion|instituciones|institution\(s\)|institucion\(es\))(?:\W|$)",
        label,
    )
)
# The OGP template's actor categories: alone after a label they name no body.
_CATEGORIES = institution_categories()
# A one-word category right after a label and before a capitalised name.
_CATEGORY_LEAD = _matching(
    r"^\s*", {c for c in _CATEGORIES if " " not in c}, r"\s+(?=(?-i:[A-ZÀ-Ý]))"
)
# Template headings written into the text without a colon (`State actors involved CSOs,
# private sector, multilaterals, working groups Working Commission ...`): a category with
# commas, or a label of three words or more; cut out wherever they stand.
_INLINE_HEADING = _matching(
    r"(?:(?<=\s)|(?<=^))",
    {c for c in _CATEGORIES if "," in c}
    | {label for label in _HEADING_LABELS if len(label.split()) >= 3},
    r"(?:\s+etc\.?)?(?:\s*:|\s+[-–—](?=\s))?(?=\s|$)",
)


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
    if stripped and (category := _CATEGORY_LEAD.match(text)):
        return text[category.end() :]  # `Other actors involved - Government Office of ...`
    return text


# An honorific and a capitalised name (`Ms. Ainura`, `Mr.Bakytbek`, `Lcda. Karla`), at the
# start or after a dash, colon, comma or full stop.
def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))


_HONORIFIC = (
    rf"\b(?:(?:{_alternatives(contact_words('honorific'))})\.?"
    rf"|(?:{_alternatives(contact_words('honorific_with_dot'))})\.)"
    r"\s*(?=[A-ZÀ-Ý][a-zà-ÿ]|[A-Z]\.)"
)
_PERSON = re.compile(rf"(?:^|\s*[-–:,.]\s*|\s){_HONORIFIC}")
_PERSON_IN_BRACKETS = re.compile(rf"\s*\(\s*{_HONORIFIC}[^()]*\)")


# --- tidying names ------------------------------------------------------------------------

_LEADING_JOIN = re.compile(r"^(?:and|And|y|et|&)\s+")
_TRAILING_JOIN = re.compile(r"\s+(?:and|y|et|&)$")
# A footnote or list number left before a name (`81 African Centre ...`).
_LEADING_NUMBER = re.compile(r"^\d{1,3}\s+(?=[A-ZÀ-Ý])")
# An editor's note in brackets (`State Electoral Commission (editorial note: ...)`).
_NOTE = re.compile(r"\s*\((?:editorial note|note|nota|N\.B\.)\b.*\)$", re.IGNORECASE | re.DOTALL)
# A list mark left before a name (`, - Open Institute`, `• Fiscalía`).
_LEADING_MARK = re.compile(r"^(?:[-–—•·▪*]+\s*)+(?=\S)")
_TRAILING_ETC = re.compile(r"[\s,]+etc\.?$", re.IGNORECASE)
_INITIALISM_END = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}$")
_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "‘": "’", "'": "'"}
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
    """`"Ministry of Finance"` or `'Majesty Media'` → the name; a lone quote at either end goes too.

    `"Tbilisi Municipality Architecture Service" LEPL` keeps its quotes.
    """
    closer = _QUOTE_PAIRS.get(name[:1])
    inner = name[1:-1]
    quoted = closer and len(name) > 2 and name.endswith(closer) and closer not in inner
    if quoted and not set(inner) & set(_QUOTES):
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
    spaces, a leading list mark, a leading or trailing `and`/`y`/`et`/`&`, stray brackets,
    quotes, punctuation, a leading footnote number, an editor's note."""
    previous = None
    while piece != previous:
        previous = piece
        piece = squash(piece)
        piece = _LEADING_MARK.sub("", piece)
        piece = _TRAILING_JOIN.sub("", _LEADING_JOIN.sub("", _TRAILING_ETC.sub("", piece)))
        piece = _strip_punctuation(_unquote(_strip_stray_brackets(piece)))
        piece = _NOTE.sub("", _LEADING_NUMBER.sub("", piece)).rstrip(" -–")
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


# A field that marks its items with `- ` (at its start, or after `;` or a line break).
# A label of two words or more with no colon, then a name (`Responsible institution Line
# ministries ...`), at the start of a line.
_BARE_LABEL = _matching(
    r"^\s*",
    {label for label in _HEADING_LABELS if len(label.split()) >= 2},
    r"\s+(?=(?-i:[A-ZÀ-Ý]))",
)
# A field that marks its items with `- ` (at its start, or after `;` or a line break).
_DASH_LIST = re.compile(r"(?:^|[;\n])\s*[-–]\s")
# Items marked `-Name` with no space (`-Konza Technopolis -ICT Authority`).
_GLUED_DASH = re.compile(r"(?:^|(?<=\s)|(?<=\)))-(?=[A-Z])")
# In a `-A -B` list, a dash between a word and a capital is a bullet too (`IBM
# Research-Amazon`), unless one word and a bracket follow (`Digital Earth-Africa (DE
# Africa)`: that word ends the name).
_WORD_DASH = re.compile(r"(?<=[a-z])-(?=[A-Z])(?![A-Z]\w*\s*\()")
# Examples in brackets name bodies of their own (`representatives of NPOs (such as the
# Israel Democracy Institute, the Movement for Quality Government)`).
_EXAMPLES = re.compile(
    r"\(\s*(?:such as|e\.g\.?|for example|including|como|tales como|notamment|par exemple)"
    r"\s+([^()]*)\)",
    re.IGNORECASE,
)
# A describing heading before the names it introduces (`Civil company working in the
# field of environment: Civil Society Initiative ...`): one capital, then lower case.
_DESCRIBING_HEADING = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]+(?:\s+[a-zà-ÿ]+){3,}\s*:\s*(?=[A-ZÀ-Ý])")


def _logical_lines(text: str) -> list[str]:
    """The field's lines with hard wraps joined back (institution_lists.join_wrapped_lines).

    A blank line, a list marker, a label or an item of a numbered run (`1. A 2. B`)
    always starts a new line, never a wrap.
    """
    lines: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        starts: list[list[str]] = []
        for raw in block.split("\n"):
            items = _split_numbered_run(raw.strip())
            for line in items:
                content = _lead_in(line.strip())
                if not content.strip():
                    if line.strip():
                        starts.append([])  # a label alone: what follows starts afresh
                    continue
                if not starts or len(items) > 1 or content != line.strip():
                    starts.append([content])
                else:
                    starts[-1].append(content)
        for group in starts:
            lines.extend(join_wrapped_lines(group))
    return lines


def _without_heading(part: str, more: bool) -> str:
    """A part ending in `:` heads what follows (`De la Cámara de Diputados:`): dropped,
    but a body before a `Del ...:`/`De la ...:` heading is kept."""
    if not more or not part.rstrip().endswith(":"):
        return part
    heading = re.search(r"\s(?:Del|De la|De los|De las|From the|Du|De l['’])\s", part)
    return part[: heading.start()] if heading else ""


def _parts(text: str) -> list[str]:
    """The `;`/bullet/line/numbered/label pieces of a field, markers and labels taken off."""
    lines = _logical_lines(text)
    dashed = bool(_DASH_LIST.search(text))
    lines = [_BARE_LABEL.sub("", line) for line in lines]
    parts: list[str] = []
    for line in lines:
        line = _PEOPLE_LABEL.sub("", _INLINE_HEADING.sub(" ; ", line))
        line = _EXAMPLES.sub(r", \1,", line)
        chunks = split_outside_brackets(_lead_in(line), _PART_SEPARATOR)
        if dashed:  # `- A ; - B (X) - C`: each ` - ` is a bullet too
            chunks = [c for chunk in chunks for c in re.split(r"\s[-–]\s", chunk)]
        if len(_GLUED_DASH.findall(line)) >= 2:  # `-Konza Technopolis -ICT Authority`
            chunks = [c for chunk in chunks for c in _GLUED_DASH.split(chunk)]
            chunks = [c for chunk in chunks for c in _WORD_DASH.split(chunk)]
        pieces = [piece for chunk in chunks for piece in _split_inline_labels(chunk)]
        for index, part in enumerate(pieces):
            part = squash(_without_heading(_lead_in(part), index + 1 < len(pieces)))
            part = _DESCRIBING_HEADING.sub("", part)
            if part.strip(TRAILING_PUNCTUATION):
                parts.append(part)
    return parts


def _without_people(piece: str) -> list[str]:
    """A piece with the people in it left out: `School of Parliamentarism – Ms. Ainura
    Usupbekova` → the school; `Lcdo. Ricardo Herrera (Fundación Generación Sin Límite)` →
    the foundation in brackets; a person alone → nothing. A person is an honorific
    (vocab/contact_words.csv) and a capitalised name."""
    piece = _PERSON_IN_BRACKETS.sub("", piece)
    match = _PERSON.search(piece)
    if not match:
        return [piece]
    before = piece[: match.start()]
    bracketed = re.findall(r"\(([^()]+)\)", piece[match.start() :])
    return [p for p in (before, *bracketed) if p.strip(TRAILING_PUNCTUATION + "-–")]


_folded = lru_cache(maxsize=65536)(fold_keep_length)


def _without_seen_start(piece: str, names: list[str]) -> str:
    """A piece that starts with a name already read in the field and runs on into the
    next (`Citizen Commons African Centre for ...` after `Citizen Commons`): the next."""
    folded = _folded(piece)
    for name in sorted(names, key=len, reverse=True):
        key = _folded(name)  # as long as `name`: `piece` can be cut after it
        rest = piece[len(key) :] if folded.startswith(key + " ") else ""
        if rest.strip()[:1].isupper():
            return rest.strip()
    return piece


# A web address is where a body is, not its name.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
# A member of a body, not the body (`Team Member`, `member of CEC`).
_MEMBER = re.compile(r"(?:^member\b|\bMember$)")


def _unique_names(pieces: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    for kept in (kept for piece in pieces for kept in _without_people(piece)):
        piece = _tidy_name(_without_seen_start(_tidy_name(kept), names))
        if _MEMBER.search(piece) or _ADDRESS.match(piece):
            continue
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
    if "&" in text:
        text = html.unescape(text)  # `Côte d&#39;Ivoire`
    text = repair_hyphenation(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces: list[str] = []
    contacts: list[str] = []
    for part in _parts(text):
        kept, dropped = split_contacts(part)
        contacts.extend(dropped)
        for item in list_items(kept):
            pieces.extend(names_in_item(item))
    return InstitutionField(_unique_names(pieces), tuple(dict.fromkeys(contacts)))


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
    if soft and joins_a_body(soft.group(), rest[soft.end() :].split(",", 1)[0]):
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
