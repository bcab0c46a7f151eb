"""The canonical vocabulary's translations: Spanish and French spellings map to one English code.

Pages exist in English, Spanish and French (docs/sources.md §1); every rating value,
placeholder, policy-area name and OGP value must reach ONE canonical code (the contract's
in datapackage.json). These tests check
each vocabulary file's shape and that no spelling is ambiguous, comparing labels the two
ways the pipeline does: `fold` (Python readers) and `norm_key` (the SQL macros, on the CSVs
loaded into DuckDB as the pipeline loads them).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from pipeline.raw.fields.lists import split_ogp_values
from pipeline.stage.steps import load_vocabularies
from pipeline.textutil import fold, slug, split_known
from pipeline.vocabulary import (
    OGP_VALUES,
    current_policy_area,
    known_policy_area_names,
    placeholder_reasons,
    policy_area_id,
    policy_area_names,
    policy_area_spellings,
    read_vocab,
    vocab_path,
)

# The contract's category codes, per ratings.csv scale (status and yes_no: the contract's).
DESIGN_CODES = {
    "completion": {
        "no_evidence",
        "not_started",
        "limited",
        "substantial",
        "complete",
        "withdrawn",
        "unclear",
    },
    "did_it_open_government": {
        "worsened",
        "did_not_change",
        "marginal",
        "major",
        "outstanding",
        "no_early_results_yet",
    },
    "early_results": {"no_notable_results", "moderate", "significant"},
    "potential_impact": {"none", "minor", "moderate", "transformative"},
    "potential_for_results": {"unclear", "modest", "substantial"},
    "specificity": {"none", "low", "medium", "high"},
    "ambition": {"high", "low"},
    "status": {"active", "inactive"},
    "yes_no": {"true", "false"},
}
NULL_REASONS = {"no_data", "not_reviewed", "not_applicable", "pending_review"}
OGP_VALUE_CODES = {
    "access_to_information",
    "civic_participation",
    "public_accountability",
    "technology",
}
LANGUAGES = {"en", "es", "fr"}
# Characters norm_key trims from a value's ends: a label ending in one would fold
# differently in Python (`fold`) and SQL (`norm_key`).
TRIMMED = " .;,:"
TYPOGRAPHIC = "\u2019"  # ’
# Separators of the lists pages write (lists.py): no spelling may contain one.
LIST_SEPARATORS = (",", ";", "\n")

HEADERS = {
    "ratings": (["scale", "label", "code"], set()),
    "placeholders": (["label", "reason"], set()),
    "policy_areas": (
        ["policy_area_id", "name", "export_column", "current_policy_area_id"],
        {"export_column", "current_policy_area_id"},
    ),
    "policy_area_names": (["policy_area_id", "language", "name", "kind"], set()),
    "ogp_values": (["label", "language", "value"], set()),
}


# --- helpers --------------------------------------------------------------------------------


def header_of(name: str) -> list[str]:
    with vocab_path(name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def load_csv(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """One vocabulary CSV as `stage.vocab_<name>`, read as steps.load_vocabularies reads it."""
    con.execute(
        f"CREATE OR REPLACE TABLE stage.vocab_{name} AS SELECT * FROM "
        "read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"')",
        [str(vocab_path(name))],
    )


@pytest.fixture(scope="module")
def vocab_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """The pipeline's vocabulary tables and macros, plus the files it does not load (yet)."""
    con = duckdb.connect()
    try:
        loaded = load_vocabularies(con)
        for name in HEADERS:
            if name not in loaded:
                load_csv(con, name)
        yield con
    finally:
        con.close()


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Any]:
    return con.execute(sql, params or []).fetchall()


def rating_code(con: duckdb.DuckDBPyConnection, scale: str, value: str) -> list[tuple[str]]:
    """The codes candidates.sql gives a value: norm_key of the value against the labels'."""
    return query(
        con,
        "SELECT DISTINCT code FROM stage.vocab_ratings "
        "WHERE scale = ? AND norm_key(label) = norm_key(?)",
        [scale, value],
    )


