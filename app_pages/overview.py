"""Overview: the newest headline numbers (or those of the chosen year) and one small chart per theme, each linking
to its page. With no year in the link it opens on the latest year with the area's population."""
import streamlit as st

from domain import COUNTRY
from ui import action_plan, centres, fmt, keycharts
from ui.context import page_context
from ui.data import query
from ui.filters import area_name, division_year, page_year, switch_centre
from ui.frame import chart
from ui.funding import has_funding, no_funding_notice
from ui.indicators import format_value

lang, t, centre = page_context()
# The area the headline figures are for: the centre's, or the whole country for the centre without an area.
AREA = centre.area or COUNTRY
POPULATION_YEARS = query("indicator_series", indicator="population", areas=[AREA])["year"].tolist()
year = page_year(lang, POPULATION_YEARS)


def funding_metrics():
    """Total funding, the state/municipal split and the share of the national subsidy, or a plain 'not known'."""
    funded = keycharts.funding_year(year, centre.area)
    if funded is None:
        no_funding_notice(lang, year, centre)
        return
    row = query("funding_summary", year=funded, centre=centre.area).iloc[0]
    if funded != year:
        st.caption(t("overview.funding_latest", year=year, funded=funded))
    cols = st.columns(4)
    cols[0].metric(t("overview.total_funding", year=funded), fmt.eur(row["total_eur"], lang))
    cols[1].metric(t("overview.state_funding"), fmt.eur(row["state_eur"], lang),
                   help=t("overview.nordic_help", nordic=fmt.eur(row["nordic_eur"], lang)))
    cols[1].caption(t("overview.of_which_nordic", nordic=fmt.eur(row["nordic_eur"], lang)))
    cols[2].metric(t("overview.municipal_funding"), fmt.eur(row["municipal_eur"], lang))
    if row["national_eur"] > 0:
        cols[3].metric(t("overview.share_of_national"), fmt.pct(row["share_of_national_pct"], lang, 2),
                       help=t("overview.share_help", centre=centre.short_name))
        cols[3].caption(t("overview.national_total", total=fmt.eur(row["national_eur"], lang),
                          kind=t(f"figure_type.{row['national_type']}")))


def month_name(year_, month):
    """'tammikuu 2025', 'januari 2025', 'January 2025': a month as the UI language writes it standing alone."""
    return fmt.month(year_, month, lang)


def population_metric(where):
    """The centre's area's population at the end of the year shown (the latest earlier one if none)."""
    pop = query("value_at", indicator="population", areas=[centre.area], year=year).set_index("area_code")
    if centre.area not in pop.index:
        return
    p = pop.loc[centre.area]
    where.metric(t("overview.population", year=int(p["year"])), fmt.number(p["value"], lang))
    if "preliminary" in p["source"]:
        where.caption(t("overview.preliminary"))


def jobseeker_metrics(month_col, year_col):
    """The jobseekers' share of the latest month up to the year shown and of the last full year, against the
    country; the areas' figures are estimates (labour-force-weighted)."""
    areas = [centre.area, COUNTRY]
    month = query("monthly_at", indicator="jobseekers_pct", areas=areas, year=year).set_index("area_code")
    if {centre.area, COUNTRY} <= set(month.index):
        m, c = month.loc[centre.area], month.loc[COUNTRY]
        month_col.metric(t("overview.jobseekers_month", month=month_name(int(m["year"]), int(m["month"]))),
                         format_value("jobseekers_pct", m["value"], lang))
        month_col.caption(t("overview.vs_country", value=format_value("jobseekers_pct", c["value"], lang)))
    full = query("value_at", indicator="jobseekers_pct", areas=areas, year=year).set_index("area_code")
    if {centre.area, COUNTRY} <= set(full.index):
        m, c = full.loc[centre.area], full.loc[COUNTRY]
        year_col.metric(t("overview.jobseekers_year", year=int(m["year"])),
                        format_value("jobseekers_pct", m["value"], lang))
        year_col.caption(t("overview.vs_country", value=format_value("jobseekers_pct", c["value"], lang)))
    else:
        year_col.info(t("overview.no_jobseekers", year=year))


