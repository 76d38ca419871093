-- National figures a what-if can start from: every figure of $year and of the next year that has one
-- (for 2019: the 2019 budget, the 2020 government proposal and the 2020 final accounts).
SELECT "year", CAST(amount_eur AS BIGINT) AS amount_eur, figure_type
FROM national_subsidy
WHERE "year" = $year OR "year" = (SELECT min("year") FROM national_subsidy WHERE "year" > $year)
ORDER BY "year", CASE figure_type WHEN 'budget' THEN 0 WHEN 'proposal' THEN 1 ELSE 2 END;
