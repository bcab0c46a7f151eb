-- Lead, supporting and (2024+ pages) involved institutions of each commitment, all from the one source record
-- chosen for that role's field (names are never mixed across sources).
-- An institution is a body of one member: (member, name key), so the Ministry of Finance of Ghana and
-- of Albania are two institutions; an international body (vocab/international_bodies.csv) is one
-- institution whichever member names it. A name written only as an acronym (`MoF`) is the body of the
-- same member that spells that acronym out (`Ministry of Finance (MoF)`), when exactly one does.
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
    SELECT source_id, location, commitment_id, role, position, name, name_key, acronym_key,
           international_key
    FROM raw.page_institutions
    UNION ALL
    SELECT source_id, location, commitment_id, role, position, name, name_key, acronym_key,
           international_key
    FROM raw.export_institutions
),
mentions AS (
    SELECT n.*, c.member_id
    FROM named AS n
    JOIN chosen USING (source_id, location, commitment_id, role)
    JOIN core.commitments AS c USING (commitment_id)
),
member_keys AS (
    SELECT DISTINCT member_id, name_key, acronym_key
    FROM mentions WHERE international_key IS NULL
),
spelled_out AS (
    SELECT bare.member_id, bare.name_key, min(spelled.name_key) AS full_key
    FROM member_keys AS bare
    JOIN member_keys AS spelled
      ON spelled.member_id = bare.member_id AND spelled.acronym_key = bare.name_key
     AND spelled.name_key <> bare.name_key
    GROUP BY ALL
    HAVING count(DISTINCT spelled.name_key) = 1
),
identified AS (
    SELECT m.commitment_id, m.role, m.position, m.name,
           CASE WHEN m.international_key IS NOT NULL THEN 'international/' || m.international_key
                ELSE m.member_id || '/' || coalesce(s.full_key, m.name_key) END AS institution_id
    FROM mentions AS m
    LEFT JOIN spelled_out AS s USING (member_id, name_key)
),
kept AS (
    SELECT commitment_id, institution_id, role, min(position) AS first_position,
           arg_min(name, position) AS name_as_written
    FROM identified
    GROUP BY ALL
)
SELECT commitment_id, institution_id, role, name_as_written,
       row_number() OVER (PARTITION BY commitment_id, role ORDER BY first_position) AS position
FROM kept;
