"""Splitting multi-value text fields (institutions, policy areas, OGP values) into items.

Conservative by design: a field is split only on separators that cannot be part of a
name (newline, `;`, bullets, numbered-list markers), plus ` and ` / ` & ` / ` y ` / ` et `
between two phrases that each name a public body, and a missing space between two such
phrases (`Ministry of FinanceNational Audit Office`). Commas are not separators for
institutions, since names contain them ("Department for Business, Innovation and Skills").
When unsure, the text is kept whole.

Institution fields also carry text that is not a name (SOURCES.md, "Text quirks"):
- labels from a short known list (`Other actors involved - `, `CSOs:`, `Sociedad civil:`)
  are dropped from the start of a line or `;` part, and so is a template category left
  alone after one (`Other actors involved - government`);
- contact details of a person (e-mail, phone, a `Contact:`/`Tel.:` label and what follows
  it, and the person's name and job title next to them) are dropped from the names and
  returned apart (`read_institutions(...).contacts`, `contact_details`);
- PDF hyphenation is repaired (see `_repair_hyphenation`), stray `and`, quotes,
  brackets and trailing punctuation are trimmed from each name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.textutil import (
    accent_insensitive,
    fold,
    fold_keep_length,
    split_known,
    split_outside_parentheses,
    squash,
)
from pipeline.vocabulary import (
    OGP_VALUES,
    institution_headwords,
    known_policy_area_names,
    placeholder_reasons,
)

_BULLET = r"(?:[•·▪◦●○■□‣⁃*]|-(?=\s))"
_LINE_MARKER = re.compile(rf"^\s*(?:{_BULLET}|\(?\d{{1,2}}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_INLINE_BULLET = re.compile(r"\s*[•·▪◦●■‣]\s*")
_PART_SEPARATOR = re.compile(r";|" + _INLINE_BULLET.pattern)
_AND = re.compile(r"\s+(?:and|&|y|et)\s+")
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(?P<number>\d{1,2})[.)]\s+")
_TRAILING = " \t,.;:"

# --- bodies -------------------------------------------------------------------------------

# Portfolios named after a head word: `Ministry of Finance and Local Government` is one
# ministry, so these phrases alone do not make a phrase name a body (folded forms).
_PORTFOLIOS = re.compile(
    r"\b(?:local(?: self)?|open|good|digital|electronic|e|self) government\b"
    r"|\b(?:public|civil) service\b"
    r"|\bgobierno (?:abierto|digital|electronico|local)\b|\bbuen gobierno\b|\bservicio civil\b"
    r"|\bgouvernement (?:ouvert|numerique)\b|\be gouvernement\b"
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


# --- PDF hyphenation ----------------------------------------------------------------------

_PDF_BREAK = re.compile(r"(?<![^\W\d_])(?P<head>[^\W\d_]+)-(?:[ \t]*\n[ \t]*|[ \t]+)(?=[^\W\d_])")
# Before a lower-case letter these keep their hyphen (`self- government` → `self-government`);
# before a capital, these are the only heads joined at all (`Non- Governmental`).
_KEEP_HYPHEN = frozenset({"anti", "non", "self", "e", "socio"})
_COMPOUND_HEADS = _KEEP_HYPHEN | {
    "co",
    "counter",
    "cross",
    "inter",
    "multi",
    "pan",
    "post",
    "pre",
    "semi",
    "sub",
    "trans",
    "vice",
}


def _rejoin(match: re.Match[str]) -> str:
    head = match["head"]
    key = fold(head)
    if match.string[match.end()].islower():
        if key in _KEEP_HYPHEN:
            return f"{head}-"
        return head if head[-1].islower() else match[0]
    return f"{head}-" if key in _COMPOUND_HEADS else match[0]


def _repair_hyphenation(text: str) -> str:
    """Undo a word broken by a PDF line end (`Go- vernment`, `Minis-⏎try`) and nothing else.

    A hyphen directly after a word and followed by spaces or a line break is a break:
    before a lower-case letter the parts are joined (`Government`), keeping the hyphen
    after a compound head (`self-government`, `non-governmental`); before a capital
    only a compound head is joined, hyphen kept (`Non- Governmental` → `Non-Governmental`),
    since `Government- Parliament` is a label dash, not a break. `Anti-Corruption`
    (no space) and ` - ` (space before) are never touched.
    """
    return _PDF_BREAK.sub(_rejoin, text)


# --- labels -------------------------------------------------------------------------------

# Folded label text that introduces names; matched at the start of a line or `;` part,
# followed by `:` or a dash, optionally with a (...) note before it.
_FIELD_LABELS = (
    "other actors involved",
    "state actors involved",
    "actors involved",
    "other stakeholders",
    "stakeholders",
    "civil society organisations",
    "civil society organizations",
    "civil society",
    "csos, private sector, multilaterals, working groups",
    "csos, private sector, working groups, multilaterals etc",
    "csos",
    "cso",
    "government actors",
    "government",
    "state actors",
    "private sector",
    "initiator",
    "lead institutions",
    "lead institution",
    "lead",
    "responsible institutions",
    "responsible institution",
    "supporting institution(s)",
    "supporting institutions",
    "support institution(s)",
    "support institutions",
    "support",
    "otros actores involucrados",
    "actores involucrados",
    "otros actores",
    "actores de gobierno",
    "actores estatales",
    "sociedad civil",
    "osc",
    "gobierno",
    "institucion lider",
    "institucion principal",
    "institucion responsable",
    "institucion(es) de apoyo",
    "instituciones de apoyo",
    "autres acteurs impliques",
    "acteurs etatiques impliques",
    "acteurs impliques",
    "autres acteurs",
    "acteurs etatiques",
    "societe civile",
    "gouvernement",
    "institution chef de file",
    "institution(s) d'appui",
    "institutions d'appui",
    "institution(s) de soutien",
)
_LABEL = re.compile(
    r"^\s*(?:"
    + "|".join(accent_insensitive(label) for label in sorted(_FIELD_LABELS, key=len, reverse=True))
    + r")\.?(?:\s*\([^()]*\))?\s*(?::|[-–—](?=\s|$))\s*",
    re.IGNORECASE,
)
# The OGP template's actor categories: alone after a label they name no body.
_CATEGORIES = frozenset(
    {
        "government",
        "gobierno",
        "gouvernement",
        "csos, private sector, multilaterals, working groups",
        "csos, private sector, working groups, multilaterals etc",
        "csos, private sector, working groups, multilaterals",
        "osc, sector privado, multilaterales, grupos de trabajo",
        "osc, secteur prive, multilateraux, groupes de travail",
    }
)


def _without_label(text: str) -> str:
    """`Other actors involved - Transparency International` → `Transparency International`.

    Labels are stripped while one leads the text; a template category left alone after
    a label (`Other actors involved - government`) goes too.
    """
    stripped = False
    while match := _LABEL.match(text):
        text, stripped = text[match.end() :], True
    if stripped and fold(text).strip(_TRAILING) in _CATEGORIES:
        return ""
    return text


# --- contact details ----------------------------------------------------------------------

_EMAIL = re.compile(r"<?[\w.+%-]+@[\w-]+(?:\.[\w-]+)+>?")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w@.,+/=#-])(?P<plus>\+\s?)?(?:\(\d{1,5}\)\s?)?\d+"
    r"(?:(?:[ .\u00a0-]\(?|\()\d+(?:\)\d*)?)*(?![\w@/])"
)
_PHONE_LABEL_BEFORE = re.compile(
    r"(?:tel|t[ée]l|phone|t[ée]l[ée]phone|tel[ée]fono|fax|mobile|m[óo]vil|cel|celular|tfno)"
    r"\.?\s*:?\s*\(?$",
    re.IGNORECASE,
)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:law|ley|loi|decree|decreto|d[ée]cret|act|code|c[óo]digo|resolution|resoluci[óo]n"
    r"|r[ée]solution|no|n[º°o]|num|number|n[úu]mero|num[ée]ro|article|art[íi]culo|ref)\.?\s*$",
    re.IGNORECASE,
)
_CONTACT_LABEL = re.compile(
    r"(?<![\w-])(?:"
    r"(?:contact(?:o|s)?(?:\s+(?:person|persona|details))?|persona\s+de\s+contacto"
    r"|point\s+of\s+contact|punto\s+de\s+contacto|point\s+focal|focal\s+point|e-?mail"
    r"|correo(?:\s+electr[óo]nico)?|courriel|t[ée]l[ée]phone|tel[ée]fono|phone|mobile"
    r"|m[óo]vil|celular|fax|t[ée]l)\s*:"
    r"|(?:t[ée]l|tfno|cel|fax)\s*\.\s*:?"
    r")",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Dra|Prof|Sr|Sra|Srta|Lic|Licda|Lcdo|Lcda|Ing|Mme|Mlle|Me|M)\."
    r"|(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sr|Sra|Srta|Mme|Mlle)(?=\s))\s*"
)
_NAME_TOKEN = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*\.?|[A-Z]\.)")
_NAME_PARTICLES = frozenset({"de", "del", "la", "van", "von", "der", "da", "di", "du", "le", "dos"})


def _word_set(words: str) -> frozenset[str]:
    """A set of folded words written as one space-separated string (compact word lists)."""
    return frozenset(words.split())


# Words of organisations that a person's name does not have (folded).
_ORGANISATION_WORDS = _word_set(
    "academy aid alliance alianza association asociacion center centre centro church "
    "coalition coalicion college company consortium corporation data democracy "
    "democracia digital federation federacion fondation fondo fonds forum foro "
    "foundation fundacion fund gmbh group groupe grupo hub inc initiative iniciativa "
    "international internacional justice lab labs llc ltd media movement movimiento "
    "network news ngo observatorio observatory ong open partners partnership program "
    "programa programme project proyecto radio rights school sociedad societe "
    "society transparence transparencia transparency trust tv union universidad "
    "universite university watch"
)
_JOB_TITLES = _word_set(
    "acting advisor adviser analista analyst asesor asesora asistente assistant ceo "
    "charge chargee chief cio conseiller conseillere consultant consultor consultora "
    "coordinador coordinadora coordinateur coordinatrice coordinator cto deputy "
    "directeur director directora directrice especialista focal gerente head jefa "
    "jefe manager officer responsable senior specialist subdirector subdirectora"
)
_PUNCTUATION = " \t,.;:()<>[]"


@dataclass
class _Segment:
    """One comma piece of a part: the text kept as a name, the contact text found in it."""

    original: str
    kept: str
    contacts: list[str]
    kind: str  # "contact", "person", "name" (might be a person), "title" or "other"


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers: `+`-prefixed, labelled (`Tel.:`), or trunk-`0` of 9+ digits.

    Years, ranges (`2016-2018`), amounts (`2,000,000`, `2.000.000`), IDs (`UK0073`), law
    numbers (`27.275`), numbers in URLs and reference numbers after `Law`/`No.` are not.
    """
    urls = [m.span() for m in _URL.finditer(text)]
    spans: list[tuple[int, int]] = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match[0])
        before = text[: match.start()]
        if not 7 <= len(digits) <= 15 or any(a <= match.start() < b for a, b in urls):
            continue
        if (
            (match["plus"] and len(digits) >= 8)
            or _PHONE_LABEL_BEFORE.search(before)
            or (digits[0] == "0" and len(digits) >= 9 and not _REFERENCE_BEFORE.search(before))
        ):
            spans.append(match.span())
    return spans


