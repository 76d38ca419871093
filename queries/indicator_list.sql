-- Indicator metadata: names, unit, decimals, direction, aggregation, sources, licences, years.
SELECT * FROM indicator_meta ORDER BY indicator;
