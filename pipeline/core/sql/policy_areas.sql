-- OGP's policy-area vocabulary (English names; older areas linked to the area they became),
-- plus any other area name a published commitment uses (under its most frequent
-- spelling, flagged as not in the vocabulary). Spanish, French and variant spellings
-- were mapped to vocabulary ids by the readers (vocab/policy_area_names.csv).
INSERT INTO core.policy_areas BY NAME
WITH vocabulary AS (
    SELECT policy_area_id, name, nullif(current_policy_area_id, '') AS current_policy_area_id
    FROM stage.vocab_policy_areas
),
spellings AS (
    SELECT policy_area_id, name FROM raw.page_policy_areas
    UNION ALL
    SELECT policy_area_id, name FROM raw.export_policy_areas
    UNION ALL
    SELECT policy_area_id, policy_area FROM raw.member_list_entries WHERE policy_area_id IS NOT NULL
),
others AS (
    SELECT policy_area_id, name, count(*) AS uses
    FROM spellings
    WHERE policy_area_id NOT IN (SELECT policy_area_id FROM vocabulary)
      AND policy_area_id IN (SELECT policy_area_id FROM core.commitment_policy_areas)
    GROUP BY ALL
)
SELECT policy_area_id, name, true AS in_vocabulary, current_policy_area_id FROM vocabulary
UNION ALL
SELECT policy_area_id, name, false, NULL
FROM others
QUALIFY row_number() OVER (PARTITION BY policy_area_id ORDER BY uses DESC, name) = 1;
