"""The vocabularies in pipeline/vocab/ are consistent with each other, the readers and the contract.

One test (or more) per file. Where a vocabulary entry is deliberately not used, the test
lists it explicitly, so a new entry that nothing reads fails here instead of being lost
silently. Value keys are computed by DuckDB with the pipeline's own macros
(`norm_key` in sql/macros.sql), on the vocabulary tables loaded as the pipeline loads them.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from pipeline import contract
from pipeline.raw.fields.institution_kinds import KINDS
from pipeline.raw.tables import SCHEMAS, export_rows_schema
from pipeline.stage.steps import load_vocabularies
from pipeline.textutil import fold
from pipeline.vocabulary import (
    institution_kind_words,
    international_bodies,
    international_body_names,
    page_headings,
    page_labels,
    placeholder_reasons,
    policy_area_id,
    read_vocab,
    vocab_path,
)
from tests.fixtures.samples import SAMPLE_EXPORT

LANGUAGES = {"en", "es", "fr"}
SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

# Scales candidates.sql handles itself; every other scale must be a ratings.csv scale.
SQL_SCALES = {"text", "raw", "list", "ids", "date", "year", "integer", "active_flag"}

# --- what the page reader and the SQL make of page fields (enumerated on purpose) ---------

# Columns of raw.page_commitments that source_values.sql unpivots as page source fields.
PAGE_COMMITMENT_FIELDS = {"title", "description", "member_id"}
# Page source fields that are not a label's field: computed by the page reader
# (readers/page.py), by extract_pages.derived_page_fields, or by source_values.sql.
DERIVED_PAGE_FIELDS = {
    "start_date",  # label field too; source_values.sql pairs it with start_date_parsed
    "end_date",
    "action_plan_end_year",  # the years at the end of `Action Plan:`
    "completion_midterm_at_a_glance",  # at-a-glance `Completion:`, by the IRM report it rates
    "completion_end_of_term_at_a_glance",
    "relevant_access_to_information",  # split out of a `Relevant to OGP Values:` list
    "relevant_civic_participation",
    "relevant_public_accountability",
    "relevant_technology",
    "commitment_number",  # `N.` line opening an IRM status summary
    "lead_institutions",  # raw.page_institutions, role lead
    "support_institutions",  # raw.page_institutions, role support
    "involved_institutions",  # raw.page_institutions, role involved (2024+)
    "primary_policy_area_id",  # the 2024+ `Primary Policy Area:` as a policy-area id
    "policy_areas",  # raw.page_policy_areas
    "milestones",  # raw.page_milestones
    "notes",  # raw.page_notes (inline `[Note N: ...]`)
}
# Label fields that reach the release only through other page source fields.
LABEL_FEEDS = {
    "lead_institution": {"lead_institutions"},
    "support_institution": {"support_institutions"},
    "institutions_involved": {"involved_institutions"},
    "commitment_start": {"start_date"},  # 2024+ month-year start, parsed like `Start date:`
    "commitment_end": {"end_date"},
    "primary_policy_area": {"primary_policy_area_id"},
    "ogp_value": {"relevant_access_to_information", "relevant_technology"},
    "completion": {"completion_midterm_at_a_glance", "completion_end_of_term_at_a_glance"},
}
# Label fields read by the page reader but published nowhere (no field_map row). The page
# reader still needs the labels: they end the previous field's value and mark the layout.
LABELS_NOT_PUBLISHED = {
    "commitment_text": "IRM status summary: restates the commitment's description",
    "responsible_institution": "IRM status summary: the at-a-glance lead institution is read",
    "supporting_institutions": "IRM status summary: the at-a-glance support field is read",
    "commitment_aim": "IRM status summary; no release column",
}
# Columns of raw.member_list_entries that source_values.sql unpivots as source fields.
MEMBER_LIST_FIELDS = {"title", "member_id", "policy_area_id", "year", "starred"}
# Export source fields that are not an export column: built by source_values.sql.
DERIVED_EXPORT_FIELDS = {"member_id", "lead_institutions", "support_institutions", "policy_areas"}
# field_map fields that are no contract column: lists that feed other tables.
INTERNAL_FIELDS = {
    "commitments.lead_institutions": "commitment_institutions (role lead) and institutions",
    "commitments.support_institutions": "commitment_institutions (role support)",
    "commitments.policy_areas": "commitment_policy_areas and policy_areas",
    "commitments.primary_policy_area": "commitment_policy_areas.is_primary",
    "commitments.involved_institutions": "commitment_institutions (role involved)",
    "commitments.milestones": "milestones",
    "commitments.notes": "notes",
}
# Heading kinds the page reader knows (readers/page.py).
HEADING_KINDS = {
    "skip_navigation",
    "overview",
    "at_a_glance",
    "institutions",
    "policy_areas",
    "irm_review",
    "design",
    "implementation",
    "description",
    "status_summary_midterm",
    "status_summary_end_of_term",
    "status",
    "did_it_open_government",
    "carried_forward",
    "inception_report_summary",
}
# A heading that reads like a label without its colon. Harmless only because the reader
# matches at-a-glance labels before headings, and no status-summary label has this text.
HEADING_LIKE_LABELS = {("Status", "Status:")}


# --- helpers --------------------------------------------------------------------------------


def header_of(name: str) -> list[str]:
    with vocab_path(name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def contract_fields() -> dict[str, dict[str, Any]]:
    """`table.column` → the contract's field descriptor."""
    return {
        f"{table}.{field['name']}": field
        for table in contract.table_names()
        for field in contract.fields(table)
    }


