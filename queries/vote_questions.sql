-- The questions of a round, newest first, with their answer counts (hidden ones included).
SELECT q.id, q.text, q.opened_at, q.closed_at, CAST(count(a.id) AS INTEGER) AS answers
FROM vote_questions q
LEFT JOIN vote_answers a ON a.round_code = q.round_code AND a.question_id = q.id
WHERE q.round_code = $round_code
GROUP BY q.id, q.text, q.opened_at, q.closed_at
ORDER BY q.opened_at DESC, q.id;
