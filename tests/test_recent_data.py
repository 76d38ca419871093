"""The 2017-2025 sources in the 2025 division: built figures checked against sums and means computed here from the
raw files with the csv module (classification, wellbeing services counties, cooperation areas, Pertunmaa)."""

import pytest

import queries
from rawdata import key_2025, population_11re, rows


def value(con, indicator, area, year):
    """The built figure of one area and year (None when there is none) and its source."""
    got = queries.run(con, "indicator_series", indicator=indicator, areas=[area])
    got = got[got["year"] == year]
    return (got["value"].iloc[0], got["source"].iloc[0]) if len(got) else (None, None)


def population_2025():
    """code -> population on 31 Dec 2025 from the raw file."""
    return {r["kunta_code"]: int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv")}


def members(column, code):
    """The 2025 municipalities whose key `column` is `code`."""
    return {k for k, r in key_2025().items() if r[column] == code}


def test_classification_of_the_centres_municipalities(con):
    """The key's facts for SONet BOTNIA: 11 Swedish-majority bilingual, 3 Finnish-majority bilingual, 26 Finnish;
    Etelä-Pohjanmaa in Sisä-Suomi, Pohjanmaa in Länsi-Suomi, Keski-Pohjanmaa in Pohjois-Suomi."""
    areas = queries.run(con, "areas").set_index("code")
    centre = areas[(areas["level"] == "municipality") & (areas["centre_code"] == "SB")]
    assert centre["language_code"].value_counts().to_dict() == {"0": 26, "3": 11, "1": 3}
    assert areas.loc["599", ["language_fi", "language_sv", "language_en"]].tolist() == [
        "Kaksikielinen kunta, jossa enemmistön kieli on ruotsi", "Tvåspråkig kommun med svenska som flertalets språk",
        "Bilingual municipality with Swedish-speaking majority"]
    assert areas.loc["905", "urban_en"] == "Urban municipalities"
    yta = {region: centre.loc[centre["region_code"] == region, "yta_code"].unique().tolist()
           for region in ("14", "15", "16")}
    assert yta == {"14": ["YTA3"], "15": ["YTA4"], "16": ["YTA5"]}
    assert areas.loc[["YTA3", "YTA4", "YTA5"], "name_fi"].tolist() == [
        "Sisä-Suomen yhteistyöalue", "Länsi-Suomen yhteistyöalue", "Pohjois-Suomen yhteistyöalue"]
    assert (areas["level"] == "hva").sum() == 23 and (areas["level"] == "yta").sum() == 6


@pytest.mark.parametrize("area, column, code, total", [("HVA16", "hyvinvointialue_code", "16", 189474),
                                                        ("HVA17", "hyvinvointialue_code", "17", 179555),
                                                        ("HVA18", "hyvinvointialue_code", "18", 67498)])
def test_wellbeing_services_county_population_2025(con, area, column, code, total):
    """The three counties of the centre's area at the end of 2025, summed here from the raw 2025 file."""
    county = members(column, code)
    expected = sum(v for k, v in population_2025().items() if k in county)
    assert expected == total
    assert value(con, "population", area, 2025) == (expected, "statfi_population_2025")


def test_centre_and_country_population_2025(con):
    """The centre's area is its three counties; the country is the sum of the 308 municipalities (no country row)."""
    raw = population_2025()
    assert value(con, "population", "SB", 2025)[0] == 189474 + 179555 + 67498
    assert value(con, "population", "SSS", 2025)[0] == sum(raw.values()) == 5652881


def test_cooperation_area_population_2023(con):
    """Länsi-Suomi's cooperation area at the end of 2023 from 11re, Pertunmaa-free (it is in Etelä-Savo)."""
    raw = population_11re(2023)
    area = members("yhteistyoalue_code", "4")
    expected = sum(v for k, v in raw.items() if k in area)
    assert value(con, "population", "YTA4", 2023)[0] == expected


def test_pertunmaa_is_carried_into_mantyharju(con):
    """Counts are summed (1972, 2023 from 11re), the 2024 preliminary is Mäntyharju's own row (2025 division), and a
    key-figure rate that cannot be recomputed for the joined municipality is missing, not guessed."""
    for year in (1972, 2023):
        raw = population_11re(year)
        assert value(con, "population", "507", year) == (raw["507"] + raw["588"], "statfi_population_11re")
    december = {r["kunta_code"]: int(r["vakiluku_preliminary"]) for r in
                rows("statfi/vamuu_11lj_preliminary_population_monthly_2024M01_2025M01.csv") if r["month"] == "2024M12"}
    assert value(con, "population", "507", 2024) == (december["507"], "statfi_population_11lj_preliminary")
    assert value(con, "employment_rate", "507", 2015) == (None, None)
    assert value(con, "employment_rate", "905", 2015)[0] is not None
    areas = queries.run(con, "areas")
    assert "588" not in set(areas["code"]) and len(areas[areas["level"] == "municipality"]) == 308


def test_population_series_has_no_gaps(con):
    """Every year from 1990 to 2025 has the centre's and the country's population."""
    got = queries.run(con, "indicator_series", indicator="population", areas=["SB", "SSS"])
    for area in ("SB", "SSS"):
        assert set(range(1990, 2026)) <= set(got.loc[got["area_code"] == area, "year"])
