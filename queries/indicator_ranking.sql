-- One indicator in one year for the municipalities of an area (a centre's, a region, a wellbeing services
-- county, a cooperation area or the country), ranked
-- both ways (rank_desc 1 = highest value, rank_asc 1 = lowest), with the number of municipalities ranked.
SELECT a.code AS area_code, a.name_fi, a.name_sv, a.name_en, a.region_code, a.hva_code, i."value",
       rank() OVER (ORDER BY i."value" DESC) AS rank_desc,
       rank() OVER (ORDER BY i."value" ASC) AS rank_asc,
       count(*) OVER () AS ranked
FROM areas a
JOIN scope_municipalities sm ON sm.area_code = a.code AND sm.scope = $scope
JOIN indicators i ON i.area_code = a.code AND i.indicator = $indicator AND i."year" = $year
ORDER BY i."value" DESC, a.code;
