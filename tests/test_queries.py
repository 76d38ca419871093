"""Queries: results checked against numbers computed here, independently, from the raw files."""
import pytest

import queries
from rawdata import MERGED, centre_municipalities, key_figure, population_11re, region_2025, rows


@pytest.mark.parametrize("year, centre, country", [(2023, 435877, 5603851), (2019, 437288, 5525292)])
def test_area_population_end_of_year(con, year, centre, country):
    """The centre's area and the country on 31 Dec, summed here from the raw 11re file (2024 division)."""
    raw = population_11re(year)
    expected = sum(v for code, v in raw.items() if code in centre_municipalities())
    assert (expected, raw["SSS"]) == (centre, country)
    got = queries.run(con, "value_at", indicator="population", areas=["SB", "SSS"], year=year).set_index("area_code")
    assert got.loc["SB", "value"] == expected
    assert got.loc["SSS", "value"] == raw["SSS"]
    assert (got["year"] == year).all()


def test_country_unemployment_2016_is_the_sources(con):
    """The whole country's 2016 unemployment rate is the source's KOKO MAA figure (13.5 %)."""
    got = queries.run(con, "value_at", indicator="unemployment_rate", areas=["SSS"], year=2016)
    assert got["value"].tolist() == [key_figure("SSS", "Työttömien osuus työvoimasta, %", 2016)] == [13.5]


def test_region_unemployment_2016_from_counts(con):
    """Etelä-Pohjanmaa's 2016 rate = its unemployed / labour force, from the raw count files (2025 regions)."""
    names = {r["area_name_2017"]: r["area_code"] for r in rows("statfi/kuntien_avainluvut_2000_2017_coded.csv")}
    merged = MERGED
    regions = region_2025()

    def total(file, region):
        out = 0
        for r in rows(f"statfi/{file}", delimiter=";"):
            code = names.get(r["Alue"]) or names[r["Alue"].split(" - ")[0]]
            if regions[merged.get(code, code)] == region:
                out += int(r["Miehet Ikäluokat yhteensä 2016"]) + int(r["Naiset Ikäluokat yhteensä 2016"])
        return out

    expected = 100 * total("tyottomat_2016.csv", "14") / total("tyovoima_2016.csv", "14")
    got = queries.run(con, "value_at", indicator="unemployment_rate", areas=["14"], year=2016)
    assert got["value"].iloc[0] == pytest.approx(expected, abs=1e-6)


def test_merged_municipality_population_is_summed(con):
    """Kankaanpää (214) in 2016 includes Honkajoki (099), merged in 2021."""
    expected = key_figure("214", "Väkiluku", 2016) + key_figure("099", "Väkiluku", 2016)
    got = queries.run(con, "value_at", indicator="population", areas=["214"], year=2016)
    assert got["value"].iloc[0] == expected


def test_merged_municipality_rate_is_left_missing(con):
    """A rate that cannot be recomputed exactly for a merged municipality is missing, not guessed."""
    got = queries.run(con, "indicator_series", indicator="education_tertiary_pct", areas=["214", "905"])
    assert set(got["area_code"]) == {"905"}


def test_isokyro_belongs_to_etela_pohjanmaa(con):
    """The 2025 region links: Isokyrö (152) is in region 14, and the centre's area has 40 municipalities."""
    areas = queries.run(con, "areas").set_index("code")
    assert areas.loc["152", "region_code"] == "14"
    munis = areas[areas["level"] == "municipality"]
    assert len(munis) == 308
    assert (munis["centre_code"] == "SB").sum() == 40
    assert munis.groupby("region_code").size()[["14", "15", "16"]].tolist() == [18, 14, 8]
    assert (areas["level"] == "region").sum() == 19


def test_funding_summary_2019(con):
    """The deck's 2019 figures: 362,671 total, 241,551 state (22,125 Nordic), 121,120 municipal, 8.19 % share."""
    row = queries.run(con, "funding_summary", year=2019, centre="SB").iloc[0]
    assert (row["total_eur"], row["state_eur"], row["nordic_eur"], row["municipal_eur"]) == (
        362671, 241551, 22125, 121120)
    assert row["national_eur"] == 2950000 and row["national_type"] == "budget"
    assert round(row["share_of_national_pct"], 2) == 8.19


