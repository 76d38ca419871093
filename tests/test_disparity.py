"""Disparity and profile: the dispersion measures, the distances and the z-score ranking against computations made
here, independently of the build and of the SQL (raw files read with the csv module, numpy, a hand-written
centroid and the haversine formula), plus the map figure's offline guarantees and the pages' fallbacks."""
import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import queries
from app_helpers import open_app
from calc.profile import largest_differences
from charts.disparity import BLANK_STYLE, choropleth_map, colour_scale, fit_view, map_for_canvas
from conftest import DATA, RAW, ROOT
from rawdata import region_2025, rows

KEY_FIGURES = "statfi/kuntien_avainluvut_2000_2017_coded.csv"
UNEMPLOYMENT = "Työttömien osuus työvoimasta, %"
TERTIARY = "Korkea-asteen tutkinnon suorittaneiden osuus 15 vuotta täyttäneistä, %"
POPULATION = "Väkiluku"


def raw_series(label, year, codes):
    """code -> value of one key figure in one year, from the raw file, for the given municipalities."""
    out = {}
    for r in rows(KEY_FIGURES):
        if r["area_code"] in codes and r["indicator_fi"] == label:
            out[r["area_code"]] = float(r[str(year)])
    assert set(out) == set(codes)
    return out


def measures(values, weights):
    """CV, population-weighted Theil, max/min and P90/P10, written out from their textbook definitions."""
    x = np.array(values, dtype=float)
    p = np.array(weights, dtype=float)
    share = p / p.sum()
    mu = (share * x).sum()
    ratio = x / mu
    theil = float(np.sum(share * np.where(x > 0, ratio * np.log(np.where(x > 0, ratio, 1.0)), 0.0)))
    cv = x.std(ddof=0) / x.mean()
    p90, p10 = np.percentile(x, [90, 10])
    return {"cv": cv, "theil": theil, "max_min": x.max() / x.min() if x.min() > 0 else None,
            "p90_p10": p90 / p10 if p10 > 0 else None}


@pytest.mark.parametrize("label, indicator, year, scope", [
    (UNEMPLOYMENT, "unemployment_rate", 2016, "SB"),
    (UNEMPLOYMENT, "unemployment_rate", 2008, "SB"),
    (TERTIARY, "education_tertiary_pct", 2010, "14"),
    (TERTIARY, "education_tertiary_pct", 2016, "16"),
])
def test_dispersion_matches_an_independent_computation(con, label, indicator, year, scope):
    """The four measures for the scope's municipalities, recomputed here from the raw key-figures file."""
    regions = region_2025()
    wanted = {"SB": {"14", "15", "16"}}.get(scope, {scope})
    codes = {code for code, region in regions.items() if region in wanted}
    assert len(codes) == {"SB": 40, "14": 18, "16": 8}[scope]
    values = raw_series(label, year, codes)
    population = raw_series(POPULATION, year, codes)
    order = sorted(codes)
    expected = measures([values[c] for c in order], [population[c] for c in order])
    got = queries.run(con, "indicator_dispersion", indicator=indicator, scope=scope).set_index("year").loc[year]
    assert got["n"] == len(codes)
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, rel=1e-9), name


def test_unemployment_2016_in_the_centres_area_in_numbers(con):
    """The figures a user would check on the screen: CV 0.26, Theil 0.025, max/min 3.98 (Soini 17.1 / Luoto 4.3)."""
    got = queries.run(con, "indicator_dispersion", indicator="unemployment_rate", scope="SB").set_index("year")
    row = got.loc[2016]
    assert (round(row["cv"], 2), round(row["theil"], 3), round(row["max_min"], 2)) == (0.26, 0.025, 3.98)
    assert row["max_min"] == pytest.approx(17.1 / 4.3)
    assert list(got.index) == list(range(2000, 2018))


def test_a_zero_value_leaves_the_ratio_empty_not_infinite(con):
    """Sottunga had no unemployed in 2016: max/min is undefined for the country and left empty; Theil stays."""
    row = queries.run(con, "indicator_dispersion", indicator="unemployment_rate", scope="SSS").set_index(
        "year").loc[2016]
    assert row["n"] == 308
    assert pd.isna(row["max_min"])
    assert row["theil"] > 0 and row["p90_p10"] > 1


