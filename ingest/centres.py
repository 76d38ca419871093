"""The social welfare competence centres, their periods and their areas (data/raw/centres/).

A regional centre of 2002-30.6.2025 covers whole regions (2002-2022) and then whole wellbeing services counties
(2023-30.6.2025); together the regional centres cover mainland Finland once, so each municipality has one such
centre, kept in areas.csv as `centre_code`. A centre of 1.7.2025 covers one cooperation area, so its area is that
cooperation area's own row. The Swedish-language centre serves a population, not a territory: it has no area.
"""
import pandas as pd

from ingest.errors import SourceError
from ingest.readers import first_bad, read_csv

FOLDER = "centres"
CENTRE_COLUMNS = ["centre_id", "area_code", "short_name", "name_fi", "name_sv", "name_en", "area_name_fi",
                  "area_name_sv", "area_name_en", "name_note"]
PERIOD_COLUMNS = ["centre_id", "period_start", "period_end", "area_level", "members", "source_url", "note"]
AREA_LEVELS = ("region", "hva", "yta", "population")
# The level of areas.csv whose municipalities a period's members name, and the column that names them.
MEMBER_COLUMN = {"region": "region_code", "hva": "hva_code", "yta": "yta_code"}


def read_centre_files(raw):
    """centres.csv and centre_periods.csv, checked: unique lower-case ids, known levels, every period's centre known."""
    folder = raw / FOLDER
    centres = read_csv(folder / "centres.csv", CENTRE_COLUMNS)
    periods = read_csv(folder / "centre_periods.csv", PERIOD_COLUMNS)
    for i, rec in centres.iterrows():
        if not rec["centre_id"].replace("_", "").isalpha() or rec["centre_id"] != rec["centre_id"].lower():
            raise SourceError(folder / "centres.csv", f"id {rec['centre_id']!r} is not lower-case letters and _",
                              row=i + 2, column="centre_id")
    for column in ("centre_id", "area_code"):
        codes = centres.loc[centres[column] != "", column]
        if codes.duplicated().any():
            raise SourceError(folder / "centres.csv", f"{codes[codes.duplicated()].iloc[0]} appears twice",
                              column=column)
    for i, rec in periods.iterrows():
        if rec["centre_id"] not in set(centres["centre_id"]):
            raise SourceError(folder / "centre_periods.csv", f"unknown centre {rec['centre_id']}", row=i + 2,
                              column="centre_id")
        if rec["area_level"] not in AREA_LEVELS:
            raise SourceError(folder / "centre_periods.csv", f"unknown area level {rec['area_level']!r}",
                              row=i + 2, column="area_level")
    return centres, periods


def members(period):
    """The area codes a period's row lists."""
    return [m for m in period["members"].split(";") if m]


def regional_centre_of(centres, periods):
    """region code -> area code of the regional centre (2002-2022 periods), each region at most once."""
    area_of = dict(zip(centres["centre_id"], centres["area_code"]))
    out = {}
    for _, rec in periods[periods["area_level"] == "region"].iterrows():
        for region in members(rec):
            if region in out:
                raise SourceError("centre_periods.csv", f"region {region} belongs to two centres", column="members")
            out[region] = area_of[rec["centre_id"]]
    return out


def centre_area_rows(centres, periods):
    """One area row (level 'centre') per regional centre, named as centres.csv says."""
    regional = set(periods.loc[periods["area_level"] == "region", "centre_id"])
    rows = centres[centres["centre_id"].isin(regional)]
    return pd.DataFrame({"code": rows["area_code"], "level": "centre",
                         **{f"name_{lang}": rows[f"area_name_{lang}"] for lang in ("fi", "sv", "en")}})


def municipalities_by(munis, columns):
    """area column -> area code -> the municipality codes it holds, grouped once for every period's lookups."""
    return {column: munis.groupby(column)["code"].agg(set).to_dict() for column in columns if column in munis.columns}


def period_municipalities(period, by_member):
    """The municipalities (codes) a period's members cover; an unknown member is a source error."""
    level = period["area_level"]
    if level == "population":
        return set()
    column = MEMBER_COLUMN[level]
    if column not in by_member:
        raise SourceError("centre_periods.csv", f"areas have no {level} level", column="area_level")
    codes = set()
    for code in members(period):
        found = by_member[column].get(code)
        if not found:
            raise SourceError("centre_periods.csv", f"{code} has no municipalities", column="members")
        codes |= found
    return codes


def build_centres(centres, periods, areas):
    """The centres table: one row per centre and period with its area code and the municipalities it covered.

    A centre's area figures are those of its area code; where a period's members cover other municipalities than
    that area (Helsinki in 2023-2025), the row says how many, so the difference is visible, never hidden.
    """
    munis = areas[areas["level"] == "municipality"]
    level_of = dict(zip(areas["code"], areas["level"]))
    unknown = [code for code in centres["area_code"] if code and code not in level_of]
    if unknown:
        raise SourceError("centres.csv", f"area {unknown[0]} is not built", column="area_code")
    own_column = {code: f"{level_of[code]}_code" for code in centres["area_code"] if code}
    by_member = municipalities_by(munis, {*MEMBER_COLUMN.values(), *own_column.values()})
    area_munis = {code: by_member[column].get(code, set()) for code, column in own_column.items()}
    info = centres.set_index("centre_id")
    rows = []
    for _, rec in periods.iterrows():
        centre = info.loc[rec["centre_id"]]
        covered = period_municipalities(rec, by_member)
        own = area_munis.get(centre["area_code"], set())
        missing = own - covered if rec["area_level"] != "population" else set()
        rows.append({**rec.to_dict(), **{c: centre[c] for c in CENTRE_COLUMNS[1:]}, "municipalities": len(covered),
                     "outside_area": ";".join(sorted(covered - own)), "area_not_covered": ";".join(sorted(missing))})
    out = pd.DataFrame(rows)
    return out[["centre_id", *CENTRE_COLUMNS[1:], "period_start", "period_end", "area_level", "members",
                "municipalities", "outside_area", "area_not_covered", "source_url", "note"]]


def check_funding_centres(funding, centres, path):
    """Every funding row names a centre by its area code (SB, YTA5 ...); an unknown code stops the build."""
    known = set(centres["area_code"]) - {""}
    first_bad(path, funding, ~funding["centre"].isin(known), "centre",
              lambda code: f"unknown centre {code!r} (known: {', '.join(sorted(known))})")
