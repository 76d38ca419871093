-- Inside a ballot's or token's transaction: is the round there, still open, how may people vote in it and which
-- focus areas may a ballot name? (PostgreSQL holds the row FOR SHARE.)
SELECT code, closed_at, access, areas FROM vote_rounds WHERE code = $code
