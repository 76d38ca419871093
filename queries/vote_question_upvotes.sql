-- The up-votes given to a question's answers (hidden ones included): who up-voted which answer.
SELECT u.answer_id, u.token, u.given_at
FROM vote_upvotes u
JOIN vote_answers a ON a.round_code = u.round_code AND a.id = u.answer_id
WHERE u.round_code = $round_code AND a.question_id = $question_id
ORDER BY u.given_at, u.answer_id, u.token;