def area_spelling_rows() -> list[tuple[str, str, str]]:
    """(source file, spelling, policy_area_id) for every spelling of every area."""
    rows = [("policy_areas", r["name"], r["policy_area_id"]) for r in read_vocab("policy_areas")]
    rows += [
        ("policy_areas", r["export_column"], r["policy_area_id"])
        for r in read_vocab("policy_areas")
        if r["export_column"]
    ]
    rows += [
        ("policy_area_names", r["name"], r["policy_area_id"])
        for r in read_vocab("policy_area_names")
    ]
    return rows


def ambiguous(pairs: list[tuple[Any, str]]) -> dict[Any, set[str]]:
    """Keys that map to more than one code."""
    codes: dict[Any, set[str]] = defaultdict(set)
    for key, code in pairs:
        codes[key].add(code)
    return {key: found for key, found in codes.items() if len(found) > 1}


# --- shape of every file ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_has_its_header_and_no_blank_required_cell(name: str) -> None:
    header, optional = HEADERS[name]
    assert header_of(name) == header
    rows = read_vocab(name)
    assert rows, f"{name}.csv is empty"
    for number, row in enumerate(rows, 2):
        assert None not in row, f"{name}.csv line {number} has too many cells"
        for column, value in row.items():
            assert value is not None, f"{name}.csv line {number}: {column} missing"
            assert value == value.strip(), f"{name}.csv line {number}: {column} {value!r}"
            assert value or column in optional, f"{name}.csv line {number}: {column} empty"
    assert len({tuple(row.values()) for row in rows}) == len(rows), f"{name}.csv repeats a row"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_file_loads_into_duckdb_as_the_pipeline_reads_it(
    vocab_db: duckdb.DuckDBPyConnection, name: str
) -> None:
    columns = [row[0] for row in query(vocab_db, f"DESCRIBE stage.vocab_{name}")]
    assert columns == header_of(name)
    assert query(vocab_db, f"SELECT count(*) FROM stage.vocab_{name}") == [(len(read_vocab(name)),)]


@pytest.mark.parametrize(("name", "column"), [("ratings", "label"), ("placeholders", "label")])
def test_labels_fold_alike_in_python_and_sql(
    vocab_db: duckdb.DuckDBPyConnection, name: str, column: str
) -> None:
    """The page reader compares `fold`ed labels, candidates.sql `norm_key`s: they must agree."""
    labels = [row[column] for row in read_vocab(name)]
    for label in labels:
        assert label == label.strip(TRIMMED), label
    keys = query(vocab_db, f"SELECT {column}, norm_key({column}) FROM stage.vocab_{name}")
    assert {label: fold(label) for label in labels} == {label: key for label, key in keys}


def test_apostrophes_of_either_kind_give_one_key(vocab_db: duckdb.DuckDBPyConnection) -> None:
    """French pages write `n’ont` or `n'ont`: one label serves both."""
    assert query(
        vocab_db, "SELECT norm_key('N’ont pas changé') = norm_key('n''ont pas changé')"
    ) == [(True,)]


# --- ratings.csv ------------------------------------------------------------------------------


def test_rating_codes_are_design_md_codes_and_every_code_has_a_label() -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    for row in read_vocab("ratings"):
        codes[row["scale"]].add(row["code"])
    assert dict(codes) == DESIGN_CODES


def test_no_folded_rating_label_maps_to_two_codes_in_a_scale(
    vocab_db: duckdb.DuckDBPyConnection,
) -> None:
    rows = read_vocab("ratings")
    assert ambiguous([((r["scale"], fold(r["label"])), r["code"]) for r in rows]) == {}
    clashes = query(
        vocab_db,
        "SELECT scale, norm_key(label), list(DISTINCT code ORDER BY code) "
        "FROM stage.vocab_ratings GROUP BY ALL HAVING count(DISTINCT code) > 1",
    )
    assert clashes == []


def test_no_rating_row_differs_from_another_only_by_case_or_accents() -> None:
    keys = [(r["scale"], fold(r["label"])) for r in read_vocab("ratings")]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


