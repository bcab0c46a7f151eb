"""A Table Schema `pattern` as frictionless 5.21 applies it, in DuckDB's RE2 where possible.

Frictionless tests `re.compile("^{pattern}$").match(cell)`: Python `re`, anchored at
the start, the pattern pasted between `^` and `$` without a group (so `a|b` means
`^a` or `b$`). Python's `$` also matches just before a final newline, and its `\\d`,
`\\w`, `\\s` are Unicode classes where RE2's are ASCII. `to_re2` translates that
wrapped pattern into an RE2 pattern with the same answer for every text without a
newline: the classes become explicit code-point sets computed from this Python's
own `str` predicates, everything else is re-escaped. Texts with a newline, and
patterns using what RE2 lacks (back-references, lookaround, `\\b`, inline flags,
possessive quantifiers), are left to `python_matcher`, i.e. to `re` itself.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable, Iterator
from functools import cache

#: RE2 rejects repetition counts above this.
MAX_REPEAT = 1000
_SIMPLE_ESCAPES = {"n": 0x0A, "t": 0x09, "r": 0x0D, "f": 0x0C, "v": 0x0B, "a": 0x07}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_CLASS_ESCAPES = "dws"
_QUANTIFIER = re.compile(r"\{([0-9]*)(?:(,)([0-9]*))?\}")


class Unsupported(ValueError):
    """The pattern uses something RE2 cannot express with Python's meaning."""


def python_matcher(pattern: str) -> Callable[[str], bool]:
    """frictionless' own test: does the cell match `^pattern$` from its start."""
    compiled = re.compile(f"^{pattern}$")
    return lambda text: compiled.match(text) is not None


def to_re2(pattern: str) -> str | None:
    """RE2 for `regexp_matches` agreeing with `python_matcher` on newline-free text, or None."""
    try:
        re.compile(f"^{pattern}$")
        return "^(?:" + "".join(_translate(f"^{pattern}$")) + ")"
    except (Unsupported, re.error):
        return None


def _translate(pattern: str) -> Iterator[str]:
    """RE2 pieces for a Python pattern, token by token."""
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            piece, i = _escape(pattern, i, in_class=False)
            yield piece
        elif char == "[":
            piece, i = _char_class(pattern, i)
            yield piece
        elif char == "(":
            piece, i = _group(pattern, i)
            yield piece
        elif char == "{":
            piece, i = _brace(pattern, i)
            yield piece
        elif char in "*+?":
            yield char
            i += 1
            if i < n and pattern[i] == "+":
                raise Unsupported("possessive quantifier")
        elif char in ")|^$.":
            yield char
            i += 1
        else:
            yield _literal(ord(char))
            i += 1


def _literal(code: int) -> str:
    """One code point as an RE2 literal (`\\x{...}` for anything not plainly safe)."""
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return f"\\x{{{code:x}}}"


