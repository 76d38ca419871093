-- One participant's ballot in a round (to show it back when they return).
SELECT token, name, areas, importance, feasibility, submitted_at, revision
FROM vote_ballots
WHERE round_code = $round_code AND token = $token;
