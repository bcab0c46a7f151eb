"""Compile one resource's Table Schema into DuckDB queries: one per constraint.

Each `Check` selects the violating rows of a loaded table (reading.py, values.py)
with the row number, the cell text, a note and the primary-key cells. The verdicts
follow frictionless 5.21 (`Row`, `TableResource.__open_row_stream`):
- a missing cell breaks only `required`; a cell that does not parse breaks only
  `type`; the other constraints apply to parsed values (enum, bounds on the value;
  pattern and lengths on the text), and only those its type supports;
- a blank row (every cell missing) is one `blank-row` violation instead;
- `unique` and `primaryKey` compare parsed values, a missing cell being None: a key
  of all-missing cells is a violation, partial ones compare like tuples with None;
  every repeat after the first is reported, naming the previous row;
- a foreign key whose cells are all missing is not checked; otherwise its parsed
  values must be those of some referenced row (self-references included).
A key field declared `unique` too is reported under both rules, as frictionless does.
Not here: loading tables, running the queries (run.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.contract import quote_ident, quote_literal
from pipeline.validate.constraints.messages import (
    blank_row_message,
    constraint_message,
    foreign_key_message,
    primary_key_message,
    type_message,
    unique_message,
)
from pipeline.validate.constraints.patterns import python_matcher, to_re2
from pipeline.validate.constraints.reading import LF, LoadedTable, missing_sql
from pipeline.validate.constraints.spec import FieldSpec, ForeignKey, TableSpec
from pipeline.validate.constraints.types import ParsedType, family, parsed_type
from pipeline.validate.constraints.values import has_value_column, value_sql, value_type

#: Order of a violation within its row, as frictionless appends them.
CELL, EXTRA_CELL, MISSING_CELL, UNIQUE, PRIMARY_KEY, FOREIGN_KEY = range(6)
_BOUND_OPERATORS = {
    "minimum": ">=",
    "maximum": "<=",
    "exclusiveMinimum": ">",
    "exclusiveMaximum": "<",
}


@dataclass(frozen=True)
class Check:
    """One query and how to word its rows as violations.

    The query returns `__row, __value, __note` then the key columns. `keep` (when
    set) is a Python test of `__value` that a row must pass to be a violation: the
    pattern check's answer for text RE2 cannot judge. `row_test` is the SQL condition
    selecting the rows, for a check that looks at each row alone (not unique or key
    checks): screen.py tests it without locating anything.
    """

    table: str
    rule: str
    field: str | None
    order: tuple[int, int, int]
    sql: str
    message: Callable[[int, str, str], str]
    keep: Callable[[str], bool] | None = None
    row_test: str | None = None


def key_columns(table: LoadedTable) -> list[tuple[str, str]]:
    """(field name, raw column) of the loaded primary-key fields."""
    loaded = [table.field(name) for name in table.spec.primary_key]
    return [(f.name, f.column) for f in loaded if f is not None]


def needed_fields(specs: list[TableSpec]) -> dict[str, set[str]]:
    """Per table, the fields whose text the checks read (checked, key or referenced)."""
    needed = {spec.name: set(spec.primary_key) for spec in specs}
    for spec in specs:
        for field in spec.fields:
            if field.constraints or has_value_column(field):
                needed[spec.name].add(field.name)
        for fk in spec.foreign_keys:
            needed[spec.name].update(fk.fields)
            needed.setdefault(fk.resource, set()).update(fk.reference_fields)
    return needed


def compile_checks(table: LoadedTable, tables: dict[str, LoadedTable]) -> list[Check]:
    """Every check of one loaded table, in frictionless' order within a row."""
    checks = [_blank_row(table)]
    for field in table.fields[: len(table.spec.fields)]:
        checks.extend(_cell_checks(table, field))
    for field in table.fields[: len(table.spec.fields)]:
        if field.constraints.get("unique"):
            checks.append(_unique(table, field))
    if table.spec.primary_key and all(table.field(n) for n in table.spec.primary_key):
        checks.append(_primary_key(table))
    for number, fk in enumerate(table.spec.foreign_keys):
        if fk.fields and all(table.field(n) for n in fk.fields):
            reference = tables.get(fk.resource)
            if reference is not None:
                checks.append(_foreign_key(table, number, fk, reference))
    return checks


