-- Action plans, keyed by member and start year. Their attributes come from the sources
-- of their commitments that agree on that start year (or give none), best source first.
INSERT INTO core.action_plans BY NAME
WITH plans AS (
    SELECT commitment_id, member_id, action_plan_id,
           CAST(right(action_plan_id, 4) AS INTEGER) AS start_year
    FROM core.commitments WHERE action_plan_id IS NOT NULL
),
record_years AS (
    SELECT commitment_id, source_id, location, any_value(value) AS year
    FROM stage.candidates
    WHERE field = 'action_plans.start_year' AND value IS NOT NULL
    GROUP BY ALL
),
attributes AS (
    SELECT p.action_plan_id, c.field, c.value, c.rank, c.retrieved_at, c.path, c.location
    FROM stage.candidates AS c
    JOIN plans AS p USING (commitment_id)
    LEFT JOIN record_years AS y USING (commitment_id, source_id, location)
    WHERE c.field LIKE 'action_plans.%' AND c.value IS NOT NULL
      AND (y.year IS NULL OR CAST(y.year AS INTEGER) = p.start_year)
)
SELECT p.action_plan_id, p.member_id, p.start_year,
    first(a.value ORDER BY a.rank, a.retrieved_at DESC NULLS LAST, a.path, a.location)
        FILTER (WHERE a.field = 'action_plans.title') AS title,
    first(a.value ORDER BY a.rank, a.retrieved_at DESC NULLS LAST, a.path, a.location)
        FILTER (WHERE a.field = 'action_plans.end_year') AS end_year,
    first(a.value ORDER BY a.rank, a.retrieved_at DESC NULLS LAST, a.path, a.location)
        FILTER (WHERE a.field = 'action_plans.ogp_action_plan_id') AS ogp_action_plan_id,
    first(a.value ORDER BY a.rank, a.retrieved_at DESC NULLS LAST, a.path, a.location)
        FILTER (WHERE a.field = 'action_plans.plan_number') AS plan_number
FROM (SELECT DISTINCT action_plan_id, member_id, start_year FROM plans) AS p
LEFT JOIN attributes AS a USING (action_plan_id)
GROUP BY p.action_plan_id, p.member_id, p.start_year;
