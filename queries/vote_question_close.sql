-- Close an open question; a closed question keeps its first closing time.
UPDATE vote_questions SET closed_at = $closed_at WHERE round_code = $round_code AND id = $id AND closed_at IS NULL;
