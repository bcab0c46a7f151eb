"""PDF hyphenation: words a PDF line end broke (`Go- vernment`, `Minis-⏎try`), put back.

Text copied out of PDFs (commitment descriptions, institution fields) keeps the hyphen and
the line break or space of a word split at a line end. Not every `X- y` is such a break:
compounds (`decision- making`, `non- governmental`) and suspended hyphens (`self- and
co-regulation`) look the same, and `Government- Parliament` is a label dash. One rule
serves every text field, so an institution name and a description repair alike:

- only a hyphen right after a word and followed by spaces or one line break counts
  (`Anti-Corruption` and ` - ` are never touched), and never inside a link or address;
- before a capital, only a known compound head is joined, its hyphen kept
  (`Non- Governmental` → `Non-Governmental`); anything else is a dash and stays;
- before a lower-case word: a conjunction after it means a suspended hyphen (kept as is);
  a soft hyphen is a break; then evidence in the same text decides (the hyphenated or
  joined spelling used elsewhere, the second part used as a word of its own), then the
  compound heads; with no evidence it is a syllable break and the parts are joined.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

_BREAK = re.compile(
    r"(?<![^\W\d_])(?P<head>[^\W\d_]+)(?P<hyphen>[-\u00ad\u2010])"
    r"(?:[ \t]*\n[ \t]*|[ \t]+)(?=(?P<tail>[^\W\d_]+))"
)
_BROKEN_WORD = re.compile(
    r"(?<![^\W\d_])[^\W\d_]+[-\u00ad\u2010](?:[ \t]*\n[ \t]*|[ \t]+)[^\W\d_]+"
)
_HYPHEN_GAP = re.compile(r"[-\u00ad\u2010][ \t\n]")
_LETTERS = re.compile(r"[^\W\d_]+")
# Words after a suspended hyphen (`self- and co-regulation`, `corto- y mediano`).
_SUSPENDED = frozenset(
    {"and", "or", "nor", "to", "through", "till", "until", "versus", "vs", "but", "as"}
    | {"y", "o", "u", "e", "ni", "a", "et", "ou", "und", "oder", "bis"}
)
# Heads that form real compounds (`non-governmental`, `socio-economic`, `Non-Governmental`)
# rather than syllable breaks. In the sample export, 18 of the 19 `X- y` splits outside
# links are compounds or suspended hyphens; those with no other evidence in their text
# start with one of these.
COMPOUND_HEADS = frozenset(
    {"anti", "co", "counter", "cross", "e", "inter", "intra", "long", "multi", "non", "pan"}
    | {"post", "pre", "self", "semi", "short", "socio", "sub", "trans", "vice", "well"}
)


def repair_hyphenation(text: str) -> str:
    """`text` with PDF line-end breaks undone and compounds split by one re-hyphenated."""
    spans = _split_spans(text)
    if not spans:
        return text
    rest = _sub_within(spans, _BROKEN_WORD, lambda _: " ", text)  # the evidence: the text
    counted: list[Counter[str]] = []  # without its split words, its words counted once asked

    def words() -> Counter[str]:
        if not counted:
            counted.append(Counter(word.lower() for word in _LETTERS.findall(rest)))
        return counted[0]

    def repair(match: re.Match[str]) -> str:
        head, hyphen, tail = match["head"], match["hyphen"], match["tail"]
        if _in_link(text, match.start(), match.end()):
            return match[0]
        if not tail[0].islower():
            return head + hyphen if head.lower() in COMPOUND_HEADS else match[0]
        if head[-1].isupper() and len(head) > 1:  # an acronym (`ICT- based`): a dash
            return match[0]
        joined = _rejoin(head, hyphen, tail, rest, words)
        return match[0] if joined is None else joined

    return _sub_within(spans, _BREAK, repair, text)


def _is_letter(character: str) -> bool:
    r"""What `[^\W\d_]` matches: alphanumeric, not a decimal digit (`_` is not alphanumeric)."""
    return character.isalnum() and not character.isdecimal()


def _split_spans(text: str) -> list[tuple[int, int]]:
    """The parts of `text` a split word can lie in: from the start of the letters before
    a hyphen that white space follows to the end of the letters after that space,
    overlapping parts (`a- b- c`) merged.

    Every match of _BROKEN_WORD and _BREAK starts at such letters' start and consumes or
    looks no further than the letters after the space, so matching only inside these
    parts gives what matching the whole text gives; the patterns, which try every
    position of a text, then run over a few words instead of a whole description.
    """
    spans: list[tuple[int, int]] = []
    for gap in _HYPHEN_GAP.finditer(text):
        start = gap.start()
        while start > 0 and _is_letter(text[start - 1]):
            start -= 1
        if start == gap.start():
            continue
        end = gap.end()
        while end < len(text) and text[end] in " \t\n":
            end += 1
        while end < len(text) and _is_letter(text[end]):
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _sub_within(
    spans: list[tuple[int, int]],
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], str],
    text: str,
) -> str:
    """`pattern.sub(replace, text)` where every match lies inside `spans`: the pattern is
    run over the spans only (a lookbehind still sees the text before a span)."""
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        for match in pattern.finditer(text, start, end):
            pieces.append(text[done : match.start()])
            pieces.append(replace(match))
            done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _in_link(text: str, start: int, end: int) -> bool:
    """Whether the split sits in a URL, a path or an address (`…/partnerstvi-pro- otevrene`)."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = (text.find(" ", end), text.find("\n", end), len(text))
    token_end = min(index for index in ends if index >= 0)
    return any(c in text[token_start:token_end] for c in "/\\@")


def _rejoin(
    head: str, hyphen: str, tail: str, rest: str, words: Callable[[], Counter[str]]
) -> str | None:
    """What `head- ` becomes before a lower-case `tail`: head alone (a break), head and
    hyphen (a compound), or None (a suspended hyphen: keep as written). `words()`
    counts the words of `rest`."""
    low_head, low_tail = head.lower(), tail.lower()
    if low_tail in _SUSPENDED:
        return None
    if hyphen == "\u00ad":
        return head
    compound = rf"(?<![^\W\d_]){re.escape(head)}-{re.escape(tail)}(?![^\W\d_])"
    if re.search(compound, rest, re.IGNORECASE):
        return head + hyphen
    if words()[low_head + low_tail]:
        return head
    if words()[low_tail] or low_head in COMPOUND_HEADS:
        return head + hyphen
    if len(head) >= 4 and words()[low_head]:
        return head + hyphen
    return head
