-- Every value every raw record gives, as one long table: (commitment, source kind,
-- source field, value, original text, qualifier, where, language, incomplete: the value
-- a cut-off capture ends in).
-- `{export_columns}` is filled in by pipeline/stage/steps.py with the export columns field_map reads.
CREATE OR REPLACE TABLE stage.source_values AS
WITH page_dates AS (
    SELECT source_id, location, commitment_id, d.name AS source_field,
           max(value) FILTER (WHERE field = d.name || '_parsed') AS value,
           max(value) FILTER (WHERE field = d.name) AS raw_text,
           max(value) FILTER (WHERE field = d.name || '_precision') AS qualifier
    FROM raw.page_fields
    JOIN (VALUES ('start_date'), ('end_date')) AS d(name)
      ON field IN (d.name, d.name || '_parsed', d.name || '_precision')
    GROUP BY ALL
),
page_institutions AS (
    SELECT i.source_id, i.location, i.commitment_id, i.role || '_institutions' AS source_field,
           string_agg(i.name_key, '; ' ORDER BY i.position) AS value,
           any_value(f.value) AS raw_text
    FROM raw.page_institutions AS i
    LEFT JOIN raw.page_fields AS f
      ON f.source_id = i.source_id AND f.location = i.location
     AND f.field = CASE i.role WHEN 'involved' THEN 'institutions_involved'
                               ELSE i.role || '_institution' END
    GROUP BY ALL
),
page_lists AS (
    SELECT source_id, location, commitment_id, 'policy_areas' AS source_field,
           string_agg(DISTINCT policy_area_id, '; ' ORDER BY policy_area_id) AS value
    FROM raw.page_policy_areas GROUP BY ALL
    UNION ALL
    SELECT source_id, location, commitment_id, 'milestones',
           string_agg(milestone_number || '. ' || text, ' | ' ORDER BY milestone_number)
    FROM raw.page_milestones GROUP BY ALL
    UNION ALL
    SELECT source_id, location, commitment_id, 'notes',
           string_agg(note_number || '. ' || text || coalesce(' <' || url || '>', ''), ' | '
                      ORDER BY note_number)
    FROM raw.page_notes GROUP BY ALL
),
page_values AS (
    SELECT source_id, location, commitment_id, source_field, value,
           NULL AS raw_text, NULL AS qualifier
    FROM (
        UNPIVOT (SELECT source_id, location, commitment_id, title, description, member_id
                 FROM raw.page_commitments)
        ON title, description, member_id INTO NAME source_field VALUE value
    )
    UNION ALL
    SELECT source_id, location, commitment_id, field, value, NULL, NULL
    FROM raw.page_fields
    WHERE field NOT IN ('start_date', 'end_date', 'start_date_parsed', 'end_date_parsed',
                        'start_date_precision', 'end_date_precision')
    UNION ALL
    SELECT source_id, location, commitment_id, source_field, value, raw_text, qualifier
    FROM page_dates
    UNION ALL
    SELECT source_id, location, commitment_id, source_field, value, raw_text, NULL
    FROM page_institutions
    UNION ALL
    SELECT source_id, location, commitment_id, source_field, value, NULL, NULL FROM page_lists
),
list_values AS (
    SELECT source_id, location, commitment_id, source_field, value,
           NULL AS raw_text, NULL AS qualifier
    FROM (
        UNPIVOT (SELECT source_id, location, commitment_id, title, member_id, policy_area_id,
                        CAST(year AS VARCHAR) AS year,
                        CASE WHEN starred THEN 'Yes' ELSE 'No' END AS starred
                 FROM raw.member_list_entries)
        ON title, member_id, policy_area_id, year, starred INTO NAME source_field VALUE value
    )
),
export_lists AS (
    SELECT i.source_id, i.location, i.commitment_id, i.role || '_institutions' AS source_field,
           string_agg(i.name_key, '; ' ORDER BY i.position) AS value,
           any_value(CASE i.role WHEN 'lead' THEN r.lead_institution
                                 ELSE r.supporting_institutions END) AS raw_text
    FROM raw.export_institutions AS i
    JOIN raw.export_rows AS r ON r.source_id = i.source_id AND r.location = i.location
    GROUP BY ALL
    UNION ALL
    SELECT source_id, location, commitment_id, 'policy_areas',
           string_agg(DISTINCT policy_area_id, '; ' ORDER BY policy_area_id), NULL
    FROM raw.export_policy_areas WHERE value = '1' GROUP BY ALL
),
export_values AS (
    SELECT source_id, location, commitment_id, source_field, value,
           NULL AS raw_text, NULL AS qualifier
    FROM (
        UNPIVOT (SELECT source_id, location, commitment_id, member_id, {export_columns}
                 FROM raw.export_rows)
        ON member_id, {export_columns} INTO NAME source_field VALUE value
    )
    UNION ALL
    SELECT source_id, location, commitment_id, 'start_date', start_date_parsed, start_date,
           start_date_precision
    FROM raw.export_rows WHERE start_date IS NOT NULL
    UNION ALL
    SELECT source_id, location, commitment_id, 'end_date', end_date_parsed, end_date,
           end_date_precision
    FROM raw.export_rows WHERE end_date IS NOT NULL
    UNION ALL
    SELECT source_id, location, commitment_id, source_field, value, raw_text, NULL
    FROM export_lists
)
SELECT v.commitment_id, v.source_kind, v.source_field, v.value, v.raw_text, v.qualifier,
       v.source_id, v.location, s.path, s.retrieved_at,
       -- Pages say their language; the export and the explorer are in English.
       coalesce(c.language, f.language, 'en') AS language,
       cut.source_field IS NOT NULL AS incomplete
FROM (
    SELECT 'page' AS source_kind, * FROM page_values
    UNION ALL
    SELECT 'member_list', * FROM list_values
    UNION ALL
    SELECT CASE s.kind WHEN 'ogp_explorer' THEN 'explorer' ELSE 'export' END, e.*
    FROM export_values AS e JOIN raw.source_files AS s USING (source_id)
) AS v
JOIN raw.source_files AS s USING (source_id)
LEFT JOIN raw.page_commitments AS c
  ON v.source_kind = 'page' AND c.source_id = v.source_id AND c.location = v.location
LEFT JOIN raw.page_files AS f ON f.source_id = v.source_id
LEFT JOIN raw.page_cuts AS cut
  ON cut.source_id = v.source_id AND cut.location = v.location
 AND cut.source_field = v.source_field;
