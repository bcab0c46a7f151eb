-- Every raw file the release was built from: provenance, checksum and how many raw
-- records it gave (dropped ones included), a page's language and whether it was cut off.
INSERT INTO core.sources BY NAME
WITH record_counts AS (
    SELECT source_id, count(*) AS records FROM (
        SELECT source_id FROM stage.record_ledger
        UNION ALL
        SELECT source_id FROM stage.reader_rejects WHERE severity = 'error' AND location <> 'file'
    ) GROUP BY source_id
),
page_urls AS (
    SELECT source_id, min(url) AS url FROM raw.page_commitments GROUP BY source_id
)
SELECT s.source_id, s.kind, s.format, s.path, coalesce(s.url, p.url) AS url, s.sha256, s.bytes,
       CAST(s.retrieved_at AS TIMESTAMPTZ) AS retrieved_at, s.publisher, s.license,
       coalesce(r.records, 0) AS records, f.language, coalesce(f.truncated, false) AS truncated
FROM raw.source_files AS s
LEFT JOIN record_counts AS r USING (source_id)
LEFT JOIN page_urls AS p USING (source_id)
LEFT JOIN raw.page_files AS f USING (source_id);