# One Spanish and one French spelling per (scale, code): every code is translated.
TRANSLATED = {
    ("completion", "no_evidence"): ("Sin evidencia disponible", "Aucune preuve disponible"),
    ("completion", "not_started"): ("No iniciado", "Non commencé"),
    ("completion", "limited"): ("Limitado", "Limité"),
    ("completion", "substantial"): ("Sustancial", "Substantielle"),
    ("completion", "complete"): ("Completado", "Achevé"),
    ("completion", "withdrawn"): ("Retirado", "Retiré"),
    ("completion", "unclear"): ("Poco claro", "Pas clair"),
    ("did_it_open_government", "worsened"): ("Empeoró", "S'est détérioré"),
    ("did_it_open_government", "did_not_change"): ("No cambió", "N'a pas changé"),
    ("did_it_open_government", "marginal"): ("Marginal", "Marginaux"),
    ("did_it_open_government", "major"): ("Importante", "Majeurs"),
    ("did_it_open_government", "outstanding"): ("Sobresaliente", "Exceptionnels"),
    ("did_it_open_government", "no_early_results_yet"): (
        "Aún no hay resultados tempranos que reportar",
        "Pas encore de résultats préliminaires à signaler",
    ),
    ("early_results", "no_notable_results"): ("Sin resultados notables", "Aucun résultat notable"),
    ("early_results", "moderate"): ("Moderados", "Modérés"),
    ("early_results", "significant"): ("Significativos", "Significatifs"),
    ("potential_impact", "none"): ("Ninguno", "Aucun"),
    ("potential_impact", "minor"): ("Menor", "Mineur"),
    ("potential_impact", "moderate"): ("Moderado", "Modéré"),
    ("potential_impact", "transformative"): ("Transformador", "Transformateur"),
    ("potential_for_results", "unclear"): ("Poco claro", "Pas clair"),
    ("potential_for_results", "modest"): ("Modesto", "Modeste"),
    ("potential_for_results", "substantial"): ("Sustancial", "Substantiel"),
    ("specificity", "none"): ("Ninguna", "Aucune"),
    ("specificity", "low"): ("Bajo", "Faible"),
    ("specificity", "medium"): ("Medio", "Moyen"),
    ("specificity", "high"): ("Alto", "Élevé"),
    ("ambition", "high"): ("Alto", "Haut"),
    ("ambition", "low"): ("Bajo", "Faible"),
    ("status", "active"): ("Activo", "Actif"),
    ("status", "inactive"): ("Inactivo", "Inactif"),
    ("yes_no", "true"): ("Sí", "Oui"),
    ("yes_no", "false"): ("No", "Non"),
}


def test_every_scale_and_code_has_a_spanish_and_a_french_example() -> None:
    pairs = {(r["scale"], r["code"]) for r in read_vocab("ratings")}
    assert set(TRANSLATED) == pairs


@pytest.mark.parametrize(
    ("scale", "code", "value"),
    [
        (scale, code, value)
        for (scale, code), values in sorted(TRANSLATED.items())
        for value in values
    ],
)
def test_spanish_and_french_values_get_their_code(
    vocab_db: duckdb.DuckDBPyConnection, scale: str, code: str, value: str
) -> None:
    assert rating_code(vocab_db, scale, value) == [(code,)]