def test_funding_summary_of_a_year_without_figures_is_empty(con):
    """No funding row for 2016: the overview must say so instead of showing zeros."""
    assert queries.run(con, "funding_summary", year=2016, centre="SB").empty


def test_funding_shares(con):
    """State 66.6 % and municipal 33.4 % of 2019 funding."""
    data = queries.run(con, "funding_by_source", year=2019, centre="SB")
    shares = data.groupby("funder")["share_pct"].sum()
    assert round(shares["state"], 1) == 66.6 and round(shares["municipal"], 1) == 33.4


def test_national_subsidy_keeps_figure_types(con):
    """12 figures 2013-2022; 2020 has both the proposal and the final accounts."""
    data = queries.run(con, "national_subsidy")
    assert len(data) == 12
    y2020 = data[data["year"] == 2020].set_index("figure_type")["amount_eur"].to_dict()
    assert y2020 == {"proposal": 2750000, "final_accounts": 3050000}


def test_ranking_of_the_centres_municipalities(con):
    """40 municipalities ranked for unemployment 2016; Soini highest at 17.1 % as in the source."""
    data = queries.run(con, "indicator_ranking", indicator="unemployment_rate", year=2016, scope="SB")
    assert len(data) == 40
    assert data.iloc[0]["name_fi"] == "Soini" and data.iloc[0]["value"] == key_figure("759",
                                                                                      "Työttömien osuus työvoimasta, %",
                                                                                      2016)


def test_profile_compares_same_year(con):
    """Vaasa's profile row for tertiary education is 2018 (the 2019 key-figure edition), with the country's
    population-weighted mean of the municipal shares of that edition beside it, computed here from the raw file."""
    data = queries.run(con, "municipality_profile", area="905", centre="SB", country="SSS").set_index("indicator")
    row = data.loc["education_tertiary_pct"]
    edition = rows("statfi/kuntien_avainluvut_2019_edition.csv", delimiter=";")
    column = "Share of persons aged 15 or over with tertiary level qualifications, %, 2018"
    vaasa = next(r for r in edition if r["code"] == "905")

    def number(text):
        return float(text.replace(",", "."))

    weights = [int(r["Population, 2018"]) for r in edition]
    country = sum(w * number(r[column]) for w, r in zip(weights, edition)) / sum(weights)
    assert row["year"] == 2018
    assert row["municipality"] == number(vaasa[column])
    assert row["country"] == pytest.approx(country, abs=1e-6)


def test_every_catalog_table_is_readable(con):
    """Each table in the catalogue can be read and has the row count the catalogue states."""
    catalog = queries.run(con, "catalog")
    assert len(catalog) == 14
    for row in catalog.itertuples():
        if row.file.endswith(".geojson"):
            continue
        assert len(queries.run(con, "table_rows", table=row.name)) == row.rows


def test_table_name_is_bound_not_spliced(con):
    """A hostile table name is an unknown table, not SQL."""
    with pytest.raises(Exception, match="does not exist"):
        queries.run(con, "table_rows", table="areas; DROP VIEW areas")
    assert len(queries.run(con, "areas")) == 365


def raw_funding(year):
    """State and municipal money of a year, summed here from the raw funding file."""
    amounts = {"state": 0, "municipal": 0}
    for r in rows("sonet_botnia/funding.csv"):
        if int(r["year"]) == year:
            amounts["state" if r["source"].startswith("state") else "municipal"] += int(r["amount_eur"])
    return amounts


def raw_population(year):
    """The centre's area and the whole country at the end of `year`, summed here from the raw 11re file."""
    data = population_11re(year)
    area = sum(v for code, v in data.items() if code in centre_municipalities())
    return area, data["SSS"]


