"""Readers for each raw source: parse, check the shape, return tidy frames with string codes.

Every check raises SourceError naming file, row and column, so a changed source stops the build loudly.
"""
import csv
import json
from pathlib import Path

import pandas as pd
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from domain import BUDGET_FILE, COUNTRY, FUNDING_FILE, FUNDING_SOURCES
from ingest.errors import SourceError

# The dashboard's municipal division, and the municipalities merged between the source divisions and it:
# Valtimo into Nurmes (2020), Honkajoki into Kankaanpää (2021), Pertunmaa into Mäntyharju (1 Jan 2025).
DIVISION_YEAR = 2025
MERGED_INTO = {"099": "214", "911": "541", "588": "507"}


def read_csv(path, required, dtype=str, sep=",", encoding="utf-8-sig"):
    """Read a CSV as text, checking that the required columns exist."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "file is missing")
    try:
        frame = pd.read_csv(path, dtype=dtype, sep=sep, encoding=encoding, keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(path, f"cannot be read as CSV ({exc})") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceError(path, f"missing column(s): {', '.join(missing)}", row=1, column=missing[0])
    return frame


def check_code(path, frame, column, width):
    """Codes must be digit strings of the given width (zero-padded), or of any width when `width` is None."""
    for i, code in enumerate(frame[column]):
        if not (code.isdigit() and (width is None or len(code) == width)):
            raise SourceError(path, f"code {code!r} is not {width or 'a string of'} digits", row=i + 2, column=column)


def to_number(path, frame, column, allow_empty=True):
    """Parse a text column into floats; empty and '..' are missing; anything else non-numeric is an error.

    Parsed column-wise (the sources have 10^5 cells); the first bad cell is then named with its row.
    """
    text = frame[column].astype(str).str.strip()
    missing = text.isin(("", ".."))
    values = pd.to_numeric(text.where(~missing), errors="coerce").astype("float64")
    bad = (values.isna() & ~missing) | (missing if not allow_empty else False)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        if missing.iloc[i]:
            raise SourceError(path, "value is missing", row=i + 2, column=column)
        raise SourceError(path, f"{text.iloc[i]!r} is not a number", row=i + 2, column=column)
    return pd.Series(values.to_numpy(), index=frame.index, dtype="float64")


def read_geojson(path, required_props):
    """Load a GeoJSON FeatureCollection and check each feature has the properties we rely on."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(path, f"cannot be read as JSON ({exc})") from exc
    if data.get("type") != "FeatureCollection":
        raise SourceError(path, "is not a GeoJSON FeatureCollection")
    for i, feature in enumerate(data["features"]):
        for prop in required_props:
            if feature.get("properties", {}).get(prop) in (None, ""):
                raise SourceError(path, f"feature {i + 1} has no {prop}", column=prop)
    return data


def merged_features(data):
    """The collection in the dashboard's division: a merged municipality's polygon joined to its new one (shapely).

    The joined municipality keeps its code and names; land areas are added.
    """
    features = {f["properties"]["NATCODE"]: f for f in data["features"]}
    for old, new in MERGED_INTO.items():
        if old not in features or new not in features:
            continue
        gone, kept = features.pop(old), features[new]
        union = unary_union([shape(kept["geometry"]), shape(gone["geometry"])])
        land = float(kept["properties"]["LANDAREA"]) + float(gone["properties"]["LANDAREA"])
        features[new] = {**kept, "properties": {**kept["properties"], "LANDAREA": land}, "geometry": mapping(union)}
    return {**data, "features": [features[code] for code in sorted(features)]}


def read_municipal_borders(raw):
    """NLS municipal borders of 2021 moved to the 2025 division (Pertunmaa within Mäntyharju): code, names, land."""
    path = raw / "nls" / "kuntarajat.2021.json"
    data = merged_features(read_geojson(path, ["NATCODE", "NAMEFIN", "NAMESWE", "LANDAREA"]))
    rows = [
        {
            "code": f["properties"]["NATCODE"],
            "name_fi": f["properties"]["NAMEFIN"],
            "name_sv": f["properties"]["NAMESWE"],
            "land_area_km2": float(f["properties"]["LANDAREA"]),
        }
        for f in data["features"]
    ]
    frame = pd.DataFrame(rows)
    check_code(path, frame, "code", 3)
    if frame["code"].duplicated().any():
        raise SourceError(path, f"duplicate municipality code {frame.loc[frame['code'].duplicated(), 'code'].iloc[0]}")
    return data, frame