@pytest.mark.parametrize(
    ("scale", "value", "code"),
    [
        # Case, accents, decorations, trailing punctuation and doubling, as pages show them.
        ("completion", "SUSTANCIAL", "substantial"),
        ("completion", "Limitado.", "limited"),
        ("completion", "Completo", "complete"),
        ("completion", "Complet", "complete"),
        ("completion", "Achevée", "complete"),
        ("completion", "Non commence", "not_started"),
        ("did_it_open_government", "Mayor Mayor", "major"),
        ("did_it_open_government", "No cambió No cambió", "did_not_change"),
        ("did_it_open_government", "N’ont pas changé", "did_not_change"),
        ("did_it_open_government", "n'ont pas changé n'ont pas changé", "did_not_change"),
        ("did_it_open_government", "Se deterioró", "worsened"),
        ("did_it_open_government", "Détérioré", "worsened"),
        ("did_it_open_government", "Excepcional", "outstanding"),
        ("did_it_open_government", "Exceptionnel", "outstanding"),
        ("did_it_open_government", "Majeur", "major"),
        ("did_it_open_government", "Marginal", "marginal"),
        ("did_it_open_government", "N'ont pas changé", "did_not_change"),
        ("ambition", "Élevée", "high"),
        ("ambition", "Alta", "high"),
        ("ambition", "Baja", "low"),
        ("status", "Activa", "active"),
        ("status", "Active", "active"),
        ("status", "Inactive", "inactive"),
        ("yes_no", "Sí Con Estrella", "true"),
        ("yes_no", "✪ Sí Con Estrella", "true"),
        ("yes_no", "Oui Étoilé", "true"),
        ("yes_no", "Oui étoilé ★", "true"),
        ("yes_no", "Yes Starred", "true"),
        ("yes_no", "si", "true"),
        ("yes_no", "NON", "false"),
        ("potential_impact", "Transformadora", "transformative"),
        ("potential_impact", "Ninguna", "none"),
    ],
)
def test_translated_values_as_pages_show_them_get_their_code(
    vocab_db: duckdb.DuckDBPyConnection, scale: str, value: str, code: str
) -> None:
    assert rating_code(vocab_db, scale, value) == [(code,)]


# --- placeholders.csv -------------------------------------------------------------------------


def test_placeholders_have_known_reasons_and_no_ambiguity(
    vocab_db: duckdb.DuckDBPyConnection,
) -> None:
    rows = read_vocab("placeholders")
    assert {r["reason"] for r in rows} == NULL_REASONS
    folds = [fold(r["label"]) for r in rows]
    assert sorted(k for k in set(folds) if folds.count(k) > 1) == []
    assert ambiguous([(fold(r["label"]), r["reason"]) for r in rows]) == {}
    clashes = query(
        vocab_db,
        "SELECT norm_key(label) FROM stage.vocab_placeholders "
        "GROUP BY ALL HAVING count(DISTINCT reason) > 1",
    )
    assert clashes == []


def test_no_placeholder_equals_a_rating_label(vocab_db: duckdb.DuckDBPyConnection) -> None:
    ratings = {fold(r["label"]) for r in read_vocab("ratings")}
    assert sorted(set(placeholder_reasons()) & ratings) == []
    clashes = query(
        vocab_db,
        "SELECT p.label, r.scale, r.label FROM stage.vocab_placeholders AS p "
        "JOIN stage.vocab_ratings AS r ON norm_key(p.label) = norm_key(r.label)",
    )
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ND", "no_data"),
        ("NR", "not_reviewed"),
        ("NA", "not_applicable"),
        ("N/A", "not_applicable"),
        ("Pending IRM Review", "pending_review"),
        ("Revisión pendiente de IRM", "pending_review"),
        ("Pendiente revisión de IRM", "pending_review"),
        ("Revisión de IRM pendiente", "pending_review"),
        ("Pendiente de revisión del IRM", "pending_review"),
        ("En attente de l'examen de l'IRM", "pending_review"),
        ("En attente de l’examen de l’IRM", "pending_review"),
        ("Examen IRM en attente", "pending_review"),
        ("En attente d'examen IRM", "pending_review"),
        ("No IRM Data", "no_data"),
        ("sin datos de IRM", "no_data"),
        ("Sin datos del IRM", "no_data"),
        ("pas de données IRM", "no_data"),
        ("Pas de données de l'IRM", "no_data"),
        ("Not Applicable", "not_applicable"),
        ("No aplica", "not_applicable"),
        ("Non applicable", "not_applicable"),
        ("No revisado", "not_reviewed"),
        ("Non examiné", "not_reviewed"),
    ],
)
def test_placeholder_spellings_get_their_reason(
    vocab_db: duckdb.DuckDBPyConnection, text: str, reason: str
) -> None:
    assert placeholder_reasons().get(fold(text)) == reason
    found = query(
        vocab_db,
        "SELECT DISTINCT reason FROM stage.vocab_placeholders WHERE norm_key(label) = norm_key(?)",
        [text],
    )
    assert found == [(reason,)]


