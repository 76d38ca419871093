-- The source registry.
SELECT * FROM sources ORDER BY source_id;
