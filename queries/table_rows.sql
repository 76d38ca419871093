-- All rows of one registered table (the name is bound, never spliced into the SQL).
SELECT * FROM query_table($table);
