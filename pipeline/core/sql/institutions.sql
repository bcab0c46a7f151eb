-- Every institution a published commitment names, under its most frequent spelling.
INSERT INTO core.institutions BY NAME
WITH spellings AS (
    SELECT institution_id, name FROM raw.page_institutions
    UNION ALL
    SELECT institution_id, name FROM raw.export_institutions
),
counted AS (
    SELECT institution_id, name, count(*) AS uses
    FROM spellings
    WHERE institution_id IN (SELECT institution_id FROM core.commitment_institutions)
    GROUP BY ALL
)
SELECT institution_id, name
FROM counted
QUALIFY row_number() OVER (PARTITION BY institution_id ORDER BY uses DESC, name) = 1;
