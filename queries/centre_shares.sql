-- Every centre's area against the whole country: its share of Finland's population (latest year up to $year in
-- which both the area and the country have a figure) and of Finland's land area, the two criteria the decree
-- names; and where the centre's own state money of $year is known, its actual share of the national subsidy
-- (final accounts, else the budget). The Swedish-language centre has no area: its shares stay empty.
WITH c AS (
    SELECT centre_id, area_code, first_day, last_day FROM centre_list
), latest AS (
    -- Per area and criterion the latest year in which both the area and the country have a figure: population
    -- up to $year, land area in its latest year.
    SELECT a.indicator, a.area_code, a."year", a."value" AS area_value, n."value" AS country_value
    FROM indicators a
    JOIN indicators n ON n.indicator = a.indicator AND n.area_code = $country AND n."year" = a."year"
    WHERE a.indicator IN ('population', 'land_area_km2') AND a.area_code IN (SELECT area_code FROM c)
      AND (a.indicator = 'land_area_km2' OR a."year" <= $year)
    QUALIFY row_number() OVER (PARTITION BY a.indicator, a.area_code ORDER BY a."year" DESC) = 1
), f AS (
    SELECT centre AS area_code, CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'state%') AS BIGINT) AS state_eur
    FROM funding
    WHERE "year" = $year
    GROUP BY centre
)
SELECT c.centre_id, c.area_code, c.first_day, c.last_day,
       pop."year" AS population_year, CAST(pop.area_value AS BIGINT) AS area_population,
       100.0 * pop.area_value / pop.country_value AS population_share_pct,
       land."year" AS land_year, land.area_value AS land_area_km2,
       100.0 * land.area_value / land.country_value AS land_share_pct,
       f.state_eur, n.national_eur, n.national_type, 100.0 * f.state_eur / n.national_eur AS subsidy_share_pct
FROM c
LEFT JOIN latest pop ON pop.area_code = c.area_code AND pop.indicator = 'population'
LEFT JOIN latest land ON land.area_code = c.area_code AND land.indicator = 'land_area_km2'
LEFT JOIN f ON f.area_code = c.area_code
LEFT JOIN (SELECT national_eur, national_type FROM national_subsidy_granted WHERE "year" = $year) n ON f.state_eur IS NOT NULL
ORDER BY c.first_day, c.last_day NULLS LAST, c.centre_id = 'fskc', c.centre_id;
