-- Headline funding figures of one year: totals, the split, the national subsidy actually in force and the
-- centre's share of it. The national figure prefers final accounts over the budget; a proposal is not used.
WITH f AS (
    SELECT CAST(SUM(amount_eur) AS BIGINT) AS total_eur,
           CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'state%') AS BIGINT) AS state_eur,
           CAST(SUM(amount_eur) FILTER (WHERE source = 'state_nordic_task') AS BIGINT) AS nordic_eur,
           CAST(SUM(amount_eur) FILTER (WHERE source LIKE 'municipal%') AS BIGINT) AS municipal_eur
    FROM funding WHERE "year" = $year AND centre = $centre
), n AS (
    SELECT national_eur, national_type FROM national_subsidy_granted WHERE "year" = $year
)
SELECT f.*, n.national_eur, n.national_type,
       100.0 * f.state_eur / n.national_eur AS share_of_national_pct
FROM f LEFT JOIN n ON true
WHERE f.total_eur IS NOT NULL;
