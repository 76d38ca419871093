"""Regional disparity: one indicator across the municipalities of the chosen scope on a map and ranked, how far
apart they are over time, and two indicators against each other. A click on the map or a bar highlights the
municipality and offers its profile."""
import streamlit as st

from charts.disparity import choropleth_map, dispersion_panels, pair_scatter
from domain import COUNTRY
from export.tables import described
from ui import fmt, geo, keycharts, state
from ui.context import page_context
from ui.data import areas_by_code, indicators_by_code, query
from ui.filters import area_name, division_year, municipalities, page_year, scope_codes, scopes
from ui.frame import chart, source_line
from ui.indicators import (
    format_value,
    indicator_years,
    name,
    name_with_latest,
    plotly_format,
    source_ids,
    unit_label,
    year_up_to,
)

lang, _, t, centre = page_context()
CHARTS = ("di-map", "di-ranking")
MEASURES = {"cv": ("measure_cv", ",.2f"), "theil": ("measure_theil", ",.3f"), "max_min": ("measure_max_min", ",.2f"),
            "p90_p10": ("measure_p90_p10", ",.2f")}


def indicator_row(indicator):
    """The indicator's metadata (better, aggregation, source ...), from the shared look-up."""
    return indicators_by_code()[indicator]


def indicator_options():
    """Every indicator, sorted by its name in the UI language."""
    return sorted(indicators_by_code(), key=lambda i: name(i, lang))


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
        if st.session_state.get(seen) != code and code in municipalities():
            st.session_state[seen] = code
            st.session_state["area"] = st.session_state["_widget_area"] = code


def controls():
    """Indicator and scope, both kept in the URL."""
    left, right = st.columns(2)
    indicator = state.choose("indicator", t("filters.indicator"), indicator_options(),
                             lambda i: name_with_latest(i, lang), where=left)
    scope = state.choose("scope", t("filters.scope"), scopes(), lambda c: area_name(c, lang), where=right)
    return indicator, scope


def highlight():
    """The highlighted municipality (searchable; also set by a click) and a button to its profile."""
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    names = {code: row[f"name_{lang}"] for code, row in areas_by_code().items()}
    codes = sorted(municipalities(), key=names.get)
    area = state.choose("area", t("disparity.highlight"), codes, names.get, where=left,
                        help=t("disparity.highlight_help"))
    if right.button(t("disparity.open_profile", area=area_name(area, lang)), key="di-open-profile"):
        st.switch_page("app_pages/profile.py")
    return area


def colour_keys(frame):
    """Colour by the centre's regions (or wellbeing services counties); every other one is one grey group."""
    return keycharts.colour_keys(frame, lang, centre)


def year_drawn(indicator):
    """The year drawn for the indicator, with the sidebar's picker of the indicator's years: the chosen year or the
    latest earlier one with figures (with a note), never a later one (None); with no year chosen, the latest."""
    return page_year(lang, indicator_years(indicator), note="disparity.year_note")


def ranked(indicator, shown, scope):
    """The scope's municipalities with value, display name, rank text and hover text."""
    return keycharts.ranked(indicator, shown, scope, lang, centre)


def value_table(indicator, data, shown):
    """The numbers drawn on the map and the bars, with translated headers."""
    return keycharts.value_table(indicator, data, lang, shown)


def midpoint(indicator, shown, data):
    """The value the map's colours divide at: the whole country's in the same year, else the municipal median."""
    country = query("value_at", indicator=indicator, areas=[COUNTRY], year=shown)
    country = country[country["year"] == shown]
    if len(country):
        return float(country["value"].iloc[0]), t("disparity.reference_country")
    return float(data["value"].median()), t("disparity.reference_median")


def map_view(indicator, shown, scope, data, area):
    """The choropleth of the scope's municipalities, region borders over it, the highlighted one outlined."""
    codes = scope_codes(scope)
    regions = sorted({areas_by_code()[code]["region_code"] for code in codes})
    borders = geo.features(geo.REGIONS, regions)
    row = indicator_row(indicator)
    middle, reference = midpoint(indicator, shown, data)
    title = t("disparity.chart_map", indicator=name(indicator, lang), scope=area_name(scope, lang), year=shown)
    fig = choropleth_map(
        geo.features(geo.MUNICIPALITIES, codes), data, better=row["better"], title=title,
        colorbar_title=unit_label(indicator, lang), lang=lang, borders=borders,
        highlight=geo.features(geo.MUNICIPALITIES, [area]) if area in codes else None,
        missing=sorted(set(codes) - set(data["area_code"])), missing_text=t("disparity.no_figure"),
        height=760 if scope == COUNTRY else 540, midpoint=middle, value_format=plotly_format(indicator))
    chart(fig, name=f"disparity-map-{indicator}-{shown}-{scope}", sources=f"{source_ids([indicator])};nls_borders_2021",
          data=value_table(indicator, data, shown), lang=lang, key="di-map", on_select="rerun", selection_mode="points")
    st.caption(t("common.division", year=division_year()))
    if row["better"] == "neutral":
        st.caption(t("disparity.map_neutral"))
    else:
        st.caption(t("disparity.map_directional", reference=reference, value=format_value(indicator, middle, lang),
                     direction=t(f"disparity.better_{row['better']}")))