def _select(table: LoadedTable, value: str, note: str, where: str, source: str = "") -> str:
    """SELECT of violating rows: row number, value text, note, key columns."""
    keys = "".join(f", {column}" for _, column in key_columns(table))
    source = source or quote_ident(table.sql_name)
    return (
        f"SELECT __row, {value} AS __value, {note} AS __note{keys} FROM {source} "
        f"WHERE {where} ORDER BY __row"
    )


def _blank_row(table: LoadedTable) -> Check:
    return Check(
        table.spec.name,
        "blank-row",
        None,
        (CELL, -1, -1),
        _select(table, "CAST(NULL AS VARCHAR)", "''", "__blank"),
        lambda row, _value, _note: blank_row_message(row),
        row_test="__blank",
    )


def _cell_checks(table: LoadedTable, field: FieldSpec) -> list[Check]:
    """type, required, then each supported constraint of one field, on non-blank rows."""
    parsed = parsed_type(field)
    supported = parsed.constraints if parsed is not None else ("required",)
    checks: list[Check] = []
    present = f"NOT __blank AND NOT {missing_sql(field)}"
    if parsed is not None and has_value_column(field):
        where = f"{present} AND {field.value_column} IS NULL"
        checks.append(_cell_check(table, field, "type", -1, where, parsed))
    for position, name in enumerate(supported):
        constraint = field.constraints.get(name)
        if constraint is None or (name == "required" and not constraint):
            continue
        if name == "required":
            where = f"NOT __blank AND {missing_sql(field)}"
            checks.append(_cell_check(table, field, name, position, where, parsed))
        elif parsed is not None:
            checks.extend(_constraint(table, field, parsed, name, position, present))
    return checks


def _constraint(
    table: LoadedTable, field: FieldSpec, parsed: ParsedType, name: str, position: int, present: str
) -> list[Check]:
    """The check(s) of one value constraint (pattern: RE2 plus Python for what RE2 lacks)."""
    constraint = field.constraints[name]
    text, value = field.column, value_sql(field)
    if name == "pattern":
        return _pattern(table, field, parsed, position, present, str(constraint))
    if name in ("minLength", "maxLength"):
        operator = ">=" if name == "minLength" else "<="
        where = f"{present} AND NOT (length({text}) {operator} {int(constraint)})"
        return [_cell_check(table, field, name, position, where, parsed)]
    if name == "enum":
        allowed = [parsed.read(v) for v in constraint] if isinstance(constraint, list) else []
        literals = ", ".join(parsed.literal(v) for v in allowed if v is not None)
        test = f"{value} NOT IN ({literals})" if literals else "true"
        where = f"{present} AND {value} IS NOT NULL AND {test}"
        return [_cell_check(table, field, name, position, where, parsed)]
    bound = parsed.read(constraint)
    if bound is None:
        return []  # frictionless cannot compare with it either (its descriptor check says why)
    test = f"NOT ({value} {_BOUND_OPERATORS[name]} {parsed.literal(bound)})"
    if parsed.sql_type == "DOUBLE":
        test = f"(isnan({value}) OR {test})"  # NaN breaks every bound in frictionless
    where = f"{present} AND {value} IS NOT NULL AND {test}"
    return [_cell_check(table, field, name, position, where, parsed)]