def read_region_borders(raw):
    """NLS regions (maakunnat) with Finnish and Swedish names."""
    path = raw / "nls" / "maakuntarajat.2023.json"
    data = read_geojson(path, ["NATCODE", "NAMEFIN", "NAMESWE"])
    frame = pd.DataFrame(
        [{"code": f["properties"]["NATCODE"], "name_fi": f["properties"]["NAMEFIN"],
          "name_sv": f["properties"]["NAMESWE"]} for f in data["features"]]
    )
    check_code(path, frame, "code", 2)
    return data, frame


KEY_CLASSES = ("maakunta", "hyvinvointialue", "yhteistyoalue", "kielisuhde", "kuntaryhmitys")


def read_municipality_key(raw):
    """Statistics Finland's 2025 classification key (308 municipalities): region, wellbeing services county,
    cooperation area, language status and urban/rural group, each with a code and fi/sv/en names."""
    path = raw / "geofi" / "municipality_key_2025.csv"
    columns = [f"{c}_{part}" for c in KEY_CLASSES for part in ("code", "name_fi", "name_sv", "name_en")]
    frame = read_csv(path, ["kunta_code", "municipality_name_fi", "municipality_name_sv", "municipality_name_en",
                            *columns])
    check_code(path, frame, "kunta_code", 3)
    for column in columns:
        frame[column] = frame[column].str.strip()
        empty = frame[column] == ""
        if empty.any():
            raise SourceError(path, "empty value", row=int(empty.idxmax()) + 2, column=column)
    for kind in KEY_CLASSES:
        check_code(path, frame, f"{kind}_code", None)
    frame["maakunta_code"] = frame["maakunta_code"].str.zfill(2)
    return frame


def read_key_figures(raw, label_to_indicator):
    """Municipal key figures 2000-2017 (2017 division), long: unit, year, indicator, value."""
    path = raw / "statfi" / "kuntien_avainluvut_2000_2017_coded.csv"
    years = [str(y) for y in range(2000, 2018)]
    frame = read_csv(path, ["area_code", "area_name_2017", "indicator_fi", *years])
    for i, label in enumerate(frame["indicator_fi"]):
        if label not in label_to_indicator:
            raise SourceError(path, f"unknown indicator {label!r}", row=i + 2, column="indicator_fi")
    for i, code in enumerate(frame["area_code"]):
        if code != COUNTRY and not (len(code) == 3 and code.isdigit()):
            raise SourceError(path, f"area code {code!r} is neither {COUNTRY} nor 3 digits", row=i + 2,
                              column="area_code")
    parts = []
    for year in years:
        parts.append(pd.DataFrame({
            "unit": frame["area_code"],
            "year": int(year),
            "indicator": frame["indicator_fi"].map(label_to_indicator),
            "value": to_number(path, frame, year),
        }))
    long = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    dupes = frame.duplicated(subset=["area_code", "indicator_fi"])
    if dupes.any():
        row = int(dupes.to_numpy().nonzero()[0][0]) + 2
        raise SourceError(path, "duplicate area and indicator", row=row, column="indicator_fi")
    names = frame.drop_duplicates("area_code").set_index("area_code")["area_name_2017"]
    return long, names


