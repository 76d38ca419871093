-- A participant's earlier ballot replaced by the new one (DuckDB; PostgreSQL runs vote_ballot_upsert).
UPDATE vote_ballots SET
    name = $name,
    areas = CAST($areas AS INTEGER[]),
    importance = CAST($importance AS INTEGER[]),
    feasibility = CAST($feasibility AS INTEGER[]),
    submitted_at = $submitted_at,
    revision = revision + 1
WHERE round_code = $round_code AND token = $token
RETURNING revision;
