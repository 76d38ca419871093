-- Every indicator for one municipality in its latest year with a figure, beside its region, the centre's area
-- and the country in the same year.
WITH a AS (SELECT code, region_code, centre_code FROM areas WHERE code = $area AND level = 'municipality'),
latest AS (
    SELECT i.indicator, i."year", i."value"
    FROM indicators i JOIN a ON i.area_code = a.code
    QUALIFY row_number() OVER (PARTITION BY i.indicator ORDER BY i."year" DESC) = 1
)
SELECT l.indicator, l."year", l."value" AS municipality,
       r."value" AS region, c."value" AS centre, s."value" AS country
FROM latest l CROSS JOIN a
LEFT JOIN indicators r ON r.indicator = l.indicator AND r."year" = l."year" AND r.area_code = a.region_code
LEFT JOIN indicators c ON c.indicator = l.indicator AND c."year" = l."year" AND c.area_code = a.centre_code
LEFT JOIN indicators s ON s.indicator = l.indicator AND s."year" = l."year" AND s.area_code = 'SSS'
ORDER BY l.indicator;
