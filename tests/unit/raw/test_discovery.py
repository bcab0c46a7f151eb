"""discover / recognise / sidecars / duplicates, on real files written to tmp_path.

Files in a sources folder are recognised by their bytes, whatever their name or extension
(README, "Command line"); a `<file>.meta.json` sidecar is the file's provenance, never a
source itself; what cannot be read is kept as an `unrecognised` source with a reject.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.raw.discovery import Discovery, SourceFile, discover, recognise, source_id_of
from pipeline.raw.source_records import Reject
from pipeline.raw.tables import source_files_from_arrow, source_tables

PAGE_TEXT = """Skip Navigation
United Kingdom

Better use of data assets (UK0073)

Overview

At-a-Glance

Action Plan: United Kingdom – Third National Action Plan 2016-18

Action Plan Cycle: 2016

Status: Inactive

IRM Review

Starred: No

Description

Publish more data.
"""
PAGE_HTML = """<!DOCTYPE html>
<html lang="en">
<head><title>Better use of data assets | Open Government Partnership</title></head>
<body>
<h1>Better use of data assets (UK0073)</h1>
<p><strong>Status:</strong> Inactive</p>
</body>
</html>
"""
MEMBER_PAGE = """United Kingdom

Commitments

1. Better use of data assets
UK0073, 2016, Open Data
2. Starred commitment Open contracting
UK0074, 2016,
"""
MEMBER_PAGE_HTML = """<html><body><ol>
<li><p>Better use of data assets</p><p>UK0073, 2016, Open Data</p></li>
<li><p>Open contracting</p><p>UK0074, 2016, Open Contracting</p></li>
</ol></body></html>
"""
EXPORT_CSV = (
    "Commitment Unique Identifier,Country/Locality,Action Plan Number,Short Title\r\n"
    "UK0073,United Kingdom,3,Better use of data assets\r\n"
)
RANDOM_TEXT = "Shopping list\n- milk\n- bread, two loaves\n- 3 apples\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
EXPLORER_CSV = (
    "Country,Action Plan Number,Theme,Comm No,Commitment Title,Short Title,Full Text,"
    "Start Date,End Date,Lead Institution,Supporting Institution(s)\r\n"
    "United Kingdom,3,Open Data,7,Better use of data assets,Better use of data assets,,,,,\r\n"
)
# The first bytes of an XLSX workbook, cut short: a ZIP that cannot be read.
TRUNCATED_XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"
LATIN1_PAGE = "Descripción del compromiso (UK0073)\n".encode("latin-1")  # ó is byte 9

TEXT_PAGE_URL = "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0073/"


def workbook(*sheets: tuple[str, str]) -> bytes:
    """An XLSX file with one sheet per (title, CSV text), cells as text."""
    book = Workbook()
    book.remove(book.active)
    for title, text in sheets:
        sheet = book.create_sheet(title)
        for row in csv.reader(io.StringIO(text, newline="")):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


EXPORT_XLSX = workbook(("Export", EXPORT_CSV))
NOTES_THEN_EXPLORER_XLSX = workbook(("Notes", "About,this file\r\n"), ("Data", EXPLORER_CSV))
NOTES_XLSX = workbook(("Notes", "Country,Commitments\r\nChile,12\r\n"))
NOT_XLSX_ZIP = zip_of({"export.csv": EXPORT_CSV})


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def write_sidecar(path: Path, content: object) -> Path:
    sidecar = path.with_name(path.name + ".meta.json")
    text = content if isinstance(content, str) else json.dumps(content)
    return write(sidecar, text)


def only(discovery: Discovery) -> SourceFile:
    assert len(discovery.files) == 1, [f.path for f in discovery.files]
    return discovery.files[0]


def by_path(discovery: Discovery) -> dict[str, SourceFile]:
    return {f.path: f for f in discovery.files}


# --- recognised by content -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind", "file_format"),
    [
        ("UK0073.txt", PAGE_TEXT, "commitment_page", "text"),
        ("UK0073.html", PAGE_HTML, "commitment_page", "html"),
        ("data.csv", PAGE_TEXT, "commitment_page", "text"),
        ("page.txt", PAGE_HTML, "commitment_page", "html"),
        ("UK0073", PAGE_TEXT, "commitment_page", "text"),
        ("united-kingdom.txt", MEMBER_PAGE, "member_page", "text"),
        ("united-kingdom.pdf", MEMBER_PAGE_HTML, "member_page", "html"),
        ("export.csv", EXPORT_CSV, "ogp_export", "csv"),
        ("page.bin", EXPORT_CSV, "ogp_export", "csv"),
        ("export-bom.csv", codecs.BOM_UTF8 + EXPORT_CSV.encode(), "ogp_export", "csv"),
        ("page-bom.txt", codecs.BOM_UTF8 + PAGE_TEXT.encode(), "commitment_page", "text"),
        ("explorer.csv", EXPLORER_CSV, "ogp_explorer", "csv"),
        ("export.xlsx", EXPORT_XLSX, "ogp_export", "xlsx"),
        ("export.csv", EXPORT_XLSX, "ogp_export", "xlsx"),
        ("explorer.xlsx", NOTES_THEN_EXPLORER_XLSX, "ogp_explorer", "xlsx"),
    ],
)
def test_files_are_recognised_by_content_whatever_their_name(
    tmp_path: Path, name: str, content: str | bytes, kind: str, file_format: str
) -> None:
    write(tmp_path / name, content)
    source = only(discover([tmp_path]))
    assert (source.path, source.kind, source.format) == (name, kind, file_format)
    assert source.rejects == ()


def test_recognise_reads_an_export_header_with_quoted_names() -> None:
    header = b'"Commitment Unique Identifier","Country/Locality"\n"UK0073","United Kingdom"\n'
    assert recognise(header) == ("ogp_export", "csv", None)


def test_an_export_header_name_below_the_first_line_does_not_make_an_export() -> None:
    # The header must be the first line; a page quoting the column name is still a page.
    text = "Better use of data assets (UK0073)\nCommitment Unique Identifier, in the export\n"
    assert recognise(text.encode()) == ("commitment_page", "text", None)


@pytest.mark.parametrize(
    ("name", "content", "file_format", "reason_parts"),
    [
        ("export.xlsx", TRUNCATED_XLSX, "unknown", ["corrupt ZIP", "XLSX"]),
        ("export.csv", TRUNCATED_XLSX, "unknown", ["corrupt ZIP", "XLSX"]),
        ("export.zip", NOT_XLSX_ZIP, "unknown", ["a ZIP archive, not an XLSX workbook"]),
        ("notes.xlsx", NOTES_XLSX, "xlsx", ["XLSX workbook whose sheets have no OGP export"]),
        ("chart.png", PNG, "unknown", ["binary data", "offset 8"]),
        ("bom-latin1.txt", codecs.BOM_UTF8 + b"ab\xff", "unknown", ["not UTF-8", "offset 5"]),
        ("empty.txt", b"", "unknown", ["empty"]),
        ("blank.txt", " \n\t\r\n", "text", ["white space"]),
        ("notes.txt", RANDOM_TEXT, "text", ["not a commitment page", "Title (ID)"]),
        ("other.html", "<html><body><p>Nothing here</p></body></html>", "html", ["no 'Title"]),
    ],
)
def test_unreadable_files_are_kept_as_unrecognised_with_one_error_saying_why(
    tmp_path: Path, name: str, content: str | bytes, file_format: str, reason_parts: list[str]
) -> None:
    write(tmp_path / name, content)
    source = only(discover([tmp_path]))
    assert (source.kind, source.format) == ("unrecognised", file_format)
    assert len(source.rejects) == 1
    reject = source.rejects[0]
    assert (reject.location, reject.severity) == ("file", "error")
    for part in reason_parts:
        assert part in reject.reason


def test_a_latin1_page_is_recognised_and_read_as_latin1(tmp_path: Path) -> None:
    write(tmp_path / "UK0073.txt", LATIN1_PAGE)
    source = only(discover([tmp_path]))
    assert (source.kind, source.rejects) == ("commitment_page", ())


def test_recognise_gives_a_reason_only_for_unrecognised_files() -> None:
    recognised = (PAGE_TEXT, MEMBER_PAGE, EXPORT_CSV, EXPLORER_CSV, EXPORT_XLSX)
    for data in (d.encode() if isinstance(d, str) else d for d in recognised):
        kind, _, reason = recognise(data)
        assert kind != "unrecognised"
        assert reason is None
    kind, file_format, reason = recognise(RANDOM_TEXT.encode())
    assert (kind, file_format) == ("unrecognised", "text")
    assert reason


# --- what is walked -------------------------------------------------------------------


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pages" / "UK0073.txt", PAGE_TEXT)
    write(tmp_path / ".hidden.txt", PAGE_HTML)
    write(tmp_path / ".git" / "UK0074.txt", MEMBER_PAGE)
    write(tmp_path / "pages" / ".cache" / "deep" / "export.csv", EXPORT_CSV)
    write(tmp_path / "pages" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    discovery = discover([tmp_path])
    assert [f.path for f in discovery.files] == ["pages/UK0073.txt"]
    assert discovery.duplicates == []


def test_discovery_order_is_sorted_and_independent_of_creation_order(tmp_path: Path) -> None:
    names = ["b.txt", "a/z.txt", "a.txt", "B.txt", "a/b/c.txt", "c"]
    for folder, order in (("one", names), ("two", list(reversed(names)))):
        for name in order:
            # Distinct bytes per file, so no file is a duplicate of another.
            write(tmp_path / folder / name, f"{RANDOM_TEXT}{name}\n")
    first = [f.path for f in discover([tmp_path / "one"]).files]
    second = [f.path for f in discover([tmp_path / "two"]).files]
    assert first == second
    assert first == sorted(first, key=lambda path: path.split("/"))
    assert sorted(first) == sorted(names)
    assert [f.path for f in discover([tmp_path / "one"]).files] == first


def test_several_source_folders_prefix_paths_with_the_folder_name(tmp_path: Path) -> None:
    write(tmp_path / "ogp-pages" / "UK0073.txt", PAGE_TEXT)
    write(tmp_path / "ogp-export" / "sub" / "export.csv", EXPORT_CSV)
    discovery = discover([tmp_path / "ogp-pages", tmp_path / "ogp-export"])
    assert [(f.path, f.kind) for f in discovery.files] == [
        ("ogp-pages/UK0073.txt", "commitment_page"),
        ("ogp-export/sub/export.csv", "ogp_export"),
    ]
    # One folder alone: paths relative to it, no prefix.
    assert only(discover([tmp_path / "ogp-export"])).path == "sub/export.csv"


def test_a_source_folder_given_as_dot_is_prefixed_by_its_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pages" / "UK0073.txt", PAGE_TEXT)
    write(tmp_path / "export" / "export.csv", EXPORT_CSV)
    monkeypatch.chdir(tmp_path / "pages")
    discovery = discover([Path("."), Path("../export")])
    assert [f.path for f in discovery.files] == ["pages/UK0073.txt", "export/export.csv"]


# --- identity and duplicates ------------------------------------------------------------


def test_source_id_comes_from_the_path_and_survives_a_new_capture(tmp_path: Path) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    digest = hashlib.sha256(PAGE_TEXT.encode()).hexdigest()
    before = only(discover([tmp_path]))
    assert before.sha256 == digest
    path_digest = hashlib.sha256(b"UK0073.txt").hexdigest()
    assert before.source_id == path_digest[:16] == source_id_of("UK0073.txt")
    assert before.bytes == len(PAGE_TEXT.encode())
    assert before.location == page
    page.write_text(PAGE_TEXT + "\nA later capture.\n", encoding="utf-8")
    recaptured = only(discover([tmp_path]))
    assert recaptured.source_id == before.source_id
    assert recaptured.sha256 != digest
    page.rename(tmp_path / "renamed.html")
    assert only(discover([tmp_path])).source_id == source_id_of("renamed.html")


def test_files_with_identical_bytes_are_read_once_and_the_copies_listed(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PAGE_TEXT)
    write(tmp_path / "b" / "copy.txt", PAGE_TEXT)
    write(tmp_path / "c.html", PAGE_TEXT)
    write(tmp_path / "other.txt", PAGE_TEXT + "\n")
    discovery = discover([tmp_path])
    source_id = source_id_of("a.txt")  # the first copy's
    assert [f.path for f in discovery.files] == ["a.txt", "other.txt"]
    assert discovery.duplicates == [
        (source_id, "b/copy.txt", "a.txt"),
        (source_id, "c.html", "a.txt"),
    ]


def test_duplicates_across_source_folders_name_both_prefixed_paths(tmp_path: Path) -> None:
    write(tmp_path / "one" / "UK0073.txt", PAGE_TEXT)
    write(tmp_path / "two" / "UK0073.txt", PAGE_TEXT)
    discovery = discover([tmp_path / "one", tmp_path / "two"])
    assert [f.path for f in discovery.files] == ["one/UK0073.txt"]
    assert [(p, first) for _, p, first in discovery.duplicates] == [
        ("two/UK0073.txt", "one/UK0073.txt")
    ]


def test_source_tables_turn_each_copy_into_a_warning_reject(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", PAGE_TEXT)
    write(tmp_path / "b" / "copy.txt", PAGE_TEXT)
    write(tmp_path / "c.txt", PAGE_TEXT)
    tables = source_tables(discover([tmp_path]))
    assert tables["source_files"].num_rows == 1
    source_id = source_id_of("a.txt")
    rejects = tables["rejects"].to_pylist()
    assert [(r["location"], r["severity"]) for r in rejects] == [
        ("copy at b/copy.txt", "warning"),
        ("copy at c.txt", "warning"),
    ]
    for reject in rejects:
        assert reject["source_id"] == source_id
        assert reject["path"] == "a.txt"
        assert "same bytes as a.txt" in reject["reason"]
        assert reject["commitment_id"] is None
    assert rejects[0]["reason"].startswith("b/copy.txt ")


# --- sidecars ---------------------------------------------------------------------------


def test_a_sidecar_gives_the_files_provenance_and_is_never_a_source(tmp_path: Path) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write_sidecar(
        page,
        {
            "url": TEXT_PAGE_URL,
            "retrieved_at": "2026-11-01T10:30:00Z",
            "license": "CC-BY-4.0",
            "publisher": " Open Government Partnership ",
            "title": "Commitment page UK0073 (UK0073)",
            "notes": "Text rendition of the page.",
            "checksum": "not provenance: ignored",
        },
    )
    source = only(discover([tmp_path]))
    assert source.path == "UK0073.txt"
    assert source.kind == "commitment_page"
    assert source.rejects == ()
    assert source.provenance == {
        "url": TEXT_PAGE_URL,
        "retrieved_at": "2026-11-01T10:30:00Z",
        "license": "CC-BY-4.0",
        "publisher": "Open Government Partnership",
        "title": "Commitment page UK0073 (UK0073)",
        "notes": "Text rendition of the page.",
    }


def test_a_file_without_sidecar_has_no_provenance(tmp_path: Path) -> None:
    write(tmp_path / "UK0073.txt", PAGE_TEXT)
    assert only(discover([tmp_path])).provenance == {}


def test_empty_and_null_sidecar_values_are_left_out(tmp_path: Path) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write_sidecar(page, {"url": "", "retrieved_at": None, "license": "CC-BY-4.0"})
    source = only(discover([tmp_path]))
    assert source.provenance == {"license": "CC-BY-4.0"}
    assert source.rejects == ()


@pytest.mark.parametrize(
    ("retrieved_at", "utc"),
    [
        ("2026-11-01T10:30:00Z", "2026-11-01T10:30:00Z"),
        ("2026-11-01T10:30:00+00:00", "2026-11-01T10:30:00Z"),
        ("2026-11-01T10:30:00", "2026-11-01T10:30:00Z"),  # naive: UTC, not local time
        ("2026-11-01 10:30", "2026-11-01T10:30:00Z"),
        ("2026-11-01T10:30:00.987654", "2026-11-01T10:30:00Z"),
        ("2026-11-01T12:30:00+02:00", "2026-11-01T10:30:00Z"),
        ("2026-11-01T05:30:00-05:00", "2026-11-01T10:30:00Z"),
        ("2026-11-01T01:00:00+02:00", "2026-10-31T23:00:00Z"),
        ("2026-11-01", "2026-11-01T00:00:00Z"),
    ],
)
def test_retrieved_at_is_normalised_to_utc(tmp_path: Path, retrieved_at: str, utc: str) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write_sidecar(page, {"retrieved_at": retrieved_at})
    source = only(discover([tmp_path]))
    assert source.provenance == {"retrieved_at": utc}
    assert source.rejects == ()


def test_retrieved_at_does_not_depend_on_the_machines_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write_sidecar(page, {"retrieved_at": "2026-11-01T10:30:00"})
    try:
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        assert only(discover([tmp_path])).provenance["retrieved_at"] == "2026-11-01T10:30:00Z"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("content", "reason_part"),
    [
        ("{url: 'https://example.org'", "not valid JSON"),
        ("", "not valid JSON"),
        ('["https://example.org"]', "not a JSON object"),
        ('"https://example.org"', "not a JSON object"),
        ("null", "not a JSON object"),
        (b'{"title": "caf\xe9"}', "not UTF-8"),
    ],
)
def test_a_broken_sidecar_is_a_warning_and_the_file_is_still_read(
    tmp_path: Path, content: str | bytes, reason_part: str
) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write(tmp_path / "UK0073.txt.meta.json", content)
    source = only(discover([tmp_path]))
    assert (source.path, source.kind, source.format) == ("UK0073.txt", "commitment_page", "text")
    assert source.provenance == {}
    assert len(source.rejects) == 1
    reject = source.rejects[0]
    assert (reject.location, reject.severity) == ("sidecar", "warning")
    assert "UK0073.txt.meta.json" in reject.reason
    assert reason_part in reject.reason
    assert page.exists()


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01T00:00:00Z", "01/11/2026", True])
def test_a_bad_retrieved_at_is_dropped_with_a_warning_the_rest_is_kept(
    tmp_path: Path, bad: object
) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    write_sidecar(page, {"url": TEXT_PAGE_URL, "retrieved_at": bad, "license": "CC-BY-4.0"})
    source = only(discover([tmp_path]))
    assert source.kind == "commitment_page"
    assert source.provenance == {"url": TEXT_PAGE_URL, "license": "CC-BY-4.0"}
    assert len(source.rejects) == 1
    reject = source.rejects[0]
    assert (reject.location, reject.severity) == ("sidecar", "warning")
    assert "retrieved_at" in reject.reason
    assert str(bad) in reject.reason


def test_a_sidecar_that_cannot_be_read_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path / "UK0073.txt", PAGE_TEXT)
    (tmp_path / "UK0073.txt.meta.json").mkdir()  # a folder where the sidecar should be
    source = only(discover([tmp_path]))
    assert source.kind == "commitment_page"
    assert [(r.location, r.severity) for r in source.rejects] == [("sidecar", "warning")]
    assert "is not a regular file" in source.rejects[0].reason


def test_an_unrecognised_file_keeps_its_sidecar_and_both_rejects(tmp_path: Path) -> None:
    chart = write(tmp_path / "chart.png", PNG)
    write_sidecar(chart, "not json")
    source = only(discover([tmp_path]))
    assert source.kind == "unrecognised"
    assert [(r.location, r.severity) for r in source.rejects] == [
        ("sidecar", "warning"),
        ("file", "error"),
    ]


def test_a_sidecar_of_a_sidecar_and_a_sidecar_of_a_hidden_file_are_not_sources(
    tmp_path: Path,
) -> None:
    page = write(tmp_path / "UK0073.txt", PAGE_TEXT)
    sidecar = write_sidecar(page, {"url": TEXT_PAGE_URL})
    write_sidecar(sidecar, {"url": "https://example.org/about-the-sidecar"})
    write(tmp_path / ".draft.txt", PAGE_TEXT + "draft")
    write_sidecar(tmp_path / ".draft.txt", {"url": TEXT_PAGE_URL})
    source = only(discover([tmp_path]))
    assert (source.path, source.provenance) == ("UK0073.txt", {"url": TEXT_PAGE_URL})


def test_a_file_named_like_a_sidecar_with_nothing_beside_it_is_not_lost(tmp_path: Path) -> None:
    # Nothing is lost: a `.meta.json` name alone does not make a file a sidecar.
    write(tmp_path / "UK0073.txt.meta.json", PAGE_TEXT)
    write(tmp_path / "gone.txt.meta.json", json.dumps({"url": TEXT_PAGE_URL}))
    files = by_path(discover([tmp_path]))
    assert sorted(files) == ["UK0073.txt.meta.json", "gone.txt.meta.json"]
    assert files["UK0073.txt.meta.json"].kind == "commitment_page"
    orphan = files["gone.txt.meta.json"]
    assert orphan.kind == "unrecognised"
    assert [(r.location, r.severity) for r in orphan.rejects] == [("file", "error")]
    assert "sidecar of gone.txt, which is not there" in orphan.rejects[0].reason


# --- raw.source_files ---------------------------------------------------------------------


def test_source_files_round_trip_through_arrow(tmp_path: Path) -> None:
    page = write(tmp_path / "pages" / "UK0073.txt", PAGE_TEXT)
    write_sidecar(
        page,
        {
            "url": TEXT_PAGE_URL,
            "retrieved_at": "2026-11-01T12:30:00+02:00",
            "license": "CC-BY-4.0",
            "publisher": "Open Government Partnership",
            "title": "Commitment page UK0073",
            "notes": "older layout",
        },
    )
    export = write(tmp_path / "export" / "export.csv", EXPORT_CSV)
    write_sidecar(export, {"url": "https://www.opengovpartnership.org/", "retrieved_at": "x"})
    write(tmp_path / "members.html", MEMBER_PAGE_HTML)
    write(tmp_path / "chart.png", PNG)
    discovery = discover([tmp_path])
    assert len(discovery.files) == 4
    tables = source_tables(discovery)
    back = source_files_from_arrow(tables["source_files"])
    # Rejects travel in their own table, not in raw.source_files.
    assert back == [dataclasses.replace(f, rejects=()) for f in discovery.files]
    assert {f.path: f.provenance for f in back}["pages/UK0073.txt"]["retrieved_at"] == (
        "2026-11-01T10:30:00Z"
    )
    rejects = tables["rejects"].to_pylist()
    assert sorted((r["path"], r["location"], r["severity"]) for r in rejects) == [
        ("chart.png", "file", "error"),
        ("export/export.csv", "sidecar", "warning"),
    ]
    by_id = {f.source_id: f for f in discovery.files}
    for row in rejects:
        source = by_id[row["source_id"]]
        assert row["path"] == source.path
        assert Reject(row["location"], row["severity"], row["reason"]) in source.rejects


def test_source_files_rows_hold_every_provenance_column_even_when_empty(tmp_path: Path) -> None:
    write(tmp_path / "UK0073.txt", PAGE_TEXT)
    table = source_tables(discover([tmp_path]))["source_files"]
    (row,) = table.to_pylist()
    assert row["kind"] == "commitment_page"
    assert row["bytes"] == len(PAGE_TEXT.encode())
    for key in ("url", "retrieved_at", "publisher", "license", "title", "notes"):
        assert row[key] is None
    assert source_files_from_arrow(table)[0].provenance == {}


def test_an_empty_folder_discovers_nothing(tmp_path: Path) -> None:
    discovery = discover([tmp_path])
    assert (discovery.files, discovery.duplicates) == ([], [])
    tables = source_tables(discovery)
    assert tables["source_files"].num_rows == 0
    assert tables["rejects"].num_rows == 0
    assert source_files_from_arrow(tables["source_files"]) == []
