-- A participant's up-vote of an answer, on DuckDB: its one writer has just checked that there is none
-- (vote_question_upvoted), and DuckDB's INSERT ... ON CONFLICT costs several times a plain INSERT.
INSERT INTO vote_upvotes (round_code, answer_id, token, given_at) VALUES ($round_code, $answer_id, $token, $given_at);
