-- A participant's new answer to a question, visible and not merged.
INSERT INTO vote_answers (round_code, question_id, id, token, text, sent_at, edited_at, revision, hidden, merged_into)
VALUES ($round_code, $question_id, $id, $token, $text, $sent_at, NULL, 1, FALSE, NULL);