def read_employment_2016(raw, name_to_code):
    """Unemployed and labour force 2016 by municipality (2017 division), men plus women."""
    out = []
    for indicator, file, label in (("unemployed", "tyottomat_2016.csv", "Työttömät"),
                                   ("labour_force", "tyovoima_2016.csv", "Työvoima")):
        path = raw / "statfi" / file
        men, women = "Miehet Ikäluokat yhteensä 2016", "Naiset Ikäluokat yhteensä 2016"
        frame = read_csv(path, ["Alue", "Pääasiallinen toiminta", men, women], sep=";")
        codes = []
        for i, name in enumerate(frame["Alue"]):
            code = name_to_code.get(name) or name_to_code.get(name.split(" - ")[0])
            if code is None:
                raise SourceError(path, f"unknown municipality {name!r}", row=i + 2, column="Alue")
            if frame["Pääasiallinen toiminta"].iloc[i] != label:
                raise SourceError(path, f"expected {label!r}", row=i + 2, column="Pääasiallinen toiminta")
            codes.append(code)
        value = to_number(path, frame, men, allow_empty=False) + to_number(path, frame, women, allow_empty=False)
        out.append(pd.DataFrame({"unit": codes, "year": 2016, "indicator": indicator, "value": value}))
    return pd.concat(out, ignore_index=True)


def statfin_rows(path, value_column, period_column, required_area=True):
    """A flattened StatFin table: unit ('SSS' or a 3-digit code), period text, value (missing allowed)."""
    frame = read_csv(path, ["alue_code", "kunta_code", period_column, value_column])
    municipal = frame[frame["kunta_code"] != COUNTRY]
    check_code(path, municipal, "kunta_code", 3)
    if required_area and not (frame["kunta_code"] == COUNTRY).any():
        raise SourceError(path, f"no row for the whole country ({COUNTRY})", column="kunta_code")
    out = pd.DataFrame({"unit": frame["kunta_code"], "period": frame[period_column],
                        "value": to_number(path, frame, value_column)})
    dupes = out.duplicated(subset=["unit", "period"])
    if dupes.any():
        raise SourceError(path, "duplicate area and period", row=int(dupes.idxmax()) + 2, column=period_column)
    return out


def month_parts(path, periods, column):
    """'2024M12' -> (2024, 12); anything else is an error naming the row."""
    years, months = [], []
    for i, text in enumerate(periods):
        head, sep, tail = text.partition("M")
        if not (sep and head.isdigit() and tail.isdigit() and 1 <= int(tail) <= 12):
            raise SourceError(path, f"month {text!r} is not like 2024M12", row=i + 2, column=column)
        years.append(int(head))
        months.append(int(tail))
    return years, months


def read_population_11re(raw):
    """Population on 31 Dec 1972-2023, all municipalities (2024 division) and the country (table 11re)."""
    path = raw / "statfi" / "vaerak_11re_population_1972_2023.csv"
    rows = statfin_rows(path, "population_31_12", "year")
    check_code(path, rows.rename(columns={"period": "year"}), "year", 4)
    if rows["value"].isna().any():
        raise SourceError(path, "value is missing", row=int(rows["value"].isna().idxmax()) + 2,
                          column="population_31_12")
    return pd.DataFrame({"unit": rows["unit"], "year": rows["period"].astype(int), "value": rows["value"]})


def read_population_11lj_december(raw, year=2024):
    """Preliminary population at the end of December of `year` (table 11lj, 2025 division), with the country."""
    path = raw / "statfi" / "vamuu_11lj_preliminary_population_monthly_2024M01_2025M01.csv"
    rows = statfin_rows(path, "vakiluku_preliminary", "month")
    years, months = month_parts(path, rows["period"], "month")
    rows = rows.assign(year=years, month=months)
    december = rows[(rows["year"] == year) & (rows["month"] == 12)]
    if december.empty:
        raise SourceError(path, f"no figure for {year}M12", column="month")
    return december[["unit", "year", "value"]].reset_index(drop=True)


def read_population_2025(raw):
    """Population on 31 Dec 2025 by municipality (2025 division; Kuntien avainluvut M411); no country row."""
    path = raw / "statfi" / "vakiluku_2025_kunnat.csv"
    frame = read_csv(path, ["kunta_code", "kunta_name", "vakiluku_2025"])
    check_code(path, frame, "kunta_code", 3)
    return pd.DataFrame({"unit": frame["kunta_code"], "year": 2025,
                         "value": to_number(path, frame, "vakiluku_2025", allow_empty=False)})


