-- Its sender's new text for an answer (only the sender's token matches); the row count says whether it did.
UPDATE vote_answers SET text = $text, edited_at = $edited_at, revision = revision + 1
WHERE round_code = $round_code AND question_id = $question_id AND id = $id AND token = $token
RETURNING id, text, sent_at, edited_at, revision;
