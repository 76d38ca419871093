-- Every indicator for one municipality in its latest year with a figure, beside its region, its wellbeing services
-- county (hva), its cooperation area (yta), the chosen centre's area ($centre, an area code; '' for none) and the country in the same year, and where it stands among all municipalities of Finland that year:
-- their lowest, highest and mean value, the population standard deviation and the z-score
-- z = (municipality - mean) / sd, and its place counted from the highest (rank_high) and from the lowest (rank_low).
-- Rows are ordered by indicator.
WITH a AS (SELECT code, region_code, hva_code, yta_code FROM areas
           WHERE code = $area AND level = 'municipality'),
latest AS (
    SELECT i.indicator, i."year", i."value"
    FROM indicators i JOIN a ON i.area_code = a.code
    QUALIFY row_number() OVER (PARTITION BY i.indicator ORDER BY i."year" DESC) = 1
),
spread AS (
    SELECT i.indicator, i."year", min(i."value") AS low, max(i."value") AS high, avg(i."value") AS mean,
           stddev_pop(i."value") AS sd, CAST(count(*) AS INTEGER) AS municipalities,
           CAST(count(*) FILTER (WHERE i."value" > l."value") AS INTEGER) + 1 AS rank_high,
           CAST(count(*) FILTER (WHERE i."value" < l."value") AS INTEGER) + 1 AS rank_low
    FROM indicators i
    JOIN areas m ON m.code = i.area_code AND m.level = 'municipality'
    JOIN latest l ON l.indicator = i.indicator AND l."year" = i."year"
    GROUP BY i.indicator, i."year"
),
-- The comparison areas' figures in the municipality's latest years, filtered before they are joined: a join on the
-- whole table per comparison area held every row of it in memory at once (2 GB at 100x).
refs AS (
    SELECT i.area_code, i.indicator, i."year", i."value"
    FROM indicators i JOIN latest l ON l.indicator = i.indicator AND l."year" = i."year"
    WHERE i.area_code IN (SELECT region_code FROM a UNION ALL SELECT hva_code FROM a UNION ALL SELECT yta_code FROM a
                          UNION ALL SELECT $centre UNION ALL SELECT $country)
)
SELECT l.indicator, l."year", l."value" AS municipality,
       r."value" AS region, h."value" AS hva, y."value" AS yta, c."value" AS centre, s."value" AS country,
       sp.low, sp.high, sp.mean, sp.sd, sp.municipalities, sp.rank_high, sp.rank_low,
       CASE WHEN sp.sd > 0 THEN (l."value" - sp.mean) / sp.sd END AS z
FROM latest l CROSS JOIN a
JOIN spread sp ON sp.indicator = l.indicator AND sp."year" = l."year"
LEFT JOIN refs r ON r.indicator = l.indicator AND r."year" = l."year" AND r.area_code = a.region_code
LEFT JOIN refs h ON h.indicator = l.indicator AND h."year" = l."year" AND h.area_code = a.hva_code
LEFT JOIN refs y ON y.indicator = l.indicator AND y."year" = l."year" AND y.area_code = a.yta_code
LEFT JOIN refs c ON c.indicator = l.indicator AND c."year" = l."year" AND c.area_code = $centre
LEFT JOIN refs s ON s.indicator = l.indicator AND s."year" = l."year" AND s.area_code = $country
ORDER BY l.indicator;
