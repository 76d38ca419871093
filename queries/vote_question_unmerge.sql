-- Take an answer out of the group it was merged into; it stands alone again with its own up-votes.
UPDATE vote_answers SET merged_into = NULL WHERE round_code = $round_code AND id = $id
RETURNING id;
