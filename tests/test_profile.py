"""The municipality profile's sentence, checked against figures computed here from data/ with pandas."""
import pandas as pd
import pytest

from app_helpers import NBSP, open_app
from conftest import DATA

SIZE, DISTANCE = "sum", "geodesic_distance"


def expected_top(code, count=3):
    """The indicators where municipality `code` lies furthest from Finland's municipal average, recomputed from
    data/indicators.parquet: counts and a centre's zero distance to itself left out, nationwide indicators only."""
    areas = pd.read_csv(DATA / "areas.csv", dtype=str)
    meta = pd.read_csv(DATA / "indicator_meta.csv").set_index("indicator")
    data = pd.read_parquet(DATA / "indicators.parquet")
    data = data[data["area_code"].isin(areas.loc[areas["level"] == "municipality", "code"])]
    rows = []
    for indicator, own in data[data["area_code"] == code].groupby("indicator"):
        latest = own.loc[own["year"].idxmax()]
        peers = data[(data["indicator"] == indicator) & (data["year"] == latest["year"])]["value"]
        if meta.loc[indicator, "aggregation"] == SIZE or peers.std(ddof=0) == 0:
            continue
        if meta.loc[indicator, "aggregation"] == DISTANCE and latest["value"] == 0:
            continue
        rows.append({"indicator": indicator, "year": int(latest["year"]), "value": latest["value"],
                     "mean": peers.mean(), "n": len(peers), "z": (latest["value"] - peers.mean()) / peers.std(ddof=0),
                     "higher": int((peers > latest["value"]).sum()) + 1,
                     "lower": int((peers < latest["value"]).sum()) + 1})
    frame = pd.DataFrame(rows)
    frame = frame[frame["n"] >= 0.9 * frame["n"].max()]
    return frame.reindex(frame["z"].abs().sort_values(ascending=False).index).head(count)


def fi_pct(value):
    """8,2 % as the Finnish page writes a share."""
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


@pytest.mark.parametrize("code", ["905", "272"])
def test_profile_sentence_compares_with_the_municipal_average_in_words_and_units(code):
    """Vaasa and Kokkola are centres: their distance (0 km) is not named, nor are counts. Each item says the
    year, the value with its unit, the municipal average it is compared with, the country beside it, and its place."""
    at = open_app({"lang": "fi", "area": code}, "profile")
    assert not at.exception
    text = at.markdown[0].value
    head, *items = [line for line in text.splitlines() if line.strip()]
    assert head.endswith("kun sitä verrataan kuntien keskiarvoon samana vuonna:")
    assert "Etäisyys" not in text and "0,0" not in text and "keskihajontaa" not in text
    top = expected_top(code)
    assert len(items) == 3
    meta = pd.read_csv(DATA / "indicator_meta.csv").set_index("indicator")
    for item, row in zip(items, top.itertuples()):
        assert meta.loc[row.indicator, "unit"] == "pct"
        assert item.startswith(f"- {meta.loc[row.indicator, 'name_fi']} ({row.year}): {fi_pct(row.value)}, ")
        assert f"kun kuntien keskiarvo on {fi_pct(row.mean)}" in item
        assert "ja koko maan luku " in item
        place = f"{row.higher}. suurin" if row.z > 0 else f"{row.lower}. pienin"
        assert item.endswith(f"; {row.n} kunnasta {place}")


def test_the_dot_chart_draws_rates_not_counts_prints_the_value_and_keeps_markers_apart():
    """Population, labour force, families, land area and unemployed persons are not dots on a 0-to-Helsinki scale;
    each row names its year; the municipality's value is printed; equal values of two areas never share a point."""
    import json

    at = open_app({"lang": "fi", "area": "905"}, "profile")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    meta = pd.read_csv(DATA / "indicator_meta.csv").set_index("indicator")
    rows = spec["layout"]["yaxis"]["ticktext"]
    counts = meta.index[meta["aggregation"] == SIZE]
    assert not [r for r in rows if any(r.replace("<br>", " ").startswith(meta.loc[c, "name_fi"] + ",")
                                       for c in counts)]
    assert all(any(f", {year}" in r.replace("<br>", " ") for year in range(2000, 2031)) for r in rows)
    municipality = next(t for t in spec["data"] if t.get("name") == "Vaasa")
    assert municipality["mode"] == "markers+text" and municipality["text"] == municipality["customdata"]
    positions = [(x, y) for t in spec["data"][3:] for x, y in zip(t["x"], t["y"])]
    assert len(positions) == len(set(positions))
