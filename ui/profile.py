"""The Municipality profile's content, built without drawing (no st.* elements): the sentence naming what sets the
municipality apart, the standing chart and the table of latest values.

Built once per municipality, centre and language (ui.data.derived) and only read after: Babel's formatting of every
figure, pandas and Plotly's validation cost the page several times Streamlit's own rerun; a municipality seen
before costs a look-up. Forgotten with the data (ui.data.clear), as every built figure is.
"""
from dataclasses import dataclass
from functools import partial

import pandas as pd

from calc.profile import SIZE_AGGREGATION, largest_differences
from charts.profile import standing
from domain import COUNTRY
from locales import translate
from ui.data import areas_by_code, derived, indicators_by_code, query
from ui.filters import area_name
from ui.indicators import format_value, name, source_ids, value_with_unit
from ui.keycharts import KeyChart

SERIES = ("municipality", "region", "hva", "yta", "centre", "country")


def centre_area(code, centre):
    """The chosen centre's area code as the municipality's profile compares it ('' when it is not shown: the
    centre has none, or it is the municipality's cooperation area, shown already)."""
    return centre.area if centre.area != areas_by_code()[code]["yta_code"] else ""


def compared(code, centre):
    """Series -> area code, in SERIES order: the municipality, its region, wellbeing services county, cooperation
    area, the chosen centre's area (when centre_area shows it), the country."""
    row = areas_by_code()[code]
    codes = dict(zip(SERIES, (code, row["region_code"], row["hva_code"], row["yta_code"], centre_area(code, centre),
                              COUNTRY)))
    return {series: area for series, area in codes.items() if area}


def series_labels(code, centre, lang):
    """The compared areas by name, in the UI language."""
    return {series: area_name(area, lang) for series, area in compared(code, centre).items()}


@dataclass
class Profile:
    """What the page shows of one municipality: the sentence (Markdown, or None when no indicator qualifies), the
    standing chart and the table of latest values; `empty` when the municipality has no figures at all."""
    empty: bool
    differences: str | None
    standing: KeyChart | None
    table: pd.DataFrame | None


@derived
def profile(lang, code, centre):
    """The municipality's latest figures against its region, county, cooperation area, the centre's area and the
    country, as the page shows them."""
    rows = query("municipality_profile", area=code, centre=centre_area(code, centre), country=COUNTRY)
    if rows.empty:
        return Profile(True, None, None, None)
    return Profile(False, differences(lang, code, rows), standing_chart(lang, code, centre, rows),
                   comparison(lang, code, centre, rows))


def position(lang, rec):
    """'309 kunnasta 12. suurin': where the municipality stands, counted from the end it is nearest."""
    rank, key = (rec.rank_high, "high") if rec.z > 0 else (rec.rank_low, "low")
    if rank == 1:
        return translate(lang, f"profile.rank_{key}est", count=rec.municipalities)
    return translate(lang, f"profile.rank_{key}", rank=rank, count=rec.municipalities)


def differences(lang, code, rows):
    """A sentence naming the three indicators where the municipality differs most from Finland's municipalities:
    its value against their average (the z-score's own yardstick) with units, the country's figure beside it."""
    t = partial(translate, lang)
    aggregation = {i: row["aggregation"] for i, row in indicators_by_code().items()}
    top = largest_differences(rows, aggregation)
    if top.empty:
        return None
    items = []
    for rec in top.itertuples():
        values = {"indicator": name(rec.indicator, lang), "year": rec.year, "position": position(lang, rec),
                  "value": value_with_unit(rec.indicator, rec.municipality, lang),
                  "mean": value_with_unit(rec.indicator, rec.mean, lang)}
        if pd.notna(rec.country):
            items.append(t("profile.differs_item_country",
                           country=value_with_unit(rec.indicator, rec.country, lang), **values))
        else:
            items.append(t("profile.differs_item", **values))
    return t("profile.differs", area=area_name(code, lang)) + "\n" + "".join(f"\n- {i}" for i in items)


def row_label(lang, indicator, year):
    """'<indicator>, <year> · <better direction>' for one row or panel."""
    better = indicators_by_code()[indicator]["better"]
    arrow = "" if better == "neutral" else f" · {translate(lang, f'profile.better_{better}')}"
    return f"{name(indicator, lang)}, {year}{arrow}"


def is_size(indicator):
    """Counts that grow with the municipality (population, land area ...): areas' totals are not comparable."""
    return indicators_by_code()[indicator]["aggregation"] == SIZE_AGGREGATION


def decimals(indicator):
    """The indicator's number of decimals, to which its figures are rounded in a download."""
    return int(indicators_by_code()[indicator]["decimals"])


def standing_frame(lang, rows):
    """One row per rate, share or mean (counts are left to the table below): the range of all municipalities and
    the areas' values with their texts, sorted by name."""
    frame = rows[~rows["indicator"].map(is_size)].copy()
    frame["label"] = [row_label(lang, i, y) for i, y in zip(frame["indicator"], frame["year"])]
    for column in (*SERIES, "low", "high"):
        frame[f"{column}_text"] = [format_value(i, v, lang) for i, v in zip(frame["indicator"], frame[column])]
        frame[column] = [round(v, decimals(i)) for i, v in zip(frame["indicator"], frame[column])]
    frame["name"] = frame["indicator"].map(lambda i: name(i, lang))
    return frame.sort_values("name").reset_index(drop=True)


def standing_chart(lang, code, centre, rows):
    """Every indicator: the municipality, its region, the centre's area and the country within the municipal range,
    with the numbers drawn as its table."""
    t = partial(translate, lang)
    frame = standing_frame(lang, rows)
    labels = series_labels(code, centre, lang)
    fig = standing(frame, labels, t("profile.range"), t("profile.chart_standing", area=area_name(code, lang)), lang)
    table = frame[["name", "year", *labels, "low", "high"]].rename(columns={
        "name": t("columns.indicator"), "year": t("columns.year"), **labels,
        "low": f"{t('profile.range')}: min", "high": f"{t('profile.range')}: max"})
    span = f"{int(frame['year'].min())}-{int(frame['year'].max())}"
    return KeyChart(fig, f"profile-standing-{code}-{span}", source_ids(frame["indicator"]), table)


def comparison(lang, code, centre, rows):
    """The table of latest values as text in the UI language: municipality, region, wellbeing services county,
    cooperation area, centre's area, country."""
    names = series_labels(code, centre, lang)
    out = []
    for rec in rows.assign(name=rows["indicator"].map(lambda i: name(i, lang))).sort_values("name").itertuples():
        out.append({
            translate(lang, "columns.indicator"): name(rec.indicator, lang),
            translate(lang, "columns.year"): str(rec.year),
            **{label: format_value(rec.indicator, getattr(rec, series), lang) for series, label in names.items()},
        })
    return pd.DataFrame(out)
