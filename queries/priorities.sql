-- The 11 focus areas of the action plan: titles in three languages and the deck's own Finnish words (two of its
-- titles stop mid-phrase, so the Finnish title is a readable completion of the deck's words).
SELECT id, title_fi, title_sv, title_en, deck_fi FROM priorities ORDER BY id;
