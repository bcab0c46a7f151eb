"""Finding a person's contact details in a piece of text, so they stay out of body names.

Institution fields sometimes name a contact person after a body (docs/sources.md, "Text
quirks"): an e-mail address, a phone number, a `Contact:`/`Tel.:` label and what follows
it, and the person's name and job title next to them. `split_contacts` takes these out
of one part of a field (a line or `;` piece) and returns them apart, for reporting.
Splitting a field into parts and names belongs to pipeline.raw.fields.institutions, not here.

Only what is clearly a contact goes: an organisation before its e-mail
(`Global Witness, info@...`) stays, and so do years, amounts, IDs, law and reference
numbers and numbers in URLs. Honorifics, name particles, organisation words and job
titles are data: `pipeline/vocab/contact_words.csv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.textutil import TRAILING_PUNCTUATION, fold, split_outside_parentheses, squash
from pipeline.vocabulary import contact_words, institution_headwords

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


def _alternatives(words: frozenset[str]) -> str:
    """Regex source matching any of `words` exactly, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


# An honorific is `Mr.` or `Mr` before a space; `Lic.`, `M.` count only with their dot.
_HONORIFICS = contact_words("honorific")
_DOTTED_HONORIFICS = _HONORIFICS | contact_words("honorific_with_dot")
_HONORIFIC = re.compile(
    rf"^(?:(?:{_alternatives(_DOTTED_HONORIFICS)})\.|(?:{_alternatives(_HONORIFICS)})(?=\s))\s*"
)
_NAME_TOKEN = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*\.?|[A-Z]\.)")
_NAME_PARTICLES = contact_words("name_particle")
# Words of organisations that a person's name does not have, and the words a job title
# starts with (folded).
_ORGANISATION_WORDS = frozenset(fold(word) for word in contact_words("organisation"))
_JOB_TITLES = frozenset(fold(word) for word in contact_words("job_title"))
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


def personal_details(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "e-mail" or "phone") of every e-mail address (not inside a URL) and
    phone number in free text, in order: what the release must not publish."""
    urls = [m.span() for m in _URL.finditer(text)]
    found = [
        (*m.span(), "e-mail")
        for m in _EMAIL.finditer(text)
        if not any(a <= m.start() < b for a, b in urls)
    ]
    taken = [(a, b) for a, b, _ in found]
    for a, b in _phone_spans(text):
        while text[b - 1] == ")" and text[a:b].count(")") > text[a:b].count("("):
            b -= 1  # the bracket closing the text around the number is not part of it
        if not any(x < b and a < y for x, y in taken):  # not digits inside an address
            found.append((a, b, "phone"))
    return sorted(found)


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
        inner_kept, inner_contacts = split_contacts(inner)
        if inner_contacts:
            contacts.extend(inner_contacts)
            replacement = f"({inner_kept})" if inner_kept else ""
            kept = kept.replace(f"({inner})", replacement, 1)
    spans = _contact_spans(kept)
    contacts.extend(squash(kept[start:end]).strip(TRAILING_PUNCTUATION) for start, end in spans)
    for start, end in reversed(spans):
        kept = kept[:start] + " " + kept[end:]
    kept = squash(kept).strip(_PUNCTUATION)
    shape = _person_shape(kept) if kept else None
    person = shape == "person" or (shape == "name" and _named_in_email(kept, contacts))
    if contacts and (not kept or person or _is_job_title(kept)):
        return _Segment(text, "", [squash(text).strip(TRAILING_PUNCTUATION)], "contact")
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


def split_contacts(part: str) -> tuple[str, list[str]]:
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
            pieces = [squash(segment.original).strip(TRAILING_PUNCTUATION)]
            if index == previous + 1 and runs:
                runs[-1].extend(pieces)
            else:
                runs.append(list(pieces))
            previous = index
        elif segment.contacts:
            runs.append(list(segment.contacts))
    return [", ".join(run) for run in runs if run]
