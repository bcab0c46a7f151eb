-- Every institution a published commitment names (core.commitment_institutions): its member (none for
-- an international body), its name (the English name for an international body, else the most used
-- spelling, spelled out rather than an acronym alone and not in capitals only, ties alphabetical, less
-- its trailing acronym), its acronym, kind and other spellings. Acronym and kind come with each name
-- from raw (pipeline/raw/fields/institution_names.py).
INSERT INTO core.institutions BY NAME
WITH described AS (
    SELECT DISTINCT name, base_name, acronym, kind FROM raw.page_institutions
    UNION
    SELECT DISTINCT name, base_name, acronym, kind FROM raw.export_institutions
),
spellings AS (
    SELECT ci.institution_id, ci.name_as_written AS name, count(*) AS uses,
           any_value(c.member_id) AS member_id
    FROM core.commitment_institutions AS ci
    JOIN core.commitments AS c USING (commitment_id)
    GROUP BY ALL
),
ranked AS (
    SELECT s.*, d.base_name, d.acronym, d.kind,
           row_number() OVER (PARTITION BY s.institution_id
                              ORDER BY (d.acronym IS NOT DISTINCT FROM s.name),
                                       (s.name = upper(s.name)), s.uses DESC, s.name)
               AS rank,
           row_number() OVER (PARTITION BY s.institution_id
                              ORDER BY d.acronym IS NULL, s.uses DESC, d.acronym) AS acronym_rank
    FROM spellings AS s JOIN described AS d USING (name)
),
international AS (
    SELECT DISTINCT 'international/' || key AS institution_id, name
    FROM stage.vocab_international_bodies
),
named AS (
    SELECT r.institution_id, r.member_id, r.kind, i.institution_id IS NOT NULL AS shared,
           coalesce(i.name, r.base_name) AS name
    FROM ranked AS r LEFT JOIN international AS i USING (institution_id)
    WHERE r.rank = 1
),
described_by_all AS (
    SELECT r.institution_id,
           max(r.acronym) FILTER (WHERE r.acronym_rank = 1) AS acronym,
           string_agg(DISTINCT r.name, '; ' ORDER BY r.name) FILTER (WHERE r.name <> n.name)
               AS other_names
    FROM ranked AS r JOIN named AS n USING (institution_id)
    GROUP BY r.institution_id
)
SELECT n.institution_id,
       CASE WHEN NOT n.shared THEN n.member_id END AS member_id,
       n.name,
       d.acronym,
       CASE WHEN n.shared THEN 'international' ELSE n.kind END AS kind,
       d.other_names
FROM named AS n JOIN described_by_all AS d USING (institution_id);
