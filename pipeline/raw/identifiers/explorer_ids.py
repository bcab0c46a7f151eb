"""Commitment IDs for rows of the archival OGP Explorer export, which carries none.

An Explorer row names its member (`Country`), action plan number, commitment number
(`Comm No`) and titles. Its ID is (1) that of the export row of the same member, plan and
number read in the same run, else (2) that of the one known commitment of the member
whose title is the row's `Short Title` or `Commitment Title`. Anything less certain is no
match: a wrong ID would merge two commitments, while no ID only drops the row with a
reject saying what was tried. Pure Python: the export reader calls `identify` per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from pipeline.raw.identifiers.members import member_key
from pipeline.raw.source_records import ExportRow
from pipeline.textutil import fold

Values = Mapping[str, str | None]


class IdMatch(NamedTuple):
    """A row's commitment ID (None: no match) and what was tried, for the reject."""

    commitment_id: str | None
    tried: str


def number_key(text: str | None) -> str | None:
    """Comparison key of a plan or commitment number: `3`, `03` and `3.0` are all `3`;
    other text (`1.a`) compares folded; empty is None."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return fold(cleaned)
    return str(int(number)) if number.is_integer() else fold(cleaned)


def title_key(text: str | None) -> str | None:
    """Comparison key of a title: folded, a trailing full stop ignored; empty is None."""
    key = fold(text or "").rstrip(".").rstrip()
    return key or None


def _ids(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids))


class ExplorerIds:
    """What identifies a known commitment: export rows by (member, plan, number), and titles.

    An export row counts under the member of its URL and of its name (they differ when
    OGP's slug is not the name's), so an Explorer row, which has only a name, finds it.
    """

    def __init__(self, known_titles: Iterable[tuple[str, str, str]] = ()) -> None:
        self._numbers: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._titles: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        for member_id, title, commitment_id in known_titles:
            self.add_title(member_id, title, commitment_id)

    def add_title(self, member_id: str | None, title: str | None, commitment_id: str) -> None:
        """A commitment of `member_id` shown with `title` (a page, a member list, the export)."""
        key = title_key(title)
        if member_id and key and commitment_id:
            self._titles[(member_id, key)].add(commitment_id.upper())

    def add_export_row(self, row: ExportRow) -> None:
        """An export row: its member, plan and number, and its two titles."""
        values = row.values
        country = values.get("country_locality")
        members = {
            m for m in (member_key(values.get("url"), country), member_key(None, country)) if m
        }
        plan = number_key(values.get("action_plan_number"))
        number = number_key(values.get("commitment_number"))
        for member in members:
            if plan and number:
                self._numbers[(member, plan, number)].add(row.commitment_id)
            self.add_title(member, values.get("short_title"), row.commitment_id)
            self.add_title(member, values.get("commitment_title"), row.commitment_id)

    def identify(self, values: Values) -> IdMatch:
        """The ID of an Explorer row (raw column names → cell text), or what was tried."""
        member = member_key(None, values.get("country_locality"))
        if member is None:
            return IdMatch(None, "the row names no Country, so no member to look in")
        plan = number_key(values.get("action_plan_number"))
        number = number_key(values.get("commitment_number"))
        by_number = self._numbers.get((member, plan, number), set()) if plan and number else set()
        if len(by_number) == 1:
            return IdMatch(next(iter(by_number)), "export row with the same plan and number")
        titles = {t for c in ("short_title", "commitment_title") if (t := title_key(values.get(c)))}
        by_title: set[str] = set()
        for title in titles:
            by_title |= self._titles.get((member, title), set())
        if len(by_title) == 1:
            return IdMatch(next(iter(by_title)), "the one known commitment with that title")
        tried = (
            _number_outcome(member, plan, number, by_number),
            _title_outcome(member, bool(titles), by_title),
        )
        return IdMatch(None, "; ".join(tried))


def _number_outcome(member: str, plan: str | None, number: str | None, found: set[str]) -> str:
    """What looking the row up by plan and commitment number gave, in words."""
    if not (plan and number):
        return (
            "without both an action plan number and a Comm No it cannot be matched to an export row"
        )
    if not found:
        return f"no export row of member '{member}' has action plan {plan}, commitment {number}"
    return (
        f"{len(found)} export rows of member '{member}' have action plan {plan}, "
        f"commitment {number} ({_ids(found)})"
    )


def _title_outcome(member: str, has_title: bool, found: set[str]) -> str:
    """What looking the row up by its titles gave, in words."""
    if not has_title:
        return "it has no title to look up"
    if not found:
        return (
            f"no known commitment of member '{member}' (pages, member lists, export) has its "
            "Short Title or Commitment Title"
        )
    return f"{len(found)} known commitments of member '{member}' have its title ({_ids(found)})"