def read_jobseekers_12r5(raw):
    """Unemployed jobseekers, % of the labour force, monthly by municipality (TEM via StatFin 12r5, 2025 division)."""
    path = raw / "tem" / "tyonv_12r5_tyotosuus_monthly_2007M01_2025M01.csv"
    rows = statfin_rows(path, "tyottomien_tyonhakijoiden_osuus_tyovoimasta_pct", "month", required_area=False)
    years, months = month_parts(path, rows["period"], "month")
    out = pd.DataFrame({"unit": rows["unit"], "year": years, "month": months, "value": rows["value"]})
    bad = (out["value"] < 0) | (out["value"] > 100)
    if bad.any():
        raise SourceError(path, "a share outside 0-100", row=int(bad.idxmax()) + 2,
                          column="tyottomien_tyonhakijoiden_osuus_tyovoimasta_pct")
    return out.dropna(subset=["value"]).reset_index(drop=True)


def read_net_migration_12w7(raw):
    """Net migration between municipalities, yearly sums of the months (StatFin 12w7, 2024 division).

    A year counts only when all 12 months are present for the municipality.
    """
    path = raw / "statfi" / "muutl_12w7_intermunicipal_net_migration_monthly_2022_2023.csv"
    rows = statfin_rows(path, "kuntien_valinen_nettomuutto", "month")
    years, _ = month_parts(path, rows["period"], "month")
    rows = rows.assign(year=years).dropna(subset=["value"])
    sums = rows.groupby(["unit", "year"]).agg(value=("value", "sum"), months=("value", "size")).reset_index()
    return sums.loc[sums["months"] == 12, ["unit", "year", "value"]].reset_index(drop=True)


def read_key_figures_2019(raw, label_to_indicator):
    """Kuntien avainluvut, 2019 edition (2019 division, 311 municipalities): long unit, year, indicator, value.

    The headers end in the year of the figure ('Employment rate, %, 2017'); `label_to_indicator` maps the header
    without its year to our indicator code. Columns we do not use are ignored.
    """
    path = raw / "statfi" / "kuntien_avainluvut_2019_edition.csv"
    frame = read_csv(path, ["code", "name"], sep=";")
    check_code(path, frame, "code", 3)
    parts = []
    for column in frame.columns[2:]:
        label, _, year = column.rpartition(", ")
        if label not in label_to_indicator:
            continue
        if not year.isdigit():
            raise SourceError(path, f"header {column!r} does not end in a year", row=1, column=column)
        values = frame[column].str.replace(",", ".", regex=False).to_frame(column)
        parts.append(pd.DataFrame({"unit": frame["code"], "year": int(year),
                                   "indicator": label_to_indicator[label],
                                   "value": to_number(path, values, column, allow_empty=False)}))
    found = {p["indicator"].iloc[0] for p in parts}
    missing = sorted(set(label_to_indicator.values()) - found)
    if missing:
        raise SourceError(path, f"no column for indicator {missing[0]}", row=1)
    return pd.concat(parts, ignore_index=True)


PAAVO_COLUMNS = {
    "adults": "Aged 18 or over, total, 2017 (HR)",
    "mean_income": "Average income of inhabitants, 2017 (HR)",
    "median_income": "Median income of inhabitants, 2017 (HR)",
    "low_income": "Inhabintants belonging to the lowest income category, 2017 (HR)",
    "high_income": "Inhabintants belonging to the highest income category, 2017 (HR)",
    "inhabitants": "Inhabitants, total, 2018 (HE)",
    "age_0_2": "0-2 years, 2018 (HE)",
    "age_3_6": "3-6 years, 2018 (HE)",
    "age_7_12": "7-12 years, 2018 (HE)",
    "age_13_15": "13-15 years, 2018 (HE)",
    "age_16_17": "16-17 years, 2018 (HE)",
    "age_65_69": "65-69 years, 2018 (HE)",
    "age_70_74": "70-74 years, 2018 (HE)",
    "age_75_79": "75-79 years, 2018 (HE)",
    "age_80_84": "80-84 years, 2018 (HE)",
    "age_85_plus": "85 years or over, 2018 (HE)",
}


