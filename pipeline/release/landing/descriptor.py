"""What the landing page reads from the release's `datapackage.json`: tables, fields, codes.

The descriptor may come from an older or hand-edited release, so entries without a name
or of the wrong type are skipped rather than trusted. Not here: counting rows (facts.py).
"""

from __future__ import annotations

from typing import Any


def resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """The descriptor's resources that have a name (anything else is ignored)."""
    found = descriptor.get("resources") or []
    return [r for r in found if isinstance(r, dict) and isinstance(r.get("name"), str)]


def resource_names(descriptor: dict[str, Any]) -> list[str]:
    """Table names in descriptor order: the order every per-table list uses."""
    return [r["name"] for r in resources(descriptor)]


def in_table_order(names: list[str], order: list[str]) -> list[str]:
    """Table names in descriptor order, unknown ones after, sorted."""
    return [n for n in order if n in names] + sorted(n for n in names if n not in order)


def field(descriptor: dict[str, Any], table: str, name: str) -> dict[str, Any]:
    """A field's definition from the descriptor ({} when the table or field is absent)."""
    for resource in resources(descriptor):
        if resource["name"] == table:
            for candidate in resource.get("schema", {}).get("fields", []):
                if isinstance(candidate, dict) and candidate.get("name") == name:
                    return candidate
    return {}


def codes(definition: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, label) in the contract's order; the label is the code when none is given."""
    labels = {
        c.get("value"): c.get("label")
        for c in definition.get("categories", [])
        if isinstance(c, dict)
    }
    enum = definition.get("constraints", {}).get("enum") or []
    return [(str(c), str(labels.get(c) or c)) for c in enum]
