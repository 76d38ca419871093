-- Inside a ballot's transaction: is the round there and still open? (PostgreSQL holds the row FOR SHARE.)
SELECT code, closed_at FROM vote_rounds WHERE code = $code