# --- policy_areas.csv and policy_area_names.csv -----------------------------------------------


def test_policy_area_ids_are_the_slugs_of_their_english_names() -> None:
    rows = read_vocab("policy_areas")
    assert len(rows) == 95
    for row in rows:
        assert row["policy_area_id"] == slug(row["name"]), row


def test_current_policy_area_ids_exist_and_are_current() -> None:
    current_of = {
        r["policy_area_id"]: r["current_policy_area_id"] for r in read_vocab("policy_areas")
    }
    for older, current in current_of.items():
        if current:
            assert current in current_of, (older, current)
            assert current != older, older
            assert current_of[current] == "", f"{older} → {current}, itself replaced"
    assert current_policy_area() == {k: v for k, v in current_of.items() if v}


@pytest.mark.parametrize(
    ("older", "current"),
    [
        ("fiscal-transparency", "fiscal-openness"),
        ("civic-space", "civic-space-and-enabling-environment"),
        ("health", "health-nutrition"),
        ("legislature", "open-parliaments"),
        ("access-to-information", "right-to-information"),
    ],
)
def test_older_areas_know_the_area_they_became(older: str, current: str) -> None:
    assert current_policy_area()[older] == current


def test_policy_area_names_rows_are_well_formed() -> None:
    ids = set(policy_area_names())
    for row in read_vocab("policy_area_names"):
        assert row["policy_area_id"] in ids, row
        assert row["language"] in LANGUAGES, row
        assert row["kind"] in {"translation", "variant"}, row
        if row["kind"] == "translation":
            assert row["language"] in {"es", "fr"}, row


def test_every_area_has_exactly_one_spanish_and_one_french_name() -> None:
    translations: dict[str, list[str]] = defaultdict(list)
    for row in read_vocab("policy_area_names"):
        if row["kind"] == "translation":
            translations[row["policy_area_id"]].append(row["language"])
    for area in policy_area_names():
        assert sorted(translations[area]) == ["es", "fr"], area


def test_no_spelling_contains_a_list_separator() -> None:
    for source, name, _ in area_spelling_rows():
        assert not any(sep in name for sep in LIST_SEPARATORS), (source, name)
        assert name == name.strip(TRIMMED), (source, name)


def test_one_folded_spelling_names_exactly_one_area() -> None:
    rows = area_spelling_rows()
    assert ambiguous([(fold(name), area) for _, name, area in rows]) == {}
    assert set(policy_area_spellings().values()) <= set(policy_area_names())


def test_no_variant_repeats_a_spelling_known_otherwise() -> None:
    rows = read_vocab("policy_area_names")
    others = [fold(name) for source, name, _ in area_spelling_rows() if source == "policy_areas"]
    others += [fold(r["name"]) for r in rows if r["kind"] == "translation"]
    variants = [fold(r["name"]) for r in rows if r["kind"] == "variant"]
    assert sorted(set(variants) & set(others)) == []
    assert sorted(v for v in set(variants) if variants.count(v) > 1) == []


