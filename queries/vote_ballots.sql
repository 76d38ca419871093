-- The ballots of one round in the order they were last sent.
SELECT token, name, areas, importance, feasibility, submitted_at, revision
FROM vote_ballots
WHERE round_code = $round_code
ORDER BY submitted_at, token;
