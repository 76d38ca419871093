-- Inside an answer's transaction: how many answers the participant has sent to the question.
SELECT CAST(count(*) AS INTEGER) AS answers
FROM vote_answers
WHERE round_code = $round_code AND question_id = $question_id AND token = $token;
