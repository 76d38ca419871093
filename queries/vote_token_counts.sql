-- Tokens of a round already issued to one client, and to its address since a moment (the rate limits).
SELECT CAST(count(*) FILTER (WHERE session = $session AND address = $address) AS INTEGER) AS client,
       CAST(count(*) FILTER (WHERE address = $address AND issued_at > $since) AS INTEGER) AS address_recent
FROM vote_tokens
WHERE round_code = $round_code;
