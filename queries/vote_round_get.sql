-- One round with how it lets people vote, its centre and focus areas, its ballot count and the tokens issued for
-- it. The counts are subqueries on $code rather than correlated with r.code: DuckDB ran the correlated form in
-- 4.5-6 ms, this in about 1 ms, and every ballot sent reads its round (bench/RESULTS.md, "Meeting vote").
SELECT r.code, r.title, r.opened_at, r.closed_at, r.access, r.centre, r.areas,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_ballots WHERE round_code = $code) AS ballots,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_tokens WHERE round_code = $code) AS tokens
FROM vote_rounds r
WHERE r.code = $code;