def test_negative_values_give_no_measures(con):
    """Net migration has negative values: none of the four measures is defined, none is shown (15 years: 2005-2016
    key figures, 2018 from the 2019 edition, 2022-2023 from 12w7)."""
    data = queries.run(con, "indicator_dispersion", indicator="net_migration", scope="14")
    assert data["year"].tolist() == [*range(2005, 2017), 2018, 2022, 2023]
    assert data[["cv", "theil", "max_min", "p90_p10"]].isna().all().all()


def rings(geometry):
    """The polygons of a GeoJSON Polygon or MultiPolygon."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def hand_centroid(geometry):
    """Area-weighted (shoelace) centroid in a local plane where a degree of longitude is cos(lat) as long."""
    outer = [p for polygon in rings(geometry) for p in polygon[0]]
    scale = math.cos(math.radians(sum(p[1] for p in outer) / len(outer)))
    area = cx = cy = 0.0
    for polygon in rings(geometry):
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                cross = x1 * scale * y2 - x2 * scale * y1
                area += cross
                cx += (x1 + x2) * scale * cross
                cy += (y1 + y2) * cross
    return cx / (3 * area) / scale, cy / (3 * area)


def haversine_km(a, b):
    """Great-circle distance on a sphere of the Earth's mean radius."""
    lat1, lat2 = math.radians(a[1]), math.radians(b[1])
    dlon = math.radians(b[0] - a[0])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def distances(con):
    """code -> (nearest, own) km from the built indicators."""
    out = {}
    for indicator in ("distance_nearest_centre_km", "distance_own_centre_km"):
        frame = queries.run(con, "indicator_ranking", indicator=indicator, year=2021, scope="SSS")
        out[indicator] = dict(zip(frame["area_code"], frame["value"]))
    return out


@pytest.mark.parametrize("code, centre, hand_km", [
    ("499", "905", 32.6),   # Korsholm / Mustasaari -> Vaasa
    ("233", "743", 50.8),   # Kauhava -> Seinäjoki
    ("217", "272", 32.3),   # Kannus -> Kokkola
    ("287", "905", 106.7),  # Kristinestad / Kristiinankaupunki -> Vaasa, the farthest of Pohjanmaa
])
def test_distance_to_own_centre_within_2_km_of_a_hand_check(distances, code, centre, hand_km):
    """Centroid by the shoelace formula and haversine distance, done here by hand, agree within 2 km."""
    borders = {f["properties"]["NATCODE"]: f["geometry"]
               for f in json.loads((RAW / "nls" / "kuntarajat.2021.json").read_text(encoding="utf-8"))["features"]}
    by_hand = haversine_km(hand_centroid(borders[code]), hand_centroid(borders[centre]))
    assert by_hand == pytest.approx(hand_km, abs=0.1)
    assert distances["distance_own_centre_km"][code] == pytest.approx(by_hand, abs=2.0)


def test_nearest_centre_and_the_municipalities_outside(distances):
    """Every municipality has a nearest centre; only the 40 of the three regions have an own centre."""
    nearest, own = distances["distance_nearest_centre_km"], distances["distance_own_centre_km"]
    assert len(nearest) == 308 and len(own) == 40
    assert {c: own[c] for c in ("905", "743", "272")} == {"905": 0.0, "743": 0.0, "272": 0.0}
    assert all(nearest[c] <= own[c] + 1e-9 for c in own)
    assert nearest["598"] == pytest.approx(50.3, abs=2.0)   # Jakobstad: Kokkola is nearer than its own Vaasa
    assert own["598"] == pytest.approx(79.9, abs=2.0)
    assert nearest["091"] == pytest.approx(312.8, abs=2.0)  # Helsinki -> Seinäjoki
    assert "091" not in own


