"""Reading a CSV the way frictionless 5.21 does, in Python, for files DuckDB reads otherwise.

Frictionless decodes the declared encoding (UTF-8 with a byte-order mark becomes
`utf-8-sig`), sniffs the first 100 lines with `csv.Sniffer` for what the dialect
leaves open (here only `skipinitialspace`), then reads records with Python's `csv`
module, which accepts CR line ends, blank lines and stray quotes that DuckDB's strict
reader refuses or skips. reading.py uses DuckDB when its reading provably agrees and
this module otherwise, so row numbers and cells are frictionless' own.
Not here: what the cells mean (types.py, compile.py).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO

#: Lines frictionless hands to csv.Sniffer.
SAMPLE_LINES = 100
#: csv's field size limit as frictionless sets it (process-wide, like frictionless).
FIELD_SIZE_LIMIT = 2147483646


@dataclass(frozen=True)
class CsvReading:
    """How frictionless will read one file: text encoding and the sniffed space rule."""

    encoding: str
    delimiter: str
    quote: str
    skip_initial_space: bool


def text_encoding(path: Path, declared: str) -> str:
    """The codec frictionless decodes with: the declared one, BOM-aware for UTF-8."""
    name = codecs.lookup(declared).name
    if name == "utf-8":
        with path.open("rb") as handle:
            if handle.read(3) == codecs.BOM_UTF8:
                return "utf-8-sig"
    return name


def _sample(handle: IO[str]) -> list[str]:
    """The first lines of a text stream, as frictionless samples them."""
    sample: list[str] = []
    for line in handle:
        sample.append(line)
        if len(sample) >= SAMPLE_LINES:
            break
    return sample


def _sniffed_space(sample: list[str], delimiter: str) -> bool:
    """csv.Sniffer's `skipinitialspace` for the sample (False when it cannot tell)."""
    try:
        return bool(csv.Sniffer().sniff("".join(sample), delimiter).skipinitialspace)
    except csv.Error:
        return False


def csv_reading(path: Path, declared: str, delimiter: str, quote: str) -> CsvReading:
    """Encoding and sniffed dialect for a file; UnicodeDecodeError if the sample is not text."""
    encoding = text_encoding(path, declared)
    with path.open(encoding=encoding, newline="") as handle:
        space = _sniffed_space(_sample(handle), delimiter)
    return CsvReading(encoding, delimiter, quote, space)


def records(path: Path, reading: CsvReading) -> Iterator[list[str]]:
    """Every record of the file, the header first (UnicodeDecodeError/csv.Error propagate)."""
    csv.field_size_limit(FIELD_SIZE_LIMIT)
    with path.open(encoding=reading.encoding, newline="") as handle:
        sample = _sample(handle)
        yield from csv.reader(
            chain(sample, handle),
            delimiter=reading.delimiter,
            quotechar=reading.quote or None,
            doublequote=True,
            skipinitialspace=reading.skip_initial_space,
            quoting=csv.QUOTE_MINIMAL if reading.quote else csv.QUOTE_NONE,
        )
