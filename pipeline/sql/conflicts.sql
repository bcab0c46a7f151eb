-- Every value a source gave for a published commitment's field that differs from the
-- value chosen (white space aside), with where both stand.
INSERT INTO core.conflicts BY NAME
SELECT c.commitment_id, c.field, c.source_id, c.field_location AS location, c.value,
       ch.value AS chosen_value, ch.source_id AS chosen_source_id,
       ch.field_location AS chosen_location
FROM stage.candidates AS c
JOIN stage.choices AS ch USING (commitment_id, field)
WHERE c.value IS NOT NULL AND ch.value IS NOT NULL
  AND squash(c.value) <> squash(ch.value)
  AND c.commitment_id IN (SELECT commitment_id FROM core.commitments);
