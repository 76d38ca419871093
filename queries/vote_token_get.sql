-- Inside a ballot's transaction: was this token issued for this round?
SELECT token FROM vote_tokens WHERE round_code = $round_code AND token = $token;
