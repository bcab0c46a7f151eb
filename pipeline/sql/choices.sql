-- The value each release field takes for each commitment: the first candidate with a
-- value in precedence order. A complete value beats one a cut-off capture ends in; for
-- text in words (scales `text` and `list`: titles, descriptions, institution names,
-- milestones, notes) an English source beats a translation, while codes and ids (rating
-- scales, `ids` for policy areas) are the same in every language; then the field_map rank (e.g. the export before pages for IRM
-- codes), the newest capture, path and place. A field whose candidates are all
-- placeholders keeps the best one's reason.
-- The ranking reads only the row id and the sort keys; the chosen rows are then taken
-- whole (at 1,000,000 commitments a window over whole rows spills far more).
CREATE OR REPLACE TABLE stage.choices AS
WITH ranked AS (
    SELECT rowid AS id, row_number() OVER (
        PARTITION BY commitment_id, field
        ORDER BY value IS NULL, incomplete,
                 scale IN ('text', 'list') AND language <> 'en',
                 rank, retrieved_at DESC NULLS LAST, path, location, source_field
    ) AS choice
    FROM stage.candidates
    WHERE value IS NOT NULL OR null_reason IS NOT NULL
)
SELECT * FROM stage.candidates WHERE rowid IN (SELECT id FROM ranked WHERE choice = 1);
