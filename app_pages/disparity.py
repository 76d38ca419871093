"""Regional disparity: one indicator across the municipalities of the chosen scope on a map and ranked, how far
apart they are over time, and two indicators against each other. A click on the map or a bar highlights the
municipality and offers its profile."""
import streamlit as st

from ui import fmt, keycharts, state
from ui.context import page_context
from ui.data import indicators_by_code
from ui.filters import area_name, division_year, municipality_choices, page_year, scopes
from ui.frame import chart, source_line
from ui.indicators import format_value, indicator_choices, indicator_years, name, source_ids, year_up_to

lang, t, centre = page_context()
CHARTS = ("di-map", "di-ranking")


def indicator_row(indicator):
    """The indicator's metadata (better, aggregation, source ...), from the shared look-up."""
    return indicators_by_code()[indicator]


def choose_indicator(key, label, where=st):
    """An indicator picker (the indicator, the second one): every indicator sorted by its name in the UI language,
    each with its latest year."""
    codes, labels = indicator_choices(lang)
    return state.choose(key, label, codes, labels.get, where=where)


def take_click():
    """Move a municipality clicked on the map or a bar into the `area` filter, once per new click.

    Runs before any widget is drawn, so the selectbox below can still be set to the clicked municipality.
    """
    for key in CHARTS:
        points = ((st.session_state.get(key) or {}).get("selection") or {}).get("points") or []
        seen = f"_seen_{key}"
        if not points:
            st.session_state.pop(seen, None)
            continue
        first = points[0]
        code = (first.get("customdata") or [first.get("location")])[0]
        if st.session_state.get(seen) != code and code in municipality_choices(lang)[0]:
            st.session_state[seen] = code
            st.session_state["area"] = st.session_state["_widget_area"] = code


def controls():
    """Indicator and scope, both kept in the URL."""
    left, right = st.columns(2)
    indicator = choose_indicator("indicator", t("filters.indicator"), where=left)
    scope = state.choose("scope", t("filters.scope"), scopes(), lambda c: area_name(c, lang), where=right)
    return indicator, scope


def highlight():
    """The highlighted municipality (searchable; also set by a click) and a button to its profile."""
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    codes, names = municipality_choices(lang)
    area = state.choose("area", t("disparity.highlight"), codes, names.get, where=left,
                        help=t("disparity.highlight_help"))
    if right.button(t("disparity.open_profile", area=area_name(area, lang)), key="di-open-profile"):
        st.switch_page("app_pages/profile.py")
    return area


def year_drawn(indicator):
    """The year drawn for the indicator, with the sidebar's picker of the indicator's years: the chosen year or the
    latest earlier one with figures (with a note), never a later one (None); with no year chosen, the latest."""
    return page_year(lang, indicator_years(indicator), note="disparity.year_note")


def map_view(indicator, shown, scope, area):
    """The choropleth of the scope's municipalities, region borders over it, the highlighted one outlined."""
    built = keycharts.disparity_map(lang, shown, indicator, scope, area, centre)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="di-map",
          on_select="rerun", selection_mode="points")
    st.caption(t("common.division", year=division_year()))
    better = indicator_row(indicator)["better"]
    if better == "neutral":
        st.caption(t("disparity.map_neutral"))
    else:
        st.caption(t("disparity.map_directional", reference=built.reference,
                     value=format_value(indicator, built.middle, lang), direction=t(f"disparity.better_{better}")))


def ranking(indicator, shown, scope, area):
    """The ranked bars with the scope's, the regions' (for the centre's area) and the country's value as lines."""
    built = keycharts.disparity_ranking(lang, shown, indicator, scope, area, centre, shown)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="di-ranking",
          on_select="rerun", selection_mode="points")
    st.caption(t(f"aggregation.{indicator_row(indicator)['aggregation']}"))


def dispersion(indicator, scope):
    """Coefficient of variation, Theil, max/min and P90/P10 of the scope's municipalities, year by year."""
    data, undefined = keycharts.dispersion_rows(indicator, scope)
    if data.empty:
        return
    if len(data) == 1:
        panels = keycharts.dispersion_panel_titles(lang)
        title = t("disparity.chart_dispersion", indicator=name(indicator, lang), scope=area_name(scope, lang))
        single_year(data.iloc[0], panels, title, source_ids([indicator, "population"]))
    else:
        built = keycharts.disparity_dispersion(lang, indicator, scope)
        chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="di-dispersion")
    if undefined:
        st.caption(t("disparity.undefined"))
    with st.expander(t("disparity.measures_help_title")):
        st.markdown(t("disparity.measures_help"))


def single_year(row, panels, title, sources):
    """One year only: the four measures as figures, not as a line of one point."""
    st.markdown(f"**{title}, {int(row['year'])}**")
    for column, where in zip(panels, st.columns(len(panels))):
        value = row[column]
        where.metric(panels[column][0], fmt.number(value, lang, 3 if column == "theil" else 2))
    st.caption(source_line(sources, lang))
    st.caption(t("disparity.one_year", year=int(row["year"])))


def pair(indicator, shown, scope):
    """The chosen indicator against a second one: bubbles sized by population, coloured by region, with r."""
    versus = choose_indicator("versus", t("disparity.versus"))
    versus_years = indicator_years(versus)
    versus_year = year_up_to(versus_years, shown)
    if versus_year is None and len(versus_years) == 1:
        versus_year = versus_years[0]
        st.caption(t("disparity.versus_single_year", indicator=name(versus, lang), year=versus_year))
    if versus_year is None:
        st.info(t("disparity.versus_none_before", indicator=name(versus, lang), year=shown))
        return
    built = keycharts.disparity_pair(lang, indicator, versus, shown, versus_year, scope, centre)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="di-pair")
    st.caption(t("disparity.pair_note"))


take_click()
st.title(t("disparity.title"))
st.write(t("disparity.intro"))
if not centre.area:
    st.info(t("centre.no_area", centre=centre.short_name))
chosen, where = controls()
highlighted = highlight()
year_shown = year_drawn(chosen)
if year_shown is not None:
    map_column, bars_column = st.columns(2)
    with map_column:
        map_view(chosen, year_shown, where, highlighted)
    with bars_column:
        ranking(chosen, year_shown, where, highlighted)
dispersion(chosen, where)
if year_shown is not None:
    pair(chosen, year_shown, where)
