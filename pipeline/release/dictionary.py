"""Render a release's README.md (the data dictionary) from its descriptor.

Everything in the README comes from the release's `datapackage.json` and the row
counts: nothing is typed twice, and nothing depends on the clock, so the same
descriptor always renders the same bytes. Not here: writing files, validation.
"""

from __future__ import annotations

from typing import Any

from pipeline.release.layout import CHANGELOG, CHANGES, CHECKSUMS, LANDING_PAGE, QUALITY
from pipeline.release.markdown import code_span, one_line, plain

_NO_VALUE = ""


def render_data_dictionary(descriptor: dict[str, Any], row_counts: dict[str, int]) -> str:
    """Markdown README for a release: about, contents, tables, sources, how to load."""
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    parts = [
        _header(descriptor),
        _contents(resources),
        *(_table_section(r, row_counts.get(r["name"])) for r in resources),
        _sources_section(descriptor.get("sources") or []),
        _files_section(),
        _loading_section(resources),
    ]
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks)."""
    if text is None:
        return _NO_VALUE
    return one_line(text).replace("|", "\\|")


def _anchor(name: str) -> str:
    """GitHub-style anchor of a `## name` heading (table names are snake_case)."""
    return name.lower().replace(" ", "-")


def _header(descriptor: dict[str, Any]) -> str:
    """Title, version, dates, description, licence and how to cite."""
    title = descriptor.get("title") or descriptor.get("name", "Data package")
    lines = [f"# {title}", ""]
    facts = [
        ("Version", descriptor.get("version")),
        ("Created", descriptor.get("created")),
        ("Package name", descriptor.get("name")),
        ("Homepage", descriptor.get("homepage")),
    ]
    lines += [f"- **{label}:** {value}" for label, value in facts if value]
    lines += ["", str(descriptor.get("description", "")).strip(), ""]
    lines += ["## Licence", ""]
    licences = descriptor.get("licenses") or []
    for licence in licences:
        name = licence.get("title") or licence.get("name", "")
        path = licence.get("path")
        lines.append(f"- {name} ({licence.get('name')}): {path}" if path else f"- {name}")
    if not licences:
        lines.append("No licence is declared in the descriptor.")
    lines += ["", "## How to cite", "", f"> {citation(descriptor)}", ""]
    return "\n".join(lines)


def citation(descriptor: dict[str, Any]) -> str:
    """One citation line built from the descriptor's own facts (README and landing page).

    Shared so the two places a reader copies a citation from always agree.
    """
    title = descriptor.get("title") or descriptor.get("name", "Data package")
    parts = [f"{title}"]
    if descriptor.get("version"):
        parts.append(f"version {descriptor['version']}")
    if descriptor.get("created"):
        parts.append(f"released {str(descriptor['created'])[:10]}")
    if descriptor.get("homepage"):
        parts.append(str(descriptor["homepage"]))
    text = ", ".join(parts) + "."
    licences = [x for x in descriptor.get("licenses") or [] if isinstance(x, dict)]
    if licences:
        text += f" Licensed under {licences[0].get('name')}; please credit the source."
    return text


def _contents(resources: list[dict[str, Any]]) -> str:
    """Table of contents: one link per table, then the closing sections."""
    lines = ["## Contents", ""]
    for resource in resources:
        title = resource.get("title") or resource["name"]
        lines.append(f"- [{resource['name']}](#{_anchor(resource['name'])}): {title}")
    lines += [
        "- [Provenance](#provenance)",
        "- [Other files of this release](#other-files-of-this-release)",
        "- [How to load the data](#how-to-load-the-data)",
        "",
    ]
    return "\n".join(lines)


def _key_list(fields: object) -> str:
    """`a`, `b` for a key given as a list or a single name."""
    names = [fields] if isinstance(fields, str) else list(fields or [])
    return ", ".join(f"`{name}`" for name in names)


def _table_section(resource: dict[str, Any], rows: int | None) -> str:
    """One table: description, size, keys and field table."""
    name = resource["name"]
    schema = resource.get("schema", {})
    lines = [f"## {name}", ""]
    if resource.get("title"):
        lines += [f"**{resource['title']}.** {resource.get('description', '')}".rstrip(), ""]
    elif resource.get("description"):
        lines += [resource["description"], ""]
    lines.append(f"- **Rows:** {rows if rows is not None else 'unknown'}")
    csv_path = resource.get("path") or f"csv/{name}.csv"
    lines.append(f"- **Files:** `{csv_path}`, `parquet/{name}.parquet`")
    lines.append(f"- **Primary key:** {_key_list(schema.get('primaryKey')) or 'none'}")
    for fk in schema.get("foreignKeys", []):
        reference = fk.get("reference", {})
        target = f"`{reference.get('resource')}` ({_key_list(reference.get('fields'))})"
        lines.append(f"- **Foreign key:** {_key_list(fk.get('fields'))} → {target}")
    lines += ["", "| field | type | required | description | allowed codes |"]
    lines.append("|---|---|---|---|---|")
    lines += [_field_row(f) for f in schema.get("fields", [])]
    lines.append("")
    return "\n".join(lines)


def _field_row(field: dict[str, Any]) -> str:
    """A Markdown row for one field, with constraints folded into the description."""
    constraints = field.get("constraints", {})
    required = "yes" if constraints.get("required") else "no"
    notes = [_cell(field.get("description"))]
    if "pattern" in constraints:
        notes.append(f"Pattern: `{_cell(constraints['pattern'])}`.")
    bounds = [f"{label} {constraints[key]}" for key, label in _BOUNDS if key in constraints]
    if bounds:
        notes.append("Range: " + ", ".join(bounds) + ".")
    return (
        f"| `{field['name']}` | {field.get('type', 'any')} | {required} | "
        f"{' '.join(n for n in notes if n)} | {_codes(field)} |"
    )


_BOUNDS = (("minimum", "minimum"), ("maximum", "maximum"))


def _codes(field: dict[str, Any]) -> str:
    """Allowed codes with their labels from `categories` (frictionless does not check these)."""
    codes = field.get("constraints", {}).get("enum")
    if not codes:
        return _NO_VALUE
    labels = {
        c.get("value"): c.get("label") for c in field.get("categories", []) if isinstance(c, dict)
    }
    rendered = []
    for code in codes:
        label = labels.get(code)
        rendered.append(f"`{_cell(code)}` ({_cell(label)})" if label else f"`{_cell(code)}`")
    return "<br>".join(rendered)


def _sources_section(sources: list[dict[str, Any]]) -> str:
    """The raw files the release was built from, with their provenance."""
    lines = ["## Provenance", ""]
    if not sources:
        lines += ["The descriptor lists no sources.", ""]
        return "\n".join(lines)
    lines.append("The release was built from these files (see also the `sources` table):")
    lines.append("")
    for source in sources:
        name = source.get("title") or source.get("path") or "(unnamed source)"
        lines.append(f"- **{plain(name)}**")  # source text: shown as written, never markup
        for key in ("path", "url", "sha256", "bytes", "retrieved_at", "publisher", "license"):
            if source.get(key) not in (None, "") and not (key == "path" and name == source[key]):
                lines.append(f"  - {key}: {code_span(source[key])}")
    lines.append("")
    return "\n".join(lines)


RELEASE_FILES = (
    (
        LANDING_PAGE,
        "landing page: one self-contained file to open from disk (contents, downloads "
        "with sizes and sha256, counts per member and per plan year, charts, quality, "
        "changes)",
    ),
    (
        CHANGELOG,
        "what changed since the previous release: counts per table, notable changes, "
        "schema changes (breaking ones first)",
    ),
    (
        CHANGES,
        "every record-level change since the previous release: `table`, `key` (the "
        "primary-key values joined by ` | `), `change` (`added`, `removed`, `changed`), "
        "`field`, `old_value`, `new_value`",
    ),
    (
        QUALITY,
        "completeness per table, field and member; rejects by reason kind; conflicts by "
        "field; raw records in = published + rejected, for the run and per source file; "
        "the columns each export file holds of its format (`columns`: found, missing, "
        "unknown); the change against the previous release",
    ),
    (
        CHECKSUMS,
        "the sha256 of every other file: check a download with `sha256sum -c SHA256SUMS`",
    ),
)


def _files_section() -> str:
    """What the release's other files hold, and how to check them."""
    lines = ["## Other files of this release", "", "| file | what it holds |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(text)} |" for name, text in RELEASE_FILES]
    lines += [
        "",
        "The releases folder beside this one holds `index.json`, listing every release with "
        "its date, row counts and the sha256 of each file.",
        "",
    ]
    return "\n".join(lines)


