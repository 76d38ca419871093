-- The centre's funding for one year by source category, with each category's share of the total.
SELECT source,
       CAST(amount_eur AS BIGINT) AS amount_eur,
       CASE WHEN source LIKE 'state%' THEN 'state' ELSE 'municipal' END AS funder,
       100.0 * amount_eur / SUM(amount_eur) OVER () AS share_pct,
       source_ref
FROM funding
WHERE "year" = $year AND centre = $centre
ORDER BY funder DESC, amount_eur DESC;
