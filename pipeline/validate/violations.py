"""The validation report: violations located by table, row, key and field, and grouped.

Both validation engines (the compiled DuckDB checks and the frictionless reference)
produce this one shape, so publishing, the CLI and the Dagster release asset read a
report the same way whichever engine ran. Not here: the checks themselves.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

#: Examples kept per (table, rule, field) group in the JSON report and the summary.
GROUP_EXAMPLES = 5


@dataclass(frozen=True)
class Violation:
    """One thing wrong with a release, located as precisely as the check allows.

    `table` is the resource name ("" for release-level problems), `row_number` the
    row's position in its CSV with the header as row 1 (frictionless' count), `key`
    the row's primary-key values, `field` the column(s) concerned.
    """

    table: str
    row_number: int | None
    key: dict[str, str]
    field: str | None
    rule: str
    value: str | None
    message: str


@dataclass(frozen=True)
class ViolationGroup:
    """Every violation of one rule in one field of one table: a count and the first few."""

    table: str
    rule: str
    field: str | None
    count: int
    examples: tuple[Violation, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: where, how many, and (row number, key, value) of the first few."""
        return {
            "table": self.table,
            "rule": self.rule,
            "field": self.field,
            "count": self.count,
            "examples": [
                {"row_number": v.row_number, "key": v.key, "value": v.value} for v in self.examples
            ],
        }


@dataclass
class ValidationReport:
    """Outcome of validating one release: valid only when there is no violation."""

    valid: bool
    errors: list[Violation] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    engine: str = "duckdb"

    def to_json(self) -> str:
        """Deterministic JSON (no timings, no absolute paths added by us)."""
        payload = {
            "valid": self.valid,
            "engine": self.engine,
            "error_count": len(self.errors),
            "rows": self.rows,
            "warnings": self.warnings,
            "groups": [g.to_dict() for g in self.groups()],
            "errors": [asdict(v) for v in self.errors],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def counts(self) -> dict[tuple[str, str], int]:
        """Violation counts per (table, rule), sorted for stable output."""
        counter = Counter((v.table, v.rule) for v in self.errors)
        return dict(sorted(counter.items()))

    def groups(self, examples: int = GROUP_EXAMPLES) -> list[ViolationGroup]:
        """Violations per (table, rule, field), in order of first appearance."""
        grouped: dict[tuple[str, str, str | None], list[Violation]] = {}
        for violation in self.errors:
            grouped.setdefault((violation.table, violation.rule, violation.field), []).append(
                violation
            )
        return [
            ViolationGroup(table, rule, name, len(found), tuple(found[:examples]))
            for (table, rule, name), found in grouped.items()
        ]

    def summary(self, max_examples: int = 10) -> str:
        """Readable text: a line per table, rule and field, then a few located examples."""
        if self.valid:
            total = sum(self.rows.values())
            return f"Release is valid: {len(self.rows)} tables, {total} rows checked.\n"
        lines = [f"Release is INVALID: {len(self.errors)} violation(s).", ""]
        lines.append("Violations per table, rule and field:")
        lines.extend(f"  {_group_line(g)}" for g in self.groups())
        lines.append("")
        lines.append(f"Examples (first {min(max_examples, len(self.errors))}):")
        lines.extend(f"  - {describe(v)}" for v in self.errors[:max_examples])
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines) + "\n"


def _group_line(group: ViolationGroup) -> str:
    """`table: rule x count (field) at rows 2, 5, ...` for one group."""
    line = f"{group.table or '(release)'}: {group.rule} x {group.count}"
    if group.field:
        line += f" ({group.field})"
    rows = [str(v.row_number) for v in group.examples if v.row_number is not None]
    if rows:
        more = ", ..." if group.count > len(group.examples) else ""
        line += f" at rows {', '.join(rows)}{more}"
    return line


def describe(v: Violation) -> str:
    """One line naming table, row key, field and rule of a violation."""
    where = v.table or "(release)"
    if v.key:
        where += " [" + ", ".join(f"{k}={val!r}" for k, val in v.key.items()) + "]"
    if v.row_number is not None:
        where += f" row {v.row_number}"
    if v.field:
        where += f" field {v.field}"
    value = f" value {v.value!r}:" if v.value is not None else ""
    return f"{where}: {v.rule}:{value} {v.message}"
