"""Freshness: the jobseeker share checked against the raw 12r5 and labour-force files, every page opening on its
latest year with no year in the link, and a year's fallback that never goes forward."""
import pytest

import queries
from app_helpers import NBSP, by_language, open_app
from rawdata import MERGED, centre_municipalities, rows
from ui.indicators import year_up_to

JOBSEEKERS = "tem/tyonv_12r5_tyotosuus_monthly_2007M01_2025M01.csv"
SHARE = "tyottomien_tyonhakijoiden_osuus_tyovoimasta_pct"


def monthly(code):
    """month text ('2024M05') -> share for one municipality, from the raw 12r5 file."""
    return {r["month"]: float(r[SHARE]) for r in rows(JOBSEEKERS) if r["kunta_code"] == code and r[SHARE]}


def labour_force_2016():
    """2025 municipality code -> labour force at the end of 2016 (men + women), from the raw file by name."""
    names = {r["area_name_2017"]: r["area_code"] for r in rows("statfi/kuntien_avainluvut_2000_2017_coded.csv")}
    out = {}
    for r in rows("statfi/tyovoima_2016.csv", delimiter=";"):
        code = names.get(r["Alue"]) or names[r["Alue"].split(" - ")[0]]
        code = MERGED.get(code, code)
        both = int(r["Miehet Ikäluokat yhteensä 2016"]) + int(r["Naiset Ikäluokat yhteensä 2016"])
        out[code] = out.get(code, 0) + both
    return out


def centre_estimate(month):
    """The centre's area's share in `month`: municipal shares weighted by the 2016 labour force, computed here."""
    force = labour_force_2016()
    shares = {r["kunta_code"]: float(r[SHARE]) for r in rows(JOBSEEKERS) if r["month"] == month and r[SHARE]}
    codes = [c for c in centre_municipalities() if c in shares]
    assert len(codes) == 40
    return sum(shares[c] * force[c] for c in codes) / sum(force[c] for c in codes)


def test_a_municipalitys_2024_mean_is_the_mean_of_its_12_months(con):
    """Seinäjoki's 2024 figure is the plain mean of its 12 published months (August 8.0 as in the ELY release)."""
    raw = monthly("743")
    assert raw["2024M08"] == 8.0
    expected = sum(raw[f"2024M{m:02d}"] for m in range(1, 13)) / 12
    got = queries.run(con, "value_at", indicator="jobseekers_pct", areas=["743"], year=2024)
    assert (int(got["year"].iloc[0]), got["source"].iloc[0]) == (2024, "tem_jobseekers_12r5")
    assert got["value"].iloc[0] == pytest.approx(expected, abs=1e-6)


def test_the_centres_monthly_estimate_is_weighted_by_the_labour_force(con):
    """January 2025 for the centre's area: the labour-force-weighted mean of its 40 municipalities."""
    got = queries.run(con, "monthly_at", indicator="jobseekers_pct", areas=["SB"], year=2025).iloc[0]
    assert (int(got["year"]), int(got["month"])) == (2025, 1)
    assert got["value"] == pytest.approx(centre_estimate("2025M01"), abs=1e-6)
    assert got["source"] == "tem_jobseekers_12r5;statfi_employment_2016"


def test_the_two_unemployment_measures_stay_apart(con):
    """The key-figure rate ends in 2017 and the jobseeker share starts in 2007 under its own code: never spliced."""
    meta = queries.run(con, "indicator_list").set_index("indicator")
    assert (meta.loc["unemployment_rate", "last_year"], meta.loc["jobseekers_pct", "first_year"]) == (2017, 2007)
    assert meta.loc["jobseekers_pct", "last_month"] == "2025-01"
    assert meta.loc["jobseekers_pct", "released"] == "2025-02-25"
    series = queries.run(con, "indicator_series", indicator="unemployment_rate", areas=["SB"])
    assert "tem_jobseekers_12r5" not in set(series["source"])


