-- Every value a source gave for a published commitment's field that differs from the
-- value chosen (white space aside), with where both stand.
-- Two joins keep memory flat at a million commitments (35 million candidates): the first
-- pairs keys and 8-byte digests of the squashed values only, and keeps the candidates
-- whose digest differs from the chosen one's; the texts are joined for those alone, and
-- compared exactly (a digest only narrows the search).
INSERT INTO core.conflicts BY NAME
WITH chosen AS (
    SELECT commitment_id, field, hash(squash(value)) AS digest
    FROM stage.choices
    WHERE value IS NOT NULL
), differing AS (
    SELECT c.rowid AS candidate_row
    FROM stage.candidates AS c
    JOIN chosen AS ch USING (commitment_id, field)
    WHERE c.value IS NOT NULL AND hash(squash(c.value)) <> ch.digest
)
SELECT c.commitment_id, c.field, c.source_id, c.field_location AS location, c.value,
       ch.value AS chosen_value, ch.source_id AS chosen_source_id,
       ch.field_location AS chosen_location
FROM differing AS d
JOIN stage.candidates AS c ON c.rowid = d.candidate_row
JOIN stage.choices AS ch USING (commitment_id, field)
WHERE ch.value IS NOT NULL
  AND squash(c.value) <> squash(ch.value)
  AND c.commitment_id IN (SELECT commitment_id FROM core.commitments);