def allowed_codes(field: dict[str, Any]) -> set[str] | None:
    """Codes a field may take: its enum, or true/false for a boolean; None if unconstrained."""
    if field["type"] == "boolean":
        return {"true", "false"}
    values = contract.enum_values(field)
    return set(values) if values else None


def field_map() -> tuple[dict[str, str], ...]:
    return read_vocab("field_map")


def source_fields(kind: str) -> set[str]:
    return {row["source_field"] for row in field_map() if row["source_kind"] == kind}


def rating_scales() -> set[str]:
    return {row["scale"] for row in read_vocab("ratings")}


def duplicates(items: Iterator[Any] | list[Any]) -> list[Any]:
    seen: set[Any] = set()
    repeated = []
    for item in items:
        if item in seen:
            repeated.append(item)
        seen.add(item)
    return repeated


@pytest.fixture(scope="module")
def vocab_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """The vocabularies loaded into DuckDB exactly as the pipeline loads them, with its macros."""
    con = duckdb.connect()
    try:
        load_vocabularies(con)
        yield con
    finally:
        con.close()


def query(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def test_every_vocabulary_file_has_its_header_and_no_blank_cells() -> None:
    headers = {
        "page_labels": ["field", "language", "label", "section"],
        "page_headings": ["kind", "language", "heading"],
        "ratings": ["scale", "label", "code"],
        "placeholders": ["label", "reason"],
        "policy_areas": ["policy_area_id", "name", "export_column", "current_policy_area_id"],
        "institution_headwords": ["word"],
        "export_columns": ["header", "column", "explorer_header"],
        "field_map": ["field", "source_kind", "source_field", "scale", "rank"],
        "policy_area_names": ["policy_area_id", "language", "name", "kind"],
        "ogp_values": ["label", "language", "value"],
        "members": [
            "member_id", "name", "country_code", "member_type", "region", "ogp_code", "basis",
        ],
        "member_names": ["member_id", "language", "name"],
        "institution_labels": ["kind", "language", "text"],
        "institution_whole_names": ["member", "name"],
        "institution_word_roles": ["role", "language", "word"],
        "institution_portfolios": ["language", "phrase"],
        "contact_words": ["kind", "word"],
        "institution_kinds": ["kind", "language", "word"],
        "international_bodies": ["key", "name", "alias"],
    }  # fmt: skip
    # Every file in pipeline/vocab is listed: a new vocabulary cannot skip this check.
    shipped = {path.stem for path in vocab_path("ratings").parent.glob("*.csv")}
    assert shipped == set(headers)
    optional = {
        ("policy_areas", "export_column"),
        ("policy_areas", "current_policy_area_id"),
        ("members", "region"),
        ("members", "ogp_code"),
        ("export_columns", "explorer_header"),
    }
    for name, header in headers.items():
        assert header_of(name) == header, name
        rows = read_vocab(name)
        assert rows, f"{name}.csv is empty"
        for number, row in enumerate(rows, 2):
            assert None not in row, f"{name}.csv line {number} has too many cells"
            for column, value in row.items():
                assert value is not None, f"{name}.csv line {number}: {column} missing"
                assert value == value.strip(), f"{name}.csv line {number}: {column} {value!r}"
                if (name, column) not in optional:
                    assert value, f"{name}.csv line {number}: {column} is empty"


COLONLESS_LABELS = {"Estatus"}  # docs/sources.md: `Estado: / Estatus`


# --- page_labels.csv --------------------------------------------------------------------------


def test_page_labels_end_with_a_colon_and_have_known_sections_and_languages() -> None:
    for row in read_vocab("page_labels"):
        # Only labels docs/sources.md shows without a colon may lack one.
        assert row["label"].endswith(":") or row["label"] in COLONLESS_LABELS, row
        assert row["section"] in {"at_a_glance", "status_summary"}, row
        assert row["language"] in LANGUAGES, row
        assert SNAKE.fullmatch(row["field"]), row


def test_page_labels_have_no_duplicates() -> None:
    rows = read_vocab("page_labels")
    assert duplicates((r["language"], r["label"]) for r in rows) == []

    # The reader matches labels folded, with any spaces before the colon: two rows that
    # fold alike in one section are one label, and must not name two fields.
    # (Spellings that fold alike, `Plan de ACCION:` / `Plan de acción:`, are kept on purpose:
    # readers/page.py finds labels glued to a value by their exact text.)
    def key(text: str) -> str:
        return re.sub(r"\s+", " ", fold(text).rstrip(":").strip())

    fields_by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        fields_by_key[(row["section"], key(row["label"]))].add(row["field"])
    assert {k: v for k, v in fields_by_key.items() if len(v) > 1} == {}
    assert len(page_labels()) == len(rows)


def test_every_label_field_is_published_or_listed_as_not_published() -> None:
    labels = {row["field"] for row in read_vocab("page_labels")}
    read = source_fields("page")
    unaccounted = sorted(
        f
        for f in labels
        if f not in read and f not in LABEL_FEEDS and f not in LABELS_NOT_PUBLISHED
    )
    assert unaccounted == [], "label fields no field_map row reads (publish or list them)"
    for label_field, targets in LABEL_FEEDS.items():
        assert label_field in labels and label_field not in read, label_field
        assert targets <= read, (label_field, targets - read)
    # The lists stay true: an entry that is published, or no longer a label, fails.
    assert sorted(set(LABELS_NOT_PUBLISHED) - labels) == []
    assert sorted(set(LABELS_NOT_PUBLISHED) & read) == []


@pytest.mark.parametrize(
    ("language", "label", "label_field"),
    [
        ("en", "Action Plan:", "action_plan"),
        ("es", "Plan de ACCION:", "action_plan"),
        ("fr", "Plan d'action:", "action_plan"),
        ("en", "Action Plan Cycle:", "action_plan_cycle"),
        ("es", "Ciclo del plan de acción:", "action_plan_cycle"),
        ("fr", "Cycle du plan d'action :", "action_plan_cycle"),
        ("es", "Estado:", "status"),
        ("es", "Estatus:", "status"),
        ("fr", "Statut:", "status"),
        ("es", "Institución principal:", "lead_institution"),
        ("es", "Institución líder:", "lead_institution"),
        ("fr", "Institution chef de file :", "lead_institution"),
        ("es", "Instituciones de apoyo:", "support_institution"),
        ("es", "Institución(es) de apoyo:", "support_institution"),
        ("fr", "Institution(s) d'appui :", "support_institution"),
        ("fr", "Institution(s) de soutien :", "support_institution"),
        ("es", "Informe de IRM:", "irm_report"),
        ("fr", "Rapport IRM:", "irm_report"),
        ("es", "Estelares:", "starred"),
        ("es", "Estelar:", "starred"),
        ("es", "Destacado:", "starred"),
        ("es", "Resultados iniciales:", "early_results"),
        ("es", "Primeros resultados:", "early_results"),
        ("fr", "Premiers résultats :", "early_results"),
        ("es", "Verificable:", "verifiable"),
        ("fr", "Vérifiable :", "verifiable"),
        ("es", "Relevante para los valores de OGP:", "relevant_to_ogp_values"),
        ("fr", "Pertinent pour les valeurs OGP :", "relevant_to_ogp_values"),
        ("es", "Impacto potencial:", "potential_impact"),
        ("es", "Ambición (consulta: definición):", "ambition"),
        ("fr", "Ambition (voir définition):", "ambition"),
        ("es", "Terminación:", "completion"),
        ("es", "Finalización:", "completion"),
        ("fr", "Achèvement:", "completion"),
        ("en", "Commitment Start:", "commitment_start"),
        ("en", "Midterm:", "completion_midterm"),
        ("en", "End of term:", "completion_end_of_term"),
    ],
)
def test_the_labels_sources_md_lists_are_known(language: str, label: str, label_field: str) -> None:
    """docs/sources.md §1's label table, as the reader compares labels (folded, `x :` = `x:`)."""

    def key(text: str) -> str:
        return re.sub(r"\s+", " ", fold(text).rstrip(":").strip())

    found = {
        row["field"]
        for row in read_vocab("page_labels")
        if row["language"] == language and key(row["label"]) == key(label)
    }
    assert found == {label_field}


# --- page_headings.csv ------------------------------------------------------------------------


def test_page_headings_have_known_kinds_and_no_duplicates() -> None:
    rows = read_vocab("page_headings")
    for row in rows:
        assert row["kind"] in HEADING_KINDS, row
        assert row["language"] in LANGUAGES, row
        assert not row["heading"].endswith(":"), row  # the reader strips a trailing colon
    assert duplicates((r["language"], r["heading"]) for r in rows) == []
    # page_headings() is keyed by the folded heading: two kinds for one key would be lost.
    kinds_by_key: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kinds_by_key[fold(row["heading"])].add(row["kind"])
    assert {k: v for k, v in kinds_by_key.items() if len(v) > 1} == {}
    assert set(page_headings()) == set(kinds_by_key)
    assert {r["kind"] for r in rows} == HEADING_KINDS  # no kind the reader waits for in vain


def test_no_heading_is_a_label() -> None:
    labels = read_vocab("page_labels")
    overlaps = set()
    for heading in read_vocab("page_headings"):
        key = fold(heading["heading"])
        for label in labels:
            folded = fold(label["label"])
            assert key != folded, (heading, label)
            if key == folded.rstrip(":").strip():
                overlaps.add((heading["heading"], label["label"]))
                # The one known overlap must stay out of the status summaries, where the
                # reader would take it for the heading.
                assert label["section"] == "at_a_glance", (heading, label)
    assert overlaps == HEADING_LIKE_LABELS


# --- ratings.csv ------------------------------------------------------------------------------


def test_rating_scales_are_exactly_the_non_sql_scales_of_field_map() -> None:
    used = {row["scale"] for row in field_map()} - SQL_SCALES
    assert rating_scales() == used
    assert not rating_scales() & SQL_SCALES


def test_rating_codes_are_exactly_the_contract_codes_of_every_field_using_the_scale() -> None:
    columns = contract_fields()
    codes: dict[str, set[str]] = defaultdict(set)
    for row in read_vocab("ratings"):
        codes[row["scale"]].add(row["code"])
    checked = 0
    for row in field_map():
        if row["scale"] not in codes:
            continue
        field = columns[row["field"]]
        assert allowed_codes(field) == codes[row["scale"]], (row["field"], row["scale"])
        checked += 1
    assert checked > 0


def test_yes_no_maps_to_true_and_false() -> None:
    pairs = {(r["label"], r["code"]) for r in read_vocab("ratings") if r["scale"] == "yes_no"}
    assert {code for _, code in pairs} == {"true", "false"}
    assert {("Yes", "true"), ("No", "false"), ("1", "true"), ("0", "false")} <= pairs


def test_no_rating_label_maps_to_two_codes_once_normalised(
    vocab_db: duckdb.DuckDBPyConnection,
) -> None:
    rows = read_vocab("ratings")
    assert duplicates((r["scale"], r["label"]) for r in rows) == []
    assert query(vocab_db, "SELECT count(*) FROM stage.vocab_ratings") == [(len(rows),)]
    empty = query(
        vocab_db,
        "SELECT scale, label FROM stage.vocab_ratings "
        "WHERE label IS NULL OR code IS NULL OR coalesce(norm_key(label), '') = ''",
    )
    assert empty == []
    clashes = query(
        vocab_db,
        "SELECT scale, norm_key(label) AS key, list(DISTINCT code ORDER BY code) "
        "FROM stage.vocab_ratings GROUP BY ALL HAVING count(DISTINCT code) > 1 ORDER BY ALL",
    )
    assert clashes == []
    # The page reader compares folded labels (readers/page.py is_rating_value).
    codes_by_fold: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        codes_by_fold[(row["scale"], fold(row["label"]))].add(row["code"])
    assert {k: v for k, v in codes_by_fold.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("scale", "value", "code"),
    [
        # docs/sources.md, official IRM vocabularies (export spellings too).
        ("completion", "No Evidence Available", "no_evidence"),
        ("completion", "Not Started", "not_started"),
        ("completion", "Limited", "limited"),
        ("completion", "Substantial", "substantial"),
        ("completion", "Complete", "complete"),
        ("completion", "Withdrawn", "withdrawn"),
        ("completion", "Unclear", "unclear"),
        ("did_it_open_government", "Worsened", "worsened"),
        ("did_it_open_government", "Worsens", "worsened"),
        ("did_it_open_government", "Did Not Change", "did_not_change"),
        ("did_it_open_government", "Marginal", "marginal"),
        ("did_it_open_government", "Major", "major"),
        ("did_it_open_government", "Outstanding", "outstanding"),
        ("did_it_open_government", "No early results to report yet", "no_early_results_yet"),
        ("early_results", "No notable results", "no_notable_results"),
        ("early_results", "Moderate", "moderate"),
        ("early_results", "Significant", "significant"),
        ("potential_impact", "None", "none"),
        ("potential_impact", "Minor", "minor"),
        ("potential_impact", "Moderate", "moderate"),
        ("potential_impact", "Transformative", "transformative"),
        ("potential_for_results", "Unclear", "unclear"),
        ("potential_for_results", "Modest", "modest"),
        ("potential_for_results", "Substantial", "substantial"),
        ("specificity", "None", "none"),
        ("specificity", "Low", "low"),
        ("specificity", "Medium", "medium"),
        ("specificity", "High", "high"),
        ("yes_no", "Yes", "true"),
        ("yes_no", "No", "false"),
        ("ambition", "High", "high"),
        ("ambition", "Low", "low"),
        ("status", "Active", "active"),
        ("status", "Inactive", "inactive"),
        # docs/sources.md §1: doubled, decorated and translated values pages show.
        ("did_it_open_government", "Major Major", "major"),
        ("did_it_open_government", "Did Not Change Did Not Change", "did_not_change"),
        ("yes_no", "Yes Starred", "true"),
        ("yes_no", "Sí Con Estrella", "true"),
        ("ambition", "Haut", "high"),
        ("ambition", "Alto", "high"),
        ("ambition", "Faible", "low"),
        ("yes_no", "Oui", "true"),
        ("yes_no", "Sí", "true"),
        ("yes_no", "si", "true"),
        ("did_it_open_government", "marginaux", "marginal"),
        ("did_it_open_government", "n'ont pas changé", "did_not_change"),
        ("status", "Activo", "active"),
        # docs/sources.md §3: a stray `1` where `Yes` is expected.
        ("yes_no", "1", "true"),
    ],
)
def test_the_values_sources_md_documents_get_their_code(
    vocab_db: duckdb.DuckDBPyConnection, scale: str, value: str, code: str
) -> None:
    # The same lookup as candidates.sql: norm_key of the value against norm_key of labels.
    found = vocab_db.execute(
        "SELECT DISTINCT code FROM stage.vocab_ratings "
        "WHERE scale = ? AND norm_key(label) = norm_key(?)",
        [scale, value],
    ).fetchall()
    assert found == [(code,)]


# --- placeholders.csv -------------------------------------------------------------------------


def null_reason_enum() -> set[str]:
    enums = [
        frozenset(contract.enum_values(field) or ())
        for name, field in contract_fields().items()
        if name.endswith("_null_reason")
    ]
    assert enums, "the contract has no *_null_reason column"
    assert len(set(enums)) == 1, "the *_null_reason columns disagree on their codes"
    return set(enums[0])


def test_placeholder_reasons_are_the_contracts_null_reasons() -> None:
    reasons = {row["reason"] for row in read_vocab("placeholders")}
    assert reasons <= null_reason_enum()
    assert reasons == null_reason_enum()  # every reason the contract offers can occur


def test_no_placeholder_is_a_rating_value(vocab_db: duckdb.DuckDBPyConnection) -> None:
    # candidates.sql checks placeholders before ratings: a placeholder that is also a rating
    # label (`None` is a potential_impact and a specificity value) would erase that value.
    clashes = query(
        vocab_db,
        "SELECT p.label, r.scale, r.label FROM stage.vocab_placeholders AS p "
        "JOIN stage.vocab_ratings AS r ON norm_key(p.label) = norm_key(r.label) ORDER BY ALL",
    )
    assert clashes == []
    rating_folds = {fold(row["label"]) for row in read_vocab("ratings")}
    assert sorted(set(placeholder_reasons()) & rating_folds) == []


def test_no_placeholder_maps_to_two_reasons(vocab_db: duckdb.DuckDBPyConnection) -> None:
    rows = read_vocab("placeholders")
    assert duplicates(r["label"] for r in rows) == []
    clashes = query(
        vocab_db,
        "SELECT norm_key(label), list(DISTINCT reason ORDER BY reason) "
        "FROM stage.vocab_placeholders GROUP BY ALL HAVING count(DISTINCT reason) > 1",
    )
    assert clashes == []
    empty = query(
        vocab_db,
        "SELECT label FROM stage.vocab_placeholders "
        "WHERE reason IS NULL OR coalesce(norm_key(label), '') = ''",
    )
    assert empty == []
    assert len(placeholder_reasons()) == len({fold(r["label"]) for r in rows})


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ND", "no_data"),
        ("NR", "not_reviewed"),
        ("NA", "not_applicable"),
        ("Not Applicable", "not_applicable"),
        ("Pending IRM Review", "pending_review"),
        ("Revisión pendiente de IRM", "pending_review"),
        ("Pendiente revisión de IRM", "pending_review"),
        ("No IRM Data", "no_data"),
        ("sin datos de IRM", "no_data"),
        ("pas de données IRM", "no_data"),
    ],
)
def test_the_placeholders_sources_md_lists_are_known(text: str, reason: str) -> None:
    assert placeholder_reasons().get(fold(text)) == reason


