-- Open questions of a meeting round (queries/vote_store.py, calc/question.py): the questions a facilitator opens,
-- the participants' answers (several each, editable by their sender until the question closes; hidden and merged
-- by the facilitator, never deleted) and the up-votes, one per participant token and answer.
CREATE TABLE IF NOT EXISTS vote_questions (
    round_code VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    PRIMARY KEY (round_code, id)
);
CREATE TABLE IF NOT EXISTS vote_answers (
    round_code VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    revision INTEGER NOT NULL,
    hidden BOOLEAN NOT NULL,
    merged_into VARCHAR,
    PRIMARY KEY (round_code, id)
);
CREATE TABLE IF NOT EXISTS vote_upvotes (
    round_code VARCHAR NOT NULL,
    answer_id VARCHAR NOT NULL,
    token VARCHAR NOT NULL,
    given_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_code, answer_id, token)
);