def test_distance_method_is_stated_in_indicator_meta(con):
    """The derived indicators carry their method and their derived source."""
    meta = queries.run(con, "indicator_list").set_index("indicator")
    for indicator in ("distance_nearest_centre_km", "distance_own_centre_km"):
        row = meta.loc[indicator]
        assert "pyproj Geod" in row["method"] and "WGS84" in row["method"] and "centroid" in row["method"]
        assert row["source"] == "centre_distance;nls_borders_2021"
        assert (row["unit"], row["better"], row["first_year"]) == ("km", "lower", 2021)


def independent_z(code):
    """z-scores of one municipality in each indicator's latest year, from the parquet file with pandas."""
    data = pd.read_parquet(DATA / "indicators.parquet")
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    munis = data[data["area_code"].isin(areas.loc[areas["level"] == "municipality", "code"])]
    own = munis[munis["area_code"] == code].sort_values("year").groupby("indicator").tail(1)
    out = {}
    for rec in own.itertuples():
        same = munis[(munis["indicator"] == rec.indicator) & (munis["year"] == rec.year)]["value"]
        out[rec.indicator] = (rec.value - same.mean()) / same.std(ddof=0)
    return out


@pytest.mark.parametrize("code, top", [
    ("499", ["swedish_speakers_pct", "education_tertiary_pct", "jobseekers_pct"]),
    ("091", ["population_density", "education_tertiary_pct", "foreign_citizens_pct"]),
])
def test_profile_z_score_ranking(con, code, top):
    """The three indicators named in the profile text are those with the largest |z|, sizes left out."""
    profile = queries.run(con, "municipality_profile", area=code, centre="SB", country="SSS")
    z = independent_z(code)
    for rec in profile.itertuples():
        assert rec.z == pytest.approx(z[rec.indicator], rel=1e-9)
    aggregation = queries.run(con, "indicator_list").set_index("indicator")["aggregation"].to_dict()
    got = largest_differences(profile, aggregation)
    assert got["indicator"].tolist() == top
    candidates = {i: v for i, v in z.items() if aggregation[i] != "sum" and i != "distance_own_centre_km"}
    assert top == sorted(candidates, key=lambda i: -abs(candidates[i]))[:3]


def test_korsholm_stands_out_in_education(con):
    """Korsholm's tertiary share 37.0 % is 2.1 standard deviations above the municipal mean of 2018 (305
    municipalities: the rate is missing for the three joined by a merger)."""
    profile = queries.run(con, "municipality_profile", area="499", centre="SB", country="SSS").set_index("indicator")
    row = profile.loc["education_tertiary_pct"]
    assert (row["year"], row["municipality"], round(row["z"], 1), row["municipalities"]) == (2018, 37.0, 2.1, 305)


def test_map_fits_the_area_and_needs_nothing_from_the_internet():
    """The map's view holds the centre's area, its style is the built-in blank one and the JSON has no address."""
    collection = json.loads((DATA / "geo" / "municipalities.geojson").read_text(encoding="utf-8"))
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    codes = set(areas.loc[areas["centre_code"] == "SB", "code"]) & {f["id"] for f in collection["features"]}
    features = [f for f in collection["features"] if f["id"] in codes]
    centre, zoom = fit_view(features, (340, 460))
    assert 62.0 < centre["lat"] < 64.5 and 21.0 < centre["lon"] < 25.0
    assert 5.0 < zoom < 7.0
    frame = pd.DataFrame({"area_code": sorted(codes), "value": range(len(codes)), "hover": sorted(codes)})
    fig = choropleth_map(features, frame, better="lower", title="t", colorbar_title="%", lang="fi", borders=[],
                         midpoint=10.0)
    assert fig.layout.map.style == BLANK_STYLE == "white-bg"
    text = fig.to_json()
    assert "http" not in text and "topojson" not in text
    assert all(layer.type == "line" for layer in fig.layout.map.layers)
    assert fig.data[0].zmid == 10.0 and fig.data[0].colorscale[0][1] == colour_scale("lower")[0][1]
    on_slide = map_for_canvas(fig, 1280, 720)
    # The screen's map is 300 x 400 px (height 540 less 70 for the title, 70 for the colour bar); on the slide it
    # gets 1240 x 580 px: the height decides.
    assert on_slide.layout.map.zoom == pytest.approx(fig.layout.map.zoom + math.log2(580 / 400))
    assert on_slide.layout.map.center == fig.layout.map.center
    bars = go.Figure(go.Bar(x=[1]))
    assert map_for_canvas(bars, 1280, 720) is bars


