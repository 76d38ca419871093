-- The national subsidy (budget line 33.60.63) for every year and figure type the sources give. `best` marks the
-- best known figure of each year: the final accounts, else the budget, else the government proposal.
SELECT "year", CAST(amount_eur AS BIGINT) AS amount_eur, figure_type, source_url, note,
       row_number() OVER (PARTITION BY "year" ORDER BY CASE figure_type WHEN 'final_accounts' THEN 0
                                                                   WHEN 'budget' THEN 1 ELSE 2 END) = 1 AS best
FROM national_subsidy
ORDER BY "year", CASE figure_type WHEN 'budget' THEN 0 WHEN 'proposal' THEN 1 ELSE 2 END;
