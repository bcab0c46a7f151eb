"""Which encoding a text source is in, and its text: the few that hand-made files use.

OGP's own files are UTF-8, but sources saved by hand come in other encodings: UTF-8
with a byte-order mark (Excel's "CSV UTF-8"), UTF-16 with a byte-order mark (Excel's
"Unicode text"), and Windows-1252 or Latin-1 (older Excel and Word on Windows). In that
order: a byte-order mark decides; else UTF-8 if the bytes are valid UTF-8 (text in any
other encoding almost never is); else Windows-1252 when a byte 0x80-0x9F appears that it
defines (Latin-1 has only control codes there), else Latin-1. A file whose bytes mostly read
as UTF-8 but for a few is damaged UTF-8, and refused: read as Windows-1252 it would be
garbled throughout. Bytes that are not text
(a NUL, or more than 1 in 200 other control codes) are refused, as is a file whose
byte-order mark its bytes contradict. Not here: what the text says (the readers).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: Control codes a text file does not hold (tab, LF, FF and CR are fine).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
_MAX_CONTROL_SHARE = 1 / 200
#: Names as the rejects and README give them.
UTF8, UTF8_BOM, UTF16, CP1252, LATIN1 = (
    "UTF-8",
    "UTF-8 with BOM",
    "UTF-16",
    "Windows-1252",
    "Latin-1",
)


@dataclass(frozen=True)
class Decoded:
    """A source's text and the encoding it was read in."""

    text: str
    encoding: str

    @property
    def note(self) -> str | None:
        """A warning for the rejects when the file was not plain UTF-8, else None."""
        if self.encoding in (UTF8, UTF8_BOM):
            return None
        return f"not UTF-8: read as {self.encoding} text"


class NotText(ValueError):
    """The bytes are not text in any encoding the sources use; the message says why."""


def decode_text(data: bytes) -> Decoded:
    """The text of a source file's bytes; NotText saying why it has none."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data, len(codecs.BOM_UTF8), "utf-8", UTF8), UTF8_BOM)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, 0, "utf-16", UTF16), UTF16)
    try:
        return Decoded(data.decode("utf-8"), UTF8)
    except UnicodeDecodeError as error:
        first_bad = error.start
    if _mostly_utf8(data):  # a damaged UTF-8 file: read as another encoding, garbled
        raise NotText(
            f"invalid UTF-8 (byte 0x{data[first_bad]:02X} at byte offset {first_bad}) in a "
            "file that is otherwise UTF-8"
        )
    _refuse_binary(data)
    if any(0x80 <= b <= 0x9F for b in data):
        undefined = next((i for i, b in enumerate(data) if b in _CP1252_UNDEFINED), None)
        if undefined is not None:
            raise NotText(
                f"neither UTF-8 (invalid byte at offset {first_bad}) nor Windows-1252 text "
                f"(byte 0x{data[undefined]:02X} at offset {undefined})"
            )
        return Decoded(data.decode("cp1252"), CP1252)
    return Decoded(data.decode("latin-1"), LATIN1)


_UTF8_SEQUENCE = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}"
)


def _mostly_utf8(data: bytes) -> bool:
    """Whether the bytes above 0x7F mostly form valid UTF-8 sequences (text in another
    encoding forms almost none: `Côte` in Latin-1 is 0xF4 then `t`)."""
    high = sum(1 for b in data if b > 0x7F)
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return in_sequences > 0 and in_sequences * 2 >= high


def _strict(data: bytes, skip: int, codec: str, name: str) -> str:
    """`data` after its first `skip` bytes decoded, or NotText when the byte-order mark
    promised an encoding the bytes are not in (the offset counted in the file's bytes)."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        raise NotText(
            f"not {name} text, though it starts with a {name} byte-order mark "
            f"(invalid byte at offset {skip + error.start})"
        ) from error


def _refuse_binary(data: bytes) -> None:
    """NotText when the bytes hold a NUL or too many other control codes."""
    nul = data.find(b"\x00")
    if nul != -1:
        raise NotText(f"binary data, not text (a NUL byte at offset {nul})")
    controls = sum(1 for b in data if b in _CONTROL)
    if controls > len(data) * _MAX_CONTROL_SHARE:
        raise NotText(f"binary data, not text ({controls} control bytes in {len(data)})")
