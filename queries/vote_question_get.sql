-- One question of a round with its answer count (hidden ones included), or no row.
SELECT q.round_code, q.id, q.text, q.opened_at, q.closed_at,
       (SELECT CAST(count(*) AS INTEGER) FROM vote_answers
        WHERE round_code = $round_code AND question_id = $id) AS answers
FROM vote_questions q
WHERE q.round_code = $round_code AND q.id = $id;