def test_the_year_fallback_never_goes_forward(con):
    """Asked for 2010, the 2017-only income figures give nothing (not 2017); asked for 2019, 2017 is given."""
    assert year_up_to([2017], 2010) is None
    assert year_up_to([2016, 2017, 2018], 2019) == 2018
    assert year_up_to([2016, 2017], None) == 2017
    assert queries.run(con, "value_at", indicator="low_income_class_pct", areas=["SB"], year=2010).empty
    later = queries.run(con, "value_at", indicator="low_income_class_pct", areas=["SB"], year=2019)
    assert later["year"].tolist() == [2017]


def test_disparity_asked_for_a_year_before_the_figures_draws_no_later_year():
    """Low-income share asked for 2010 shows no map of 2017, and says there is nothing for 2010 or earlier."""
    at = open_app({"lang": "en", "year": "2010", "indicator": "low_income_class_pct"}, "disparity")
    assert not at.exception
    assert any(i.value == "This page has no figures for 2010 or any earlier year. Choose a later year."
               for i in at.info)
    assert not any("2017" in chart.proto.spec for chart in at.get("plotly_chart"))


LATEST = {"overview": "2025", "funding": "2019", "disparity": "2024"}


@pytest.mark.parametrize("page", ["overview", "funding", "disparity", "profile", "priorities", "data"])
def test_every_page_opens_on_its_latest_year_with_no_year_in_the_link(page):
    """No year in the link: each page's year picker stands on its latest year and the link stays without a year;
    pages where the year changes nothing have no picker."""
    at = open_app({"lang": "en"}, page)
    assert not at.exception, [e.value for e in at.exception]
    years = [s for s in at.sidebar.selectbox if s.label == "Year"]
    if page in LATEST:
        assert str(years[0].value) == LATEST[page]
    else:
        assert years == []
    assert "year" not in at.query_params


def test_the_disparity_ranking_is_of_the_latest_jobseeker_year():
    """The default indicator is the jobseeker share and the ranking is of 2024, its last full year."""
    at = open_app({"lang": "en"}, "disparity")
    titles = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert any("Unemployed jobseekers" in t and "2024" in t for t in titles)


NEWEST = by_language(
    {"fi": ["Väestö 31.12.2025", "Työttömät työnhakijat, tammikuu 2025", "Työttömät työnhakijat, keskiarvo 2024",
            "Työttömyysaste 2017"],
     "sv": ["Befolkning 31.12.2025", "Arbetslösa arbetssökande, januari 2025",
            "Arbetslösa arbetssökande, medeltal 2024", "Arbetslöshetsgrad 2017"],
     "en": ["Population 31 Dec 2025", "Unemployed jobseekers, January 2025", "Unemployed jobseekers, mean 2024",
            "Unemployment rate 2017"]},
    [f"436{NBSP}527", f"8,3{NBSP}%", f"7,3{NBSP}%", f"8,6{NBSP}%"],
    ["436,527", "8.3%", "7.3%", "8.6%"],
)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_overview_shows_the_newest_figures(lang):
    """Population at the end of 2025, the latest jobseeker month by name and the last full year, each in the
    language's format, checked against the raw files; the older key-figure rate keeps its own year."""
    population = sum(int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv")
                     if r["kunta_code"] in centre_municipalities())
    assert population == 436527 and round(centre_estimate("2025M01"), 1) == 8.3
    at = open_app({"lang": lang})
    metrics = {m.label: m.value for m in at.metric}
    assert {k: metrics.get(k) for k in NEWEST[lang]} == NEWEST[lang]
    assert "year" not in at.query_params


def test_the_indicator_picker_names_each_indicators_latest_year():
    """The Disparity page's picker names each indicator's last year: jobseekers 2024, the key-figure rate 2017."""
    at = open_app({"lang": "en"}, "disparity")
    (picker,) = [s for s in at.selectbox if s.label == "Indicator"]
    assert "Unemployed jobseekers, share of the labour force (latest 2024)" in picker.options
    assert "Unemployment rate (share of the labour force) (latest 2017)" in picker.options
