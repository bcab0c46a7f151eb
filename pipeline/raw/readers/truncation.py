"""Captures cut off before their end: where the cut is, so nothing after it is invented.

A served page always closes with `</html>`; an HTML capture without it was cut. A text
capture has no such mark, so it counts as cut only when it stops without a final line
break in the middle of something: a line that is neither finished prose (closing
punctuation) nor a complete list entry, heading, rating (alone or after its label) or
policy-area list, in any of the pages' languages. A member-list heading is no end: the
list it opens is missing (and a Spanish or French one may be cut in the member name).
The text before the cut is parsed as usual; the value the last line belongs to is
incomplete.
"""

from __future__ import annotations

import re

from pipeline.raw.readers.member_list import ID_LINE
from pipeline.raw.readers.page_lines import heading_kind, is_rating_value, match_label
from pipeline.textutil import fold
from pipeline.vocabulary import policy_area_spellings

_HTML_END = re.compile(rb"</html\s*>", re.IGNORECASE)
_FINISHED = tuple('.!?)]"”’»:;')
_SECTIONS = frozenset({"at_a_glance", "status_summary"})


def _known_areas(text: str) -> bool:
    """True when every comma-separated piece of `text` is a known policy-area name.

    Any known spelling counts: Spanish and French pages list the areas translated.
    """
    known = policy_area_spellings()
    pieces = [fold(p) for p in text.split(",") if p.strip()]
    return bool(pieces) and all(p in known for p in pieces)


def _labelled_rating(line: str) -> bool:
    """`Estado: Inactivo`, `Completion: Complete`: a label with a whole rating after it."""
    hit = match_label(line, _SECTIONS)
    return hit is not None and is_rating_value(hit.value)


def _complete(line: str) -> bool:
    """Whether a last line reads as finished (so a missing final line break is harmless)."""
    if line.endswith(_FINISHED) or heading_kind(line) or is_rating_value(line):
        return True
    if _labelled_rating(line):
        return True
    entry = ID_LINE.match(line)
    if entry:
        area = (entry.group("area") or "").strip()
        return not area or _known_areas(area)
    return _known_areas(line)


def cut_line(data: bytes, text: str, file_format: str) -> str | None:
    """The last line of a capture that was cut off, or None when it is complete.

    `data` is the file's bytes, `text` its text (HTML already rendered to text).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    if file_format == "html":
        return None if _HTML_END.search(data) else lines[-1]
    if text.endswith(("\n", "\r")) or _complete(lines[-1]):
        return None
    return lines[-1]
