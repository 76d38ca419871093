"""Overview: the chosen year's headline numbers and one small chart per theme, each linking to its page."""
import streamlit as st

from ui import fmt, keycharts
from ui.context import page_context
from ui.data import query
from ui.filters import CENTRE, COUNTRY, area_name
from ui.frame import chart

lang, year, t = page_context()


def funding_metrics():
    """Total funding, the state/municipal split and the share of the national subsidy, or a plain 'not known'."""
    summary = query("funding_summary", year=year, centre=CENTRE)
    if summary.empty:
        st.info(t("overview.no_funding", year=year))
        return
    row = summary.iloc[0]
    cols = st.columns(4)
    cols[0].metric(t("overview.total_funding", year=year), fmt.eur(row["total_eur"], lang))
    cols[1].metric(t("overview.state_funding"), fmt.eur(row["state_eur"], lang),
                   help=t("overview.nordic_help", nordic=fmt.eur(row["nordic_eur"], lang)))
    cols[1].caption(t("overview.of_which_nordic", nordic=fmt.eur(row["nordic_eur"], lang)))
    cols[2].metric(t("overview.municipal_funding"), fmt.eur(row["municipal_eur"], lang))
    if row["national_eur"] > 0:
        cols[3].metric(t("overview.share_of_national"), fmt.pct(row["share_of_national_pct"], lang, 2),
                       help=t("overview.share_help"))
        cols[3].caption(t("overview.national_total", total=fmt.eur(row["national_eur"], lang),
                          kind=t(f"figure_type.{row['national_type']}")))


def area_metrics():
    """Population of the centre's area and its unemployment rate against the whole country (latest known)."""
    cols = st.columns(4)
    pop = query("value_at", indicator="population", areas=[CENTRE, COUNTRY], year=year).set_index("area_code")
    if CENTRE in pop.index:
        p = pop.loc[CENTRE]
        cols[0].metric(t("overview.population", year=int(p["year"])), fmt.number(p["value"], lang))
        if int(p["year"]) != year:
            cols[0].caption(t("common.latest_before", year=year))
    unemp = query("value_at", indicator="unemployment_rate", areas=[CENTRE, COUNTRY], year=year)
    unemp = unemp.set_index("area_code")
    if {CENTRE, COUNTRY} <= set(unemp.index):
        u, c = unemp.loc[CENTRE], unemp.loc[COUNTRY]
        cols[1].metric(t("overview.unemployment", year=int(u["year"])), fmt.pct(u["value"], lang))
        cols[1].caption(t("overview.vs_country", value=fmt.pct(c["value"], lang)))
        if int(u["year"]) != year:
            cols[1].caption(t("common.latest_before", year=year))
    else:
        cols[1].info(t("overview.no_unemployment", year=year))
    cols[3].caption(t("overview.area_note"))


def funding_chart():
    """The funding mix of the year, linking to the Funding page."""
    built = keycharts.funding_mix(lang, year)
    if built is None:
        st.info(t("overview.no_funding", year=year))
        return
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="ov-funding")
    st.page_link("app_pages/funding.py", label=t("overview.more_funding"), icon=":material/arrow_forward:")


def unemployment_chart():
    """Unemployment rate of the three regions, the centre's area and the country over the years."""
    built = keycharts.unemployment(lang, year)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="ov-unemp")
    st.page_link("app_pages/disparity.py", label=t("overview.more_disparity"), icon=":material/arrow_forward:")


st.title(t("overview.title"))
st.write(t("overview.intro", area=area_name(CENTRE, lang)))
funding_metrics()
area_metrics()
left, right = st.columns(2)
with left:
    funding_chart()
with right:
    unemployment_chart()
links = st.columns(3)
links[0].page_link("app_pages/priorities.py", label=t("overview.more_priorities"), icon=":material/checklist:")
links[1].page_link("app_pages/profile.py", label=t("overview.more_profile"), icon=":material/location_city:")
links[2].page_link("app_pages/data.py", label=t("overview.more_data"), icon=":material/table:")
