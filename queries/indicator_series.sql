-- One indicator over all years for the given areas, with the area names.
SELECT i.area_code, a.level, a.name_fi, a.name_sv, a.name_en, i."year", i."value", i.source
FROM indicators i JOIN areas a ON a.code = i.area_code
WHERE i.indicator = $indicator AND i.area_code IN (SELECT UNNEST($areas))
ORDER BY i.area_code, i."year";