def read_paavo(raw):
    """Paavo 2020 release per municipality (2020 division): the counts we derive income and age indicators from."""
    path = raw / "paavo" / "paavo_municipality_demographics_coded.csv"
    frame = read_csv(path, ["area_type", "area_code", *PAAVO_COLUMNS.values()])
    frame = frame[frame["area_type"] == "KUNTA"].reset_index(drop=True)
    check_code(path, frame, "area_code", 3)
    out = pd.DataFrame({"unit": frame["area_code"]})
    for key, column in PAAVO_COLUMNS.items():
        out[key] = to_number(path, frame, column)
        negative = out[key] < 0
        if negative.any():
            raise SourceError(path, "negative value", row=int(negative.idxmax()) + 2, column=column)
    return out


# The raw budget file's first word of a figure type -> our code.
RAW_TYPE_WORD = {"tilinpaatos": "final_accounts", "talousarvio": "budget", "talousarvioesitys": "proposal"}


def read_budget(raw):
    """National subsidy (budget line 33.60.63) per year and figure type."""
    path = raw / BUDGET_FILE
    frame = read_csv(path, ["year", "amount_eur", "figure_type", "source_url", "note"])
    rows = []
    amounts = pd.to_numeric(frame["amount_eur"].astype(str).str.strip(), errors="coerce")
    for i, rec in frame.iterrows():
        kind = RAW_TYPE_WORD.get(rec["figure_type"].split(" ")[0])
        if kind is None:
            raise SourceError(path, f"unknown figure type {rec['figure_type']!r}", row=i + 2, column="figure_type")
        if not rec["year"].isdigit():
            raise SourceError(path, f"year {rec['year']!r} is not a number", row=i + 2, column="year")
        if pd.isna(amounts[i]):
            # The rows up to this one, so that the error names this row.
            to_number(path, frame.iloc[: i + 1], "amount_eur", allow_empty=False)
        amount = amounts[i]
        if amount < 0:
            raise SourceError(path, "negative amount", row=i + 2, column="amount_eur")
        rows.append({"year": int(rec["year"]), "amount_eur": int(amount), "figure_type": kind,
                     "source_url": rec["source_url"], "note": rec["note"]})
    out = pd.DataFrame(rows)
    dupes = out.duplicated(subset=["year", "figure_type"])
    if dupes.any():
        raise SourceError(path, "duplicate year and figure type", row=int(dupes.idxmax()) + 2, column="figure_type")
    return out




def read_funding(raw, national=None):
    """The centre's own funding by year and source category (from its planning documents).

    Refused, with the row named: an unknown source category, a year that is not a number, an amount that is
    negative or not whole euros, a (year, centre, source) given twice, and, when the national subsidy table is
    given, state money above that year's national total (a share over 100 %).
    """
    path = raw / FUNDING_FILE
    frame = read_csv(path, ["year", "centre", "source", "amount_eur", "source_ref"])
    for i, rec in frame.iterrows():
        if rec["source"] not in FUNDING_SOURCES:
            raise SourceError(path, f"unknown source category {rec['source']!r}", row=i + 2, column="source")
        if not rec["year"].isdigit():
            raise SourceError(path, f"year {rec['year']!r} is not a number", row=i + 2, column="year")
    amount = to_number(path, frame, "amount_eur", allow_empty=False)
    if (amount < 0).any():
        raise SourceError(path, "negative amount", row=int((amount < 0).idxmax()) + 2, column="amount_eur")
    fractional = amount != amount.round()
    if fractional.any():
        raise SourceError(path, "amount is not in whole euros", row=int(fractional.idxmax()) + 2, column="amount_eur")
    out = pd.DataFrame({"year": frame["year"].astype(int), "centre": frame["centre"], "source": frame["source"],
                        "amount_eur": amount.astype("int64"), "source_ref": frame["source_ref"]})
    dupes = out.duplicated(subset=["year", "centre", "source"])
    if dupes.any():
        raise SourceError(path, "duplicate year and source", row=int(dupes.idxmax()) + 2, column="source")
    if national is not None:
        check_state_share(path, out, national)
    return out


