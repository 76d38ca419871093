"""Municipality profile: every indicator of one municipality beside its region, the centre's area and the country."""
import streamlit as st

from charts.basic import lines
from ui import state
from ui.data import query
from ui.filters import CENTRE, COUNTRY, area_name, municipalities
from ui.frame import chart
from ui.i18n import translate
from ui.indicators import format_value, meta, name, plotly_format, unit_label

lang = st.session_state["lang"]


def t(key, **values):
    """This page's strings in the UI language."""
    return translate(lang, key, **values)


def pick():
    """A searchable municipality list, sorted by name in the UI language."""
    codes = sorted(municipalities(), key=lambda c: area_name(c, lang))
    return state.choose("area", t("filters.municipality"), codes, lambda c: area_name(c, lang))


def comparison(code):
    """The table of latest values: municipality, region, centre's area, country."""
    areas = query("areas").set_index("code")
    region = areas.loc[code, "region_code"]
    data = query("municipality_profile", area=code)
    rows = []
    for rec in data.itertuples():
        rows.append({
            t("columns.indicator"): name(rec.indicator, lang),
            t("columns.year"): str(rec.year),
            area_name(code, lang): format_value(rec.indicator, rec.municipality, lang),
            area_name(region, lang): format_value(rec.indicator, rec.region, lang),
            area_name(CENTRE, lang): format_value(rec.indicator, rec.centre, lang),
            area_name(COUNTRY, lang): format_value(rec.indicator, rec.country, lang),
        })
    st.dataframe(rows, hide_index=True, width="stretch")
    return region


def trend(code, region):
    """One indicator over time for the municipality and its comparison areas."""
    indicator = state.choose("indicator", t("filters.indicator"), meta().index.tolist(), lambda i: name(i, lang))
    codes = [code, region, CENTRE, COUNTRY]
    data = query("indicator_series", indicator=indicator, areas=list(dict.fromkeys(codes)))
    if data.empty:
        st.info(t("profile.no_data"))
        return
    data["area"] = data[f"name_{lang}"]
    data["order"] = data["area_code"].map(codes.index)
    data = data.sort_values(["order", "year"])
    title = t("profile.chart_trend", indicator=name(indicator, lang), area=area_name(code, lang))
    fig = lines(data, "year", "value", "area", title, unit_label(indicator, lang), lang,
                y_format=plotly_format(indicator))
    table = data[["area", "year", "value"]].rename(columns={
        "area": t("columns.area"), "year": t("columns.year"), "value": name(indicator, lang)})
    sources = ";".join(sorted(set(";".join(data["source"]).split(";"))))
    chart(fig, name=f"profile-{code}-{indicator}", sources=sources, data=table, lang=lang, key="pr-trend")


st.title(t("profile.title"))
code = pick()
st.subheader(t("profile.latest", area=area_name(code, lang)))
region = comparison(code)
st.caption(t("profile.table_note"))
trend(code, region)
