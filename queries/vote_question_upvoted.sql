-- Inside an up-vote's transaction: has this participant already up-voted an answer of this answer's group (the
-- answer itself, the one it is merged into, or another merged into that)?
SELECT CAST(count(*) AS INTEGER) AS given
FROM vote_upvotes u
JOIN vote_answers a ON a.round_code = u.round_code AND a.id = u.answer_id
WHERE u.round_code = $round_code AND u.token = $token AND (a.id = $head OR a.merged_into = $head);