def unemployment_metric(where):
    """The key-figure unemployment rate, a different and older measure, labelled by its own year."""
    unemp = query("value_at", indicator="unemployment_rate", areas=[centre.area, COUNTRY], year=year)
    unemp = unemp.set_index("area_code")
    if {centre.area, COUNTRY} <= set(unemp.index):
        u, c = unemp.loc[centre.area], unemp.loc[COUNTRY]
        where.metric(t("overview.unemployment", year=int(u["year"])), fmt.pct(u["value"], lang),
                     help=t("overview.measures_differ"))
        where.caption(t("overview.vs_country", value=fmt.pct(c["value"], lang)))
    else:
        where.info(t("overview.no_unemployment", year=year))


def area_metrics():
    """Population, jobseekers (latest month, last full year) and the key-figure unemployment rate of the area."""
    if not centre.area:
        st.info(t("centre.no_area", centre=centre.short_name))
        return
    cols = st.columns(4)
    population_metric(cols[0])
    jobseeker_metrics(cols[1], cols[2])
    unemployment_metric(cols[3])
    st.caption(t("overview.area_note", area=centre.area_name, year=division_year()))


def funding_chart():
    """The funding mix of the year, linking to the Funding page."""
    built = keycharts.funding_mix(lang, keycharts.funding_year(year, centre.area), centre)
    if built is None:
        return
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="ov-funding")
    st.page_link("app_pages/funding.py", label=t("overview.more_funding"), icon=":material/arrow_forward:")


def jobseekers_chart():
    """Jobseekers' share (yearly means) of the centre's area, its regions or counties and the country over the
    years."""
    built = keycharts.jobseekers(lang, year, centre)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="ov-jobseekers")
    st.caption(t("overview.jobseekers_note"))
    st.page_link("app_pages/disparity.py", label=t("overview.more_disparity"), icon=":material/arrow_forward:")


def introduction():
    """Which centre the page is about: its name and period, its area's municipalities and parts (or that it has
    none)."""
    st.subheader(centre.title)
    if centre.area:
        st.write(t("overview.intro", period=centre.period, area=centre.area_name,
                   count=len(centres.municipalities_of(centre.area)),
                   parts=", ".join(area_name(p, lang) for p in centre.parts)))
    else:
        st.write(t("overview.intro_no_area", period=centre.period))
    if centre.short_name == centre.area_name:
        st.caption(t("centre.name_note"))


def history():
    """SONet BOTNIA's own story: its subsidy ended on 30.6.2025; the centre of each of its regions since, a click
    away."""
    with st.container(border=True):
        st.markdown(f"**{t('centre.history_heading')}**")
        st.markdown(t("centre.history"))
        for region in centre.parts:
            after = centres.successor(region)
            if after:
                row = st.container(horizontal=True, vertical_alignment="center", gap="small")
                row.text(t("centre.successor", region=area_name(region, lang)))
                row.button(centres.centre(after, lang).short_name, key=f"successor-{region}", type="tertiary",
                           icon=":material/arrow_forward:", on_click=switch_centre, args=(after,))


st.title(t("overview.title"))
introduction()
if centre.id == centres.DEFAULT_CENTRE:
    history()
area_metrics()
funding_metrics()
shown = [draw for draw, wanted in ((funding_chart, has_funding(centre.area)), (jobseekers_chart, bool(centre.area)))
         if wanted]
for draw, column in zip(shown, st.columns(len(shown)) if shown else ()):
    with column:
        draw()
action_plan.overview_lines(lang, centre)
links = st.columns(3)
links[0].page_link("app_pages/priorities.py", label=t("overview.more_priorities"), icon=":material/checklist:")
links[1].page_link("app_pages/profile.py", label=t("overview.more_profile"), icon=":material/location_city:")
links[2].page_link("app_pages/data.py", label=t("overview.more_data"), icon=":material/table:")