def _pattern(
    table: LoadedTable,
    field: FieldSpec,
    parsed: ParsedType,
    position: int,
    present: str,
    pattern: str,
) -> list[Check]:
    """RE2 on text without a line feed; Python's `re` on the rest (or all, if RE2 cannot)."""
    matcher = python_matcher(pattern)
    translated = to_re2(pattern)
    column = field.column
    if translated is None:
        return [_cell_check(table, field, "pattern", position, present, parsed, matcher)]
    fast = (
        f"{present} AND NOT contains({column}, {LF}) "
        f"AND NOT regexp_matches({column}, {quote_literal(translated)})"
    )
    slow = f"{present} AND contains({column}, {LF})"
    return [
        _cell_check(table, field, "pattern", position, fast, parsed),
        _cell_check(table, field, "pattern", position, slow, parsed, matcher),
    ]


def _cell_check(
    table: LoadedTable,
    field: FieldSpec,
    rule: str,
    position: int,
    where: str,
    parsed: ParsedType | None,
    matches: Callable[[str], bool] | None = None,
) -> Check:
    """A check on one cell of each row, reported with frictionless' cell messages."""
    column = field.index + 1
    if rule == "type":
        fmt = field.format

        def message(row: int, value: str, _note: str) -> str:
            return type_message(value, row, field.name, column, field.type, fmt)
    else:
        constraint = field.constraints.get(rule)

        def message(row: int, value: str, _note: str) -> str:
            return constraint_message(value, row, field.name, column, rule, constraint)

    keep = (lambda text: not matches(text)) if matches is not None else None
    return Check(
        table.spec.name,
        rule,
        field.name,
        (CELL, field.index, position),
        _select(table, f"coalesce({field.column}, '')", "''", where),
        message,
        keep,
        row_test=where,
    )


def _repeats(table: LoadedTable, values: list[str], extra: str = "") -> str:
    """Source of rows whose `values` repeat (NULLs equal) with `__previous`, the last row before.

    Only keys that occur twice are windowed: a hash aggregate finds them first, so a
    valid table costs one GROUP BY, not a sort. Rows selected by `extra` join in too.
    """
    keys = ", ".join(f"{v} AS __k{i}" for i, v in enumerate(values))
    names = ", ".join(f"__k{i}" for i in range(len(values)))
    same = " AND ".join(f"d.__k{i} IS NOT DISTINCT FROM k.__k{i}" for i in range(len(values)))
    repeated = f"EXISTS (SELECT 1 FROM d WHERE {same})"
    where = f"({extra}) OR {repeated}" if extra else repeated
    return (
        f"(WITH k AS (SELECT *, {keys} FROM {quote_ident(table.sql_name)}), "
        f"d AS (SELECT {names} FROM k GROUP BY {names} HAVING count(*) > 1) "
        f"SELECT *, lag(__row) OVER (PARTITION BY {names} ORDER BY __row) AS __previous "
        f"FROM k WHERE {where})"
    )


def _unique(table: LoadedTable, field: FieldSpec) -> Check:
    """Rows repeating an earlier row's value of a `unique` field."""
    nan = " AND NOT isnan(__k0)" if value_type(field) == "DOUBLE" else ""
    where = f"__k0 IS NOT NULL AND __previous IS NOT NULL{nan}"
    note = "'the same as in the row at position ' || __previous"
    column = field.index + 1
    source = _repeats(table, [value_sql(field)])
    return Check(
        table.spec.name,
        "unique",
        field.name,
        (UNIQUE, field.index, 0),
        _select(table, f"coalesce({field.column}, '')", note, where, source),
        lambda row, _value, note: unique_message(row, field.name, column, note),
    )


def _primary_key(table: LoadedTable) -> Check:
    """Rows whose key is all missing, or repeats an earlier row's key."""
    fields = [f for f in (table.field(n) for n in table.spec.primary_key) if f is not None]
    values = [value_sql(f) for f in fields]
    all_missing = " AND ".join(f"({v}) IS NULL" for v in values)
    source = _repeats(table, values, all_missing)
    missing = " AND ".join(f"__k{i} IS NULL" for i in range(len(values)))
    note = (
        f"CASE WHEN {missing} THEN 'cells composing the primary keys are all \"None\"' "
        "ELSE 'the same as in the row at position ' || __previous END"
    )
    return Check(
        table.spec.name,
        "primary-key",
        ", ".join(table.spec.primary_key),
        (PRIMARY_KEY, 0, 0),
        _select(table, "''", note, f"({missing}) OR __previous IS NOT NULL", source),
        lambda row, _value, note: primary_key_message(row, note),
    )


