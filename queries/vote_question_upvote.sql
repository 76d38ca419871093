-- A participant's up-vote of an answer; the same participant up-voting it again changes nothing.
INSERT INTO vote_upvotes (round_code, answer_id, token, given_at) VALUES ($round_code, $answer_id, $token, $given_at)
ON CONFLICT DO NOTHING;
