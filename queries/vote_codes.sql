-- The participant codes of a round in the order they were made up, with whether each has been used.
SELECT code, token IS NOT NULL AS used FROM vote_codes WHERE round_code = $round_code ORDER BY code;
