-- Lead, supporting and (2024+ pages) involved institutions of each commitment, all from the one source record
-- chosen for that role's field (names are never mixed across sources).
INSERT INTO core.commitment_institutions BY NAME
WITH chosen AS (
    SELECT commitment_id, source_id, location,
           CASE field WHEN 'commitments.lead_institutions' THEN 'lead'
                      WHEN 'commitments.support_institutions' THEN 'support'
                      ELSE 'involved' END AS role
    FROM stage.choices
    WHERE field IN ('commitments.lead_institutions', 'commitments.support_institutions',
                    'commitments.involved_institutions')
      AND value IS NOT NULL
      AND commitment_id IN (SELECT commitment_id FROM core.commitments)
),
named AS (
    SELECT source_id, location, commitment_id, role, position, institution_id
    FROM raw.page_institutions
    UNION ALL
    SELECT source_id, location, commitment_id, role, position, institution_id
    FROM raw.export_institutions
),
kept AS (
    SELECT n.commitment_id, n.institution_id, n.role, min(n.position) AS first_position
    FROM named AS n JOIN chosen USING (source_id, location, commitment_id, role)
    GROUP BY ALL
)
SELECT commitment_id, institution_id, role,
       row_number() OVER (PARTITION BY commitment_id, role ORDER BY first_position) AS position
FROM kept;
