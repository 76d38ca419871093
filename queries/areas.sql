-- All areas with their level, names, parents (region, wellbeing services county, cooperation area, centre) and,
-- for municipalities, the 2025 language status and urban/rural group in three languages.
SELECT code, level, name_fi, name_sv, name_en, region_code, hva_code, yta_code, centre_code,
       language_code, language_fi, language_sv, language_en, urban_code, urban_fi, urban_sv, urban_en
FROM areas;
