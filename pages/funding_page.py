"""Funding: the national subsidy over the years and the centre's funding mix of the chosen year."""
import streamlit as st

from charts.basic import grouped_years
from ui import fmt
from ui.data import query
from ui.frame import chart
from ui.funding import mix_chart
from ui.i18n import translate

lang, year = st.session_state["lang"], st.session_state["year"]
FIGURE_TYPES = ("budget", "proposal", "final_accounts")


def t(key, **values):
    """This page's strings in the UI language."""
    return translate(lang, key, **values)


def national_chart():
    """Budget line 33.60.63 by year and figure type; years without a figure stay empty."""
    data = query("national_subsidy")
    labels = {kind: t(f"figure_type.{kind}") for kind in FIGURE_TYPES}
    span = (int(data["year"].min()), int(data["year"].max()))
    fig = grouped_years(data, "year", "amount_eur", "figure_type", labels, t("funding.chart_national"),
                        t("units.eur"), lang, span)
    table = data.assign(figure_type=data["figure_type"].map(labels))[["year", "figure_type", "amount_eur"]]
    table = table.rename(columns={"year": t("columns.year"), "figure_type": t("columns.figure_type"),
                                  "amount_eur": t("columns.amount_eur")})
    chart(fig, name="funding-national-subsidy", sources="budget_33_60_63", data=table, lang=lang, key="fu-national")
    missing = sorted(set(range(span[0], span[1] + 1)) - set(data["year"]))
    if missing:
        st.caption(t("funding.gap_note", years=", ".join(map(str, missing))))


def mix_details():
    """The centre's own funding of the chosen year as a chart and a table with EUR and shares."""
    data = mix_chart(year, lang, key="fu-mix")
    if data.empty:
        return
    shown = data[["label"]].rename(columns={"label": t("columns.source_category")})
    shown[t("columns.amount_eur")] = [fmt.eur(v, lang) for v in data["amount_eur"]]
    shown[t("columns.share_pct")] = [fmt.pct(v, lang) for v in data["share_pct"]]
    st.dataframe(shown, hide_index=True, width="stretch")


st.title(t("funding.title"))
st.write(t("funding.intro"))
national_chart()
mix_details()
