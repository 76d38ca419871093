-- Open a question in a round; the caller has checked that the round is open and the id is free.
INSERT INTO vote_questions (round_code, id, text, opened_at, closed_at) VALUES ($round_code, $id, $text, $opened_at, NULL);
