-- Everything that could not be used as the source said: what the readers reported, coded
-- values no vocabulary knows, records of commitments no source ties to a member, and
-- personal data taken out of a value (a warning: the rest of the value is published).
-- Several problems at one place are one row, reasons joined.
INSERT INTO core.rejects BY NAME
WITH memberless AS (
    SELECT r.source_id, s.path, r.location, 'error' AS severity,
           'no source names the member of commitment ' || r.commitment_id
               || ' (no member line, member-list heading or OGP address); record dropped'
               AS reason,
           r.commitment_id
    FROM stage.record_ledger AS r
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
    UNION ALL
    SELECT source_id, path, location, 'warning',
           'personal data removed from ' || field || ': '
               || concat_ws(' and ',
                            CASE WHEN emails > 0 THEN emails || ' e-mail address(es)' END,
                            CASE WHEN phones > 0 THEN phones || ' phone number(s)' END),
           commitment_id
    FROM stage.personal_data
)
SELECT source_id, location, any_value(path) AS path,
       CASE WHEN bool_or(severity = 'error') THEN 'error' ELSE 'warning' END AS severity,
       string_agg(DISTINCT reason, '; ' ORDER BY reason) AS reason,
       min(commitment_id) AS commitment_id
FROM every
GROUP BY source_id, location;
