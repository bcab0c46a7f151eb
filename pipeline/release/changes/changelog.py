"""CHANGELOG.md: what changed between two releases, for a reader who is not a programmer.

Markdown only, rendered from Changes; deterministic, so the same comparison gives the
same bytes. Not here: computing the changes (compare.py), changes.csv (change_rows.py).
"""

from __future__ import annotations

from pipeline.release.changes.model import Changes, Example, SchemaChange, TableChanges
from pipeline.release.changes.summary import changed_tables, changes_summary
from pipeline.release.markdown import code_span, one_line, plain

#: Most-changed fields named per table in the changelog.
TOP_FIELDS = 5
#: Longest value shown in the changelog's examples (changes.csv always has all of it).
EXAMPLE_WIDTH = 80


def render_changelog(changes: Changes) -> str:
    """CHANGELOG.md: what changed, for a reader who is not a programmer.

    Deterministic: every list follows the release's order or an explicit sort.
    """
    parts = [_title(changes)]
    breaking = [s for s in changes.schema if s.breaking]
    if breaking:
        parts.append(_breaking_section(changes, breaking))
    parts.append(_counts_section(changes))
    if changes.old_version is not None:
        parts.append(_notable_section(changes))
        parts.append(_schema_section(changes))
        parts.append(
            "Every change is listed in `changes.csv`: one row per added or removed record "
            "and per changed field (`table`, `key`, `change`, `field`, `old_value`, "
            "`new_value`)."
        )
    return "\n\n".join(parts) + "\n"


def _title(changes: Changes) -> str:
    """Heading and a one-paragraph summary."""
    if changes.old_version is None:
        rows = sum(t.rows_after or 0 for t in changes.tables)
        return (
            f"# Changes in release {plain(changes.new_version)} (first release)\n\n"
            f"This is the first release: there is no earlier release to compare it with. "
            f"It holds {_plural(rows, 'record')} in {_plural(len(changes.tables), 'table')}."
        )
    summary = changes_summary(changes)["total"]
    touched = sum(1 for _ in changed_tables(changes))
    if summary["records"]:
        text = (
            f"{_plural(summary['added'], 'record')} added, {summary['removed']:,} removed and "
            f"{summary['changed']:,} changed, in {touched:,} of "
            f"{_plural(len(changes.tables), 'table')}."
        )
    else:
        text = "No record was added, removed or changed."
    new, old = plain(changes.new_version), plain(changes.old_version)
    return (
        f"# Changes in release {new} since release {old}\n\n"
        f"Records are compared by their identifier (the table's primary key). {text}"
    )


def _plural(count: int, noun: str) -> str:
    """`1 record`, `2 records` (with thousands separators)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _breaking_section(changes: Changes, breaking: list[SchemaChange]) -> str:
    """The schema changes that can break scripts written for the previous release."""
    lines = [
        "## Breaking changes",
        "",
        f"Scripts written for release {plain(changes.old_version)} may need changing:",
        "",
    ]
    lines += [f"- {_describe_schema_change(s)}" for s in breaking]
    return "\n".join(lines)


def _describe_schema_change(change: SchemaChange) -> str:
    """One schema change as a sentence."""
    table, column = code_span(change.table), code_span(change.column or "")
    before, after = plain(change.before or ""), plain(change.after or "")
    return {
        "table_added": f"{table}: new table",
        "table_removed": f"{table}: table removed",
        "column_added": f"{table}: new column {column} ({after})",
        "column_removed": f"{table}: column {column} removed (it was {before})",
        "retyped": f"{table}: column {column} changed type from {before} to {after}",
        "values_changed": f"{table}: column {column} allows other values: "
        f"{code_span(change.before) if change.before else 'any'} → "
        f"{code_span(change.after) if change.after else 'any'}",
        "key_changed": f"{table}: primary key changed from ({before}) to ({after})",
    }.get(change.change, f"{table}: {plain(change.change)} {column}")


def _counts_section(changes: Changes) -> str:
    """A table of rows before and after, added, removed and changed, per table."""
    lines = [
        "## Records per table",
        "",
        "| table | rows before | rows after | added | removed | changed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in changes.tables:
        note = " (new)" if t.rows_before is None and changes.old_version else ""
        note = " (removed)" if t.rows_after is None else note
        cells = [_number(t.rows_before), _number(t.rows_after), *map(_number, _kinds(t))]
        lines.append(f"| {plain(t.table)}{note} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _kinds(t: TableChanges) -> tuple[int, int, int]:
    """(added, removed, changed)."""
    return t.added, t.removed, t.changed


def _number(value: int | None) -> str:
    """A count with thousands separators; a dash for "no such table"."""
    return "—" if value is None else f"{value:,}"


def _notable_section(changes: Changes) -> str:
    """Per changed table: records added and removed, most changed fields, examples."""
    blocks = ["## Notable changes"]
    for t in changed_tables(changes):
        examples = [e for e in changes.examples if e[0] == t.table]
        blocks.append(_table_notes(t, examples))
    if len(blocks) == 1:
        blocks.append("None: every record is the same as in the previous release.")
    return "\n\n".join(blocks)


def _table_notes(t: TableChanges, examples: list[Example]) -> str:
    """The notable changes of one table."""
    lines = [f"### {plain(t.table)}", ""]
    for kind, count in (("added", t.added), ("removed", t.removed)):
        if count:
            lines.append(_keys_line(kind, count, [e[1] for e in examples if e[2] == kind]))
    if t.changed:
        lines += _changed_lines(t, [e for e in examples if e[2] == "changed"])
    return "\n".join(lines)


def _keys_line(kind: str, count: int, keys: list[str]) -> str:
    """`- **Added** (3 records): `A`, `B` and 1 more`: the keys a reader can look up."""
    listed = ", ".join(code_span(k) for k in keys)
    more = f" and {count - len(keys):,} more" if count > len(keys) else ""
    return f"- **{kind.capitalize()}** ({_plural(count, 'record')}): {listed}{more}"


def _changed_lines(t: TableChanges, examples: list[Example]) -> list[str]:
    """Changed records: the most changed fields (ties in contract order), a few examples."""
    top = sorted(t.fields_changed.items(), key=lambda item: -item[1])[:TOP_FIELDS]
    named = ", ".join(f"{code_span(f)} ({n:,})" for f, n in top)
    more = len(t.fields_changed) - len(top)
    rest = f" and {_plural(more, 'other field')}" if more > 0 else ""
    changed = _plural(t.changed, "record")
    lines = [f"- **Changed** ({changed}). Fields changed most: {named}{rest}."]
    if examples:
        lines.append("- **Examples** (old → new):")
    for _, key, _, field, old, new in examples:
        lines.append(f"  - {code_span(key)} {code_span(field)}: {_value(old)} → {_value(new)}")
    return lines


def _value(text: str | None) -> str:
    """A value for the changelog: one line, shortened, `(empty)` for no value."""
    if text is None:
        return "(empty)"
    flat = one_line(text)
    if len(flat) > EXAMPLE_WIDTH:
        flat = flat[: EXAMPLE_WIDTH - 1].rstrip() + "…"
    return code_span(flat)


def _schema_section(changes: Changes) -> str:
    """Every schema change, additive ones included."""
    if not changes.schema:
        return "## Schema changes\n\nNone: every table has the same columns, types and keys."
    lines = ["## Schema changes", ""]
    for s in changes.schema:
        flag = " **(breaking)**" if s.breaking else ""
        lines.append(f"- {_describe_schema_change(s)}{flag}")
    return "\n".join(lines)
