"""A table's first rows as Markdown, shown as each core asset's metadata in Dagster."""

from __future__ import annotations

import duckdb

from pipeline import contract


def preview(con: duckdb.DuckDBPyConnection, table: str, rows: int = 5) -> str:
    """The first rows of a table in key order, as Markdown, for Dagster's asset metadata."""
    relation = con.sql(f"SELECT * FROM ({contract.select_for_publish(table)}) LIMIT {int(rows)}")
    names = relation.columns
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for record in relation.fetchall():
        cells = [_cell(value) for value in record]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
