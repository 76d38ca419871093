-- How far apart the municipalities of an area (the centre, a region or the country) are, year by year, for one
-- indicator. x = the municipal values of the year, p = each municipality's population in the same year (or the
-- latest earlier year with a population figure), n = number of municipalities with a value.
--   cv      = population standard deviation of x / mean of x (unweighted);        needs min(x) >= 0, mean > 0
--   theil   = sum_i (p_i / P) * (x_i / mu) * ln(x_i / mu), mu = sum(p x) / P, P = sum(p), a term with x_i = 0
--             counting 0 (its limit);                                             needs min(x) >= 0, mu > 0
--   max_min = max(x) / min(x);                                                    needs min(x) > 0
--   p90_p10 = 90th / 10th percentile of x (linear interpolation, quantile_cont);  needs min(x) >= 0, P10 > 0
-- Where a measure is not defined for the year's values it is NULL, never a made-up number.
WITH v AS (
    SELECT i."year", i.area_code, i."value" AS x
    FROM indicators i JOIN scope_municipalities sm ON sm.area_code = i.area_code AND sm.scope = $scope
    WHERE i.indicator = $indicator
), pop AS (
    SELECT area_code, "year", "value" AS p FROM indicators WHERE indicator = 'population'
), w AS (
    SELECT v."year", v.area_code, v.x, pop.p
    FROM v ASOF LEFT JOIN pop ON pop.area_code = v.area_code AND pop."year" <= v."year"
), s AS (
    SELECT "year", count(*) AS n, count(p) AS n_pop, avg(x) AS mean, stddev_pop(x) AS sd,
           min(x) AS lo, max(x) AS hi, quantile_cont(x, 0.9) AS p90, quantile_cont(x, 0.1) AS p10,
           sum(p * x) / sum(p) AS mu, sum(p) AS total_p
    FROM w GROUP BY "year"
), t AS (
    SELECT w."year",
           sum(CASE WHEN w.x > 0 THEN w.p / s.total_p * (w.x / s.mu) * ln(w.x / s.mu) ELSE 0 END) AS theil
    FROM w JOIN s ON s."year" = w."year"
    WHERE s.lo >= 0 AND s.mu > 0 AND s.n_pop = s.n
    GROUP BY w."year"
)
SELECT s."year", CAST(s.n AS INTEGER) AS n,
       CASE WHEN s.lo >= 0 AND s.mean > 0 THEN s.sd / s.mean END AS cv,
       t.theil,
       CASE WHEN s.lo > 0 THEN s.hi / s.lo END AS max_min,
       CASE WHEN s.lo >= 0 AND s.p10 > 0 THEN s.p90 / s.p10 END AS p90_p10
FROM s LEFT JOIN t ON t."year" = s."year"
WHERE s.n >= 2
ORDER BY s."year";
