-- Inside a ballot's transaction (DuckDB): was this token issued for this round, and how many times has its
-- participant sent a ballot in it (NULL: never)? One statement for both, as every statement under the writer's
-- turn delays the ballots queued behind it.
SELECT (SELECT CAST(count(*) AS INTEGER) FROM vote_tokens WHERE round_code = $round_code AND token = $token) AS issued,
       (SELECT revision FROM vote_ballots WHERE round_code = $round_code AND token = $token) AS revision;
