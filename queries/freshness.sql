-- Data freshness per indicator: its first and last year, the latest month of a monthly one, its sources and the
-- newest release date among them (the source's own date, never a file's modification time).
SELECT indicator, name_fi, name_sv, name_en, first_year, last_year, last_month, source, released
FROM indicator_meta
ORDER BY last_year DESC, indicator;
