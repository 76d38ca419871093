-- The centre's fair share in one year: its share of the national subsidy against its share of Finland's
-- population, as EUR per inhabitant, and its municipal money per inhabitant of its area. The national figure
-- prefers final accounts over the budget (a proposal is not money granted); the population is end-of-year, from
-- the latest year up to $year in which both the area and the country have a figure. No row without funding.
WITH f AS (
    SELECT CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'state%') AS BIGINT) AS state_eur,
           CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'municipal%') AS BIGINT) AS municipal_eur,
           count(*) AS n_rows
    FROM funding
    WHERE "year" = $year AND centre = $centre
), n AS (
    SELECT national_eur, national_type FROM national_subsidy_granted WHERE "year" = $year
), p AS (
    SELECT a."year" AS population_year, a."value" AS area_population, c."value" AS country_population,
           a.source AS population_source
    FROM indicators a
    JOIN indicators c ON c.indicator = 'population' AND c.area_code = $country AND c."year" = a."year"
    WHERE a.indicator = 'population' AND a.area_code = $centre AND a."year" <= $year
    ORDER BY a."year" DESC
    LIMIT 1
)
SELECT f.state_eur, f.municipal_eur, n.national_eur, n.national_type,
       p.population_year, p.population_source, CAST(p.area_population AS BIGINT) AS area_population,
       CAST(p.country_population AS BIGINT) AS country_population,
       100.0 * f.state_eur / n.national_eur AS share_of_national_pct,
       100.0 * p.area_population / p.country_population AS share_of_population_pct,
       f.state_eur / p.area_population AS state_eur_per_inhabitant,
       n.national_eur / p.country_population AS national_eur_per_inhabitant,
       f.municipal_eur / p.area_population AS municipal_eur_per_inhabitant
FROM f LEFT JOIN n ON true LEFT JOIN p ON true
WHERE f.n_rows > 0;
