"""The controlled vocabularies, read from the CSV files in `pipeline/vocab/`.

Labels, headings, IRM rating values, placeholders, policy areas and institution head
words are data, not code: each file has a test, and DuckDB loads the same files for the
SQL normalisation (see `vocabulary_tables`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pipeline.textutil import fold, slug

OGP_VALUES = {
    "Access to Information": "access_to_information",
    "Civic Participation": "civic_participation",
    "Public Accountability": "public_accountability",
    "Technology": "technology",
    "Technology and Innovation for Transparency and Accountability": "technology",
}


def vocab_path(name: str) -> Path:
    """Path of one vocabulary CSV shipped with the package."""
    return Path(str(resources.files("pipeline") / "vocab" / f"{name}.csv"))


@cache
def read_vocab(name: str) -> tuple[dict[str, str], ...]:
    """Rows of one vocabulary CSV as dicts (cached: the files never change in a run)."""
    with vocab_path(name).open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@dataclass(frozen=True)
class Label:
    field: str
    language: str
    text: str
    section: str


@cache
def page_labels() -> tuple[Label, ...]:
    """Known field labels of commitment pages, longest first (no label shadows a longer one)."""
    labels = [
        Label(r["field"], r["language"], r["label"], r["section"])
        for r in read_vocab("page_labels")
    ]
    return tuple(sorted(labels, key=lambda label: -len(label.text)))


@cache
def page_headings() -> dict[str, str]:
    """Folded heading text → heading kind (e.g. `policy areas` → `policy_areas`)."""
    return {fold(r["heading"]): r["kind"] for r in read_vocab("page_headings")}


@cache
def policy_area_names() -> dict[str, str]:
    """policy_area_id → OGP's English name, for every area in the vocabulary."""
    return {r["policy_area_id"]: r["name"] for r in read_vocab("policy_areas")}


def policy_area_id(name: str) -> str:
    """Stable id of a policy area: the slug of its name (`Open Data` → `open-data`)."""
    return slug(name)


@cache
def institution_headwords() -> frozenset[str]:
    """Words that mark a phrase as the name of a public body (Ministry, Office, ...)."""
    return frozenset(fold(r["word"]) for r in read_vocab("institution_headwords"))


@cache
def placeholder_reasons() -> dict[str, str]:
    """Folded placeholder text → why there is no value (`nr` → `not_reviewed`)."""
    return {fold(r["label"]): r["reason"] for r in read_vocab("placeholders")}
