"""Conservative clean-up of a commitment description (page description or export `Full Text`).

docs/sources.md "Text quirks": descriptions come with hard line wraps, bullets in many glyphs,
PDF hyphenation, literal backslash escapes and repeated paragraphs. The clean-up only
repairs what is clearly residue: it never drops a word (except an exact, immediately
repeated paragraph) and never joins lines a person wrote apart (list items, sub-headings,
short lines, numbered lists). When unsure it leaves the text as it is.

Order matters and makes the function idempotent: escapes first (they create lines), then
per-line tidying and bullets, then wrap joining, then hyphenation (wrap joining turns
`govern-` + newline + `ment` into the inline `govern- ment` case), then repeats and blank lines.
"""

from __future__ import annotations

import re

from pipeline.raw.fields.hyphenation import repair_hyphenation

# A line shorter than this is never treated as hard-wrapped. Measured on the 153 `Full Text`
# cells of samples/ogp-export: lines without final punctuation followed by a lower-case line
# have median 56 chars, 10th percentile 31; in prose blocks the per-cell median wrap width is
# 44-94 chars. Below 40 sit narrow table-column fragments (`Funds from` / `the republican`),
# the 2024+ sub-headings (`Commitment Title`, 16) and list/poem-like short lines.
WRAP_MIN_CHARS = 40

# A line ending in one of these ends a sentence, a heading (`Objective:`) or a quotation.
_LINE_ENDS = frozenset(".!?:;)]…\"'“”‘’«»")
# `a) ...`, `iv. ...`: a lower-case list enumerator starts a new item, not a continuation.
_ENUMERATOR = re.compile(r"(?:[a-z]|[ivx]{1,5})[.)](?:\s|$)")
# Bullet glyphs stand for a bullet even when glued to the text; `*`, `-`, `–` only with a
# space after them (`-5`, `*Note`, `---` stay). U+F0A7/U+F0B7: Word symbol-font bullets.
_BULLET = re.compile(
    r"^(\s*)(?:[•·▪◦●\uf0a7\uf0b7]\s*|[*\-–]\s+)(?=[^\W_]|[(\"“‘'¿¡\[])",
)
# Literal escape residue; `\r\n` is one newline.
_ESCAPES = {"\\r\\n": "\n", "\\n": "\n", "\\t": " ", '\\"': '"', "\\'": "'"}
_ESCAPE = re.compile(r"\\r\\n|\\[nt\"']")
# A token with a drive (`C:\`), UNC/doubled backslashes, any other `\x` (not at its end), or a
# URL is a path or a link: its backslashes are content.
_PATHLIKE = re.compile(r"[A-Za-z]:\\|\\\\|\\(?![nt\"']|r\\n|$)|://|www\.", re.IGNORECASE)


def clean_description(text: str | None) -> str | None:
    """The description with wraps, bullets, hyphenation, escapes and repeats tidied; None if empty.

    Conservative by design: see the module docstring for what is left alone.
    """
    if text is None:
        return None
    text = _unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_normalise_bullet(_drop_trailing_backslash(ln.rstrip())) for ln in text.split("\n")]
    text = "\n".join(_join_wrapped(lines))
    while (repaired := repair_hyphenation(text)) != text:  # `a- b- c`: one split feeds the next
        text = repaired
    return _drop_repeats(text.strip()).strip() or None


def _unescape(text: str) -> str:
    """Literal `\\n`, `\\t`, `\\"`, `\\'` become what they stood for, except in paths and URLs."""
    if "\\" not in text:  # most texts: nothing to look at, token by token
        return text
    return re.sub(r"\S+", _unescape_token, text)


def _unescape_token(match: re.Match[str]) -> str:
    """One white-space delimited token, unescaped unless it looks like a path or a link."""
    token = match.group()
    if "\\" not in token or _PATHLIKE.search(token):
        return token
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], token)


def _drop_trailing_backslash(line: str) -> str:
    """A lone `\\` ending a line is escape residue (a line continuation); a path's is kept."""
    while line.endswith("\\") and not line.endswith("\\\\"):
        last = line.split()[-1]
        if _PATHLIKE.search(last):
            break
        line = line[:-1].rstrip()
    return line


def _normalise_bullet(line: str) -> str:
    """A bullet marker at the line start becomes `- `, indentation kept; numbers are not bullets."""
    return _BULLET.sub(r"\1- ", line, count=1)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines with hard wraps joined back, one space at each join."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the rest of `previous`, cut by a hard wrap.

    `previous` must be long enough to have been wrapped and not end a sentence or a
    heading; `line` must start with a lower-case letter that is not a list enumerator.
    No link, e-mail address or URL fragment may sit next to the join (contact rows, cut links).
    """
    before, after = previous.strip(), line.strip()
    if len(before) < WRAP_MIN_CHARS or not after or before[-1] in _LINE_ENDS:
        return False
    if not after[0].islower() or _ENUMERATOR.match(after):
        return False
    near_join = before.split()[-2:] + after.split()[:4]
    return not any(_is_link(token) for token in near_join)


def _is_link(token: str) -> bool:
    """A URL, e-mail or URL fragment (`…/6015_`): a contact row or a cut link, not prose."""
    if "://" in token or "www." in token.lower() or "@" in token:
        return True
    return len(token) >= 20 and ("/" in token or "_" in token)


def _drop_repeats(text: str) -> str:
    """Runs of blank lines become one; a paragraph or prose line repeated right after itself goes.

    Only texts of at least WRAP_MIN_CHARS count: short repeated lines are table cells
    (`July 2020` under two columns) and stay.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n{2,}", text):
        block = "\n".join(_drop_repeated_lines(block.split("\n")))
        repeated = paragraphs and _layout_free(block) == _layout_free(paragraphs[-1])
        if repeated and len(block.strip()) >= WRAP_MIN_CHARS:
            continue
        paragraphs.append(block)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _layout_free(block: str) -> str:
    """A paragraph without indentation: a repeat differing only in indent is still a repeat."""
    return "\n".join(line.strip() for line in block.split("\n"))


def _drop_repeated_lines(lines: list[str]) -> list[str]:
    """A prose line (long, ending a sentence) repeated right after itself is kept once."""
    out: list[str] = []
    for line in lines:
        prose = len(line.strip()) >= WRAP_MIN_CHARS and line.rstrip()[-1:] in ".!?"
        if out and prose and line.strip() == out[-1].strip():
            continue
        out.append(line)
    return out
