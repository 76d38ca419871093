-- Merge an answer, and whatever was merged into it before, into another answer (its group's head).
UPDATE vote_answers SET merged_into = $into
WHERE round_code = $round_code AND question_id = $question_id AND (id = $id OR merged_into = $id);