def sb_borders():
    """SONet BOTNIA's municipalities that have a border in the built geo file: their codes (sorted) and borders."""
    collection = json.loads((DATA / "geo" / "municipalities.geojson").read_text(encoding="utf-8"))
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    codes = sorted(set(areas.loc[areas["centre_code"] == "SB", "code"]) & {f["id"] for f in collection["features"]})
    return codes, [f for f in collection["features"] if f["id"] in codes]


def test_each_map_trace_carries_the_borders_of_its_own_municipalities_only():
    """The municipalities with a figure and those without are two traces; each sends only its own borders, so no
    border goes to the browser twice (Streamlit copies and encodes every border on every rerun)."""
    codes, features = sb_borders()
    with_figure, without = codes[:-3], codes[-3:]
    frame = pd.DataFrame({"area_code": with_figure, "value": range(len(with_figure)), "hover": with_figure})
    fig = choropleth_map(features, frame, better="lower", title="t", colorbar_title="%", lang="fi", borders=[],
                         missing=without, midpoint=10.0)
    sent = [sorted(f["id"] for f in trace.geojson["features"]) for trace in fig.data]
    assert sent == [with_figure, without]
    assert [sorted(trace.locations) for trace in fig.data] == sent


def test_built_figures_are_forgotten_with_the_data():
    """A builder cached with ui.data.derived gives the same object while the data stands, a new one after
    ui.data.clear() (what an upload calls), so no figure of the old data outlives it."""
    from ui import data

    calls = []

    @data.derived
    def built(key):
        calls.append(key)
        return object()

    first = built("a")
    assert built("a") is first and calls == ["a"]
    data.clear()
    assert built("a") is not first and calls == ["a", "a"]
    data._DERIVED.remove(built)


@pytest.mark.parametrize("centre", ["SB", None])
def test_the_map_is_whole_on_a_360_px_phone(centre):
    """A 360 px phone leaves 308 px for the map (16 px page padding, 10 px margins each side); the colour bar lies
    under the map, so the centre's area and the whole country, at the zoom the figure sets, are no wider than that
    (the map was fitted to 340 px beside a vertical colour bar and lost both edges)."""
    collection = json.loads((DATA / "geo" / "municipalities.geojson").read_text(encoding="utf-8"))
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    codes = set(areas.loc[areas["centre_code"] == centre, "code"]) if centre else set(areas["code"])
    features = [f for f in collection["features"] if f["id"] in codes]
    frame = pd.DataFrame({"area_code": [f["id"] for f in features], "value": 1.0, "hover": ""})
    fig = choropleth_map(features, frame, better="lower", title="t", colorbar_title="%", lang="fi", borders=[],
                         height=540 if centre else 760)
    lons = [lon for f in features for lon, _ in _lon_lat(f["geometry"]["coordinates"])]
    width_px = (max(lons) - min(lons)) / 360 * 512 * 2 ** fig.layout.map.zoom
    assert width_px <= 360 - 2 * 16 - 2 * 10
    assert fig.data[0].colorbar.orientation == "h"


def _lon_lat(coords):
    """Every (lon, lat) pair of a GeoJSON coordinate list (computed here, not with the code under test)."""
    if isinstance(coords[0], (int, float)):
        return [coords]
    return [pair for part in coords for pair in _lon_lat(part)]


