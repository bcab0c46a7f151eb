"""Typed reads of values from the quality and change dicts (quality.py, pipeline/release/changes/).

A release folder may carry a report from an older or newer pipeline; a key that is
missing or holds another type reads as "nothing" here, so the page shows a dash or
leaves a part out instead of failing. Not here: how the values are shown.
"""

from __future__ import annotations

from typing import Any


def as_dict(value: object) -> dict[str, Any]:
    """A dict from a report value ({} for anything else)."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[dict[str, Any]]:
    """The dict items of a report list ([] for anything else)."""
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def as_int(value: object) -> int | None:
    """An int from a report value (bools and non-numbers are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def as_number(value: object) -> float | None:
    """A float from a report value (None for bools and non-numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