# --- policy_areas.csv -------------------------------------------------------------------------


def sample_export_header() -> list[str]:
    with SAMPLE_EXPORT.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def test_policy_area_ids_are_unique_slugs_of_their_names() -> None:
    rows = read_vocab("policy_areas")
    assert duplicates(r["policy_area_id"] for r in rows) == []
    assert duplicates(fold(r["name"]) for r in rows) == []
    for row in rows:
        assert row["policy_area_id"] == policy_area_id(row["name"]), row


def test_policy_area_export_columns_are_headers_of_the_sample_export() -> None:
    header = sample_export_header()
    columns = [r["export_column"] for r in read_vocab("policy_areas") if r["export_column"]]
    assert duplicates(columns) == []
    assert sorted(set(columns) - set(header)) == []


def test_every_sample_export_header_is_a_registered_column_or_a_policy_area() -> None:
    header = sample_export_header()
    registered = {r["header"] for r in read_vocab("export_columns")}
    areas = {r["export_column"] for r in read_vocab("policy_areas") if r["export_column"]}
    assert not registered & areas, "a header cannot be both a column and a policy area"
    assert [h for h in header if h not in registered | areas] == []


# --- institution_headwords.csv ----------------------------------------------------------------


def test_institution_headwords_are_unique_single_words() -> None:
    words = [row["word"] for row in read_vocab("institution_headwords")]
    assert words
    assert duplicates(fold(w) for w in words) == []
    for word in words:
        # institutions.py compares them with the folded `[a-z]+` words of a phrase.
        assert re.fullmatch(r"[a-z]+", fold(word)), word


