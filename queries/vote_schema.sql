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
-- How a round lets people vote: 'open' (anyone with the link gets a token) or 'codes' (one-time participant codes).
ALTER TABLE vote_rounds ADD COLUMN IF NOT EXISTS access VARCHAR DEFAULT 'open';
-- Every participant token the server issued, with the client it went to (a hash of the session and the address):
-- a ballot needs one, and the count per client and address is what limits new tokens.
CREATE TABLE IF NOT EXISTS vote_tokens (
    round_code VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    session VARCHAR NOT NULL,
    address VARCHAR NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_code, token)
);
-- One-time participant codes of a 'codes' round; `token` is set when the code is first used.
CREATE TABLE IF NOT EXISTS vote_codes (
    round_code VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    token VARCHAR,
    used_at TIMESTAMP,
    PRIMARY KEY (round_code, code)
);
-- Ballots sent before tokens were issued keep counting and can still be replaced by their sender.
INSERT INTO vote_tokens (round_code, token, session, address, issued_at)
SELECT round_code, token, '-', '-', submitted_at FROM vote_ballots
ON CONFLICT DO NOTHING;
-- A round belongs to a centre (rounds opened before centres were a choice are SONet BOTNIA's) and offers that
-- centre's focus areas as they were when it opened (`areas`, their ids; NULL in those earlier rounds: the deck's 11).
ALTER TABLE vote_rounds ADD COLUMN IF NOT EXISTS centre VARCHAR DEFAULT 'sonet_botnia';
ALTER TABLE vote_rounds ADD COLUMN IF NOT EXISTS areas INTEGER[];
