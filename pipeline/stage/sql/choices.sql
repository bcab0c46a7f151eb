-- The value each release field takes for each commitment: the first candidate with a
-- value in precedence order. A complete value beats one a cut-off capture ends in; for
-- text in words (scales `text` and `list`: titles, descriptions, institution names,
-- milestones, notes) an English source beats a translation, while codes and ids (rating
-- scales, `ids` for policy areas) are the same in every language; then the field_map rank (e.g. the export before pages for IRM
-- codes), the newest capture, path and place. A field whose candidates are all
-- placeholders keeps the best one's reason.
-- The precedence is one sort key (create_sort_key: the ORDER BY of a window, as one
-- comparable blob), and the first candidate is the one with the least key: a hash
-- aggregate over row ids and keys, not a sort; the chosen rows are then taken whole.
-- It runs a commitment-ID range at a time (pipeline/sql_steps.py,
-- `_execute_by_key_range`): at a million commitments one pass over every candidate
-- spilled more than the disk held. Each row keeps its range's number (`key_range`),
-- and as the ranges are written one after the other, the later steps read a range's
-- choices without reading the others'. How many ranges there were is kept in
-- stage.key_ranges, for them.
CREATE OR REPLACE TABLE stage.key_ranges AS SELECT {ranges} AS ranges;
CREATE OR REPLACE TABLE stage.choices AS SELECT *, 0 AS key_range FROM stage.candidates LIMIT 0;
-- for each key range:
INSERT INTO stage.choices
WITH ranked AS (
    SELECT arg_min(rowid, create_sort_key(
        value IS NULL, 'ASC NULLS LAST',
        incomplete, 'ASC NULLS LAST',
        scale IN ('text', 'list') AND language <> 'en', 'ASC NULLS LAST',
        rank, 'ASC NULLS LAST',
        retrieved_at, 'DESC NULLS LAST',
        path, 'ASC NULLS LAST',
        location, 'ASC NULLS LAST',
        source_field, 'ASC NULLS LAST'
    )) AS id
    FROM stage.candidates
    WHERE (value IS NOT NULL OR null_reason IS NOT NULL)
      AND hash(commitment_id) % {ranges} = {range}
    GROUP BY commitment_id, field
)
SELECT *, {range} AS key_range FROM stage.candidates
WHERE hash(commitment_id) % {ranges} = {range}
  AND rowid IN (SELECT id FROM ranked);
