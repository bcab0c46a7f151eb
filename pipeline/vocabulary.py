"""The controlled vocabularies, read from the CSV files in `pipeline/vocab/`.

Labels, headings, IRM rating values, placeholders, policy areas (with their Spanish and
French names and variant spellings), OGP values and institution head words are data, not
code: each file has a test, and DuckDB loads the same files for the SQL normalisation
(pipeline/stage/steps.py, `load_vocabularies`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pipeline.textutil import fold, slug


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


def _policy_area_spelling_rows() -> list[tuple[str, str]]:
    """(spelling, id) for every English name, export header, translation and variant."""
    pairs = [(r["name"], r["policy_area_id"]) for r in read_vocab("policy_areas")]
    pairs += [(r["export_column"], r["policy_area_id"]) for r in read_vocab("policy_areas")]
    pairs += [(r["name"], r["policy_area_id"]) for r in read_vocab("policy_area_names")]
    return [(name, area) for name, area in pairs if name]


@cache
def policy_area_spellings() -> dict[str, str]:
    """Folded spelling → policy_area_id; a spelling naming two areas is a vocabulary error."""
    spellings: dict[str, str] = {}
    for name, area in _policy_area_spelling_rows():
        key = fold(name)
        if spellings.setdefault(key, area) != area:
            raise ValueError(f"policy area spelling {name!r} names {spellings[key]} and {area}")
    return spellings


@cache
def known_policy_area_names() -> tuple[str, ...]:
    """Every known spelling (English, translations, variants), for splitting comma-less runs."""
    return tuple(dict.fromkeys(name for name, _ in _policy_area_spelling_rows()))


@cache
def current_policy_area() -> dict[str, str]:
    """Older area id → the current area OGP renamed it to (only where the successor is clear)."""
    return {
        r["policy_area_id"]: r["current_policy_area_id"]
        for r in read_vocab("policy_areas")
        if r["current_policy_area_id"]
    }


def policy_area_id(name: str) -> str:
    """Vocabulary id of any known spelling of an area (any language); else the name's slug.

    `Datos abiertos` → `open-data`; an area the vocabulary lacks keeps its own slug id.
    """
    return policy_area_spellings().get(fold(name)) or slug(name)


def ogp_values() -> dict[str, str]:
    """OGP value label (English, Spanish, French) → value code."""
    return {r["label"]: r["value"] for r in read_vocab("ogp_values")}


# Label → value code in every language (lists.py splits runs of these labels).
OGP_VALUES: dict[str, str] = ogp_values()


@cache
def institution_headwords() -> frozenset[str]:
    """Words that mark a phrase as the name of a public body (Ministry, Office, ...)."""
    return frozenset(fold(r["word"]) for r in read_vocab("institution_headwords"))


@cache
def placeholder_reasons() -> dict[str, str]:
    """Folded placeholder text → why there is no value (`nr` → `not_reviewed`)."""
    return {fold(r["label"]): r["reason"] for r in read_vocab("placeholders")}


@cache
def institution_field_labels() -> frozenset[str]:
    """Folded labels that introduce names in an institution field (`Other actors involved`)."""
    rows = read_vocab("institution_labels")
    return frozenset(fold(r["text"]) for r in rows if r["kind"] == "label")


@cache
def institution_categories() -> frozenset[str]:
    """Folded actor categories of the OGP template (`Government`): alone, they name no body."""
    rows = read_vocab("institution_labels")
    return frozenset(fold(r["text"]) for r in rows if r["kind"] == "category")


@cache
def people_labels() -> frozenset[str]:
    """Folded labels after which a field lists people, not bodies (`Citizens:`)."""
    return frozenset(
        fold(r["text"]) for r in read_vocab("institution_labels") if r["kind"] == "people"
    )


@cache
def institution_word_roles() -> dict[str, frozenset[str]]:
    """Role → folded words playing it in an institution list (`connector`: `of`, `de`;
    `closes`: `Department`, ...; see institution_word_roles.csv and institution_lists.py)."""
    roles: dict[str, set[str]] = {}
    for row in read_vocab("institution_word_roles"):
        roles.setdefault(row["role"], set()).add(fold(row["word"]))
    return {role: frozenset(words) for role, words in roles.items()}


@cache
def whole_names() -> frozenset[str]:
    """Folded official names that read like two bodies joined by `and` but are one."""
    return frozenset(fold(r["name"]) for r in read_vocab("institution_whole_names"))


@cache
def portfolio_phrases() -> tuple[str, ...]:
    """Folded portfolio phrases (`local government`): part of a body's name, not a body."""
    return tuple(fold(r["phrase"]) for r in read_vocab("institution_portfolios"))


@cache
def contact_words(kind: str) -> frozenset[str]:
    """Words of one kind in contact_words.csv, as written: `honorific`, `honorific_with_dot`,
    `name_particle`, `organisation` or `job_title`."""
    words = frozenset(r["word"] for r in read_vocab("contact_words") if r["kind"] == kind)
    if not words:
        raise ValueError(f"contact_words.csv: no word of kind {kind!r}")
    return words


@cache
def institution_kind_words() -> tuple[tuple[str, str], ...]:
    """(folded word or phrase, kind) for every row of institution_kinds.csv, in file order.

    A phrase listed under two kinds is a vocabulary error: the kind of a name would then
    depend on the order of the file, not on the precedence rule.
    """
    kinds: dict[str, str] = {}
    for row in read_vocab("institution_kinds"):
        word = fold(row["word"])
        if kinds.setdefault(word, row["kind"]) != row["kind"]:
            raise ValueError(f"kind word {row['word']!r} is {kinds[word]} and {row['kind']}")
    return tuple(kinds.items())


@cache
def international_bodies() -> dict[str, str]:
    """Folded alias → key of the international body it names (`pnud` → `undp`)."""
    bodies: dict[str, str] = {}
    for row in read_vocab("international_bodies"):
        alias = fold(row["alias"])
        if bodies.setdefault(alias, row["key"]) != row["key"]:
            raise ValueError(f"alias {row['alias']!r} names {bodies[alias]} and {row['key']}")
    return bodies


@cache
def international_body_names() -> dict[str, str]:
    """International body key → its English name (`ohchr` → `Office of the United ...`)."""
    return {r["key"]: r["name"] for r in read_vocab("international_bodies")}
