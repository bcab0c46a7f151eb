"""The header of a commitment page: at-a-glance fields, institutions, policy areas, IRM review.

Reads from the line after the title to the description. Chrome varies independently of
content (headings stripped, no at-a-glance block, values on the line after their label,
multi-line institution lists), so the end of the header is found by what follows a line,
not by a heading being there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.raw.fields.lists import split_policy_areas
from pipeline.raw.readers.member_list import TextLine
from pipeline.raw.readers.page_lines import (
    BULLET,
    HEADER_HEADINGS,
    ONE_LINE_FIELDS,
    SHORT_FIELDS,
    SUMMARY_HEADINGS,
    VALUE_LIST_FIELDS,
    heading_kind,
    is_rating_value,
    match_label,
    ogp_value_list,
)
from pipeline.textutil import fold
from pipeline.vocabulary import policy_area_spellings

_LOOKAHEAD_LINES = 12
_MAX_LIST_LINE = 300
_MAX_ONE_LINE = 120
_MONTH_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class Header:
    """What the header part of a page yielded, and where the description starts."""

    fields: dict[str, str] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    policy_lines: list[str] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    next_index: int = 0

    def append(self, name: str, text: str) -> None:
        """Add a line to a field's value (multi-line values keep one item per line)."""
        previous = self.fields.get(name)
        self.fields[name] = f"{previous}\n{text}" if previous else text


def _looks_like_policy_areas(text: str) -> bool:
    """A line listing mostly known policy-area names (the stripped layout has no heading).

    Any known spelling counts: Spanish and French pages list the areas translated
    (`Transparencia fiscal, Datos abiertos`).
    """
    if len(text) > _MAX_LIST_LINE:
        return False
    names = split_policy_areas(text)
    known = policy_area_spellings()
    return bool(names) and sum(fold(n) in known for n in names) * 2 >= len(names)


def _header_continues(lines: Sequence[TextLine], index: int) -> bool:
    """True when a header label or heading follows soon: the line before is inside the header.

    The `Description` heading counts too: whatever stands before it is header, not prose.
    """
    for later in lines[index : index + _LOOKAHEAD_LINES]:
        if len(later.text) > _MAX_LIST_LINE * 2:
            return False
        if match_label(later.text, frozenset({"at_a_glance"})):
            return True
        kind = heading_kind(later.text)
        if kind in HEADER_HEADINGS or kind == "description":
            return True
        if kind:
            return False
    return False


def _accepts_next_line(field_name: str, text: str) -> bool:
    """Whether a line may be the value of `field_name` whose label line had none."""
    if field_name in VALUE_LIST_FIELDS:
        return is_rating_value(text) or ogp_value_list(text) is not None
    if field_name == "action_plan_cycle":
        return bool(re.fullmatch(r"\d{4}", text))
    if field_name in {"commitment_start", "commitment_end"}:
        return len(text) <= _MAX_ONE_LINE and bool(_MONTH_YEAR.search(text))
    if field_name in ONE_LINE_FIELDS:
        return len(text) <= _MAX_ONE_LINE and not heading_kind(text) and not BULLET.match(text)
    if field_name in SHORT_FIELDS:
        return is_rating_value(text)
    return not heading_kind(text)


def _continues_value(header: Header, current: str | None, item: str) -> bool:
    """Whether an unlabelled line adds to the value of the field read last.

    Long fields (plan, institutions) run on over several lines; of the short ones only a
    list of OGP values does (one value per line or bullet), and only with OGP values.
    """
    if current in VALUE_LIST_FIELDS:
        value = header.fields.get(current, "")
        return not is_rating_value(value) and ogp_value_list(item) is not None
    return current is not None and current not in SHORT_FIELDS | ONE_LINE_FIELDS


def read_header(lines: Sequence[TextLine], start: int) -> Header:
    """Fields, headings and policy areas from the title to the description.

    Bullet marks are taken off unlabelled lines (`• Ministry of ...`): a text capture
    shows `•` where rendered HTML shows `*`, and both must give the same field text.
    A label seen a second time is the description quoting it (stripped chrome has no
    `Description` heading), so the header ends there.
    """
    header = Header()
    current: str | None = None
    pending: str | None = None
    for index in range(start, len(lines)):
        text = lines[index].text
        item = BULLET.sub("", text)
        hit = match_label(text, frozenset({"at_a_glance"}))
        kind = None if hit else heading_kind(text)
        if hit and hit.label.field in header.labels:
            header.next_index = index
            return header
        if hit:
            header.labels.add(hit.label.field)
            header.languages.append(hit.label.language)
            if hit.value:
                header.fields[hit.label.field] = hit.value
            pending = None if hit.value else hit.label.field
            current = hit.label.field
        elif kind in {"description", *SUMMARY_HEADINGS}:
            header.next_index = index + 1 if kind == "description" else index
            return header
        elif kind:
            header.headings.add(kind)
            current = "policy_areas" if kind == "policy_areas" else None
            pending = None
        elif pending and _accepts_next_line(pending, item):
            header.fields[pending] = item
            pending = None
        elif current == "policy_areas" and (
            _looks_like_policy_areas(item) or _header_continues(lines, index + 1)
        ):
            header.policy_lines.append(item)
        elif (
            not header.policy_lines
            and _looks_like_policy_areas(item)
            and _header_continues(lines, index + 1)
        ):
            header.policy_lines.append(item)
            current = "policy_areas"
        elif _continues_value(header, current, item) and (
            current in VALUE_LIST_FIELDS or _header_continues(lines, index + 1)
        ):
            header.append(str(current), item)
            pending = None
        else:
            header.next_index = index
            return header
    header.next_index = len(lines)
    return header
