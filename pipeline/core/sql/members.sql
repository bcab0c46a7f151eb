-- The members the published commitments belong to. Each attribute comes from the best
-- source that gives it: the members reference table (pipeline/vocab/members.csv: English
-- names whatever a page's language), the export (OGP's own data), then pages and member
-- lists, English before translations.
INSERT INTO core.members BY NAME
WITH used AS (
    SELECT member_id,
           bool_and(regexp_full_match(commitment_id, '[A-Z]{2}[0-9]{4}')) AS national_ids
    FROM core.commitments GROUP BY member_id
),
candidates AS (
    SELECT member_id, name, member_type, nullif(country_code, '') AS country_code,
           nullif(ogp_code, '') AS ogp_code, nullif(region, '') AS region,
           0 AS rank, NULL AS retrieved_at, 'pipeline/vocab/members.csv' AS path,
           NULL AS location, 'en' AS language
    FROM stage.vocab_members
    UNION ALL
    SELECT member_id, squash(country_locality) AS name,
           CASE WHEN national_or_local IS NULL THEN NULL
                WHEN lower(national_or_local) = 'national' THEN 'national'
                WHEN lower(national_or_local) IN ('legacy local', 'local') THEN 'local' END
               AS member_type,
           country_code, nullif(upper(squash(code)), 'NA') AS ogp_code,
           CASE WHEN squash(region) NOT IN ('NA', 'ND') THEN squash(region) END AS region,
           -- The archival explorer names members as OGP did then: after the export.
           CASE WHEN s.kind = 'ogp_explorer' THEN 15 ELSE 10 END AS rank, e.retrieved_at,
           e.path, e.location, 'en'
    FROM raw.export_rows AS e JOIN raw.source_files AS s USING (source_id)
    UNION ALL
    SELECT member_id, squash(member_name), NULL, country_code, NULL, NULL, 20, retrieved_at,
           path, location, language
    FROM raw.page_commitments
    UNION ALL
    SELECT e.member_id, squash(e.member_name), NULL, e.country_code, NULL, NULL, 30,
           e.retrieved_at, e.path, e.location, coalesce(f.language, 'en')
    FROM raw.member_list_entries AS e LEFT JOIN raw.page_files AS f USING (source_id)
),
picked AS (
    SELECT member_id,
        first(name ORDER BY language <> 'en', rank, retrieved_at DESC NULLS LAST, path, location)
            FILTER (WHERE name IS NOT NULL) AS name,
        first(member_type ORDER BY rank, retrieved_at DESC NULLS LAST, path, location)
            FILTER (WHERE member_type IS NOT NULL) AS member_type,
        first(country_code ORDER BY rank, retrieved_at DESC NULLS LAST, path, location)
            FILTER (WHERE country_code IS NOT NULL) AS country_code,
        first(ogp_code ORDER BY rank, retrieved_at DESC NULLS LAST, path, location)
            FILTER (WHERE ogp_code IS NOT NULL) AS ogp_code,
        first(region ORDER BY rank, retrieved_at DESC NULLS LAST, path, location)
            FILTER (WHERE region IS NOT NULL) AS region
    FROM candidates
    WHERE member_id IN (SELECT member_id FROM used)
    GROUP BY member_id
)
SELECT used.member_id,
       -- No source named the member (a page with an address but no member line): its
       -- name is spelled out from the address slug.
       coalesce(picked.name, array_to_string(
           list_transform(string_split(used.member_id, '-'), lambda w: upper(w[1]) || w[2:]), ' '))
           AS name,
       coalesce(picked.member_type,
                CASE WHEN used.national_ids THEN 'national' ELSE 'local' END) AS member_type,
       picked.country_code, picked.ogp_code, picked.region
FROM used LEFT JOIN picked USING (member_id);
