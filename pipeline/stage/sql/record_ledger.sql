-- The ledger of raw records: every commitment page, member-list entry and export row
-- read, and every record a reader dropped (an `error` reject at a place other than
-- `file`). Each must end in a published commitment or a reject; accounting.py checks it.
CREATE OR REPLACE TABLE stage.record_ledger AS
SELECT 'page' AS kind, source_id, location, commitment_id FROM raw.page_commitments
UNION ALL
SELECT 'member_list', source_id, location, commitment_id FROM raw.member_list_entries
UNION ALL
SELECT 'export', source_id, location, commitment_id FROM raw.export_rows;

CREATE OR REPLACE TABLE stage.reader_rejects AS
SELECT source_id, path, location, severity, reason, commitment_id FROM raw.discovery_rejects
UNION ALL
SELECT source_id, path, location, severity, reason, commitment_id FROM raw.page_rejects
UNION ALL
SELECT source_id, path, location, severity, reason, commitment_id FROM raw.export_rejects;
