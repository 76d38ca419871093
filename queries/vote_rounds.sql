-- Every round, newest first, with its ballot count.
SELECT r.code, r.title, r.opened_at, r.closed_at, r.access, CAST(count(b.token) AS INTEGER) AS ballots
FROM vote_rounds r
LEFT JOIN vote_ballots b ON b.round_code = r.code
GROUP BY r.code, r.title, r.opened_at, r.closed_at, r.access
ORDER BY r.opened_at DESC, r.code;
