-- The national subsidy (budget line 33.60.63) for every year and figure type the sources give.
SELECT "year", CAST(amount_eur AS BIGINT) AS amount_eur, figure_type, source_url, note
FROM national_subsidy
ORDER BY "year", CASE figure_type WHEN 'budget' THEN 0 WHEN 'proposal' THEN 1 ELSE 2 END;