def ranking(indicator, shown, scope, data, area):
    """The ranked bars with the scope's, the regions' (for the centre's area) and the country's value as lines."""
    built = keycharts.disparity_ranking(lang, shown, indicator, scope, area, centre, data, shown)
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="di-ranking",
          on_select="rerun", selection_mode="points")
    st.caption(t(f"aggregation.{indicator_row(indicator)['aggregation']}"))


def dispersion(indicator, scope):
    """Coefficient of variation, Theil, max/min and P90/P10 of the scope's municipalities, year by year."""
    data = query("indicator_dispersion", indicator=indicator, scope=scope)
    if data.empty:
        return
    panels = {column: (t(f"disparity.{key}"), d3) for column, (key, d3) in MEASURES.items()}
    title = t("disparity.chart_dispersion", indicator=name(indicator, lang), scope=area_name(scope, lang))
    sources = source_ids([indicator, "population"])
    if len(data) == 1:
        single_year(data.iloc[0], panels, title, sources)
    else:
        table = data[["year", "n", *MEASURES]].rename(columns={
            "year": t("columns.year"), "n": t("disparity.municipalities"),
            **{column: label for column, (label, _) in panels.items()}})
        table = described(table, decimals={label: int(d3[-2]) for label, d3 in panels.values()})
        span = f"{int(data['year'].min())}-{int(data['year'].max())}"
        chart(dispersion_panels(data, panels, title, lang), name=f"disparity-dispersion-{indicator}-{scope}-{span}",
              sources=sources,
              data=table, lang=lang, key="di-dispersion")
    if data[list(MEASURES)].isna().any().any():
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


def decimals_of(indicator):
    """The indicator's number of decimals, for its column in a download."""
    return int(indicator_row(indicator)["decimals"])


def axis_title(indicator, shown):
    """'<indicator>, <unit> (<year>)' for an axis."""
    return f"{name(indicator, lang)}, {unit_label(indicator, lang)} ({shown})"


def pair(indicator, shown, scope):
    """The chosen indicator against a second one: bubbles sized by population, coloured by region, with r."""
    versus = state.choose("versus", t("disparity.versus"), indicator_options(), lambda i: name_with_latest(i, lang))
    versus_years = indicator_years(versus)
    versus_year = year_up_to(versus_years, shown)
    if versus_year is None and len(versus_years) == 1:
        versus_year = versus_years[0]
        st.caption(t("disparity.versus_single_year", indicator=name(versus, lang), year=versus_year))
    if versus_year is None:
        st.info(t("disparity.versus_none_before", indicator=name(versus, lang), year=shown))
        return
    data = query("indicator_pair", x=indicator, y=versus, year_x=shown, year_y=versus_year, scope=scope)
    data["colour"], labels = colour_keys(data)
    data["hover"] = [f"<b>{a}</b><br>{name(indicator, lang)}: {format_value(indicator, x, lang)}<br>"
                     f"{name(versus, lang)}: {format_value(versus, y, lang)}<br>"
                     f"{t('disparity.population')}: {fmt.number(p, lang)}"
                     for a, x, y, p in zip(data[f"name_{lang}"], data["x"], data["y"], data["population"])]
    count = int(data["n"].iloc[0]) if len(data) else 0
    r = data["r"].iloc[0] if count else None
    subtitle = (t("disparity.correlation", r=fmt.number(r, lang, 2), n=count) if r is not None and r == r
                else t("disparity.no_correlation", n=count))
    title = t("disparity.chart_pair", x=name(indicator, lang), y=name(versus, lang), scope=area_name(scope, lang))
    fig = pair_scatter(data, colour_labels=labels, title=title, subtitle=subtitle, x_title=axis_title(indicator, shown),
                       y_title=axis_title(versus, versus_year), lang=lang, x_format=plotly_format(indicator),
                       y_format=plotly_format(versus))
    table = data[["area_code", f"name_{lang}", "x", "y", "population"]].rename(columns={
        "area_code": t("columns.code"), f"name_{lang}": t("columns.area"), "x": axis_title(indicator, shown),
        "y": axis_title(versus, versus_year), "population": t("disparity.population")})
    table = described(table, decimals={axis_title(indicator, shown): decimals_of(indicator),
                                       axis_title(versus, versus_year): decimals_of(versus)})
    chart(fig, name=f"disparity-pair-{indicator}-{versus}-{shown}-{scope}",
          sources=source_ids([indicator, versus, "population"]), data=table, lang=lang, key="di-pair")
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
    municipal = ranked(chosen, year_shown, where)
    map_column, bars_column = st.columns(2)
    with map_column:
        map_view(chosen, year_shown, where, municipal, highlighted)
    with bars_column:
        ranking(chosen, year_shown, where, municipal, highlighted)
dispersion(chosen, where)
if year_shown is not None:
    pair(chosen, year_shown, where)
