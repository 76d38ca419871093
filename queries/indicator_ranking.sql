-- One indicator in one year for the municipalities of an area (the centre, a region or the country), ranked
-- both ways (rank_desc 1 = highest value, rank_asc 1 = lowest), with the number of municipalities ranked.
SELECT a.code AS area_code, a.name_fi, a.name_sv, a.name_en, a.region_code, i."value",
       rank() OVER (ORDER BY i."value" DESC) AS rank_desc,
       rank() OVER (ORDER BY i."value" ASC) AS rank_asc,
       count(*) OVER () AS ranked
FROM areas a
JOIN indicators i ON i.area_code = a.code AND i.indicator = $indicator AND i."year" = $year
WHERE a.level = 'municipality'
  AND ($scope = 'SSS' OR a.region_code = $scope OR a.centre_code = $scope)
ORDER BY i."value" DESC, a.code;
