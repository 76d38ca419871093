-- The 11 focus areas of the action plan.
SELECT id, title_fi, title_sv, title_en FROM priorities ORDER BY id;
