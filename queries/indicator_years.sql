-- The years in which an indicator has municipal figures.
SELECT DISTINCT i."year"
FROM indicators i JOIN areas a ON a.code = i.area_code AND a.level = 'municipality'
WHERE i.indicator = $indicator
ORDER BY i."year";
