-- Every competence centre (view centre_list in views.sql), centres of the oldest period first, the
-- Swedish-language centre last within its period.
SELECT * FROM centre_list
ORDER BY first_day, last_day NULLS LAST, centre_id = 'fskc', short_name;
