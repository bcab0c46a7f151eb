"""Source text in the Markdown we publish (release README, CHANGELOG.md), kept inert.

Titles, URLs and file names come from sidecars and raw files anyone may write; in
Markdown a `[x](javascript:...)`, a `<script>` or a stray backtick would become a link,
markup or a broken page. Text is shown on one line, as written: in a code span whose
fence outlasts any backticks inside, or as plain text with Markdown's punctuation
escaped.
"""

from __future__ import annotations

import re

# What could make a link, an image, markup, an entity, code or a table cell; `_` and `~`
# only ever emphasise, and snake_case names stay readable.
_SPECIAL = re.compile(r"([\\`*\[\]<>|&])")


def one_line(text: object) -> str:
    """The text with every run of white space (line breaks too) as one space."""
    return " ".join(str(text).split())


def code_span(text: object) -> str:
    """A code span of the text that no backtick inside can close early."""
    shown = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or not shown.strip() else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def plain(text: object) -> str:
    """The text with Markdown's punctuation escaped, so that it shows as written."""
    return _SPECIAL.sub(r"\\\1", one_line(text))
