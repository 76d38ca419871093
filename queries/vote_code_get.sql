-- A participant code of a round and the token it was used for (NULL while unused).
SELECT code, token FROM vote_codes WHERE round_code = $round_code AND code = $code;
