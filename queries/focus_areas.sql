-- One centre's focus areas with their titles in three languages (SONet BOTNIA's also with the deck's own words).
SELECT id, title_fi, title_sv, title_en, coalesce(deck_fi, '') AS deck_fi FROM focus_areas WHERE centre = $centre
ORDER BY id;
