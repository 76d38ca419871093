"""Municipality profile: every indicator of one municipality beside its region, the centre's area and the country,
where it stands among all municipalities, how each indicator has moved, and what sets it apart from the country."""
import pandas as pd
import streamlit as st

from calc.profile import SIZE_AGGREGATION, largest_differences
from charts.profile import standing
from domain import COUNTRY
from ui import keycharts, state
from ui.context import page_context
from ui.data import areas_by_code, indicators_by_code, query
from ui.filters import area_name, division_year, municipalities
from ui.frame import chart
from ui.indicators import format_value, name, source_ids, value_with_unit

lang, t, centre = page_context()
SERIES = ("municipality", "region", "hva", "yta", "centre", "country")


def pick():
    """A searchable municipality list, sorted by name in the UI language."""
    names = {code: row[f"name_{lang}"] for code, row in areas_by_code().items()}
    codes = sorted(municipalities(), key=names.get)
    return state.choose("area", t("filters.municipality"), codes, names.get)


def compared(code):
    """Series -> area code, in SERIES order: the municipality, its region, wellbeing services county, cooperation
    area, the chosen centre's area (left out for the centre without one, and when it is the cooperation area
    already shown), the country."""
    row = areas_by_code()[code]
    codes = dict(zip(SERIES, (code, row["region_code"], row["hva_code"], row["yta_code"], centre_area(code), COUNTRY)))
    return {series: area for series, area in codes.items() if area}


def centre_area(code):
    """The chosen centre's area code as the municipality's profile compares it ('' when it is not shown)."""
    return centre.area if centre.area != areas_by_code()[code]["yta_code"] else ""


def series_labels(code, region):
    """The compared areas by name, in the UI language."""
    return {series: area_name(area, lang) for series, area in compared(code).items()}


def position(rec):
    """'309 kunnasta 12. suurin': where the municipality stands, counted from the end it is nearest."""
    rank, key = (rec.rank_high, "high") if rec.z > 0 else (rec.rank_low, "low")
    if rank == 1:
        return t(f"profile.rank_{key}est", count=rec.municipalities)
    return t(f"profile.rank_{key}", rank=rank, count=rec.municipalities)


def differences(code, profile):
    """A sentence naming the three indicators where the municipality differs most from Finland's municipalities:
    its value against their average (the z-score's own yardstick) with units, the country's figure beside it."""
    aggregation = {i: row["aggregation"] for i, row in indicators_by_code().items()}
    top = largest_differences(profile, aggregation)
    if top.empty:
        st.info(t("profile.differs_none"))
        return
    items = []
    for rec in top.itertuples():
        values = {"indicator": name(rec.indicator, lang), "year": rec.year, "position": position(rec),
                  "value": value_with_unit(rec.indicator, rec.municipality, lang),
                  "mean": value_with_unit(rec.indicator, rec.mean, lang)}
        if pd.notna(rec.country):
            items.append(t("profile.differs_item_country",
                           country=value_with_unit(rec.indicator, rec.country, lang), **values))
        else:
            items.append(t("profile.differs_item", **values))
    st.markdown(t("profile.differs", area=area_name(code, lang)) + "\n" + "".join(f"\n- {i}" for i in items))
    st.caption(t("profile.differs_note"))


def row_label(indicator, year):
    """'<indicator>, <year> · <better direction>' for one row or panel."""
    better = indicators_by_code()[indicator]["better"]
    arrow = "" if better == "neutral" else f" · {t(f'profile.better_{better}')}"
    return f"{name(indicator, lang)}, {year}{arrow}"


def is_size(indicator):
    """Counts that grow with the municipality (population, land area ...): areas' totals are not comparable."""
    return indicators_by_code()[indicator]["aggregation"] == SIZE_AGGREGATION


def standing_frame(profile):
    """One row per rate, share or mean (counts are left to the table below): the range of all municipalities and
    the four areas' values with their texts, sorted by name."""
    frame = profile[~profile["indicator"].map(is_size)].copy()
    frame["label"] = [row_label(i, y) for i, y in zip(frame["indicator"], frame["year"])]
    for column in (*SERIES, "low", "high"):
        frame[f"{column}_text"] = [format_value(i, v, lang) for i, v in zip(frame["indicator"], frame[column])]
        frame[column] = [round(v, decimals(i)) for i, v in zip(frame["indicator"], frame[column])]
    frame["name"] = frame["indicator"].map(lambda i: name(i, lang))
    return frame.sort_values("name").reset_index(drop=True)


def decimals(indicator):
    """The indicator's number of decimals, to which its figures are rounded in a download."""
    return int(indicators_by_code()[indicator]["decimals"])


def standing_chart(code, region, profile):
    """Every indicator: the municipality, its region, the centre's area and the country within the municipal range."""
    frame = standing_frame(profile)
    labels = series_labels(code, region)
    fig = standing(frame, labels, t("profile.range"), t("profile.chart_standing", area=area_name(code, lang)), lang)
    table = frame[["name", "year", *labels, "low", "high"]].rename(columns={
        "name": t("columns.indicator"), "year": t("columns.year"), **labels,
        "low": f"{t('profile.range')}: min", "high": f"{t('profile.range')}: max"})
    span = f"{int(frame['year'].min())}-{int(frame['year'].max())}"
    chart(fig, name=f"profile-standing-{code}-{span}", sources=source_ids(frame["indicator"]), data=table, lang=lang,
          key="pr-standing")
    st.caption(t("profile.standing_note"))
    st.caption(t("common.division", year=division_year()))


def comparison(code, region, profile):
    """The table of latest values: municipality, region, wellbeing services county, cooperation area, centre's
    area, country."""
    names = series_labels(code, region)
    rows = []
    for rec in profile.assign(name=profile["indicator"].map(lambda i: name(i, lang))).sort_values("name").itertuples():
        rows.append({
            t("columns.indicator"): name(rec.indicator, lang),
            t("columns.year"): str(rec.year),
            **{label: format_value(rec.indicator, getattr(rec, series), lang) for series, label in names.items()},
        })
    st.dataframe(rows, hide_index=True, width="stretch")
    st.caption(t("profile.table_note"))


def trend_chart(code, region):
    """Every indicator with more than one year: the municipality and its comparison areas over time."""
    built = keycharts.profile_trends(lang, code, tuple(compared(code).items()),
                                     tuple(series_labels(code, region).items()))
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="pr-trends")


st.title(t("profile.title"))
if not centre.area:
    st.info(t("centre.no_area", centre=centre.short_name))
chosen = pick()
profile_rows = query("municipality_profile", area=chosen, centre=centre_area(chosen), country=COUNTRY)
own_region = areas_by_code()[chosen]["region_code"]
if centre_area(chosen):
    st.subheader(t("profile.latest", area=area_name(chosen, lang), centre_area=area_name(centre_area(chosen), lang)))
else:
    st.subheader(t("profile.latest_no_centre", area=area_name(chosen, lang)))
if profile_rows.empty:
    st.info(t("profile.no_data"))
else:
    differences(chosen, profile_rows)
    standing_chart(chosen, own_region, profile_rows)
    trend_chart(chosen, own_region)
    comparison(chosen, own_region, profile_rows)
