"""The IRM status-summary sections of a commitment page (midterm and end of term).

Milestones, completion at midterm and end of term, "Did it open government?" per OGP
value, start and end dates, the commitment text, and the `N. Title` line that gives the
commitment's number in its plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.raw.readers.member_list import TextLine
from pipeline.raw.readers.page_lines import (
    BULLET,
    DIOG_FIELDS,
    NUMBERED,
    SHORT_FIELDS,
    SUMMARY_HEADINGS,
    LabelHit,
    clean_value,
    heading_kind,
    is_rating_value,
    match_label,
)
from pipeline.textutil import squash

SINGLE_LINE_FIELDS = frozenset({"start_date", "end_date"})
_MAX_DATE = 40
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def section_end(lines: Sequence[TextLine], start: int) -> int:
    """Index of the next IRM status-summary heading at or after `start` (or the end)."""
    for index in range(start, len(lines)):
        if heading_kind(lines[index].text) in SUMMARY_HEADINGS:
            return index
    return len(lines)


@dataclass
class Summary:
    fields: dict[str, str] = field(default_factory=dict)
    milestones: dict[int, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)


@dataclass
class _Section:
    """The IRM status-summary section being read, and where in it the reader is."""

    fields: dict[str, str] = field(default_factory=dict)
    milestones: list[tuple[int, list[str]]] = field(default_factory=list)
    current: str | None = None  # a long field whose text runs on over the next lines
    pending: str | None = None  # a one-line field whose label line had no value
    in_milestones: bool = False
    last_heading: str | None = None
    started: bool = False  # a line other than a heading has been read


def read_summaries(lines: Sequence[TextLine], start: int) -> Summary:
    """The IRM midterm / end-of-term status summaries.

    A field read in a later section overrides the earlier one (the end-of-term rating
    is the newer); a milestone number keeps the text of the section it first came in.
    """
    summary = Summary()
    section = _Section()
    for line in lines[start:]:
        text = line.text
        kind = heading_kind(text)
        if kind in SUMMARY_HEADINGS:
            _close_section(summary, section)
            section = _Section()
            continue
        hit = _summary_label(text, section.last_heading)
        if kind and not hit:
            section.last_heading, section.current, section.pending = kind, None, None
            section.in_milestones = False
            continue
        if hit:
            summary.languages.append(hit.label.language)
            _read_summary_label(section, hit)
        else:
            _read_summary_line(section, text)
        section.started = True
    _close_section(summary, section)
    return summary


def _summary_label(text: str, last_heading: str | None) -> LabelHit | None:
    """A status-summary label, if the line has one that counts where it stands.

    A per-value rating (`Access to Information: Major`) counts only under `Did It Open
    Government?` and only with a rating value: the same words open ordinary sentences
    (`Access to Information: the portal will ...`) in the commitment text and elsewhere.
    """
    hit = match_label(text, frozenset({"status_summary"}))
    if hit and hit.label.field in DIOG_FIELDS:
        if last_heading != "did_it_open_government":
            return None
        if hit.value and not is_rating_value(hit.value):
            return None
    return hit


def _read_summary_label(section: _Section, hit: LabelHit) -> None:
    """A labelled line: what the lines after it belong to (milestones, a running text, or
    the value of a one-line field whose label line had none)."""
    name = hit.label.field
    one_line = name in SHORT_FIELDS or name in SINGLE_LINE_FIELDS
    section.in_milestones = name == "milestones"
    section.current = None if one_line or section.in_milestones else name
    section.pending = name if one_line and not hit.value else None
    if section.in_milestones:
        if hit.value:
            _add_milestone_line(section.milestones, hit.value)
    elif hit.value:
        section.fields[name] = hit.value


def _read_summary_line(section: _Section, text: str) -> None:
    """An unlabelled line: the `N. Title` line opening a section, a milestone, or a value."""
    numbered = NUMBERED.match(clean_value(text))
    if numbered and not section.started:
        section.fields["commitment_number"] = numbered.group("number")
    elif section.in_milestones:
        _add_milestone_line(section.milestones, text)
    elif section.pending and _accepts_summary_value(section.pending, text):
        section.fields[section.pending] = text
        section.pending = None
    elif section.current:
        previous = section.fields.get(section.current)
        section.fields[section.current] = f"{previous}\n{text}" if previous else text


def _accepts_summary_value(field_name: str, text: str) -> bool:
    """Whether a line may be the value of a one-line summary field whose label had none."""
    if field_name in SINGLE_LINE_FIELDS:
        return len(text) <= _MAX_DATE and bool(_YEAR.search(text))
    return is_rating_value(text)


def _close_section(summary: Summary, section: _Section) -> None:
    """Fold a finished section into the summary (its fields override earlier sections')."""
    summary.fields.update(section.fields)
    _keep_milestones(summary, section.milestones)


def _add_milestone_line(milestones: list[tuple[int, list[str]]], text: str) -> None:
    """A numbered or bulleted line starts a milestone; any other line continues the last."""
    numbered = NUMBERED.match(text)
    if numbered:
        milestones.append((int(numbered.group("number")), [numbered.group("text")]))
    elif BULLET.match(text):
        milestones.append((len(milestones) + 1, [BULLET.sub("", text)]))
    elif milestones:
        milestones[-1][1].append(text)


def _keep_milestones(summary: Summary, milestones: list[tuple[int, list[str]]]) -> None:
    """Milestones of one section; a number already read from an earlier section keeps its text."""
    for number, parts in milestones:
        summary.milestones.setdefault(number, squash(" ".join(parts)))
