-- One monthly indicator's value for each of the given areas in the latest month of a year up to $year (any year
-- when $year is NULL) that has a figure.
SELECT m.area_code, m."year", m."month", m."value", m.source
FROM indicators_monthly m
WHERE m.indicator = $indicator AND m.area_code IN (SELECT UNNEST($areas)) AND ($year IS NULL OR m."year" <= $year)
QUALIFY row_number() OVER (PARTITION BY m.area_code ORDER BY m."year" DESC, m."month" DESC) = 1;
