"""Splitting policy-area lists and `Relevant to OGP Values:` lists into their items.

Commitment pages write these lists with commas, `;` or line breaks, and sometimes
lose a separator (`Fiscal Transparency Open Data`); runs of known names are split by
the vocabularies (policy_areas.csv and its translations, ogp_values.csv). Placeholders
(`NR`) and duplicates are dropped. Institution fields are split in pipeline.raw.fields.institutions,
contact details found in pipeline.raw.fields.contacts.
"""

from __future__ import annotations

import re

from pipeline.textutil import TRAILING_PUNCTUATION, fold, split_known, squash
from pipeline.vocabulary import OGP_VALUES, known_policy_area_names, placeholder_reasons


def split_policy_areas(text: str | None) -> list[str]:
    """Policy-area names of a comma list, with runs missing their comma split by the vocabulary
    (English names, Spanish and French translations and older spellings alike)."""
    if not text:
        return []
    known = known_policy_area_names()
    names: list[str] = []
    for piece in re.split(r"\s*[,;\n]\s*", text):
        piece = squash(piece).strip(TRAILING_PUNCTUATION)
        if not piece or fold(piece) in placeholder_reasons():
            continue
        parts = split_known(piece, known)
        names.extend(parts if parts and len(parts) > 1 else [piece])
    return list(dict.fromkeys(names))


def split_ogp_values(text: str | None) -> list[str] | None:
    """The OGP values a `Relevant to OGP Values:` list names, or None if it is not such a list.

    Placeholders in the list (`NR`) are passed over; a list of nothing else is no list.
    """
    if not text:
        return None
    values: list[str] = []
    for piece in re.split(r"\s*[,;\n]\s*", text):
        if not piece.strip() or fold(piece) in placeholder_reasons():
            continue
        parts = split_known(piece, OGP_VALUES)
        if parts is None:
            return None
        values.extend(OGP_VALUES[p] for p in parts)
    return list(dict.fromkeys(values)) or None