# --- institution_kinds.csv -------------------------------------------------------------------


def words_key(text: str) -> str:
    """A phrase as institution_kinds.py compares it: folded words, punctuation a break."""
    return " ".join(re.findall(r"[^\W_]+", fold(text)))


def test_institution_kind_words_have_known_kinds_and_languages() -> None:
    rows = read_vocab("institution_kinds")
    for row in rows:
        assert row["kind"] in KINDS and row["kind"] != "other", row  # `other`: no word
        assert re.fullmatch(r"[a-z]{2}", row["language"]), row  # ISO 639-1
        assert words_key(row["word"]), row
    # Every kind that has words has them in the three page languages.
    languages: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        languages[row["kind"]].add(row["language"])
    assert set(languages) == set(KINDS) - {"other"}
    assert {kind: LANGUAGES - found for kind, found in languages.items() if LANGUAGES - found} == {}


def test_no_institution_kind_word_is_listed_twice_or_under_two_kinds() -> None:
    rows = read_vocab("institution_kinds")
    assert duplicates((r["language"], r["word"]) for r in rows) == []
    assert duplicates((r["language"], words_key(r["word"])) for r in rows) == []
    # The same spelling in two languages (`tribunal`) is fine; under two kinds it is not,
    # neither as folded nor as compared (`S.A.` and `s a` are one phrase).
    kinds_by_key: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kinds_by_key[words_key(row["word"])].add(row["kind"])
    assert {k: v for k, v in kinds_by_key.items() if len(v) > 1} == {}
    assert len(institution_kind_words()) == len({fold(r["word"]) for r in rows})


