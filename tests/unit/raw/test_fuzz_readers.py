"""Property-based fuzzing of every reader, from discovery on: whatever a sources folder
holds, no exception escapes and every file ends as records or rejects.

Inputs are real sources mutated by hypothesis (the sample page as text and as HTML, the
sample export as CSV and as XLSX): bytes flipped, inserted and deleted, slices dropped
or doubled, lines shuffled, files cut short. Each example is a one-file sources folder
read as the pipeline reads it: discover() recognises and checksums the file, then the
page or export extractor reads it.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pipeline.raw.discovery import discover
from pipeline.raw.extract_export import extract_exports
from pipeline.raw.extract_pages import extract_pages
from pipeline.raw.tables import source_tables
from tests.fixtures.samples import SAMPLE_EXPORT, SAMPLE_PAGE

PAGE_TEXT = SAMPLE_PAGE.read_text(encoding="utf-8")
PAGE_HTML = (
    "<!DOCTYPE html><html lang='en'><head><title>OGP</title>"
    "<link rel='canonical' href='https://www.opengovpartnership.org/members/"
    "united-kingdom/commitments/UK0073/'></head><body><main>"
    + "".join(f"<p>{line}</p>" for line in PAGE_TEXT.splitlines())
    + "</main></body></html>"
)
EXPORT_LINES = SAMPLE_EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
EXPORT_CSV = "".join(EXPORT_LINES[:25])  # the header and the first rows: enough to mutate


def _xlsx(text: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(text)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_XLSX = _xlsx(EXPORT_CSV)
ORIGINALS = {
    "page.txt": PAGE_TEXT.encode("utf-8"),
    "page.html": PAGE_HTML.encode("utf-8"),
    "export.csv": EXPORT_CSV.encode("utf-8"),
    "export.xlsx": EXPORT_XLSX,
}
FUZZ = settings(
    max_examples=200,
    database=None,  # nothing written into the project
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: a failure is reproducible
)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` with a few random edits."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["flip", "insert", "delete", "double", "cut", "lines"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        span = draw(st.integers(1, 400))
        if edit == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif edit == "delete":
            del data[at : at + span]
        elif edit == "double":
            data[at:at] = data[at : at + span]
        elif edit == "cut":
            del data[at:]
        elif edit == "lines":
            lines = bytes(data).split(b"\n")
            draw(st.randoms(use_true_random=False)).shuffle(lines)
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def read_folder(name: str, data: bytes) -> tuple[int, int]:
    """(records, rejects) a one-file sources folder yields, read as the pipeline reads it."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        discovery = discover([Path(folder)])
        found: dict[str, pa.Table] = dict(source_tables(discovery))
        rejects = found["rejects"].num_rows
        pages = [f for f in discovery.files if f.kind in ("commitment_page", "member_page")]
        exports = [f for f in discovery.files if f.kind in ("ogp_export", "ogp_explorer")]
        read = [extract_pages(pages), extract_exports(exports)]  # both have `rejects`
    records = sum(
        tables[t].num_rows
        for tables in read
        for t in ("page_commitments", "member_list_entries", "export_rows")
        if t in tables
    )
    rejects += sum(tables["rejects"].num_rows for tables in read)
    return records, rejects


def test_the_unmutated_sources_give_records() -> None:
    for name, data in ORIGINALS.items():
        records, _ = read_folder(name, data)
        assert records > 0, name


@FUZZ
@given(st.data())
def test_a_mutated_page_ends_as_records_or_rejects(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["page.txt", "page.html"]))
    records, rejects = read_folder(name, data.draw(mutated(ORIGINALS[name])))
    assert records + rejects > 0


@FUZZ
@given(st.data())
def test_a_mutated_export_ends_as_records_or_rejects(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["export.csv", "export.xlsx"]))
    records, rejects = read_folder(name, data.draw(mutated(ORIGINALS[name])))
    assert records + rejects > 0


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html", "a.csv", "a.xlsx", "a"]))
def test_arbitrary_bytes_end_as_records_or_rejects(data: bytes, name: str) -> None:
    records, rejects = read_folder(name, data)
    assert records + rejects > 0