def test_every_spelling_gives_its_area_id() -> None:
    for _, name, area in area_spelling_rows():
        assert policy_area_id(name) == area, name
        assert policy_area_id(name.replace("'", "’")) == area, name


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("Datos abiertos", "open-data"),
        ("Données ouvertes", "open-data"),
        ("DATOS ABIERTOS", "open-data"),
        ("Open Data", "open-data"),
        ("Anti-Corruption", "anti-corruption-and-integrity"),
        ("Anti Corruption and Integrity", "anti-corruption-and-integrity"),
        ("Anticorrupción e integridad", "anti-corruption-and-integrity"),
        ("Lutte contre la corruption et intégrité", "anti-corruption-and-integrity"),
        ("Participación pública", "public-participation"),
        ("Participation du public", "public-participation"),
        ("Environment and Climate", "environment-climate"),
        ("Health and Nutrition", "health-nutrition"),
        ("Health", "health"),  # an older area kept as its own area
        ("Fiscal Transparency", "fiscal-transparency"),
        ("Fiscal Openness", "fiscal-openness"),
        ("Accès à l’information", "access-to-information"),
        ("Derecho a la información", "right-to-information"),
        ("Conflicts Of Interest", "conflicts-of-interest"),  # the export's header
        ("Anti-corruption Institutions", "anti-corruption-institutions"),
    ],
)
def test_policy_area_id_of_known_spellings(name: str, area: str) -> None:
    assert policy_area_id(name) == area


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("Budget Openness", "budget-openness"),
        ("Fiscal Data", "fiscal-data"),
        ("Gobierno", "gobierno"),
    ],
)
def test_unknown_areas_keep_their_slug(name: str, area: str) -> None:
    assert policy_area_id(name) == area


def test_known_policy_area_names_cover_every_spelling_and_split_runs() -> None:
    known = known_policy_area_names()
    assert {fold(name) for _, name, _ in area_spelling_rows()} <= {fold(n) for n in known}
    assert len(known) == len(set(known))
    run = "Datos abiertos Participación pública Derecho a la información"
    assert split_known(run, known) == [
        "Datos abiertos",
        "Participación pública",
        "Derecho a la información",
    ]
    assert split_known("Accès à l’information Données ouvertes", known) == [
        "Accès à l'information",
        "Données ouvertes",
    ]


# --- ogp_values.csv ---------------------------------------------------------------------------


def test_ogp_values_rows_are_well_formed_and_unambiguous() -> None:
    rows = read_vocab("ogp_values")
    assert {r["value"] for r in rows} == OGP_VALUE_CODES
    assert {r["language"] for r in rows} == LANGUAGES
    for row in rows:
        assert not any(sep in row["label"] for sep in LIST_SEPARATORS), row
    for value in OGP_VALUE_CODES:
        languages = {r["language"] for r in rows if r["value"] == value}
        assert languages == LANGUAGES, value
    assert ambiguous([(fold(r["label"]), r["value"]) for r in rows]) == {}
    folds = [fold(r["label"]) for r in rows]
    assert sorted(k for k in set(folds) if folds.count(k) > 1) == []


def test_ogp_values_mapping_is_built_from_the_csv() -> None:
    for row in read_vocab("ogp_values"):
        assert OGP_VALUES[row["label"]] == row["value"], row
    # The English names the code used to hard-wire keep their value.
    assert OGP_VALUES["Access to Information"] == "access_to_information"
    assert OGP_VALUES["Civic Participation"] == "civic_participation"
    assert OGP_VALUES["Public Accountability"] == "public_accountability"
    assert OGP_VALUES["Technology"] == "technology"
    assert (
        OGP_VALUES["Technology and Innovation for Transparency and Accountability"] == "technology"
    )
    assert ambiguous([(fold(label), value) for label, value in OGP_VALUES.items()]) == {}


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Acceso a la información, Participación ciudadana",
            ["access_to_information", "civic_participation"],
        ),
        ("Rendición de cuentas pública Tecnología", ["public_accountability", "technology"]),
        ("Rendición de cuentas", ["public_accountability"]),
        (
            "Tecnología e innovación para la transparencia y la rendición de cuentas",
            ["technology"],
        ),
        (
            "Accès à l’information Participation civique , Redevabilité publique",
            ["access_to_information", "civic_participation", "public_accountability"],
        ),
        ("Responsabilité publique", ["public_accountability"]),
        (
            "Technologie et innovation pour la transparence et la redevabilité",
            ["technology"],
        ),
    ],
)
def test_translated_ogp_value_lists_split(text: str, values: list[str]) -> None:
    assert split_ogp_values(text) == values