# --- international_bodies.csv -----------------------------------------------------------------


def test_international_body_keys_are_slugs_with_one_english_name() -> None:
    rows = read_vocab("international_bodies")
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["key"]), row
        names[row["key"]].add(row["name"])
    assert {key: found for key, found in names.items() if len(found) > 1} == {}
    assert international_body_names() == {key: found.pop() for key, found in names.items()}
    # The English name is itself an alias of its body.
    aliases = {(r["key"], words_key(r["alias"])) for r in rows}
    for key, name in international_body_names().items():
        assert (key, words_key(name)) in aliases, key


def test_no_international_body_alias_is_listed_twice_or_names_two_bodies() -> None:
    rows = read_vocab("international_bodies")
    assert duplicates(words_key(r["alias"]) for r in rows) == []
    keys_by_alias: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        keys_by_alias[words_key(row["alias"])].add(row["key"])
    assert {a: k for a, k in keys_by_alias.items() if len(k) > 1} == {}
    assert len(international_bodies()) == len(rows)


def test_short_international_body_aliases_are_written_in_capitals() -> None:
    # institution_kinds.py takes a name of three letters or fewer (`UN`, `BID`) for an
    # acronym only in capitals: an alias written otherwise could never match.
    for row in read_vocab("international_bodies"):
        letters = re.sub(r"[\W_]", "", row["alias"])
        if len(letters) <= 3:
            assert row["alias"].isupper(), row


