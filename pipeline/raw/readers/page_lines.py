"""The lines of a commitment page: known labels and headings, rating values, glued text.

Shared by the header and status-summary readers. Labels are found by a known list
(vocab/page_labels.csv), never by the first colon: titles and labels contain colons
(`Ambición (consulta: definición):`). Compact captures glue a heading or label to the end
of the previous value; `split_glued` puts them back on lines of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.raw.fields.lists import split_ogp_values
from pipeline.raw.readers.member_list import TextLine
from pipeline.textutil import fold, fold_keep_length, squash, undouble
from pipeline.vocabulary import Label, page_headings, page_labels, placeholder_reasons, read_vocab

HEADER_HEADINGS = frozenset(
    {
        "overview",
        "at_a_glance",
        "institutions",
        "policy_areas",
        "irm_review",
        "design",
        "implementation",
        "inception_report_summary",
    }
)
SUMMARY_HEADINGS = frozenset({"status_summary_midterm", "status_summary_end_of_term"})
# Fields whose value is one rating or code (never running on over several lines).
SHORT_FIELDS = frozenset(
    {
        "action_plan_cycle",
        "status",
        "starred",
        "early_results",
        "verifiable",
        "relevant_to_ogp_values",
        "potential_impact",
        "ambition",
        "potential_for_results",
        "completion",
        "completion_midterm",
        "completion_end_of_term",
        "did_it_open_government_access_to_information",
        "did_it_open_government_civic_participation",
        "did_it_open_government_public_accountability",
    }
)
# Fields that hold a list of OGP values, one per line or bullet (or a Yes/No rating).
VALUE_LIST_FIELDS = frozenset({"relevant_to_ogp_values", "ogp_value"})
# Fields whose value is one line that is not a rating (month-year dates, one area, a year).
ONE_LINE_FIELDS = frozenset(
    {
        "action_plan_cycle",
        "commitment_start",
        "commitment_end",
        "primary_policy_area",
        "primary_sector",
    }
)
DIOG_FIELDS = frozenset(f for f in SHORT_FIELDS if f.startswith("did_it_open_government_"))
BULLET = re.compile(r"^(?:[*•·▪◦●‣-])\s+")
NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<text>.+)$")
DECORATION = re.compile(r"[✪★☆]")


@dataclass(frozen=True)
class LabelHit:
    label: Label
    value: str


@cache
def _label_patterns() -> tuple[tuple[re.Pattern[str], Label], ...]:
    """One regex per known label, matching the folded line at its start (bullet allowed).

    Spaces are optional between words and before any colon, inner ones included
    (`Ambición (consulta : definición) :`): French pages space colons, others do not. A
    label the vocabulary writes without its colon (`Estatus`, as some Spanish pages
    show it) may stand without one.
    """
    patterns = []
    for label in page_labels():
        body = fold(label.text).rstrip(":").strip()
        spaced = r"\s*".join(re.escape(part).replace(":", r"\s*:") for part in body.split())
        end = r"\s*:\s*" if label.text.endswith(":") else r"(?:\s*:\s*|\s+|$)"
        patterns.append((re.compile(rf"^(?:[*•-]\s*)?{spaced}{end}"), label))
    return tuple(patterns)


def match_label(text: str, sections: frozenset[str]) -> LabelHit | None:
    """The known label a line starts with (in one of `sections`) and the value after it."""
    folded = fold_keep_length(text)
    for pattern, label in _label_patterns():
        if label.section not in sections:
            continue
        match = pattern.match(folded)
        if not match:
            continue
        value = text[match.end() :].strip()
        # Without its colon a label is only a label before a rating (or nothing): a line
        # `Estatus del proyecto ...` is prose.
        if label.text.endswith(":") or not value or is_rating_value(value):
            return LabelHit(label, value)
    return None


def heading_kind(text: str) -> str | None:
    """Kind of a known heading line (`IRM Review` → `irm_review`), else None."""
    return page_headings().get(fold(DECORATION.sub("", text)).rstrip(":").strip())


@cache
def _heading_languages() -> dict[str, frozenset[str]]:
    """Folded heading text → the languages whose pages show it."""
    languages: dict[str, set[str]] = {}
    for row in read_vocab("page_headings"):
        languages.setdefault(fold(row["heading"]), set()).add(row["language"])
    return {text: frozenset(langs) for text, langs in languages.items()}


def page_heading_language(text: str) -> str | None:
    """The language of a known heading line, if only one language has it.

    `Descripción` is Spanish; `Description` (English and French) tells nothing.
    """
    languages = _heading_languages().get(fold(DECORATION.sub("", text)).rstrip(":").strip())
    return next(iter(languages)) if languages and len(languages) == 1 else None


@cache
def _value_words() -> frozenset[str]:
    """Folded rating values and placeholders: what a value on the line after its label may be."""
    ratings = {fold(row["label"]) for row in read_vocab("ratings")}
    return frozenset(ratings | set(placeholder_reasons()))


def is_rating_value(text: str) -> bool:
    """True when a line is a rating value or placeholder (doubled or decorated forms too)."""
    return fold(undouble(clean_value(text))) in _value_words()


def ogp_value_list(text: str) -> list[str] | None:
    """The OGP values a value-list field names, one per line, numbered or not.

    An `<ol>` renders as `1. Access to Information`: the number is no part of the value.
    """
    lines = [NUMBERED.sub(r"\g<text>", clean_value(line)) for line in text.split("\n")]
    return split_ogp_values("\n".join(lines))


def clean_value(text: str) -> str:
    """A field value without decoration marks or surrounding white space."""
    return squash(DECORATION.sub("", text))


# What a value can end with right before a glued heading or label: a letter (any case,
# accented too: `AchevéDescription`, `...de IRMDescripción`), a digit, a closing
# parenthesis, bracket (an inline note) or quote, or a full stop.
_GLUE_AFTER = r"(?<=[^\W_]|[).\]’”'\"])"


def _flexible(text: str) -> str:
    """Regex for a label or heading as pages space it: any run of spaces between words and
    optional space before each colon (`Statut :`, `Ambición (consulta : definición):`),
    either apostrophe (`Plan d’action`)."""
    words = [
        re.escape(word).replace(":", r"\s*:").replace("'", "['’]")
        for word in text.replace(" :", ":").split()
    ]
    return r"\s+".join(words)


@cache
def _glue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Headings glued to the end of a value, and labels glued after a value.

    Compact captures lose the break between any two blocks, so the status-summary
    headings and labels (`...[Note 4: ...]Did It Open Government?`) glue like the
    at-a-glance ones, in every language. Short headings (`Status`) and labels are left
    out: as words they end too many ordinary lines. Matching keeps the case of the known
    text (a glued label starts with its capital; `Estatus:` must not split at `status:`)
    but not its spacing: French labels put a space before the colon, or do not.
    """
    headings = sorted(
        (h for h, kind in _heading_texts() if kind not in {"status"} and len(h) >= 8),
        key=len,
        reverse=True,
    )
    heading_re = re.compile(rf"{_GLUE_AFTER}(?P<heading>{'|'.join(map(_flexible, headings))})$")
    labels = sorted(
        {lab.text for lab in page_labels() if len(lab.text) >= 7}, key=len, reverse=True
    )
    label_re = re.compile(rf"{_GLUE_AFTER}(?=(?:{'|'.join(map(_flexible, labels))}))")
    return heading_re, label_re


@cache
def _heading_texts() -> tuple[tuple[str, str], ...]:
    return tuple((row["heading"], row["kind"]) for row in read_vocab("page_headings"))


def split_glued(lines: Sequence[TextLine]) -> tuple[list[TextLine], bool]:
    """Lines with glued headings and labels put back on lines of their own; whether any were."""
    heading_re, label_re = _glue_patterns()
    result: list[TextLine] = []
    glued = False
    for line in lines:
        pieces = [p for p in label_re.split(line.text) if p]
        if len(pieces) > 1:
            glued = True
        for piece in pieces:
            match = heading_re.search(piece)
            if match and match.start() > 0:
                glued = True
                result.append(TextLine(line.number, piece[: match.start()].strip()))
                result.append(TextLine(line.number, match.group("heading")))
            else:
                result.append(TextLine(line.number, piece))
    return result, glued
