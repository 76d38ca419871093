-- One indicator's value for each of the given areas in the latest year up to $year that has a figure.
SELECT i.area_code, i."year", i."value", i.source
FROM indicators i
WHERE i.indicator = $indicator AND i.area_code IN (SELECT UNNEST($areas)) AND i."year" <= $year
QUALIFY row_number() OVER (PARTITION BY i.area_code ORDER BY i."year" DESC) = 1;
