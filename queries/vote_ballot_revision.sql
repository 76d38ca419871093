-- Inside a ballot's transaction: how many times this participant has sent a ballot in this round (no row: never).
SELECT revision FROM vote_ballots WHERE round_code = $round_code AND token = $token;
