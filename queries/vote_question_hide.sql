-- The facilitator hides an answer from the shared screen, or shows it again; it stays in the record either way.
UPDATE vote_answers SET hidden = $hidden WHERE round_code = $round_code AND id = $id
RETURNING id;
