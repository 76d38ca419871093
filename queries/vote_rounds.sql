-- The rounds of one centre, newest first, with their ballot counts.
SELECT r.code, r.title, r.opened_at, r.closed_at, r.access, r.centre, r.areas,
       CAST(count(b.token) AS INTEGER) AS ballots
FROM vote_rounds r
LEFT JOIN vote_ballots b ON b.round_code = r.code
WHERE r.centre = $centre
GROUP BY r.code, r.title, r.opened_at, r.closed_at, r.access, r.centre, r.areas
ORDER BY r.opened_at DESC, r.code;
