-- A participant's first ballot in a round.
INSERT INTO vote_ballots (round_code, token, name, areas, importance, feasibility, submitted_at, revision)
VALUES ($round_code, $token, $name, CAST($areas AS INTEGER[]), CAST($importance AS INTEGER[]),
        CAST($feasibility AS INTEGER[]), $submitted_at, 1)
RETURNING revision;
