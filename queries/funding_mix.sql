-- The centre's funding of one year as a part-to-whole: each source, each funder (state, municipal) and the
-- total, with its share of the total. `level` tells the rows apart; state rows come before municipal ones.
WITH f AS (
    SELECT source, amount_eur, CASE WHEN source LIKE 'state%' THEN 'state' ELSE 'municipal' END AS funder
    FROM funding
    WHERE "year" = $year AND centre = $centre
)
SELECT CASE WHEN GROUPING(funder) = 1 THEN 'total' WHEN GROUPING(source) = 1 THEN 'funder' ELSE 'source' END
           AS level,
       funder,
       source,
       CAST(SUM(amount_eur) AS BIGINT) AS amount_eur,
       100.0 * SUM(amount_eur) / (SELECT SUM(amount_eur) FROM f) AS share_pct
FROM f
GROUP BY ROLLUP (funder, source)
HAVING SUM(amount_eur) IS NOT NULL
ORDER BY GROUPING(funder), CASE funder WHEN 'state' THEN 0 ELSE 1 END, GROUPING(source) DESC, amount_eur DESC;
