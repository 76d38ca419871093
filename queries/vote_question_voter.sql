-- Inside an answer's or up-vote's transaction: was the token issued for this round? (PostgreSQL locks the token's
-- row FOR UPDATE, so that one participant's writes sent to two servers at once come one after the other; the
-- count of their answers is then read by the next statement, which sees what the other committed.)
SELECT token FROM vote_tokens WHERE round_code = $round_code AND token = $token
