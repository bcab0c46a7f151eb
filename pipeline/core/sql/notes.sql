-- Footnotes of each published commitment, from the page capture chosen for them.
INSERT INTO core.notes BY NAME
SELECT n.commitment_id, n.note_number, n.text, n.url
FROM raw.page_notes AS n
JOIN stage.choices AS c
  ON c.field = 'commitments.notes' AND c.value IS NOT NULL
 AND c.commitment_id = n.commitment_id AND c.source_id = n.source_id AND c.location = n.location
WHERE n.commitment_id IN (SELECT commitment_id FROM core.commitments);