# --- export_columns.csv -----------------------------------------------------------------------


def test_export_columns_are_unique_identifiers() -> None:
    rows = read_vocab("export_columns")
    assert duplicates(r["column"] for r in rows) == []
    assert duplicates(r["header"] for r in rows) == []
    for row in rows:
        assert SNAKE.fullmatch(row["column"]), row
    # raw.export_rows puts them beside its key and date columns: no name twice.
    names = export_rows_schema().names
    assert duplicates(names) == []


def test_every_export_field_field_map_reads_is_an_export_column() -> None:
    columns = {r["column"] for r in read_vocab("export_columns")}
    read = source_fields("export")
    assert sorted(read - columns - DERIVED_EXPORT_FIELDS) == []
    # The derived list stays true: each is read and none is a real column.
    assert sorted(DERIVED_EXPORT_FIELDS - read) == []
    assert sorted(DERIVED_EXPORT_FIELDS & columns) == []


def test_archival_explorer_fields_are_export_fields_the_explorer_has() -> None:
    """Explorer rows land in raw.export_rows: field_map reads them by export column name."""
    columns = {r["column"] for r in read_vocab("export_columns")}
    read = source_fields("explorer")
    assert read, "no field_map row reads the archival explorer"
    assert sorted(read - columns - DERIVED_EXPORT_FIELDS) == []


