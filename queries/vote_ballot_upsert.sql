-- Record a ballot; the same participant sending again replaces it (revision counts the sendings).
INSERT INTO vote_ballots (round_code, token, name, areas, importance, feasibility, submitted_at, revision)
VALUES ($round_code, $token, $name, CAST($areas AS INTEGER[]), CAST($importance AS INTEGER[]),
        CAST($feasibility AS INTEGER[]), $submitted_at, 1)
ON CONFLICT (round_code, token) DO UPDATE SET
    name = excluded.name,
    areas = excluded.areas,
    importance = excluded.importance,
    feasibility = excluded.feasibility,
    submitted_at = excluded.submitted_at,
    revision = vote_ballots.revision + 1
RETURNING revision;
