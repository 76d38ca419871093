-- One round with its ballot count.
SELECT r.code, r.title, r.opened_at, r.closed_at,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_ballots b WHERE b.round_code = r.code) AS ballots
FROM vote_rounds r
WHERE r.code = $code;
