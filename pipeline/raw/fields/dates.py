"""Loose dates: the many ways OGP's export and pages write a start or end date.

The export's `Start Date` / `End Date` cells mix US numeric dates (`8/1/18`), day-first
dates (`31/12/2016`), month names (`July 2014`), bare years, Excel serial numbers
(`43525`) and years a spreadsheet stored as serials and then showed as 1905 dates
(`7/16/1905` is serial 2024). Pages add `Start date: May 2016` in English, Spanish and
French. This module turns one such text into an ISO date plus how precise it is, and
says when the reading involved a guess. Pure functions: no I/O, no vocabulary files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from pipeline.textutil import fold

Precision = Literal["day", "month", "year"]
Order = Literal["day/month", "month/day"]


@dataclass(frozen=True)
class LooseDate:
    """A date read from loose text: ISO `YYYY-MM-DD` (first day of the month/year when less
    precise), its precision, and a note when the reading was a guess or a repair."""

    iso: str
    precision: Precision
    note: str | None = None


# Excel's day 0 (serial 1 = 1900-01-01, counting Excel's phantom 29 February 1900).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serials that are plausible dates (1954-10-04 .. 2119-01-10); smaller numbers are not dates.
_SERIAL_DAYS = range(20000, 80001)
# Years a date may name; anything outside is a typo, not a commitment date.
_YEARS = range(1900, 2101)
# A year typed into a date-formatted cell becomes serial YYYY, shown as a day in 1905.
_YEAR_AS_SERIAL = range(1990, 2101)

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "janvier", "janv"),
    2: ("february", "feb", "febrero", "fevrier", "fevr", "fev"),
    3: ("march", "mar", "marzo", "mars"),
    4: ("april", "apr", "abril", "abr", "avril", "avr"),
    5: ("may", "mayo", "mai"),
    6: ("june", "jun", "junio", "juin"),
    7: ("july", "jul", "julio", "juillet", "juil"),
    8: ("august", "aug", "agosto", "ago", "aout"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "set", "septembre"),
    10: ("october", "oct", "octubre", "octobre"),
    11: ("november", "nov", "noviembre", "novembre"),
    12: ("december", "dec", "diciembre", "dic", "decembre"),
}
# Folded month name or abbreviation → month number (folding removes accents: `août` → `aout`).
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}

_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_MONTH_SLASH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(?:de\s+)?(\d{4})$")
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?([a-z]+)\.?,?\s+(?:de\s+)?(\d{4})$"
)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _full_year(text: str) -> int:
    """Two-digit years are 20xx: OGP began in 2011, so `18` can only mean 2018."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _day_date(year: int, month: int, day: int, note: str | None = None) -> LooseDate | None:
    """A day-precision date, None if impossible; a 1905 date that is really a year is repaired."""
    if year not in _YEARS:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    serial = (value - _EXCEL_EPOCH).days
    if serial in _YEAR_AS_SERIAL:
        repair = (
            f"{value.isoformat()} is the year {serial} stored as a spreadsheet serial number; "
            f"read as the year {serial}"
        )
        return LooseDate(f"{serial:04d}-01-01", "year", "; ".join(filter(None, [note, repair])))
    return LooseDate(value.isoformat(), "day", note)


def _month_date(year: int, month: int | None) -> LooseDate | None:
    if month is None or year not in _YEARS or not 1 <= month <= 12:
        return None
    return LooseDate(f"{year:04d}-{month:02d}-01", "month")


def _numeric(match: re.Match[str], day_first: bool) -> LooseDate | None:
    """`a/b/y`: day first when `a` > 12, else month first (the export's US convention)
    unless the caller knows the source writes day first; a guess between two valid
    readings is noted."""
    first, second, year = int(match[1]), int(match[2]), _full_year(match[3])
    if first > 12:
        return _day_date(year, second, first)
    if second > 12 or first == second:
        return _day_date(year, first, second)
    month, day = (second, first) if day_first else (first, second)
    order, other = ("day/month", "month/day") if day_first else ("month/day", "day/month")
    note = f"ambiguous day/month: read as {order}, not {other} ({year:04d}-{day:02d}-{month:02d})"
    return _day_date(year, month, day, note)


def _iso(match: re.Match[str], _: bool) -> LooseDate | None:
    return _day_date(int(match[1]), int(match[2]), int(match[3]))


def _month_slash_year(match: re.Match[str], _: bool) -> LooseDate | None:
    return _month_date(int(match[2]), int(match[1]))


def _year(match: re.Match[str], _: bool) -> LooseDate | None:
    year = int(match[1])
    return LooseDate(f"{year:04d}-01-01", "year") if year in _YEARS else None


def _serial(match: re.Match[str], _: bool) -> LooseDate | None:
    """An Excel serial day number that leaked through as text (`43525` = 2019-03-01)."""
    days = int(match[1])
    if days not in _SERIAL_DAYS:
        return None
    value = _EXCEL_EPOCH + timedelta(days=days)
    return _day_date(value.year, value.month, value.day)


def _month_year(match: re.Match[str], _: bool) -> LooseDate | None:
    return _month_date(int(match[2]), _MONTHS.get(match[1]))


def _day_month_year(match: re.Match[str], _: bool) -> LooseDate | None:
    month = _MONTHS.get(match[2])
    return _day_date(int(match[3]), month, int(match[1])) if month else None


def _month_day_year(match: re.Match[str], _: bool) -> LooseDate | None:
    month = _MONTHS.get(match[1])
    return _day_date(int(match[3]), month, int(match[2])) if month else None


_Reader = Callable[[re.Match[str], bool], LooseDate | None]
_FORMATS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_NUMERIC, _numeric),
    (_ISO, _iso),
    (_SERIAL, _serial),
    (_YEAR, _year),
    (_MONTH_SLASH_YEAR, _month_slash_year),
    (_MONTH_YEAR, _month_year),
    (_DAY_MONTH_YEAR, _day_month_year),
    (_MONTH_DAY_YEAR, _month_day_year),
)


@lru_cache(maxsize=4096)
def parse_loose_date(text: str | None, *, day_first: bool = False) -> LooseDate | None:
    """The date a loose text names, or None for placeholders, seasons and impossible dates.

    `day_first` settles `a/b/y` texts where both `a` and `b` could be the month (the
    caller may know the source writes day first); the result then notes the guess either
    way. Cached: an export repeats the same few date texts across its rows.
    """
    if not text:
        return None
    key = fold(text)
    for pattern, reader in _FORMATS:
        match = pattern.match(key)
        if match:
            return reader(match, day_first)
    return None


def numeric_order(text: str | None) -> Order | None:
    """The order a numeric `a/b/y` date is unmistakably written in (`31/12/2016` → day/month,
    `12/31/2016` → month/day), or None when it is ambiguous or not such a date.

    A source (or one row of it) writes all its dates one way, so an unmistakable date
    tells how to read an ambiguous neighbour.
    """
    match = _NUMERIC.match(text.strip()) if text else None
    if match is None:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return "day/month"
    if second > 12 >= first:
        return "month/day"
    return None
