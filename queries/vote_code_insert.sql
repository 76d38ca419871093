-- One one-time participant code of a round, not yet used.
INSERT INTO vote_codes (round_code, code, token, used_at) VALUES ($round_code, $code, NULL, NULL);
