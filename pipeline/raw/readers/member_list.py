"""Member lists of commitments: the numbered list on member pages and at the foot of older
commitment pages.

Each entry is a line `N. Title` (prefixed `Starred commitment ` when the IRM starred it)
followed by a line `ID, YEAR, PRIMARY POLICY AREA` (the area may be empty). Titles can
be broken (stray quotes, a quoted URL pair, a stray `)`): the reader repairs what is
unambiguous and says so in a warning; the policy area is kept exactly as listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.raw.source_records import MemberListEntry, Reject
from pipeline.textutil import COMMITMENT_ID

# `<Member>'s Commitments`; Spanish `Compromisos de(l) <Member>`; French
# `Engagements de / du / de la / de l' <Member>` (the article is not part of the name).
HEADING_RE = re.compile(
    r"^(?:(?P<name>.+?)['’]s\s+commitments"
    r"|compromisos\s+(?:del\s+|de\s+(?:la\s+|los\s+|las\s+)?)(?P<es>.+?)"
    r"|engagements\s+(?:du\s+|des\s+|de\s+la\s+|de\s+l['’]\s*|de\s+)(?P<fr>.+?))\s*:?$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?P<number>\d{1,4})\.\s*(?P<title>.*)$")
ID_LINE = re.compile(
    rf"^(?P<id>{COMMITMENT_ID})\s*,\s*(?P<year>\d{{4}})?\s*(?:,\s*(?P<area>.*?))?\s*,?$",
    re.IGNORECASE,
)
_STARRED = re.compile(
    r"^(?:starred commitment|compromiso (?:estelar|destacado)|engagement (?:étoilé|vedette)|✪|★)"
    r"\s*",
    re.IGNORECASE,
)
_URL_PAIR = re.compile(r'^"?(?P<url>https?://[^"]*)"?\s*,\s*"(?P<text>[^"]*)"$')
_MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class TextLine:
    """A non-empty line of a page's text and its 1-based line number."""

    number: int
    text: str


def find_heading(lines: Sequence[TextLine]) -> tuple[int, str] | None:
    """Index and member name of the `<Member>'s Commitments` heading, if the text has one."""
    for index, line in enumerate(lines):
        match = HEADING_RE.match(line.text)
        if match:
            name = match.group("name") or match.group("es") or match.group("fr")
            return index, name.strip()
    return None


def heading_language(heading: str) -> str:
    """Language of a member-list heading: `Compromisos de ...` es, `Engagements ...` fr."""
    match = HEADING_RE.match(heading)
    if match and match.group("es"):
        return "es"
    if match and match.group("fr"):
        return "fr"
    return "en"


def _repair_title(title: str) -> tuple[str, str | None]:
    """A listed title with obvious breakage repaired, and what was repaired (or None)."""
    pair = _URL_PAIR.match(title)
    if pair and pair.group("text").strip():
        return pair.group("text").strip(), "a quoted URL and link text; read the link text"
    repaired = title
    if repaired.count('"') % 2 == 1:
        repaired = repaired.replace('"', "")
    if repaired.count("(") < repaired.count(")") and repaired.endswith(")"):
        repaired = repaired[:-1]
    repaired = repaired.strip()
    if repaired != title:
        return repaired, "an unbalanced quote or parenthesis; removed it"
    return title, None


def read_entries(
    lines: Sequence[TextLine], *, list_started: bool = False
) -> tuple[list[MemberListEntry], list[Reject]]:
    """Every `N. Title` / `ID, YEAR, AREA` entry in `lines`, with problems as rejects.

    A numbered line with no ID line after it is an error once the list has started
    (after its heading, or after a first complete entry); before that it is ordinary
    numbered text and is passed over.
    """
    entries: list[MemberListEntry] = []
    rejects: list[Reject] = []
    index = 0
    while index < len(lines):
        head = _NUMBERED.match(lines[index].text)
        if not head:
            index += 1
            continue
        found = _find_id_line(lines, index)
        if found is None:
            if list_started or entries:
                rejects.append(
                    Reject(
                        f"line {lines[index].number}",
                        "error",
                        f"member-list entry {head.group('number')} ({lines[index].text!r}) has no "
                        "'ID, YEAR, AREA' line after it; entry dropped",
                    )
                )
            index += 1
            continue
        id_index, id_line = found
        title_parts = [head.group("title"), *(line.text for line in lines[index + 1 : id_index])]
        entries.append(
            _entry(lines[index], int(head.group("number")), title_parts, id_line, rejects)
        )
        index = id_index + 1
    return entries, rejects


def _find_id_line(lines: Sequence[TextLine], index: int) -> tuple[int, re.Match[str]] | None:
    """The `ID, YEAR, AREA` line closing the entry that starts at `index`, if any."""
    for later in range(index + 1, min(index + 1 + _MAX_TITLE_LINES, len(lines))):
        match = ID_LINE.match(lines[later].text)
        if match:
            return later, match
        if _NUMBERED.match(lines[later].text):
            return None
    return None


def squash_title(parts: Sequence[str]) -> str:
    """Title lines of one entry joined into one line."""
    return " ".join(part for part in parts if part).strip()


def _entry(
    line: TextLine,
    number: int,
    title_parts: list[str],
    id_line: re.Match[str],
    rejects: list[Reject],
) -> MemberListEntry:
    commitment_id = id_line.group("id").upper()
    title = squash_title(title_parts)
    starred = bool(_STARRED.match(title))
    title = _STARRED.sub("", title).strip()
    title, repair = _repair_title(title)
    location = f"line {line.number}"
    if repair:
        rejects.append(
            Reject(
                location,
                "warning",
                f"member-list title {squash_title(title_parts)!r} has {repair}: {title!r}",
                commitment_id,
            )
        )
    year = id_line.group("year")
    area = (id_line.group("area") or "").strip()
    return MemberListEntry(
        location=location,
        list_number=number,
        commitment_id=commitment_id,
        title=title,
        year=int(year) if year else None,
        policy_area=area or None,
        starred=starred,
    )
