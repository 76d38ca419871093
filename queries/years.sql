-- Years for which the dashboard has any figure: funding, the national subsidy or indicators.
SELECT DISTINCT "year" FROM (
    SELECT "year" FROM funding
    UNION SELECT "year" FROM national_subsidy
    UNION SELECT "year" FROM indicators
) ORDER BY "year";