def national_in_force(national):
    """year -> the national subsidy that applies: final accounts, else budget, else the government proposal."""
    order = {"final_accounts": 0, "budget": 1, "proposal": 2}
    ranked = national.assign(rank=national["figure_type"].map(order)).sort_values(["year", "rank"])
    return ranked.drop_duplicates("year").set_index("year")["amount_eur"]


def check_state_share(path, funding, national):
    """A centre's state money cannot exceed the national subsidy of its year (a share over 100 %).

    The row named is the one whose amount takes the year's running total over the national figure. Years without
    a national figure cannot be checked and pass.
    """
    totals = national_in_force(national)
    state = funding[funding["source"].str.startswith("state")]
    running = state.groupby(["year", "centre"])["amount_eur"].cumsum()
    for i, rec in state.iterrows():
        limit = totals.get(rec["year"])
        if limit is not None and running[i] > limit:
            raise SourceError(path, f"state money of {rec['year']} ({running[i]} EUR) exceeds the national subsidy "
                                    f"of that year ({limit} EUR): a share over 100 %", row=i + 2, column="amount_eur")


def read_titled(raw, name, count):
    """Priorities or strategic goals: id plus titles in fi/sv/en, all present."""
    path = raw / "sonet_botnia" / name
    frame = read_csv(path, ["id", "title_fi", "title_sv", "title_en"])
    for i, rec in frame.iterrows():
        for column in ("id", "title_fi", "title_sv", "title_en"):
            if not rec[column].strip():
                raise SourceError(path, "empty value", row=i + 2, column=column)
    if sorted(frame["id"].astype(int)) != list(range(1, count + 1)):
        raise SourceError(path, f"ids must be 1..{count}", column="id")
    frame["id"] = frame["id"].astype(int)
    return frame


# The columns of an indicator description and of a source, in the curated files and in their updates alike.
META_COLUMNS = ["indicator", "name_fi", "name_sv", "name_en", "unit", "decimals", "better", "aggregation",
                "source_label"]
SOURCE_COLUMNS = ["source_id", "title_fi", "title_sv", "title_en", "producer", "licence", "url", "updated",
                  "raw_files"]
BETTER = ("higher", "lower", "neutral")


def first_bad(path, frame, bad, column, message):
    """Stop the build at the first row where `bad` is true, naming file, row and column; `message` words the
    row's value."""
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise SourceError(path, message(frame.iloc[i][column]), row=i + 2, column=column)


def check_better(path, frame):
    """Each indicator says which way is better (higher, lower or neutral); the first that does not stops the build."""
    first_bad(path, frame, ~frame["better"].isin(BETTER), "better",
              lambda better: f"'better' must be higher, lower or neutral, not {better!r}")


def check_raw_files(path, frame, raw):
    """Each raw file a source lists exists under data/raw; the first missing one stops the build."""
    for i, files in enumerate(frame["raw_files"]):
        for file in filter(None, files.split(";")):
            if not (raw / file).exists():
                raise SourceError(path, f"raw file {file} does not exist", row=i + 2, column="raw_files")


def read_indicator_meta(raw):
    """Our curated indicator metadata: names in three languages, unit, decimals, direction, aggregation."""
    path = raw / "indicator_meta.csv"
    frame = read_csv(path, META_COLUMNS)
    check_better(path, frame)
    frame["decimals"] = frame["decimals"].astype(int)
    return frame


def read_sources(raw):
    """The source registry: titles, producer, licence, url, update date, raw files."""
    path = raw / "sources.csv"
    frame = read_csv(path, SOURCE_COLUMNS)
    check_raw_files(path, frame, raw)
    return frame


def write_csv(frame, path):
    """CSV with a fixed dialect so rebuilt files compare byte for byte."""
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
