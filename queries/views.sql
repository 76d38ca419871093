-- Registers every data file as a view; paths are relative to the data folder (DuckDB's file_search_path).
CREATE OR REPLACE VIEW areas AS
SELECT * FROM read_csv('areas.csv', header = true, all_varchar = true);

CREATE OR REPLACE VIEW indicators AS
SELECT area_code, "year", indicator, "value", source FROM read_parquet('indicators.parquet');

CREATE OR REPLACE VIEW indicators_monthly AS
SELECT area_code, "year", "month", indicator, "value", source FROM read_parquet('indicators_monthly.parquet');

CREATE OR REPLACE VIEW indicator_meta AS
SELECT * FROM read_csv('indicator_meta.csv', header = true, all_varchar = true,
                       types = {'decimals': 'INTEGER', 'first_year': 'INTEGER', 'last_year': 'INTEGER'});

CREATE OR REPLACE VIEW national_subsidy AS
SELECT * FROM read_csv('national_subsidy.csv', header = true, all_varchar = true,
                       types = {'year': 'INTEGER', 'amount_eur': 'BIGINT'});

CREATE OR REPLACE VIEW funding AS
SELECT * FROM read_csv('funding.csv', header = true, all_varchar = true,
                       types = {'year': 'INTEGER', 'amount_eur': 'BIGINT'});

CREATE OR REPLACE VIEW centres AS
SELECT * FROM read_csv('centres.csv', header = true, all_varchar = true);

-- One row per competence centre: its id, area code (empty for the Swedish-language centre, which has no area),
-- names, and the first and last day of its periods (last_day NULL while it still runs), oldest centres first.
CREATE OR REPLACE VIEW centre_list AS
SELECT centre_id, any_value(area_code) AS area_code, any_value(short_name) AS short_name,
       any_value(name_fi) AS name_fi, any_value(name_sv) AS name_sv, any_value(name_en) AS name_en,
       any_value(name_note) AS name_note, min(period_start) AS first_day,
       CASE WHEN bool_or(coalesce(period_end, '') = '') THEN NULL ELSE max(period_end) END AS last_day
FROM centres
GROUP BY centre_id;

CREATE OR REPLACE VIEW priorities AS
SELECT * FROM read_csv('priorities.csv', header = true, all_varchar = true, types = {'id': 'INTEGER'});

CREATE OR REPLACE VIEW strategy_goals AS
SELECT * FROM read_csv('strategy_goals.csv', header = true, all_varchar = true, types = {'id': 'INTEGER'});

CREATE OR REPLACE VIEW sources AS
SELECT * FROM read_csv('sources.csv', header = true, all_varchar = true);

CREATE OR REPLACE VIEW catalog AS
SELECT * FROM read_csv('catalog.csv', header = true, all_varchar = true, types = {'rows': 'BIGINT'});

-- The national subsidy actually granted per year: final accounts where known, else the budget (a government
-- proposal is not money granted).
CREATE OR REPLACE VIEW national_subsidy_granted AS
SELECT "year", amount_eur AS national_eur, figure_type AS national_type
FROM national_subsidy
WHERE figure_type IN ('final_accounts', 'budget')
QUALIFY row_number() OVER (PARTITION BY "year" ORDER BY CASE figure_type WHEN 'final_accounts' THEN 0 ELSE 1 END) = 1;

-- Every area whose municipalities are compared (the whole country, a region, a wellbeing services county, a
-- cooperation area, a centre's area) with each of its municipalities: the one definition of a scope, shared by the
-- ranking, dispersion and pair queries and the map.
CREATE OR REPLACE VIEW scope_municipalities AS
SELECT s.code AS scope, m.code AS area_code
FROM areas s
JOIN areas m ON m.level = 'municipality'
 AND (s.level = 'country'
      OR (s.level = 'region' AND m.region_code = s.code)
      OR (s.level = 'hva' AND m.hva_code = s.code)
      OR (s.level = 'yta' AND m.yta_code = s.code)
      OR (s.level = 'centre' AND m.centre_code = s.code));

-- Every centre's focus areas: SONet BOTNIA's 11 from the deck, the others' as uploaded (ingest/centre_lists.py).
CREATE OR REPLACE VIEW focus_areas AS
SELECT * FROM read_csv('focus_areas.csv', header = true, all_varchar = true, types = {'id': 'INTEGER'});

-- Every centre's action plan as uploaded (ingest/centre_lists.py): one row per action; dates ISO, target optional.
CREATE OR REPLACE VIEW action_plan AS
SELECT * FROM read_csv('action_plan.csv', header = true, all_varchar = true,
                       types = {'id': 'INTEGER', 'focus_area': 'INTEGER', 'start': 'DATE', 'due': 'DATE',
                                'target_value': 'DOUBLE', 'target_year': 'INTEGER'});
