-- Policy areas of each commitment: the set given by the source record chosen for
-- `commitments.policy_areas`, plus the primary area a member list names.
INSERT INTO core.commitment_policy_areas BY NAME
WITH chosen AS (
    SELECT commitment_id, source_id, location FROM stage.choices
    WHERE field = 'commitments.policy_areas' AND value IS NOT NULL
),
listed AS (
    SELECT source_id, location, commitment_id, policy_area_id FROM raw.page_policy_areas
    UNION ALL
    SELECT source_id, location, commitment_id, policy_area_id FROM raw.export_policy_areas
    WHERE value = '1'
),
primary_area AS (
    SELECT commitment_id, value AS policy_area_id FROM stage.choices
    WHERE field = 'commitments.primary_policy_area' AND value IS NOT NULL
),
areas AS (
    SELECT l.commitment_id, l.policy_area_id FROM listed AS l JOIN chosen USING (source_id, location, commitment_id)
    UNION
    SELECT commitment_id, policy_area_id FROM primary_area
)
SELECT a.commitment_id, a.policy_area_id,
       coalesce(a.policy_area_id = p.policy_area_id, false) AS is_primary
FROM areas AS a LEFT JOIN primary_area AS p USING (commitment_id)
WHERE a.commitment_id IN (SELECT commitment_id FROM core.commitments);
