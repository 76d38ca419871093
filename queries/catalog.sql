-- The data catalogue: every table with source, licence, period, update date and row count.
SELECT name, file, source, licence, period, updated, CAST(rows AS BIGINT) AS rows FROM catalog ORDER BY name;
