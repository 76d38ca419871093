-- One round with how it lets people vote, its ballot count and the tokens issued for it.
SELECT r.code, r.title, r.opened_at, r.closed_at, r.access,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_ballots b WHERE b.round_code = r.code) AS ballots,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_tokens t WHERE t.round_code = r.code) AS tokens
FROM vote_rounds r
WHERE r.code = $code;
