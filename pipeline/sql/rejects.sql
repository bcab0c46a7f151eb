-- Everything that could not be used as the source said: what the readers reported, coded
-- values no vocabulary knows, and records of commitments no source ties to a member.
-- Several problems at one place are one row, reasons joined.
INSERT INTO core.rejects BY NAME
WITH memberless AS (
    SELECT r.source_id, s.path, r.location, 'error' AS severity,
           'no source names the member of commitment ' || r.commitment_id
               || ' (no member line, member-list heading or OGP address); record dropped'
               AS reason,
           r.commitment_id
    FROM stage.records AS r
    JOIN raw.source_files AS s USING (source_id)
    WHERE r.commitment_id NOT IN (
        SELECT commitment_id FROM stage.choices
        WHERE field = 'commitments.member_id' AND value IS NOT NULL
    )
),
every AS (
    SELECT * FROM stage.reader_rejects
    UNION ALL
    SELECT source_id, path, location, severity, reason, commitment_id FROM stage.value_rejects
    UNION ALL
    SELECT * FROM memberless
)
SELECT source_id, location, any_value(path) AS path,
       CASE WHEN bool_or(severity = 'error') THEN 'error' ELSE 'warning' END AS severity,
       string_agg(DISTINCT reason, '; ' ORDER BY reason) AS reason,
       min(commitment_id) AS commitment_id
FROM every
GROUP BY source_id, location;
