"""Does a cell's text parse as its field's type, and to what value: frictionless 5.21's answer.

Each mirrored type has two halves. SQL decides the common spellings exactly (`fast`:
a regular expression gating a DuckDB cast that agrees with Python on those spellings,
e.g. `2016-07-01`); everything else that is present (` 7`, `٣`, `2016-7-1`, year `0000`)
goes to `read`, the same Python call frictionless makes (`int(cell.strip())`,
`datetime.strptime`, dateutil's `isoparse`, the trueValues/falseValues mapping), so
the verdict is frictionless' own. DuckDB's casts alone would differ: they accept
`1.5` as an integer and year 0, and Python accepts `+7`, `1_000` and Arabic digits.

Types, formats and options not mirrored here (string formats, `bareNumber`,
`decimalChar`, date patterns, `time`, `geopoint`, ...) return None from
`parsed_type`: compile.py then runs frictionless' own field reader in Python.
Not here: missing values (a missing cell never reaches a parser) or constraints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any

import pyarrow as pa

from pipeline.contract import quote_literal
from pipeline.validate.constraints.spec import FieldSpec

TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
#: Integers are stored as BIGINT: a value beyond +-(2**63 - 1) (Python's int has no
#: limit) is clamped to it; bounds still compare exactly, two such giants would be equal.
INTEGER_LIMIT = 2**63 - 1
STRING_CONSTRAINTS = ("required", "minLength", "maxLength", "pattern", "enum")
ORDERED_CONSTRAINTS = (
    "required",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "enum",
)
BOOLEAN_CONSTRAINTS = ("required", "enum")
_NUMBER_OPTIONS = ("bareNumber", "groupChar", "decimalChar", "floatNumber")


@dataclass(frozen=True)
class ParsedType:
    """How one field's text becomes a value, in SQL and in Python.

    `fast(raw)` is the SQL condition under which `value(raw)` is exact; present
    cells outside it are parsed by `read` (None = not of this type). `fast` None
    means `value` is exact for every present cell. `stored` False: the value is the
    text itself, so no value column is needed.
    """

    sql_type: str
    value: Callable[[str], str]
    read: Callable[[Any], Any]
    literal: Callable[[Any], str]
    constraints: tuple[str, ...]
    fast: Callable[[str], str] | None = None
    arrow: pa.DataType = dataclass_field(default_factory=pa.string)
    to_arrow: Callable[[Any], Any] = lambda value: value
    stored: bool = True


def _regex(pattern: str) -> Callable[[str], str]:
    """SQL: the raw text is wholly matched by `pattern` (RE2)."""
    return lambda raw: f"regexp_full_match({raw}, {quote_literal(pattern)})"


# --- Python readers: frictionless 5.21's value readers, for the cells SQL does not decide


def read_string(cell: Any) -> Any:
    """StringField (format default): any text."""
    return cell if isinstance(cell, str) else None


def read_integer(cell: Any) -> Any:
    """IntegerField with bareNumber (the default): `int(cell.strip())`."""
    if isinstance(cell, str):
        try:
            return int(cell.strip())
        except Exception:  # frictionless treats any failure as "not an integer"
            return None
    if cell is True or cell is False:
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, Decimal) and cell.is_finite() and cell % 1 == 0:
        return int(cell)
    return None


def read_number(cell: Any) -> Any:
    """NumberField with default options: `Decimal(cell.strip())`."""
    if isinstance(cell, str):
        try:
            return Decimal(cell.strip())
        except Exception:
            return None
    if isinstance(cell, Decimal):
        return cell
    if cell is True or cell is False:
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return Decimal(str(cell))
    return None


def read_date(cell: Any) -> Any:
    """DateField (format default): `datetime.strptime(cell, "%Y-%m-%d").date()`."""
    if isinstance(cell, dt.datetime):
        return cell.date() if cell.time() == dt.time(0, 0) else None
    if isinstance(cell, dt.date):
        return cell
    if not isinstance(cell, str):
        return None
    try:
        return dt.datetime.strptime(cell, "%Y-%m-%d").date()
    except Exception:
        return None


def read_datetime(cell: Any) -> Any:
    """DatetimeField (format default): seconds required, then dateutil's isoparse.

    Returned as text that compares as Python compares datetimes for equality:
    aware ones as their UTC instant, naive ones without an offset (never equal).
    """
    from dateutil import parser as dateutil_parser

    try:
        if isinstance(cell, str):
            if cell[16] != ":" or len(cell) < 19:
                return None
            cell = dateutil_parser.isoparse(cell)
        if not isinstance(cell, dt.datetime):
            return None
        return (cell.astimezone(dt.UTC) if cell.tzinfo is not None else cell).isoformat()
    except Exception:  # frictionless treats any failure as "not a datetime"
        return None


def read_year(cell: Any) -> Any:
    """YearField: four characters that `int()` accepts, 0 to 9999."""
    if not isinstance(cell, int):
        if not isinstance(cell, str) or len(cell) != 4:
            return None
        try:
            cell = int(cell)
        except Exception:
            return None
    if cell < 0 or cell > 9999:
        return None
    return cell


def boolean_reader(trues: tuple[str, ...], falses: tuple[str, ...]) -> Callable[[Any], Any]:
    """BooleanField: exact strings, false values winning where both lists name one."""
    mapping = {**dict.fromkeys(trues, True), **dict.fromkeys(falses, False)}

    def read(cell: Any) -> Any:
        if cell is True or cell is False:
            return cell
        return mapping.get(cell) if isinstance(cell, str) else None

    return read


# --- SQL literals of parsed values


def _clamp(value: int) -> int:
    """An integer within what BIGINT columns hold."""
    return max(-INTEGER_LIMIT, min(INTEGER_LIMIT, value))


def integer_literal(value: Any) -> str:
    """BIGINT literal (clamped, like the values it is compared with)."""
    return f"CAST('{_clamp(int(value))}' AS BIGINT)"


def number_literal(value: Any) -> str:
    """DOUBLE literal, `nan` and `inf` included."""
    return f"CAST('{float(value)!r}' AS DOUBLE)"


def _number_to_arrow(value: Any) -> float:
    """A parsed number as a float (a signalling NaN as NaN)."""
    return float("nan") if isinstance(value, Decimal) and value.is_nan() else float(value)


def _string_type() -> ParsedType:
    return ParsedType(
        sql_type="VARCHAR",
        value=lambda raw: raw,
        read=read_string,
        literal=quote_literal,
        constraints=STRING_CONSTRAINTS,
        stored=False,
    )


def _boolean_type(field: FieldSpec) -> ParsedType:
    trues = _strings(field.descriptor.get("trueValues"), TRUE_VALUES)
    falses = _strings(field.descriptor.get("falseValues"), FALSE_VALUES)

    def value(raw: str) -> str:
        false_list = ", ".join(quote_literal(v) for v in falses) or "NULL"
        true_list = ", ".join(quote_literal(v) for v in trues) or "NULL"
        return (
            f"CASE WHEN {raw} IN ({false_list}) THEN false "
            f"WHEN {raw} IN ({true_list}) THEN true END"
        )

    return ParsedType(
        sql_type="BOOLEAN",
        value=value,
        read=boolean_reader(trues, falses),
        literal=lambda v: "true" if v else "false",
        constraints=BOOLEAN_CONSTRAINTS,
        arrow=pa.bool_(),
    )


def _strings(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list of strings from a descriptor, or the default."""
    if not isinstance(value, list):
        return default
    return tuple(v for v in value if isinstance(v, str))