def _escape(pattern: str, i: int, *, in_class: bool) -> tuple[str, int]:
    """An escape sequence starting at pattern[i] == '\\', and the index after it."""
    if i + 1 >= len(pattern):
        raise Unsupported("trailing backslash")
    char = pattern[i + 1]
    if char.lower() in _CLASS_ESCAPES:
        ranges = _class_ranges(char.lower())
        if char.islower():
            body = _ranges_text(ranges)
            return (body if in_class else f"[{body}]"), i + 2
        if in_class:
            raise Unsupported("negated class escape inside a class")
        return f"[^{_ranges_text(ranges)}]", i + 2
    if char in _SIMPLE_ESCAPES:
        return _literal(_SIMPLE_ESCAPES[char]), i + 2
    if char in _HEX_ESCAPES:
        width = _HEX_ESCAPES[char]
        digits = pattern[i + 2 : i + 2 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise Unsupported("malformed hex escape")
        return _literal(int(digits, 16)), i + 2 + width
    if in_class and char == "b":
        return _literal(0x08), i + 2
    if char == "A" and not in_class:
        return "^", i + 2
    if char == "Z" and not in_class:
        return "\\z", i + 2
    if char.isascii() and char.isalnum():
        raise Unsupported(f"escape \\{char}")  # \b \B \1 \0 \N{...}, ...
    return _literal(ord(char)), i + 2


def _char_class(pattern: str, i: int) -> tuple[str, int]:
    """A `[...]` class starting at pattern[i], every member re-escaped for RE2."""
    i += 1
    negated = i < len(pattern) and pattern[i] == "^"
    if negated:
        i += 1
    items: list[str] = []
    first = True
    while True:
        if i >= len(pattern):
            raise Unsupported("unterminated class")
        char = pattern[i]
        if char == "]" and not first:
            break
        first = False
        start, i = _class_member(pattern, i)
        if (
            i + 1 < len(pattern)
            and pattern[i] == "-"
            and pattern[i + 1] != "]"
            and isinstance(start, int)
        ):
            end, i = _class_member(pattern, i + 1)
            if not isinstance(end, int) or end < start:
                raise Unsupported("bad range")
            items.append(f"{_literal(start)}-{_literal(end)}")
        else:
            items.append(_literal(start) if isinstance(start, int) else start)
    body = "".join(items)
    return (f"[^{body}]" if negated else f"[{body}]"), i + 1


def _class_member(pattern: str, i: int) -> tuple[int | str, int]:
    """One class member: a code point, or (for `\\d`-like escapes) a set of ranges."""
    if pattern[i] != "\\":
        return ord(pattern[i]), i + 1
    piece, after = _escape(pattern, i, in_class=True)
    single = re.fullmatch(r"\\x\{([0-9a-f]+)\}|([A-Za-z0-9])", piece)
    if single:
        return (int(single.group(1), 16) if single.group(1) else ord(single.group(2))), after
    return piece, after


def _group(pattern: str, i: int) -> tuple[str, int]:
    """A group opening: plain, non-capturing or named; anything else is unsupported."""
    if pattern.startswith("(?:", i):
        return "(?:", i + 3
    if pattern.startswith("(?P<", i):
        close = pattern.find(">", i)
        if close < 0:
            raise Unsupported("unterminated group name")
        return "(", close + 1
    if pattern.startswith("(?", i):
        raise Unsupported("lookaround, flags or back-reference group")
    return "(", i + 1


def _brace(pattern: str, i: int) -> tuple[str, int]:
    """A `{m,n}` quantifier as Python reads it (`{,n}` is `{0,n}`), else a literal brace."""
    match = _QUANTIFIER.match(pattern, i)
    if not match or (not match.group(1) and not match.group(2)):
        return _literal(ord("{")), i + 1
    low, comma, high = match.group(1), match.group(2), match.group(3)
    counts = [int(c) for c in (low, high) if c]
    if any(c > MAX_REPEAT for c in counts):
        raise Unsupported("repetition count above RE2's limit")
    end = match.end()
    if end < len(pattern) and pattern[end] == "+":
        raise Unsupported("possessive quantifier")
    if not comma:
        return f"{{{int(low)}}}", end
    return f"{{{int(low or 0)},{int(high) if high else ''}}}", end


@cache
def _class_ranges(kind: str) -> tuple[tuple[int, int], ...]:
    """Code-point ranges of Python's own `\\d`, `\\w` or `\\s`, found by `re` itself."""
    ranges: list[tuple[int, int]] = []
    for match in re.finditer(f"\\{kind}+", _every_character()):
        start, end = _code_point(match.start()), _code_point(match.end() - 1)
        if start < _SURROGATES[0] <= end:  # a run across the gap: split it
            ranges += [(start, _SURROGATES[0] - 1), (_SURROGATES[1] + 1, end)]
        else:
            ranges.append((start, end))
    return tuple(ranges)


_SURROGATES = (0xD800, 0xDFFF)


@cache
def _every_character() -> str:
    """Every code point but the surrogates (which UTF-8 text cannot hold), in order.

    Decoded from UTF-32 in two runs: ten times faster than a million `chr` calls, a
    cost every validation with a `\\s`-like pattern pays once."""
    runs = (range(_SURROGATES[0]), range(_SURROGATES[1] + 1, sys.maxunicode + 1))
    codec = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
    return "".join(array("I", run).tobytes().decode(codec) for run in runs)  # "I": 4 bytes


def _code_point(index: int) -> int:
    """The code point at `index` of `_every_character()`."""
    return index if index < _SURROGATES[0] else index + _SURROGATES[1] - _SURROGATES[0] + 1


def _ranges_text(ranges: tuple[tuple[int, int], ...]) -> str:
    """Class body for code-point ranges."""
    return "".join(_literal(a) if a == b else f"{_literal(a)}-{_literal(b)}" for a, b in ranges)
