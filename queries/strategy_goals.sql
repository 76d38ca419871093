-- The 7 strategic goals.
SELECT id, title_fi, title_sv, title_en FROM strategy_goals ORDER BY id;
