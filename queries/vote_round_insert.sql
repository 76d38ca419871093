-- Open a new round of a centre with its focus areas' ids; the caller has checked that the code is free (inside
-- the same transaction).
INSERT INTO vote_rounds (code, title, opened_at, closed_at, access, centre, areas)
VALUES ($code, $title, $opened_at, NULL, $access, $centre, $areas);
