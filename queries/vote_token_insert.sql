-- Issue a participant token for a round to a client.
INSERT INTO vote_tokens (round_code, token, session, address, issued_at)
VALUES ($round_code, $token, $session, $address, $issued_at);
