-- Every answer to a question, hidden and merged ones included, in the order sent.
SELECT id, token, text, sent_at, edited_at, revision, hidden, merged_into
FROM vote_answers
WHERE round_code = $round_code AND question_id = $question_id
ORDER BY sent_at, id;
