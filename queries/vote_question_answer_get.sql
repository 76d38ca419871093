-- One answer of a round: its question, sender, text, whether hidden and what it was merged into.
SELECT id, question_id, token, text, sent_at, edited_at, revision, hidden, merged_into
FROM vote_answers
WHERE round_code = $round_code AND id = $id;