_INTEGER = ParsedType(
    sql_type="BIGINT",
    fast=_regex("[+-]?[0-9]{1,18}"),
    value=lambda raw: f"CAST({raw} AS BIGINT)",
    read=read_integer,
    literal=integer_literal,
    constraints=ORDERED_CONSTRAINTS,
    arrow=pa.int64(),
    to_arrow=_clamp,
)
#: At most 15 digits: a DOUBLE then orders and equates them as Decimal does.
_NUMBER = ParsedType(
    sql_type="DOUBLE",
    fast=lambda raw: f"(strlen({raw}) <= 16 AND {_regex('[+-]?[0-9]+([.][0-9]+)?')(raw)})",
    value=lambda raw: f"CAST({raw} AS DOUBLE)",
    read=read_number,
    literal=number_literal,
    constraints=ORDERED_CONSTRAINTS,
    arrow=pa.float64(),
    to_arrow=_number_to_arrow,
)
#: Zero-padded ISO dates of years 0001-9999; DuckDB's cast rejects impossible days.
_DATE_PATTERN = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_DATE = ParsedType(
    sql_type="DATE",
    fast=lambda raw: f"({_regex(_DATE_PATTERN)(raw)} AND NOT starts_with({raw}, '0000'))",
    value=lambda raw: f"TRY_CAST({raw} AS DATE)",
    read=read_date,
    literal=lambda v: f"DATE '{v.isoformat()}'",
    constraints=ORDERED_CONSTRAINTS,
    arrow=pa.date32(),
)
#: `YYYY-MM-DDTHH:MM:SSZ` (how the release writes datetimes), hours 00-23.
_DATETIME_PATTERN = _DATE_PATTERN + "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z"
_DATETIME = ParsedType(
    sql_type="VARCHAR",
    fast=lambda raw: f"({_regex(_DATETIME_PATTERN)(raw)} AND NOT starts_with({raw}, '0000'))",
    value=lambda raw: (
        f"strftime(TRY_CAST(substr({raw}, 1, 19) AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S') || '+00:00'"
    ),
    read=read_datetime,
    literal=quote_literal,
    constraints=("required", "enum"),
)
_YEAR = ParsedType(
    sql_type="INTEGER",
    fast=_regex("[0-9]{4}"),
    value=lambda raw: f"CAST({raw} AS INTEGER)",
    read=read_year,
    literal=lambda v: str(int(v)),
    constraints=ORDERED_CONSTRAINTS,
    arrow=pa.int32(),
)
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
#: How values of each type are stored, whoever parsed them (SQL, our readers, frictionless).
_STORAGE = {
    "integer": _INTEGER,
    "number": _NUMBER,
    "date": _DATE,
    "datetime": _DATETIME,
    "year": _YEAR,
}
#: Types whose values Python finds equal across types: True == 1 == 1.0.
FAMILIES = {"string": "text", "any": "text", "year": "integer", "boolean": "integer"}


