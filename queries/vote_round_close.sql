-- Close an open round; a closed round keeps its first closing time.
UPDATE vote_rounds SET closed_at = $closed_at WHERE code = $code AND closed_at IS NULL;