def _foreign_key(table: LoadedTable, number: int, fk: ForeignKey, reference: LoadedTable) -> Check:
    """Rows with a non-missing foreign key matching no row of the referenced table."""
    targets = [f for f in (table.field(n) for n in fk.fields) if f is not None]
    texts = " || ', ' || ".join(f"coalesce({f.column}, '')" for f in targets)
    names, ref_names = ", ".join(fk.fields), ", ".join(fk.reference_fields)
    return Check(
        table.spec.name,
        "foreign-key",
        names,
        (FOREIGN_KEY, number, 0),
        _select(table, texts, "''", foreign_key_test(table, fk, reference)),
        lambda row, value, _note: foreign_key_message(row, names, value, fk.resource, ref_names),
    )


def foreign_key_test(table: LoadedTable, fk: ForeignKey, reference: LoadedTable) -> str:
    """SQL condition: the row's foreign key has a value and no referenced row has it."""
    targets = [f for f in (table.field(n) for n in fk.fields) if f is not None]
    referenced = [reference.field(n) for n in fk.reference_fields]
    pairs = _comparable_pairs(targets, referenced)
    t_values = [value_sql(f) for f in targets]
    not_missing = "NOT (" + " AND ".join(f"({v}) IS NULL" for v in t_values) + ")"
    if pairs is None:
        return not_missing  # nothing in the referenced table can equal these values
    if len(pairs) == 1:  # the value is present: plain equality, a hash anti-join
        (t_sql, r_sql) = pairs[0]
        lookup = (
            f"SELECT 1 FROM (SELECT {r_sql} AS __r0 FROM {quote_ident(reference.sql_name)}) AS r "
            f"WHERE r.__r0 = {t_sql}"
        )
    else:
        keys = ", ".join(f"{r} AS __r{i}" for i, (_, r) in enumerate(pairs))
        present = " AND ".join(f"__r{i} IS NULL" for i in range(len(pairs)))
        on = " AND ".join(f"r.__r{i} IS NOT DISTINCT FROM {t}" for i, (t, _) in enumerate(pairs))
        lookup = (
            f"SELECT 1 FROM (SELECT {keys} FROM {quote_ident(reference.sql_name)}) AS r "
            f"WHERE NOT ({present}) AND {on}"
        )
    return f"{not_missing} AND NOT EXISTS ({lookup})"


def _comparable_pairs(
    targets: list[FieldSpec], referenced: list[FieldSpec | None]
) -> list[tuple[str, str]] | None:
    """(target SQL, referenced SQL) per key field, cast as Python would compare them.

    None when no referenced row can match: fewer/more fields, a field the referenced
    CSV lacks (frictionless reads it as None), or values Python never finds equal
    (text and a number, a date and a datetime). True equals 1, 7 equals 7.0.
    """
    if len(targets) != len(referenced) or any(r is None for r in referenced):
        return None
    pairs = []
    for target, ref in zip(targets, referenced, strict=True):
        assert ref is not None
        families = {family(target), family(ref)}
        t_sql, r_sql = value_sql(target), value_sql(ref)
        if families == {"integer"}:
            pairs.append((f"CAST({t_sql} AS BIGINT)", f"CAST({r_sql} AS BIGINT)"))
        elif families in ({"number"}, {"integer", "number"}):
            pairs.append((f"CAST({t_sql} AS DOUBLE)", f"CAST({r_sql} AS DOUBLE)"))
        elif len(families) == 1:
            pairs.append((t_sql, r_sql))
        else:
            return None
    return pairs
