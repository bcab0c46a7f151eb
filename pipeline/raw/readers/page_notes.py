"""Inline footnotes of a commitment page: `[Note N: text, URL ]` anywhere in the text."""

from __future__ import annotations

import re

from pipeline.raw.source_records import Note
from pipeline.textutil import squash

_NOTE = re.compile(r"\[\s*Note\s+(?P<number>\d+)\s*:\s*(?P<body>.*?)\s*\]", re.S | re.I)
_URL = re.compile(r"https?://\S+")


def _clean_url(url: str) -> str:
    """A URL without the punctuation of the sentence around it (a `)` it opened stays)."""
    url = url.rstrip(".,;:'\"’”")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:'\"’”")
    return url


def read_notes(text: str) -> list[Note]:
    """Inline footnotes `[Note N: text, URL ]`, first occurrence of each number.

    The URL is the last one in the note; when the note ends with it, it is taken out of
    the text (an earlier URL, as in a note citing two sources, stays in the text).
    """
    notes: dict[int, Note] = {}
    for match in _NOTE.finditer(text):
        number = int(match.group("number"))
        if number in notes or number < 1:
            continue
        body = squash(match.group("body"))
        found = list(_URL.finditer(body))
        url = _clean_url(found[-1].group()) if found else None
        if found and not body[found[-1].end() :].strip(" .,;)"):
            body = body[: found[-1].start()].rstrip(" ,;")
        notes[number] = Note(number=number, text=body or (url or ""), url=url)
    return [notes[n] for n in sorted(notes)]
