-- All areas with their level, names and parents.
SELECT code, level, name_fi, name_sv, name_en, region_code, centre_code FROM areas;
