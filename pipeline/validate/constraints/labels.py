"""A CSV header against its schema, as frictionless 5.21 compares them (fieldsMatch "exact").

The labels are the first record's cells stripped of surrounding whitespace, as
frictionless strips them (so `"title "` is the field `title`, while `"my title"` keeps
its inner space). An empty first record (an empty first line) is no header at all:
frictionless reports nothing about it, pairs every schema field with a column and
numbers the next line row 2. A record of blank cells is a header of blank labels.
Labels pair with fields by position: a label beyond the fields is an `extra-label`
(and its column is read as an unchecked `any` field), a field beyond the labels a
`missing-label` (and is not read at all); a paired label that is blank, repeats an
earlier one or differs from the field name is a `blank-label`, `duplicate-label` or
`incorrect-label`, and its column is still checked as the schema's field.
Not here: reading the file (reading.py).
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.validate.constraints.spec import FieldSpec, TableSpec
from pipeline.validate.violations import Violation


def header_labels(record: list[str]) -> list[str]:
    """The labels of a header record: each cell stripped, as frictionless' stringify_label."""
    return [cell.strip() for cell in record]


def expected_fields(spec: TableSpec, labels: list[str]) -> tuple[FieldSpec, ...]:
    """The fields in CSV column order: the schema's, cut or extended to the labels."""
    if not labels:
        return spec.fields
    fields = list(spec.fields[: len(labels)])
    taken = {f.name for f in fields}
    for index in range(len(fields), len(labels)):
        name = _unique_name(labels[index], taken)
        taken.add(name)
        fields.append(FieldSpec(index, name, "any", "default", spec.missing))
    return tuple(replace(f, index=i) for i, f in enumerate(fields))


def _unique_name(label: str, taken: set[str]) -> str:
    """The label, suffixed when a field already has that name."""
    name, number = label, 2
    while name in taken:
        name, number = f"{label}{number}", number + 1
    return name


def label_violations(spec: TableSpec, labels: list[str]) -> list[Violation]:
    """Header problems, in frictionless' order: extra, missing, then per position.

    None for no labels: frictionless' Header skips a missing header before any check
    (its `blank-header` error is unreachable there).
    """
    if not labels:
        return []
    found: list[Violation] = []
    count = len(spec.fields)
    for number, label in enumerate(labels[count:], start=count + 1):
        message = f'There is an extra label "{label}" in header at position "{number}"'
        found.append(_label(spec, "extra-label", None, label, message))
    for number, field in enumerate(spec.fields[len(labels) :], start=len(labels) + 1):
        message = (
            f'There is a missing label in the header\'s field "{field.name}" at position "{number}"'
        )
        found.append(_label(spec, "missing-label", field.name, None, message))
    for number, (field, label) in enumerate(zip(spec.fields, labels, strict=False), start=1):
        if not label:
            message = f'Label in the header in field at position "{number}" is blank'
            found.append(_label(spec, "blank-label", field.name, label, message))
        elif label in labels[: number - 1]:
            message = f'Label "{label}" in the header at position "{number}" is duplicated'
            found.append(_label(spec, "duplicate-label", field.name, label, message))
        elif label != field.name:
            message = (
                f'Label "{label}" in field {field.name} at position "{number}" '
                "does not match the field name in the schema"
            )
            found.append(_label(spec, "incorrect-label", field.name, label, message))
    return found


def _label(
    spec: TableSpec, rule: str, field: str | None, label: str | None, message: str
) -> Violation:
    """A header violation (no row: the header spans row 1 only in frictionless' count)."""
    return Violation(spec.name, None, {}, field, rule, label, message)
