-- Inside an answer's or up-vote's transaction: is the question there, and is it open? (PostgreSQL holds the row
-- FOR SHARE, so a close committed by another server comes before or after the write, never beside it.)
SELECT id, closed_at FROM vote_questions WHERE round_code = $round_code AND id = $id