def test_funding_mix_parts_and_subtotals(con):
    """2019 by source, by funder and in total: state 241,551 (66.6 %), municipal 121,120 (33.4 %), total 362,671."""
    data = queries.run(con, "funding_mix", year=2019, centre="SB")
    assert data["level"].tolist() == ["funder", "source", "source", "funder", "source", "source", "total"]
    funders = data[data["level"] == "funder"].set_index("funder")
    expected = raw_funding(2019)
    assert funders["amount_eur"].to_dict() == expected == {"state": 241551, "municipal": 121120}
    assert [round(funders.loc[f, "share_pct"], 1) for f in ("state", "municipal")] == [66.6, 33.4]
    sources = data[data["level"] == "source"].set_index("source")["amount_eur"].to_dict()
    assert sources == {"state_general": 219426, "state_nordic_task": 22125, "municipal_basic_agreement": 81000,
                       "municipal_other": 40120}
    total = data[data["level"] == "total"].iloc[0]
    assert (total["amount_eur"], total["share_pct"]) == (362671, 100.0)


def test_funding_mix_of_a_year_without_figures_is_empty(con):
    """No invented zeros for a year the centre's figures do not cover."""
    assert queries.run(con, "funding_mix", year=2016, centre="SB").empty


def test_fair_share_2019(con):
    """8.19 % of the national subsidy against 7.91 % of the population; 0.552 vs 0.534 EUR per inhabitant;
    municipal money 0.277 EUR per inhabitant. Expected values are recomputed here from the raw files."""
    row = queries.run(con, "funding_fair_share", year=2019, centre="SB", country="SSS").iloc[0]
    money = raw_funding(2019)
    national = next(int(r["amount_eur"]) for r in rows("budget/budget_33_60_63_observed.csv")
                    if r["year"] == "2019" and r["figure_type"].startswith("talousarvio "))
    area, country = raw_population(2019)
    assert (area, country, national) == (437288, 5525292, 2950000)
    assert (row["state_eur"], row["municipal_eur"], row["national_eur"], row["national_type"]) == (
        money["state"], money["municipal"], national, "budget")
    assert (row["population_year"], row["area_population"], row["country_population"]) == (2019, area, country)
    assert row["share_of_national_pct"] == pytest.approx(100 * money["state"] / national)
    assert row["share_of_population_pct"] == pytest.approx(100 * area / country)
    assert round(row["share_of_national_pct"], 2) == 8.19 and round(row["share_of_population_pct"], 2) == 7.91
    assert round(row["state_eur_per_inhabitant"], 3) == 0.552 == round(money["state"] / area, 3)
    assert round(row["national_eur_per_inhabitant"], 3) == 0.534 == round(national / country, 3)
    assert round(row["municipal_eur_per_inhabitant"], 3) == 0.277 == round(money["municipal"] / area, 3)


def test_fair_share_of_a_year_without_funding_is_empty(con):
    """2020 has national figures and populations but no centre funding: nothing to compare, no row."""
    assert queries.run(con, "funding_fair_share", year=2020, centre="SB", country="SSS").empty


def test_whatif_starts_from_the_chosen_years_figures(con):
    """2019: the centre's 2019 money, the 2019 budget for the share and as the national total."""
    row = queries.run(con, "whatif_base", year=2019, centre="SB").iloc[0]
    assert (row["base_year"], row["state_eur"], row["municipal_eur"]) == (2019, 241551, 121120)
    assert (row["base_national_eur"], row["base_national_type"]) == (2950000, "budget")
    assert (row["year_national_eur"], row["year_national_type"]) == (2950000, "budget")


def test_whatif_for_a_later_year_uses_the_last_known_share(con):
    """2020: the share is 2019's (the last known), the national total 2020's final accounts, not the proposal."""
    row = queries.run(con, "whatif_base", year=2020, centre="SB").iloc[0]
    assert (row["base_year"], row["base_national_eur"]) == (2019, 2950000)
    assert (row["year_national_eur"], row["year_national_type"]) == (3050000, "final_accounts")
    later = queries.run(con, "whatif_base", year=2023, centre="SB").iloc[0]
    assert later["base_year"] == 2019 and later.isna()["year_national_eur"]


def test_national_presets_of_2019(con):
    """The what-if's presets for 2019: the 2019 budget and both 2020 figures (proposal and final accounts)."""
    data = queries.run(con, "national_presets", year=2019)
    assert list(zip(data["year"], data["figure_type"], data["amount_eur"])) == [
        (2019, "budget", 2950000), (2020, "proposal", 2750000), (2020, "final_accounts", 3050000)]