@pytest.mark.parametrize("file", ["municipalities.geojson", "regions.geojson"])
def test_each_border_carries_the_bounding_box_of_its_coordinates(file):
    """The build writes each feature's bbox (west, south, east, north), so a rerun does not walk the coordinates."""
    collection = json.loads((DATA / "geo" / file).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        lons, lats = zip(*_lon_lat(feature["geometry"]["coordinates"]))
        assert feature["bbox"] == [min(lons), min(lats), max(lons), max(lats)], feature["id"]


def test_colour_scale_follows_the_better_direction():
    """Blue is the better end: high for 'higher', low for 'lower'; a neutral indicator has one hue."""
    assert colour_scale("higher")[-1][1] == colour_scale("lower")[0][1] == "#0072B2"
    assert colour_scale("higher")[0][1] == colour_scale("lower")[-1][1] == "#D55E00"
    assert len(colour_scale("neutral")) == 2


def test_disparity_page_draws_map_bars_dispersion_and_scatter():
    """Four charts in Swedish; the map's hover names Korsholm in Swedish with its rank."""
    at = open_app({"lang": "sv", "year": "2016", "indicator": "unemployment_rate", "scope": "SB"}, "disparity")
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    assert len(charts) == 4
    spec = json.loads(charts[0].proto.spec)
    hover = dict(zip(spec["data"][0]["locations"], (c[1] for c in spec["data"][0]["customdata"])))
    assert hover["499"] == "<b>Korsholm</b><br>7,7\u00a0%<br>plats 6/40 (1 = bäst)"
    assert "Pearsons korrelation r = 0,11 (n = 40 kommuner)" in charts[3].proto.spec


def test_single_year_indicator_shows_the_measures_as_figures():
    """Mean income has one year: the four measures are figures, not a line of one point."""
    at = open_app({"lang": "en", "indicator": "mean_income", "scope": "15"}, "disparity")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert [m.label for m in at.metric] == ["Coefficient of variation", "Theil index (population-weighted)",
                                            "Highest / lowest", "P90 / P10"]


@pytest.mark.parametrize("params, page, bad", [
    ({"indicator": "no_such_indicator"}, "disparity", "indicator"),
    ({"year": "1960"}, "disparity", "year"),
    ({"scope": "99"}, "disparity", "scope"),
    ({"versus": "x'; drop"}, "disparity", "versus"),
    ({"area": "999"}, "profile", "area"),
    ({"area": "SB"}, "profile", "area"),
])
def test_a_bad_link_shows_a_notice_and_the_default_view(params, page, bad):
    """An unknown indicator, a year without data or a code that is no municipality: a warning, then defaults.

    The link is read on the session's first run, which shows the warning; the page then uses the default.
    """
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in {"lang": "en", **params}.items():
        at.query_params[key] = value
    at.run()
    assert any(f"“{bad}”" in w.value for w in at.warning), [w.value for w in at.warning]
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    defaults = {"indicator": "jobseekers_pct", "year": None, "scope": "SB", "versus": "distance_nearest_centre_km",
                "area": "905"}
    assert at.query_params.get(bad) == defaults[bad]
    if page == "profile":
        assert at.subheader[0].value.startswith("Vaasa:")
    else:
        assert len(at.get("plotly_chart")) == 4


def test_year_without_figures_for_the_indicator_says_which_year_is_shown():
    """2019 is a valid year but the key-figure unemployment rate stops in 2017: an info box says 2017 is shown."""
    at = open_app({"lang": "en", "year": "2019", "indicator": "unemployment_rate"}, "disparity")
    assert any(i.value == "The indicator has no figure for 2019; showing 2017." for i in at.info)


def test_profile_text_names_three_indicators_in_swedish():
    """Korsholm's text: three bullet points, Swedish indicator names with their year, the municipal average it is
    compared with, the country's figure and the place among the municipalities."""
    at = open_app({"lang": "sv", "area": "499"}, "profile")
    assert not at.exception
    text = next(m.value for m in at.markdown if m.value.startswith("Där Korsholm skiljer sig mest"))
    lines = text.splitlines()[2:]
    assert len(lines) == 3
    assert lines[0].startswith("- Andel svenskspråkiga av befolkningen (")
    assert ": 68,7\u00a0%, medan kommunernas medelvärde är " in lines[0]
    assert " och hela landets siffra 5,2\u00a0%; plats " in lines[0] and lines[0].endswith("räknat från det högsta")
    assert len(at.get("plotly_chart")) == 2


def ranking_of(at):
    """The ranking chart's spec (the second chart of the Disparity page)."""
    return json.loads(at.get("plotly_chart")[1].proto.spec)


def test_the_whole_country_ranking_shows_its_ends_and_the_chosen_municipality():
    """The whole country's municipalities: the 15 highest, the 15 lowest (from data/indicators.parquet) and Vaasa,
    '…' between; the chart's table (its CSV) keeps them all; the figure says how many there are."""
    at = open_app({"lang": "fi", "year": "2016", "indicator": "unemployment_rate", "scope": "SSS", "area": "905"},
                  "disparity")
    assert not at.exception
    spec = ranking_of(at)
    rows = spec["layout"]["yaxis"]["categoryarray"]
    areas = pd.read_csv(DATA / "areas.csv", dtype=str).set_index("code")
    data = pd.read_parquet(DATA / "indicators.parquet")
    data = data[(data["indicator"] == "unemployment_rate") & (data["year"] == 2016)
                & data["area_code"].isin(areas.index[areas["level"] == "municipality"])]
    assert len(data) > 300  # every municipality of the country
    value = dict(zip(data["area_code"].map(areas["name_fi"]), data["value"]))
    ordered = sorted(value, key=value.get)
    shown = [r for r in rows if not r.startswith("…")]
    assert len(shown) == 31 and "Vaasa" in shown and sum(r.startswith("…") for r in rows) == 2
    assert value[shown[0]] == value[ordered[0]] and value[shown[-1]] == value[ordered[-1]]  # lowest first
    low, high = value[ordered[14]], value[ordered[-15]]  # the 15th lowest and 15th highest (ties either way)
    assert all(value[n] <= low or value[n] >= high for n in shown if n != "Vaasa")
    assert sum(value[n] <= low for n in shown) >= 15 and sum(value[n] >= high for n in shown) >= 15
    assert spec["layout"]["meta"] == {"rows": len(data), "ends": 15}
    ranking = next(d for d in at.session_state["_drawn_charts"] if d.name.startswith("disparity-ranking"))
    assert len(ranking.table) == len(data)


def test_ranking_colours_mean_nothing_but_the_chosen_one_and_lines_are_named_where_they_end():
    """The centre's 40: grey bars, the chosen municipality dark with its name and value printed; regions as grey
    markers, not colours; each of the five reference lines labelled at its end, not only in a legend."""
    at = open_app({"lang": "fi", "year": "2016", "indicator": "unemployment_rate", "scope": "SB", "area": "905"},
                  "disparity")
    spec = ranking_of(at)
    bars = spec["data"][0]
    assert bars["type"] == "bar" and len(set(bars["marker"]["color"])) == 2
    assert not any(bars.get("text") or []), "no label beside a bar, where it would lie over the lines"
    ticks = spec["layout"]["yaxis"]["ticktext"]
    assert [t for t in ticks if t.startswith("<b>")] == ["<b>Vaasa 12,1\u00a0%</b>"]
    data = pd.read_parquet(DATA / "indicators.parquet")
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    drawn = set(areas.loc[areas["centre_code"] == "SB", "code"]) | {"SB", "14", "15", "16", "SSS"}
    data = data[(data["indicator"] == "unemployment_rate") & (data["year"] == 2016) & data["area_code"].isin(drawn)]
    low, high = spec["layout"]["xaxis"]["range"]
    # The axis ends just past the largest bar or line (Plotly's autorange made room for the line labels instead).
    assert low < 0 and data["value"].max() < high < 1.05 * data["value"].max()
    markers = [t for t in spec["data"][1:] if t["type"] == "scatter"]
    assert {t["name"] for t in markers} == {"Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa"}
    assert {t["marker"]["color"] for t in markers} == {"#52606D"}
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    for area in ("SONet BOTNIAn alue", "Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa", "Koko maa"):
        assert any(label.startswith(f"┆ {area}: ") or label.startswith(f"{area}: ") and label.endswith(" ┆")
                   for label in labels), area
    assert len(spec["layout"]["yaxis"]["categoryarray"]) == 40


def _object_arrays(value, path="fig"):
    """Where a figure's dict holds a numpy object array (Plotly's orjson engine then walks the whole figure)."""
    if isinstance(value, np.ndarray):
        return [path] if value.dtype.kind == "O" else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _object_arrays(v, f"{path}.{k}")]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in _object_arrays(v, f"{path}[{i}]")]
    return []


