-- What a what-if for $year starts from: the centre's actual funding in the latest year up to $year that has it
-- (else the first year after), the national figure of that year (final accounts, else budget) for the last known
-- share, and the national figure of $year itself (final accounts, else budget, else the government proposal).
WITH base AS (
    SELECT "year" FROM (SELECT DISTINCT "year" FROM funding WHERE centre = $centre)
    ORDER BY "year" > $year, abs("year" - $year)
    LIMIT 1
), f AS (
    SELECT CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'state%') AS BIGINT) AS state_eur,
           CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'municipal%') AS BIGINT) AS municipal_eur
    FROM funding
    WHERE centre = $centre AND "year" = (SELECT "year" FROM base)
), bn AS (
    SELECT national_eur AS base_national_eur, national_type AS base_national_type
    FROM national_subsidy_granted
    WHERE "year" = (SELECT "year" FROM base)
), yn AS (
    SELECT amount_eur AS year_national_eur, figure_type AS year_national_type
    FROM national_subsidy
    WHERE "year" = $year
    ORDER BY CASE figure_type WHEN 'final_accounts' THEN 0 WHEN 'budget' THEN 1 ELSE 2 END
    LIMIT 1
)
SELECT (SELECT "year" FROM base) AS base_year, f.state_eur, f.municipal_eur,
       bn.base_national_eur, bn.base_national_type, yn.year_national_eur, yn.year_national_type
FROM f LEFT JOIN bn ON true LEFT JOIN yn ON true
WHERE (SELECT "year" FROM base) IS NOT NULL;
