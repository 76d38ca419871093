-- Meeting votes (data/state/votes.duckdb): rounds and one ballot per (round, participant token).
CREATE TABLE IF NOT EXISTS vote_rounds (
    code VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS vote_ballots (
    round_code VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    name VARCHAR,
    areas INTEGER[] NOT NULL,
    importance INTEGER[] NOT NULL,
    feasibility INTEGER[] NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (round_code, token)
);