def test_export_column_headers_are_headers_of_the_sample_export() -> None:
    header = set(sample_export_header())
    assert (
        sorted(r["header"] for r in read_vocab("export_columns") if r["header"] not in header) == []
    )


# --- field_map.csv ----------------------------------------------------------------------------


def test_field_map_fields_are_contract_columns_or_listed_internal_lists() -> None:
    columns = contract_fields()
    fields = {row["field"] for row in field_map()}
    assert sorted(f for f in fields if f not in columns and f not in INTERNAL_FIELDS) == []
    assert sorted(set(INTERNAL_FIELDS) - fields) == []
    assert sorted(set(INTERNAL_FIELDS) & set(columns)) == []
    for name in fields:
        table, _, column = name.partition(".")
        assert table in contract.table_names() and column, name


def test_field_map_rows_are_unique_with_integer_ranks_and_known_kinds_and_scales() -> None:
    rows = field_map()
    assert duplicates((r["field"], r["source_kind"], r["source_field"]) for r in rows) == []
    scales = SQL_SCALES | rating_scales()
    for row in rows:
        assert row["source_kind"] in {"page", "export", "explorer", "member_list"}, row
        assert re.fullmatch(r"\d+", row["rank"]), row
        assert row["scale"] in scales, row
        assert SNAKE.fullmatch(row["source_field"]), row
    # choices.sql picks the lowest rank: two sources with one rank would be decided by
    # capture date and path instead of the documented precedence.
    assert duplicates((r["field"], int(r["rank"])) for r in rows) == []


