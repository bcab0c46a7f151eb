"""The "Downloads" section: every file of the release, grouped, with size and sha256.

Not here: finding and hashing the files (files.py).
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath
from typing import Any

from pipeline.release.landing.descriptor import resources
from pipeline.release.landing.facts import ReleaseFacts
from pipeline.release.landing.files import ReleaseFile
from pipeline.release.landing.html_parts import count, href, human_size, text
from pipeline.release.layout import CHANGELOG, CHANGES, CHECKSUMS, DESCRIPTOR, QUALITY, README

#: What each documentation file holds (the tables say it with their titles).
DOC_FILES = {
    DESCRIPTOR: "Frictionless Data Package descriptor: schemas, codes, licence, sources, "
    "sizes and hashes of the CSV files",
    README: "Data dictionary: every table and field, codes and labels, keys, "
    "provenance, how to load the data",
    CHANGELOG: "Summary of the changes since the previous release",
    CHANGES: "Record-level changes since the previous release (table, key, field, "
    "old and new value)",
    QUALITY: "Quality report: completeness, rejects and conflicts",
}
#: (ReleaseFile.group, heading) in page order.
GROUPS = (
    ("package", "Data package"),
    ("csv", "CSV tables"),
    ("parquet", "Parquet tables"),
    ("docs", "Documentation and reports"),
)


def downloads_section(
    descriptor: dict[str, Any], facts: ReleaseFacts, files: tuple[ReleaseFile, ...]
) -> str:
    """Every file, grouped, with its size and sha256; SHA256SUMS as a plain link.

    A list rather than a table: a 64-digit hash in a table column is unreadable on a
    phone, while a list item wraps it under the file's name.
    """
    titles = {r["name"]: str(r.get("title") or "") for r in resources(descriptor)}
    parts = ['<section id="downloads">\n<h2>Downloads</h2>\n']
    for group, heading in GROUPS:
        items = [_file_item(f, titles, facts.rows) for f in files if f.group == group]
        if group == "package":
            items.append(
                f'<li><a class="file" href="{CHECKSUMS}">{CHECKSUMS}</a> '
                "<span>Checksums of every file: <code>sha256sum -c SHA256SUMS</code></span></li>"
            )
        if items:
            parts.append(f'<h3>{heading}</h3>\n<ul class="files">\n{"".join(items)}</ul>\n')
    parts.append("</section>\n")
    return "".join(parts)


def _file_item(file: ReleaseFile, titles: dict[str, str], rows: dict[str, int]) -> str:
    """One download: link, what it holds, size (readable and exact) and sha256."""
    stem = PurePosixPath(file.path).stem
    if file.group in ("csv", "parquet") and stem in titles:
        what = f"{text(titles[stem] or stem)}, {count(rows.get(stem, 0))} rows"
    else:
        what = escape(DOC_FILES.get(file.path, ""))
    return (
        f'<li><a class="file" href="{href(file.path)}">{escape(file.path)}</a> '
        f"<span>{what}</span><br>\n"
        f'<span class="meta"><span class="size">{human_size(file.size)} '
        f"({count(file.size)} bytes)</span> · sha256 "
        f'<code class="hash">{file.sha256}</code></span></li>\n'
    )
