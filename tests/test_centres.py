"""Every competence centre's area and figures, checked against the raw files read independently here."""
import pandas as pd
import pytest

import queries
from rawdata import key_2025, rows

# The cooperation-area centres of 1.7.2025 and their cooperation area's Finnish name in the 2025 key.
COOPERATION_CENTRES = {
    "yta_etela_suomi": "Etelä-Suomen yhteistyöalue",
    "yta_ita_suomi": "Itä-Suomen yhteistyöalue",
    "yta_sisa_suomi": "Sisä-Suomen yhteistyöalue",
    "yta_lansi_suomi": "Länsi-Suomen yhteistyöalue",
    "yta_pohjois_suomi": "Pohjois-Suomen yhteistyöalue",
}
# The regional centres of 2002-2022 and their regions (decree 1411/2001 § 1), as the team read them.
REGIONAL_CENTRES = {"socca_verso": {"01", "07"}, "vasso": {"02"}, "socom": {"08", "09"},
                    "pikassos": {"04", "05", "06"}, "sonet_botnia": {"14", "15", "16"}, "koske": {"13"},
                    "iso": {"10", "11", "12", "18"}, "poske": {"17", "19"}}


def area_code(con, centre_id):
    """The area code of a centre, as the app finds it."""
    return queries.run(con, "centre_list").set_index("centre_id").loc[centre_id, "area_code"]


def population_2025():
    """code -> population at the end of 2025, from the raw Statistics Finland file (2025 division)."""
    return {r["kunta_code"]: int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv")}


@pytest.mark.parametrize("centre_id, cooperation_area", COOPERATION_CENTRES.items())
def test_cooperation_area_centre_population_end_2025(con, centre_id, cooperation_area):
    """The centre's area population end-2025 is the sum of its cooperation area's municipalities."""
    people = population_2025()
    members = [code for code, r in key_2025().items() if r["yhteistyoalue_name_fi"] == cooperation_area]
    assert members
    got = queries.run(con, "value_at", indicator="population", areas=[area_code(con, centre_id)], year=2025)
    assert int(got.iloc[0]["year"]) == 2025
    assert got.iloc[0]["value"] == sum(people[code] for code in members)


@pytest.mark.parametrize("centre_id, regions", REGIONAL_CENTRES.items())
def test_regional_centre_area_is_its_regions(con, centre_id, regions):
    """A regional centre's municipalities are exactly those of its regions in the 2025 key."""
    expected = {code for code, r in key_2025().items() if r["maakunta_code"].zfill(2) in regions}
    areas = queries.run(con, "areas")
    got = set(areas.loc[(areas["level"] == "municipality") & (areas["centre_code"] == area_code(con, centre_id)),
                        "code"])
    assert got == expected


def test_wellbeing_county_period_differs_only_by_helsinki(con):
    """2023-30.6.2025 by wellbeing services county: the same municipalities, but Helsinki, which the stored decree
    excerpt does not list, is shown as not covered for Socca / Verso."""
    centres = con.execute("SELECT * FROM centres WHERE area_level = 'hva'").df().fillna("")
    gaps = dict(zip(centres["centre_id"], centres["area_not_covered"]))
    assert gaps.pop("socca_verso") == "091"
    assert set(gaps.values()) == {""}
    assert set(centres["outside_area"]) == {""}


def test_swedish_language_centre_has_no_area(con):
    """FSKC serves a population, not a territory: listed in every period, with no area and no shares."""
    centres = queries.run(con, "centre_list").set_index("centre_id")
    assert pd.isna(centres.loc["fskc", "area_code"])
    assert centres.loc["fskc", "first_day"] == "2002-01-01" and pd.isna(centres.loc["fskc", "last_day"])
    assert centres.loc["sonet_botnia", "last_day"] == "2025-06-30"
    shares = queries.run(con, "centre_shares", year=2025, country="SSS").set_index("centre_id")
    assert shares.loc["fskc", ["population_share_pct", "land_share_pct"]].isna().all()


def test_sonet_botnia_2019_shares_unchanged(con):
    """SONet BOTNIA 2019: subsidy share 241,551 / 2,950,000 against its population share, from the raw files."""
    state = sum(int(r["amount_eur"]) for r in rows("sonet_botnia/funding.csv")
                if r["year"] == "2019" and r["source"].startswith("state"))
    national = next(int(r["amount_eur"]) for r in rows("budget/budget_33_60_63_observed.csv")
                    if r["year"] == "2019" and r["figure_type"] == "talousarvio (budget)")
    assert (state, national) == (241_551, 2_950_000)
    shares = queries.run(con, "centre_shares", year=2019, country="SSS").set_index("centre_id")
    sb = shares.loc["sonet_botnia"]
    assert sb["subsidy_share_pct"] == pytest.approx(100 * state / national)
    assert int(sb["population_year"]) == 2019 and int(sb["area_population"]) == 437_288
    assert shares.drop(index="sonet_botnia")["subsidy_share_pct"].isna().all()


def test_population_shares_of_mainland_centres_add_up(con):
    """The regional centres cover mainland Finland once: their shares plus Åland's make the whole country."""
    shares = queries.run(con, "centre_shares", year=2025, country="SSS").set_index("centre_id")
    aland = queries.run(con, "value_at", indicator="population", areas=["21", "SSS"], year=2025).set_index("area_code")
    regional = shares.loc[list(REGIONAL_CENTRES), "population_share_pct"].sum()
    assert regional + 100 * aland.loc["21", "value"] / aland.loc["SSS", "value"] == pytest.approx(100)
    cooperation = shares.loc[list(COOPERATION_CENTRES), "population_share_pct"].sum()
    assert cooperation == pytest.approx(regional)
