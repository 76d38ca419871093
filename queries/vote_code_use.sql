-- Use a participant code for a token; only an unused code is taken (the caller checks the row count).
UPDATE vote_codes SET token = $token, used_at = $used_at
WHERE round_code = $round_code AND code = $code AND token IS NULL
RETURNING code;
