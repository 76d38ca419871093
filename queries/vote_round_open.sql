-- Inside a ballot's or token's transaction: is the round there, still open, and how may people vote in it?
-- (PostgreSQL holds the row FOR SHARE.)
SELECT code, closed_at, access FROM vote_rounds WHERE code = $code
