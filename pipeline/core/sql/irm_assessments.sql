-- IRM ratings of each published commitment that any source rates (or marks as not
-- rated): canonical codes, and for an empty rating the placeholder's reason. A
-- commitment-ID range at a time (pipeline/sql_steps.py, `execute_by_key_range`).
-- for each key range:
INSERT INTO core.irm_assessments BY NAME
WITH rated AS (
    SELECT commitment_id, replace(field, 'irm_assessments.', '') AS name, value, null_reason
    FROM stage.choices
    WHERE field LIKE 'irm_assessments.%' AND key_range = {range}
      AND commitment_id IN (SELECT commitment_id FROM core.commitments)
),
reason_columns AS (
    SELECT column_name FROM duckdb_columns()
    WHERE schema_name = 'core' AND table_name = 'irm_assessments'
      AND column_name LIKE '%\_null\_reason' ESCAPE '\'
),
cells AS (
    SELECT commitment_id, name, value FROM rated WHERE value IS NOT NULL
    UNION ALL
    SELECT commitment_id, name || '_null_reason', null_reason FROM rated
    WHERE value IS NULL AND name || '_null_reason' IN (SELECT column_name FROM reason_columns)
)
SELECT * FROM (PIVOT cells ON name USING first(value) GROUP BY commitment_id);
