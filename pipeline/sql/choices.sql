-- The value each release field takes for each commitment: the first candidate with a
-- value in precedence order (field_map rank, newest capture, path, place). A field whose
-- candidates are all placeholders keeps the best one's reason (`null_reason`).
CREATE OR REPLACE TABLE stage.choices AS
SELECT * EXCLUDE (choice)
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY commitment_id, field
        ORDER BY value IS NULL, rank, retrieved_at DESC NULLS LAST, path, location, source_field
    ) AS choice
    FROM stage.candidates
    WHERE value IS NOT NULL OR null_reason IS NOT NULL
)
WHERE choice = 1;
