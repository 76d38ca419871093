-- Open a new round; the caller has checked that the code is free (inside the same transaction).
INSERT INTO vote_rounds (code, title, opened_at, closed_at, access) VALUES ($code, $title, $opened_at, NULL, $access);