def _loading_section(resources: list[dict[str, Any]]) -> str:
    """Short pandas, DuckDB and R snippets using the release's real paths."""
    name = next((r["name"] for r in resources if r.get("name") == "commitments"), None)
    name = name or (resources[0]["name"] if resources else "table")
    return f"""## How to load the data

Every table is in `csv/<table>.csv` (UTF-8, comma-separated, header row, sorted by
primary key; empty cell = no value) and in `parquet/<table>.parquet` (same rows, native
types: dates as dates, booleans as booleans, codes as dictionary-encoded strings).
`SHA256SUMS` lets you check the files: `sha256sum -c SHA256SUMS`.

**Safe to open in a spreadsheet.** In the CSV files only, a text cell whose first
character is `=`, `+`, `-`, `@`, a tab, a carriage return or `'` has one `'` put in
front, so a spreadsheet shows it as text and never runs it as a formula (the rule is
`csvSafeCells` in `datapackage.json`). To get the exact value back from a CSV file, drop
the first character of a text cell that starts with `'`; the Parquet files hold the
values unchanged.

pandas:

```python
import pandas as pd

{name} = pd.read_parquet("parquet/{name}.parquet")
# or, from CSV, keeping codes as text:
{name} = pd.read_csv("csv/{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
{name} = {name}.apply(lambda c: c.str.replace(r"^'", "", regex=True))  # safe cells back
```

DuckDB:

```sql
SELECT * FROM 'parquet/{name}.parquet';
SELECT * FROM read_csv('csv/{name}.csv', header = true);
```

R:

```r
library(arrow)
{name} <- read_parquet("parquet/{name}.parquet")
# or: {name} <- read.csv("csv/{name}.csv", na.strings = "", encoding = "UTF-8")
```

With the Frictionless framework, `frictionless validate datapackage.json` checks every
table against its schema.
"""