def test_field_map_scales_fit_the_contract_types() -> None:
    columns = contract_fields()
    types = {"text": {"string"}, "raw": {"string"}, "date": {"date"}, "year": {"integer"}}
    types |= {"integer": {"integer"}, "yes_no": {"boolean"}, "active_flag": {"string"}}
    for row in field_map():
        if row["field"] in INTERNAL_FIELDS:
            assert row["scale"] in {"list", "ids", "raw"}, row
            continue
        field = columns[row["field"]]
        assert row["scale"] not in {"list", "ids"}, row
        expected = types.get(row["scale"], {"string"})
        assert field["type"] in expected, (row, field["type"])
        if row["scale"] in rating_scales() - {"yes_no"} or row["scale"] == "active_flag":
            assert contract.enum_values(field), f"{row['field']} is coded but has no enum"


def test_every_page_source_field_is_read_by_the_page_reader() -> None:
    labels = {row["field"] for row in read_vocab("page_labels")}
    known = labels | PAGE_COMMITMENT_FIELDS | DERIVED_PAGE_FIELDS
    read = source_fields("page")
    assert sorted(read - known) == []
    assert sorted(DERIVED_PAGE_FIELDS - read) == []  # the enumeration stays true
    assert set(SCHEMAS["page_commitments"].names) >= PAGE_COMMITMENT_FIELDS


def test_every_member_list_source_field_is_a_member_list_column() -> None:
    assert sorted(source_fields("member_list") - MEMBER_LIST_FIELDS) == []
    assert set(SCHEMAS["member_list_entries"].names) >= MEMBER_LIST_FIELDS


# --- institution_word_roles.csv ----------------------------------------------------------

WORD_ROLES = {
    "connector", "abbreviation", "preposition", "leading_adjective", "opens_with_of", "opens",
    "closes", "single_word_body",
}  # fmt: skip


def test_institution_word_roles_are_known_and_each_word_once_per_role() -> None:
    rows = read_vocab("institution_word_roles")
    assert {row["role"] for row in rows} == WORD_ROLES  # institution_lists.py reads each
    keys = [(row["role"], fold(row["word"])) for row in rows]
    assert duplicates(keys) == []
    assert all(row["language"] in {"en", "es", "fr"} for row in rows)
    head_words = {fold(row["word"]) for row in read_vocab("institution_headwords")}
    for row in rows:
        if row["role"] in {"opens_with_of", "opens"}:
            # a word that opens a name is a head word (`closes` also has `General`, which
            # ends `Auditor General` without naming a kind of body)
            assert fold(row["word"]) in head_words, row
