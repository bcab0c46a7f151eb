-- Source values mapped to release fields (vocab/field_map.csv) and normalised to
-- canonical codes (vocab/ratings.csv); placeholders (vocab/placeholders.csv) become NULL
-- with the reason kept. One row per (commitment, field, source record, source field).
CREATE OR REPLACE TABLE stage.candidates AS
WITH placeholders AS (
    SELECT DISTINCT norm_key(label) AS key, first(reason ORDER BY label) AS reason
    FROM stage.vocab_placeholders GROUP BY ALL
),
ratings AS (
    SELECT scale, norm_key(label) AS key, first(code ORDER BY label) AS code
    FROM stage.vocab_ratings GROUP BY ALL
),
export_headers AS (
    SELECT "column" AS source_field, header FROM stage.vocab_export_columns
    UNION ALL
    SELECT * FROM (VALUES ('member_id', 'URL'), ('lead_institutions', 'Lead Institution'),
                          ('support_institutions', 'Supporting Institution(s)'),
                          ('policy_areas', 'policy-area columns')) AS derived(source_field, header)
),
mapped AS (
    SELECT v.*, m.field, m.scale, CAST(m.rank AS INTEGER) AS rank, norm_key(v.value) AS key,
           CASE WHEN v.source_kind IN ('export', 'explorer')
                THEN v.location || ', column ''' || coalesce(h.header, v.source_field) || ''''
                ELSE v.location || ', field ''' || v.source_field || ''''
           END AS field_location
    FROM stage.source_values AS v
    JOIN stage.vocab_field_map AS m
      ON m.source_kind = v.source_kind AND m.source_field = v.source_field
    LEFT JOIN export_headers AS h
      ON v.source_kind IN ('export', 'explorer') AND h.source_field = v.source_field
),
normalised AS (
    SELECT m.*, p.reason AS null_reason,
           CASE
               WHEN p.reason IS NOT NULL THEN NULL
               WHEN m.scale IN ('text', 'raw', 'list', 'ids', 'date') THEN nullif(trim(m.value), '')
               WHEN m.scale = 'year' THEN
                   CAST(CASE WHEN TRY_CAST(m.key AS INTEGER) BETWEEN 1990 AND 2100
                             THEN TRY_CAST(m.key AS INTEGER) END AS VARCHAR)
               WHEN m.scale = 'integer' THEN CAST(TRY_CAST(m.key AS INTEGER) AS VARCHAR)
               WHEN m.scale = 'active_flag' THEN
                   CASE m.key WHEN '1' THEN 'active' WHEN '0' THEN 'inactive' END
               ELSE r.code
           END AS normalised
    FROM mapped AS m
    LEFT JOIN placeholders AS p
      ON p.key = m.key AND m.scale NOT IN ('raw', 'list', 'ids', 'date')
    LEFT JOIN ratings AS r
      ON r.scale = m.scale AND r.key = m.key
)
SELECT commitment_id, field, scale, normalised AS value, coalesce(raw_text, value) AS raw_text,
       qualifier, null_reason,
       normalised IS NULL AND null_reason IS NULL AND squash(value) IS NOT NULL
           AND scale <> 'date' AS unrecognised,
       source_kind, source_field, source_id, location, field_location, rank, path, retrieved_at,
       language, incomplete
FROM normalised;

-- A coded value no vocabulary knows: kept out of the release (NULL), flagged as a warning.
CREATE OR REPLACE TABLE stage.value_rejects AS
SELECT source_id, path, field_location AS location, 'warning' AS severity,
       'value ' || chr(39) || squash(raw_text) || chr(39) || ' is not a known '
           || replace(scale, '_', ' ') || ' value for ' || field || '; left empty' AS reason,
       commitment_id
FROM stage.candidates
WHERE unrecognised;

-- Personal data removed from the candidates' free text (pipeline/stage/personal_data.py fills
-- it after this file runs); empty until then.
CREATE OR REPLACE TABLE stage.personal_data (
    commitment_id VARCHAR, field VARCHAR, source_id VARCHAR, path VARCHAR,
    location VARCHAR, emails BIGINT, phones BIGINT
);
