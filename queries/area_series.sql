-- Every indicator over all years for the given areas (a municipality and its comparison areas).
SELECT area_code, indicator, "year", "value", source
FROM indicators
WHERE area_code IN (SELECT UNNEST($areas))
ORDER BY indicator, area_code, "year";
