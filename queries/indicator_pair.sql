-- Two indicators for the municipalities of an area, each in its own year, with population (in the later of the
-- two years or the latest earlier year with a figure) and region, and Pearson's correlation over the municipalities
-- that have both values.
WITH m AS (
    SELECT a.code, a.name_fi, a.name_sv, a.name_en, a.region_code, a.hva_code
    FROM areas a JOIN scope_municipalities sm ON sm.area_code = a.code AND sm.scope = $scope
), pair AS (
    SELECT m.*, x."value" AS x, y."value" AS y, greatest($year_x, $year_y) AS "year"
    FROM m
    JOIN indicators x ON x.area_code = m.code AND x.indicator = $x AND x."year" = $year_x
    JOIN indicators y ON y.area_code = m.code AND y.indicator = $y AND y."year" = $year_y
), pop AS (
    SELECT area_code, "year", "value" AS population FROM indicators WHERE indicator = 'population'
)
SELECT pair.code AS area_code, pair.name_fi, pair.name_sv, pair.name_en, pair.region_code, pair.hva_code,
       pair.x, pair.y,
       pop.population, pop."year" AS population_year,
       corr(pair.x, pair.y) OVER () AS r, CAST(count(*) OVER () AS INTEGER) AS n
FROM pair ASOF LEFT JOIN pop ON pop.area_code = pair.code AND pop."year" <= pair."year"
ORDER BY pair.code;