def parsed_type(field: FieldSpec) -> ParsedType | None:
    """The mirrored parser for a field, or None to leave it to frictionless' reader."""
    kind, fmt, options = field.type, field.format, field.descriptor
    if fmt != "default":
        return None
    if kind == "string":
        return _string_type()
    if kind == "boolean":
        return _boolean_type(field)
    if kind == "integer":
        return None if "bareNumber" in options else _INTEGER
    if kind == "number":
        return None if any(o in options for o in _NUMBER_OPTIONS) else _NUMBER
    if kind == "date":
        return _DATE
    if kind == "datetime":  # bounds on datetimes: frictionless' reader decides
        return None if any(b in field.constraints for b in _BOUNDS) else _DATETIME
    if kind == "year":
        return _YEAR
    return None


def storage_type(field: FieldSpec) -> ParsedType | None:
    """How a field's values are stored: its parser's column type, or for a field read by
    frictionless, that of the same type's default format (None: kept as text keys)."""
    parsed = parsed_type(field)
    if parsed is not None:
        return parsed
    if field.type == "string":
        return _string_type()
    return _STORAGE.get(field.type)


def family(field: FieldSpec) -> str:
    """Which Python values a field holds, for equality: text, integer, number, or its type."""
    return FAMILIES.get(field.type, field.type)
