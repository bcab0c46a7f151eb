-- Milestones of each published commitment, from the page capture chosen for them.
INSERT INTO core.milestones BY NAME
SELECT m.commitment_id, m.milestone_number, m.text
FROM raw.page_milestones AS m
JOIN stage.choices AS c
  ON c.field = 'commitments.milestones' AND c.value IS NOT NULL
 AND c.commitment_id = m.commitment_id AND c.source_id = m.source_id AND c.location = m.location
WHERE m.commitment_id IN (SELECT commitment_id FROM core.commitments);