def _sb_map(missing=()):
    """The map of SONet BOTNIA's municipalities with the last `missing` ones drawn grey."""
    codes, features = sb_borders()
    shown = [c for c in codes if c not in missing]
    frame = pd.DataFrame({"area_code": shown, "value": range(len(shown)), "hover": [f"<b>{c}</b>" for c in shown]})
    return choropleth_map(features, frame, better="lower", title="t", colorbar_title="%", lang="fi",
                          borders=features[:2], highlight=features[:1], missing=list(missing), midpoint=10.0)


def test_the_map_and_the_ranking_send_lists_and_bare_borders():
    """Text columns go in as lists, not object arrays, and every border sent (trace or layer) has its id and
    geometry only: the names and bounding boxes in the shipped file are not drawn."""
    from charts.basic import ranked_bars

    fig = _sb_map(missing=("905",))
    frame = pd.DataFrame({"area_code": ["1", "2", "3"], "area": ["A", "B", "C"], "value": [3.0, 1.0, 2.0],
                          "colour": ["a", "b", "a"], "hover": ["a", "b", "c"]})
    bars = ranked_bars(frame, label="area", value="value", colour_key="colour", colour_labels={"a": "A", "b": "B"},
                       title="t", x_title="%", refs=[], lang="fi")
    assert _object_arrays(fig.to_dict()) == [] and _object_arrays(bars.to_dict()) == []
    sent = [f for trace in fig.data for f in trace.geojson["features"]]
    sent += [f for layer in fig.layout.map.layers for f in layer.source["features"]]
    assert sent and all(set(f) == {"type", "id", "geometry"} for f in sent)


