-- One row per commitment that some source ties to a member, its fields from stage.choices;
-- a commitment-ID range at a time (pipeline/sql_steps.py, `execute_by_key_range`).
-- for each key range:
INSERT INTO core.commitments BY NAME
WITH picked AS (
    SELECT commitment_id,
        max(value) FILTER (WHERE field = 'commitments.member_id') AS member_id,
        max(value) FILTER (WHERE field = 'action_plans.start_year') AS start_year,
        max(value) FILTER (WHERE field = 'commitments.commitment_number') AS commitment_number,
        max(value) FILTER (WHERE field = 'commitments.title') AS title,
        max(value) FILTER (WHERE field = 'commitments.full_title') AS full_title,
        max(value) FILTER (WHERE field = 'commitments.status') AS status,
        max(value) FILTER (WHERE field = 'commitments.starred') AS starred,
        max(value) FILTER (WHERE field = 'commitments.description') AS description,
        max(value) FILTER (WHERE field = 'commitments.theme') AS theme,
        max(value) FILTER (WHERE field = 'commitments.start_date') AS start_date,
        max(qualifier) FILTER (WHERE field = 'commitments.start_date') AS start_date_precision,
        max(raw_text) FILTER (WHERE field = 'commitments.start_date') AS start_date_text,
        max(value) FILTER (WHERE field = 'commitments.end_date') AS end_date,
        max(qualifier) FILTER (WHERE field = 'commitments.end_date') AS end_date_precision,
        max(raw_text) FILTER (WHERE field = 'commitments.end_date') AS end_date_text,
        max(raw_text) FILTER (WHERE field = 'commitments.lead_institutions') AS lead_institution_text,
        max(raw_text) FILTER (WHERE field = 'commitments.support_institutions')
            AS support_institution_text,
        max(raw_text) FILTER (WHERE field = 'commitments.involved_institutions')
            AS involved_institution_text,
        max(value) FILTER (WHERE field = 'commitments.primary_sector') AS primary_sector
    FROM stage.choices
    WHERE key_range = {range}
      AND (field LIKE 'commitments.%' OR field = 'action_plans.start_year')
    GROUP BY commitment_id
),
records AS (
    SELECT commitment_id, count(DISTINCT (source_id, location)) AS source_count
    FROM stage.source_values
    WHERE hash(commitment_id) % {ranges} = {range}
    GROUP BY commitment_id
)
SELECT picked.* EXCLUDE (start_year),
       CASE WHEN start_year IS NOT NULL THEN member_id || '-' || start_year END AS action_plan_id,
       'https://www.opengovpartnership.org/members/' || member_id || '/commitments/'
           || commitment_id || '/' AS url,
       records.source_count
FROM picked JOIN records USING (commitment_id)
WHERE member_id IS NOT NULL;
