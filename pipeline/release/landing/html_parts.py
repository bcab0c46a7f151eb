"""How the landing page writes numbers, text, links and tables: one way each.

Every value from the data or a report goes through here, so it is escaped once and
formatted the same everywhere (the same release renders the same bytes). Not here:
what a section says (sections/).
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from pipeline.release.landing.files import ReleaseFile
from pipeline.release.landing.report_values import as_int, as_number

#: What the page writes for a value that is absent or unknown.
NO_VALUE = "–"


def count(value: object) -> str:
    """An integer as the page writes it: thousands separated by commas; – if unknown."""
    number = as_int(value)
    return NO_VALUE if number is None else f"{number:,}"


def plural(number: int, noun: str) -> str:
    """`1 commitment`, `2 commitments`: a count with its noun."""
    return f"{count(number)} {noun}{'' if number == 1 else 's'}"


def percent(part: int, whole: int) -> str:
    """A share with one decimal; – when the whole is zero (nothing to divide)."""
    return f"{100 * part / whole:.1f}%" if whole else NO_VALUE


def ratio(value: object) -> str:
    """A 0..1 ratio from a report (quality.py's completeness and scores) as a percentage."""
    share = as_number(value)
    return NO_VALUE if share is None else f"{100 * share:.1f}%"


def human_size(size: int) -> str:
    """Bytes in decimal units (kB, MB, GB) with one decimal, as browsers show them."""
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            break
    return f"{value:.1f} {unit}"


def text(value: object) -> str:
    """Any value from the data as escaped text (– for nothing)."""
    return NO_VALUE if value is None or value == "" else escape(str(value))


def prose(value: object) -> str:
    """Descriptor prose, escaped, with Markdown `code` spans shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(str(value or "")))


def href(path: str) -> str:
    """A relative link to a file of the release."""
    return escape(quote(path, safe="/"))


def link(url: object, label: str) -> str:
    """A plain link for an http(s) address from the descriptor; the label only otherwise."""
    if isinstance(url, str) and re.match(r"https?://[^\s\"'<>]+$", url):
        return f'<a href="{escape(url)}">{escape(label)}</a>'
    return escape(label)


def file_link(path: str, files: tuple[ReleaseFile, ...]) -> str:
    """A link to a release file when it is there; its name otherwise."""
    if any(f.path == path for f in files):
        return f'<a href="{href(path)}">{escape(path)}</a>'
    return f"<code>{escape(path)}</code>"


def table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """An HTML table (cells already escaped); `numeric` columns are right-aligned."""
    numeric = numeric or set()

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    header = "".join(f'<th scope="col"{cls(i)}>{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="scroll"><table>\n<thead><tr>{header}</tr></thead>\n'
        f"<tbody>\n{body}</tbody></table></div>\n"
    )