def test_a_built_figure_is_copied_once_and_its_callers_still_get_their_own_layout():
    """A chart built through ui.data.derived is a SharedFigure: its dict is made once and holds the figure's own
    borders, not a copy (the same objects on every draw), while each caller gets its own top-level layout and
    traces to change."""
    from charts.shared import SharedFigure
    from ui import data

    @data.derived
    def built(key):
        return type("Built", (), {"fig": _sb_map()})()

    fig = built("a").fig
    assert isinstance(fig, SharedFigure)
    first, second = fig.to_dict(), fig.to_dict()
    assert first["data"][0]["geojson"] is second["data"][0]["geojson"] is fig.data[0].geojson
    assert first["layout"]["map"]["layers"][0]["source"] is fig.layout.map.layers[0].source
    first["layout"]["height"] = 1
    first["data"][0].pop("geojson")
    again = fig.to_dict()
    assert again["layout"]["height"] == fig.layout.height != 1 and "geojson" in again["data"][0]
    assert go.Figure(fig).to_dict()["data"][0]["geojson"] == again["data"][0]["geojson"]
    data.clear()
    data._DERIVED.remove(built)


@pytest.mark.parametrize("first, last, step", [(2010, 2017, 1), (2007, 2024, 2), (2000, 2020, 2), (1972, 2025, 5),
                                               (1485, 2025, 50)])
def test_the_dispersion_panels_label_at_most_eleven_years(first, last, step):
    """Every year up to a span of seven, every second one up to twenty (every series of today's data but the
    population's), then a round step that leaves at most 11 labels: Chromium spent most of a minute fitting the
    270 labels of a 540-year synthetic series (bench/scale.py at 100x) into the four panels."""
    from charts.disparity import dispersion_panels

    years = list(range(first, last + 1))
    frame = pd.DataFrame({"year": years, "cv": 1.0, "theil": 0.1, "max_min": 2.0, "p90_p10": 1.5})
    panels = {"cv": ("CV", ",.2f"), "theil": ("Theil", ",.3f"), "max_min": ("max/min", ",.2f"),
              "p90_p10": ("P90/P10", ",.2f")}
    fig = dispersion_panels(frame, panels, "t", "fi")
    axes = [fig.layout[name] for name in fig.layout if name.startswith("xaxis")]
    assert len(axes) == 4
    for axis in axes:
        assert axis.dtick == step and len([y for y in years if y % axis.dtick == 0]) <= 11
