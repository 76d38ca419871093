"""Regional disparity: one indicator across the municipalities of the chosen scope, ranked, with averages."""
import streamlit as st

from charts.basic import ranked_bars
from ui import state
from ui.data import query
from ui.filters import COUNTRY, area_name, scopes
from ui.frame import chart
from ui.i18n import translate
from ui.indicators import format_value, meta, name, nearest_year, plotly_format, unit_label

lang, year = st.session_state["lang"], st.session_state["year"]


def t(key, **values):
    """This page's strings in the UI language."""
    return translate(lang, key, **values)


def controls():
    """Indicator and scope, both kept in the URL."""
    left, right = st.columns(2)
    indicators = meta().index.tolist()
    indicator = state.choose("indicator", t("filters.indicator"), indicators, lambda i: name(i, lang), where=left)
    scope = state.choose("scope", t("filters.scope"), scopes(), lambda c: area_name(c, lang), where=right)
    return indicator, scope


def ranking(indicator, scope):
    """The ranked bar chart of the scope's municipalities, with the scope's and the country's value as lines."""
    years = query("indicator_years", indicator=indicator)["year"].tolist()
    shown = nearest_year(years, year)
    if shown != year:
        st.info(t("disparity.year_note", year=year, shown=shown))
    data = query("indicator_ranking", indicator=indicator, year=shown, scope=scope)
    refs = query("value_at", indicator=indicator, areas=[scope, COUNTRY], year=shown)
    refs = refs[refs["year"] == shown].set_index("area_code")["value"]
    regions = {code: area_name(code, lang) for code in sorted(data["region_code"].unique())}
    data["area"] = data[f"name_{lang}"]
    ref_lines = [(f"{area_name(c, lang)}: {format_value(indicator, refs[c], lang)}", refs[c])
                 for c in dict.fromkeys([scope, COUNTRY]) if c in refs.index]
    title = t("disparity.chart_ranking", indicator=name(indicator, lang), year=shown, scope=area_name(scope, lang))
    fig = ranked_bars(data, "area", "value", "region_code", regions, title, unit_label(indicator, lang), ref_lines,
                      lang, value_format=plotly_format(indicator), highlight=st.session_state.get("area"))
    table = data[["area_code", "area", "value"]].rename(columns={
        "area_code": t("columns.code"), "area": t("columns.area"), "value": name(indicator, lang)})
    sources = ";".join(sorted(set(meta().loc[indicator, "source"].split(";"))))
    chart(fig, name=f"disparity-{indicator}-{shown}-{scope}", sources=sources, data=table, lang=lang,
          key="di-ranking")
    st.caption(t(f"aggregation.{meta().loc[indicator, 'aggregation']}"))


st.title(t("disparity.title"))
st.write(t("disparity.intro"))
ranking(*controls())