def _contact_spans(text: str) -> list[tuple[int, int]]:
    """Spans, in order and merged, of e-mail addresses, phone numbers and `Contact:`-style
    labels (to the end of the text)."""
    urls = [m.span() for m in _URL.finditer(text)]
    spans = [
        m.span() for m in _EMAIL.finditer(text) if not any(a <= m.start() < b for a, b in urls)
    ]
    spans.extend(_phone_spans(text))
    label = _CONTACT_LABEL.search(text)
    if label:
        spans.append((label.start(), len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _has_contact(text: str) -> bool:
    return "@" in text or bool(_CONTACT_LABEL.search(text)) or bool(_phone_spans(text))


def _person_shape(text: str) -> str | None:
    """`person` (with an honorific: `Ms. Jane Doe`), `name` (2-4 capitalised words, no
    body or organisation word: may be a person) or None."""
    text = text.strip(_PUNCTUATION)
    honorific = _HONORIFIC.match(text)
    rest = text[honorific.end() :] if honorific else text
    tokens = rest.split()
    names = [t for t in tokens if t not in _NAME_PARTICLES]
    words = set(re.findall(r"[a-z]+", fold(rest)))
    if (
        not names
        or len(names) > 4
        or not all(_NAME_TOKEN.fullmatch(t) for t in names)
        or words & (_ORGANISATION_WORDS | institution_headwords())
    ):
        return None
    if honorific:
        return "person"
    return "name" if len(names) >= 2 else None


def _is_job_title(text: str) -> bool:
    words = fold(text).strip(_PUNCTUATION).split()
    return 0 < len(words) <= 8 and words[0] in _JOB_TITLES and not re.search(r"\d|@", text)


def _segment(text: str) -> _Segment:
    """Classify one comma piece, first taking out the contact details written inside it."""
    contacts: list[str] = []
    kept = text
    for inner in re.findall(r"\(([^()]*)\)", text):
        inner_kept, inner_contacts = _drop_contacts(inner)
        if inner_contacts:
            contacts.extend(inner_contacts)
            replacement = f"({inner_kept})" if inner_kept else ""
            kept = kept.replace(f"({inner})", replacement, 1)
    spans = _contact_spans(kept)
    contacts.extend(squash(kept[start:end]).strip(_TRAILING) for start, end in spans)
    for start, end in reversed(spans):
        kept = kept[:start] + " " + kept[end:]
    kept = squash(kept).strip(_PUNCTUATION)
    shape = _person_shape(kept) if kept else None
    person = shape == "person" or (shape == "name" and _named_in_email(kept, contacts))
    if contacts and (not kept or person or _is_job_title(kept)):
        return _Segment(text, "", [squash(text).strip(_TRAILING)], "contact")
    if contacts:
        return _Segment(text, kept, [c for c in contacts if c], "contact")
    kind = "title" if _is_job_title(kept) else shape or "other"
    return _Segment(text, kept, [], kind)


def _named_in_email(name: str, contacts: list[str]) -> bool:
    """`Jane Doe` with `jane.doe@...`: a word of the name is in an e-mail's local part."""
    locals_ = [fold(c.split("@")[0]) for c in contacts if "@" in c]
    words = [w for w in re.findall(r"[a-z]+", fold(name)) if len(w) >= 3]
    return any(w in local for w in words for local in locals_)


def _absorb_around(segments: list[_Segment], index: int, dropped: set[int]) -> None:
    """Mark the job titles and the person's name next to the contact segment at `index`.

    Backwards: job titles, then one name if it has an honorific, a job title after it,
    or a word in the e-mail (`Jane Doe, jane@...`); otherwise `Global Witness, info@...`
    would lose the organisation. Forwards: job titles.
    """
    before = index - 1
    while before >= 0 and segments[before].kind == "title":
        dropped.add(before)
        before -= 1
    if before >= 0:
        candidate = segments[before]
        titled = before < index - 1
        if candidate.kind == "person" or (
            candidate.kind == "name"
            and (titled or _named_in_email(candidate.kept, segments[index].contacts))
        ):
            dropped.add(before)
    after = index + 1
    while after < len(segments) and segments[after].kind == "title":
        dropped.add(after)
        after += 1


def _drop_contacts(part: str) -> tuple[str, list[str]]:
    """Split a part into the text naming bodies and the person's contact details in it.

    `Ministry of Finance, John Smith, Director, john@mof.gov.xx, +44 20 7946 0000` →
    `Ministry of Finance` and [`John Smith, Director, john@mof.gov.xx, +44 20 7946 0000`].
    A part with no e-mail, phone number or contact label comes back unchanged.
    """
    if not _has_contact(part):
        return part, []
    segments = [_segment(piece) for piece in split_outside_parentheses(part)]
    dropped: set[int] = set()
    for index, segment in enumerate(segments):
        if segment.kind == "contact" and not segment.kept:
            dropped.add(index)
            _absorb_around(segments, index, dropped)
    kept = [s.kept for i, s in enumerate(segments) if i not in dropped and s.kept]
    return ", ".join(kept), _contact_runs(segments, dropped)


def _contact_runs(segments: list[_Segment], dropped: set[int]) -> list[str]:
    """The dropped text, one item per run of neighbouring dropped segments."""
    runs: list[list[str]] = []
    previous = -2
    for index, segment in enumerate(segments):
        if index in dropped:
            pieces = [squash(segment.original).strip(_TRAILING)]
            if index == previous + 1 and runs:
                runs[-1].extend(pieces)
            else:
                runs.append(list(pieces))
            previous = index
        elif segment.contacts:
            runs.append(list(segment.contacts))
    return [", ".join(run) for run in runs if run]


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
        return right.lstrip(_TRAILING)
    return name.strip(_TRAILING)


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
            if part.strip(_TRAILING):
                parts.append(part)
    return parts


def _unique_names(pieces: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        piece = _tidy_name(piece)
        key = fold(piece)
        if piece and key not in seen and key not in placeholder_reasons():
            seen.add(key)
            names.append(piece)
    return tuple(names)


def read_institutions(text: str | None) -> InstitutionField:
    """Names and dropped contact details of a lead/support/`Institutions involved` field."""
    if not text:
        return InstitutionField((), ())
    text = _repair_hyphenation(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces: list[str] = []
    contacts: list[str] = []
    for part in _parts(text):
        kept, dropped = _drop_contacts(part)
        contacts.extend(dropped)
        for piece in _split_glued(kept):
            pieces.extend(_split_on_and(piece))
    return InstitutionField(_unique_names(pieces), tuple(dict.fromkeys(contacts)))


def split_institutions(text: str | None) -> list[str]:
    """Institution names in a lead/support field, in order, without duplicates or placeholders."""
    return list(read_institutions(text).names)


def contact_details(text: str | None) -> list[str]:
    """Contact details of people (e-mail, phone, name and job title next to them) that
    `split_institutions` left out of the names: lets a caller report them."""
    return list(read_institutions(text).contacts)


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
    words = fold_keep_length(squash(lead_text).strip(_TRAILING)).split()
    support_text = unicodedata.normalize("NFC", support_text)
    match = re.match(
        r"\s*" + r"\s+".join(re.escape(w) for w in words), fold_keep_length(support_text)
    )
    if not words or not match:
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


# --- policy areas and OGP values ----------------------------------------------------------


def split_policy_areas(text: str | None) -> list[str]:
    """Policy-area names of a comma list, with runs missing their comma split by the vocabulary
    (English names, Spanish and French translations and older spellings alike)."""
    if not text:
        return []
    known = known_policy_area_names()
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
