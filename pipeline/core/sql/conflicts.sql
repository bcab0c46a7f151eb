-- Every value a source gave for a published commitment's field that differs from the
-- value chosen (white space aside), with where both stand.
-- At a million commitments (35 million candidates) squashing every value costs more than
-- all the rest, and joining texts spills. So, a commitment-ID range at a time
-- (pipeline/sql_steps.py, `execute_by_key_range`): first pair row ids of candidates and
-- choices whose values differ byte for byte (8-byte digests, kept in a table of their
-- own so that the planner cannot move the texts into that join); then take the texts
-- of those pairs alone, and compare them squashed, exactly. A value the same as the
-- chosen one is never squashed.
-- for each key range:
CREATE OR REPLACE TEMP TABLE conflict_pairs AS
WITH chosen AS (
    SELECT commitment_id, field, rowid AS choice_row, hash(value) AS digest
    FROM stage.choices
    WHERE value IS NOT NULL AND key_range = {range}
), given AS (
    SELECT commitment_id, field, rowid AS candidate_row, hash(value) AS digest
    FROM stage.candidates
    WHERE value IS NOT NULL AND hash(commitment_id) % {ranges} = {range}
)
SELECT given.candidate_row, chosen.choice_row
FROM given JOIN chosen USING (commitment_id, field)
WHERE given.digest <> chosen.digest;

INSERT INTO core.conflicts BY NAME
SELECT c.commitment_id, c.field, c.source_id, c.field_location AS location, c.value,
       ch.value AS chosen_value, ch.source_id AS chosen_source_id,
       ch.field_location AS chosen_location
FROM conflict_pairs AS p
JOIN stage.candidates AS c ON c.rowid = p.candidate_row
JOIN stage.choices AS ch ON ch.rowid = p.choice_row
WHERE squash(c.value) <> squash(ch.value)
  AND c.commitment_id IN (SELECT commitment_id FROM core.commitments);

DROP TABLE conflict_pairs;
