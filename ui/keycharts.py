"""The key chart of each page, built without drawing anything: the pages draw them, and the Overview's slide deck
and presentation mode show them one per slide. Only queries and charts/ here (no st.* elements), so a deck can be
built in Streamlit's deferred download callback, outside a script run."""
from dataclasses import dataclass
from datetime import date
from functools import partial

import streamlit as st

from calc import action_plan as progress
from calc.profile import SIZE_AGGREGATION
from calc.ranking import OTHER, direction_rank, reference_areas, region_groups
from charts.action_plan import status_bars
from charts.basic import bars, lines, ranked_bars
from charts.disparity import choropleth_map, dispersion_panels, pair_scatter
from charts.funding import best_known
from charts.profile import trends
from charts.theme import MUTED
from domain import COUNTRY, FIGURE_TYPES
from export.tables import described
from locales import translate
from ui import fmt, geo
from ui.data import areas_by_code, derived, indicators_by_code, query
from ui.filters import area_name, scope_codes
from ui.frame import Drawn, KeyChart, plain_title, source_line
from ui.funding import funding_rows
from ui.indicators import (
    format_value,
    indicator_years,
    name,
    plotly_format,
    shown_year,
    source_ids,
    unit_label,
    year_up_to,
)

# A ranking longer than 2 x 15 + 1 rows (the whole country's 309) shows its 15 lowest, 15 highest and the chosen one.
RANKING_ENDS = 15
BUILDERS = {"lines": lines, "bars": bars}
# The disparity page's dispersion measures: column -> (locale key under disparity., d3 format).
DISPERSION_MEASURES = {"cv": ("measure_cv", ",.2f"), "theil": ("measure_theil", ",.3f"),
                       "max_min": ("measure_max_min", ",.2f"), "p90_p10": ("measure_p90_p10", ",.2f")}


@st.cache_resource(show_spinner=False, max_entries=128)
def _built(builder, frame, **options):
    """A figure built once per distinct input (Plotly's validation costs ~20 ms a figure); never changed after."""
    return BUILDERS[builder](frame, **options)



def jobseekers(lang, year, centre):
    """Unemployed jobseekers' share (yearly means) of the centre's area, its regions or counties and the country,
    up to the year shown (Overview); the areas' figures are labour-force-weighted estimates (said on the page)."""
    t = partial(translate, lang)
    codes = [*filter(None, [centre.area]), *centre.parts, COUNTRY]
    data = query("indicator_series", indicator="jobseekers_pct", areas=codes)
    data = data[data["year"] <= year] if year is not None else data
    data["area"] = data[f"name_{lang}"]
    data["order"] = data["area_code"].map(codes.index)
    data = data.sort_values(["order", "year"])
    fig = _built("lines", data, x="year", y="value", series="area", title=t("overview.chart_jobseekers"), y_title="%",
                 lang=lang, y_format=",.1f", suffix=" %")
    sources = ";".join(sorted(set(";".join(data["source"]).split(";"))))
    table = data[["area", "year", "value"]].rename(columns={
        "area": t("columns.area"), "year": t("columns.year"), "value": name("jobseekers_pct", lang)})
    decimals = int(indicators_by_code()["jobseekers_pct"]["decimals"])
    table = described(table, decimals={name("jobseekers_pct", lang): decimals}, unit=t("units.pct"))
    span = f"{int(data['year'].min())}-{int(data['year'].max())}"
    return KeyChart(fig, f"overview-jobseekers_pct-{span}", sources, table)


def funding_years(area):
    """The years with funding figures of the centre whose area code is `area` (none for a centre without one)."""
    table = query("table_rows", table="funding")
    return table.loc[table["centre"] == area, "year"].tolist() if area else []


def funding_year(year, area):
    """The latest year up to `year` (any, when None) with the centre's own funding figures; None if there is none."""
    return year_up_to(funding_years(area), year)


def funding_mix(lang, year, centre):
    """The centre's funding by source in the year as bars (Overview); None when the year has no figures."""
    if year is None:
        return None
    data = funding_rows("funding_by_source", year, lang, centre.area)
    if data.empty:
        return None
    title = translate(lang, "funding.chart_mix", year=year, centre=centre.short_name)
    fig = _built("bars", data, value="amount_eur", label="label", text="text", title=title,
                 x_title=translate(lang, "units.eur"), lang=lang)
    table = data[["label", "amount_eur", "share_pct"]].rename(columns={
        "label": translate(lang, "columns.source_category"), "amount_eur": translate(lang, "columns.amount_eur"),
        "share_pct": translate(lang, "columns.share_pct")})
    table = described(table, decimals={translate(lang, "columns.share_pct"): 1}, years=year)
    return KeyChart(fig, f"funding-mix-{year}", "sonet_botnia_funding", table)


def national_subsidy(lang, year):
    """Budget line 33.60.63 by year, the best known figure per year with the others as detail (Funding); returns
    the key chart and the data for the page's notes (shared: read them only). Every year is drawn whichever is
    chosen, so the chart is built once per language."""
    return _national_subsidy(lang)


@derived
def _national_subsidy(lang):
    """national_subsidy's chart and data, built once per language."""
    data = query("national_subsidy")
    labels = {k: translate(lang, f"figure_type.{k}") for k in FIGURE_TYPES}
    span = (int(data["year"].min()), int(data["year"].max()))
    data["text"] = [fmt.eur(v, lang) for v in data["amount_eur"]]
    fig = best_known(data, type_labels=labels, detail_label=translate(lang, "funding.other_figures"),
                     title=translate(lang, "funding.chart_national"), y_title=translate(lang, "units.eur"),
                     lang=lang, x_range=span)
    table = data.assign(figure_type=data["figure_type"].map(labels),
                        best=data["best"].map({True: translate(lang, "common.yes"), False: ""}))
    table = table[["year", "figure_type", "amount_eur", "best"]].rename(columns={
        "year": translate(lang, "columns.year"), "figure_type": translate(lang, "columns.figure_type"),
        "amount_eur": translate(lang, "columns.amount_eur"), "best": translate(lang, "funding.col_best")})
    table = described(table, unit=translate(lang, "units.eur"))
    return KeyChart(fig, f"funding-national-subsidy-{span[0]}-{span[1]}", "budget_33_60_63", table), data



def colour_keys(frame, lang, centre):
    """Colour by the centre's regions (or wellbeing services counties); every other one is one grey group."""
    keys = region_groups(frame[centre.part_column], centre.parts)
    labels = {r: area_name(r, lang) for r in centre.parts if r in set(keys)}
    if OTHER in set(keys):
        labels[OTHER] = translate(lang, "disparity.other_regions")
    return keys, labels


@derived
def ranked(indicator, shown, scope, lang, centre):
    """The scope's municipalities with value, display name, rank text and hover text (shared: read it only)."""
    data = query("indicator_ranking", indicator=indicator, year=shown, scope=scope)
    better = indicators_by_code()[indicator]["better"]
    rank = direction_rank(data, better)
    rank_key = "disparity.rank_highest" if better == "neutral" else "disparity.rank_best"
    data["area"] = data[f"name_{lang}"]
    data["rank"] = rank
    data["rank_text"] = [translate(lang, rank_key, rank=int(r), count=int(n)) for r, n in zip(rank, data["ranked"])]
    data["value_text"] = [format_value(indicator, v, lang) for v in data["value"]]
    data["hover"] = ["<b>" + a + "</b><br>" + v + "<br>" + r
                     for a, v, r in zip(data["area"], data["value_text"], data["rank_text"])]
    data["colour"], _ = colour_keys(data, lang, centre)
    return data


def value_table(indicator, data, lang, year):
    """The numbers drawn on the map and the bars, with translated headers, rounded to the indicator's decimals."""
    table = data[["area_code", "area", "value", "rank"]].rename(columns={
        "area_code": translate(lang, "columns.code"), "area": translate(lang, "columns.area"),
        "value": name(indicator, lang), "rank": translate(lang, "disparity.rank")})
    return described(table, decimals={name(indicator, lang): int(indicators_by_code()[indicator]["decimals"])},
                     unit=unit_label(indicator, lang), years=year)


def disparity_ranking(lang, year, indicator, scope, area, centre, shown=None):
    """The ranked bars of the scope's municipalities with the scope's, its parts' and the country's values as lines;
    `shown` (the year drawn) when the page has it already; None when the indicator has no year to show."""
    shown = shown_year(indicator, year) if shown is None else shown
    if shown is None:
        return None
    return _ranking_chart(lang, shown, indicator, scope, area, centre)


@derived
def _ranking_chart(lang, shown, indicator, scope, area, centre):
    """The ranked bars of `shown`, built once per filter values (disparity_ranking)."""
    data = ranked(indicator, shown, scope, lang, centre)
    wanted = reference_areas(scope, centre.area, centre.parts, COUNTRY)
    refs = query("value_at", indicator=indicator, areas=wanted, year=shown)
    refs = refs[refs["year"] == shown].set_index("area_code")["value"]
    _, labels = colour_keys(data, lang, centre)
    style = {scope: ("#1F2933", "dot"), COUNTRY: (MUTED, "dash")}
    style.update({r: ("#52606D", "dashdot") for r in centre.parts if scope == centre.area})
    refs_drawn = [(f"{area_name(c, lang)}: {format_value(indicator, refs[c], lang)}", refs[c], *style[c])
                  for c in wanted if c in refs.index]
    title = translate(lang, "disparity.chart_ranking", indicator=name(indicator, lang), year=shown,
                      scope=area_name(scope, lang))
    fig = ranked_bars(data, label="area", value="value", colour_key="colour", colour_labels=labels, title=title,
                      x_title=unit_label(indicator, lang), refs=refs_drawn, lang=lang,
                      value_format=plotly_format(indicator), highlight=area, ends=RANKING_ENDS)
    return KeyChart(fig, f"disparity-ranking-{indicator}-{shown}-{scope}", source_ids([indicator]),
                    value_table(indicator, data, lang, shown))


@dataclass
class MapChart(KeyChart):
    """The disparity map, with the value its colours divide at and the caption's words for that value."""
    middle: float
    reference: str


def midpoint(lang, indicator, shown, data):
    """The value the map's colours divide at: the whole country's in the same year, else the municipal median."""
    country = query("value_at", indicator=indicator, areas=[COUNTRY], year=shown)
    country = country[country["year"] == shown]
    if len(country):
        return float(country["value"].iloc[0]), translate(lang, "disparity.reference_country")
    return float(data["value"].median()), translate(lang, "disparity.reference_median")


@derived
def disparity_map(lang, shown, indicator, scope, area, centre):
    """The choropleth of the scope's municipalities in `shown`, region borders over it, the highlighted one
    outlined; built once per filter values."""
    t = partial(translate, lang)
    data = ranked(indicator, shown, scope, lang, centre)
    codes = scope_codes(scope)
    regions = sorted({areas_by_code()[code]["region_code"] for code in codes})
    better = indicators_by_code()[indicator]["better"]
    middle, reference = midpoint(lang, indicator, shown, data)
    title = t("disparity.chart_map", indicator=name(indicator, lang), scope=area_name(scope, lang), year=shown)
    fig = choropleth_map(
        geo.features(geo.MUNICIPALITIES, codes), data, better=better, title=title,
        colorbar_title=unit_label(indicator, lang), lang=lang, borders=geo.features(geo.REGIONS, regions),
        highlight=geo.features(geo.MUNICIPALITIES, [area]) if area in codes else None,
        missing=sorted(set(codes) - set(data["area_code"])), missing_text=t("disparity.no_figure"),
        height=760 if scope == COUNTRY else 540, midpoint=middle, value_format=plotly_format(indicator))
    return MapChart(fig, f"disparity-map-{indicator}-{shown}-{scope}", f"{source_ids([indicator])};nls_borders_2021",
                    value_table(indicator, data, lang, shown), middle, reference)


def axis_title(indicator, shown, lang):
    """'<indicator>, <unit> (<year>)' for an axis."""
    return f"{name(indicator, lang)}, {unit_label(indicator, lang)} ({shown})"


@derived
def disparity_pair(lang, indicator, versus, shown, versus_year, scope, centre):
    """The chosen indicator in `shown` against a second one in `versus_year`: bubbles sized by population,
    coloured by region, with r; built once per filter values."""
    t = partial(translate, lang)
    data = query("indicator_pair", x=indicator, y=versus, year_x=shown, year_y=versus_year, scope=scope)
    data["colour"], labels = colour_keys(data, lang, centre)
    data["hover"] = [f"<b>{a}</b><br>{name(indicator, lang)}: {format_value(indicator, x, lang)}<br>"
                     f"{name(versus, lang)}: {format_value(versus, y, lang)}<br>"
                     f"{t('disparity.population')}: {fmt.number(p, lang)}"
                     for a, x, y, p in zip(data[f"name_{lang}"], data["x"], data["y"], data["population"])]
    count = int(data["n"].iloc[0]) if len(data) else 0
    r = data["r"].iloc[0] if count else None
    subtitle = (t("disparity.correlation", r=fmt.number(r, lang, 2), n=count) if r is not None and r == r
                else t("disparity.no_correlation", n=count))
    title = t("disparity.chart_pair", x=name(indicator, lang), y=name(versus, lang), scope=area_name(scope, lang))
    x_title, y_title = axis_title(indicator, shown, lang), axis_title(versus, versus_year, lang)
    fig = pair_scatter(data, colour_labels=labels, title=title, subtitle=subtitle, x_title=x_title, y_title=y_title,
                       lang=lang, x_format=plotly_format(indicator), y_format=plotly_format(versus))
    table = data[["area_code", f"name_{lang}", "x", "y", "population"]].rename(columns={
        "area_code": t("columns.code"), f"name_{lang}": t("columns.area"), "x": x_title, "y": y_title,
        "population": t("disparity.population")})
    decimals = {x_title: int(indicators_by_code()[indicator]["decimals"]),
                y_title: int(indicators_by_code()[versus]["decimals"])}
    return KeyChart(fig, f"disparity-pair-{indicator}-{versus}-{shown}-{scope}",
                    source_ids([indicator, versus, "population"]), described(table, decimals=decimals))


def dispersion_panel_titles(lang):
    """Measure column -> (panel title in the UI language, d3 format)."""
    return {column: (translate(lang, f"disparity.{key}"), d3) for column, (key, d3) in DISPERSION_MEASURES.items()}


@derived
def dispersion_rows(indicator, scope):
    """The scope's dispersion measures year by year (shared: read it only) and whether any of them is undefined
    (a year with too few figures); looked up once per filter values, not copied from the query cache per rerun."""
    data = query("indicator_dispersion", indicator=indicator, scope=scope)
    return data, bool(data[list(DISPERSION_MEASURES)].isna().any().any())


@derived
def disparity_dispersion(lang, indicator, scope):
    """The dispersion measures of the scope's municipalities year by year, a panel each; built once per filter
    values (the page shows a single year as figures instead)."""
    data = query("indicator_dispersion", indicator=indicator, scope=scope)
    panels = dispersion_panel_titles(lang)
    title = translate(lang, "disparity.chart_dispersion", indicator=name(indicator, lang),
                      scope=area_name(scope, lang))
    table = data[["year", "n", *DISPERSION_MEASURES]].rename(columns={
        "year": translate(lang, "columns.year"), "n": translate(lang, "disparity.municipalities"),
        **{column: label for column, (label, _) in panels.items()}})
    table = described(table, decimals={label: int(d3[-2]) for label, d3 in panels.values()})
    span = f"{int(data['year'].min())}-{int(data['year'].max())}"
    return KeyChart(dispersion_panels(data, panels, title, lang), f"disparity-dispersion-{indicator}-{scope}-{span}",
                    source_ids([indicator, "population"]), table)


@derived
def profile_trends(lang, code, compared, labels):
    """Every indicator the municipality `code` has in more than one year, it and its comparison areas over time
    (counts for the municipality alone); `compared` and `labels` are (series, area code) and (series, name) pairs.
    Built once per municipality, centre and language."""
    compared, labels = dict(compared), dict(labels)
    sizes = {i for i, row in indicators_by_code().items() if row["aggregation"] == SIZE_AGGREGATION}
    data = query("area_series", areas=list(compared.values()))
    years = data.loc[data["area_code"] == code].groupby("indicator")["year"].nunique()
    data = data[data["indicator"].isin(years[years > 1].index)]
    data["series"] = data["area_code"].map({area: series for series, area in compared.items()})
    data = data[~data["indicator"].isin(sizes) | (data["series"] == "municipality")]
    names = {i: name(i, lang) for i in set(data["indicator"])}
    indicators = sorted(names, key=lambda i: (i in sizes, names[i]))
    panels = {i: (names[i], plotly_format(i)) for i in indicators}
    fig = trends(data.rename(columns={"indicator": "panel"}), panels, labels,
                 translate(lang, "profile.chart_trends", area=area_name(code, lang)), lang)
    table = data.assign(indicator=data["indicator"].map(names), area=data["series"].map(labels))[
        ["indicator", "area", "year", "value"]].rename(columns={
            "indicator": translate(lang, "columns.indicator"), "area": translate(lang, "columns.area"),
            "year": translate(lang, "columns.year"), "value": translate(lang, "profile.value")})
    return KeyChart(fig, f"profile-trends-{code}-{int(data['year'].max())}", source_ids(indicators), table)


@dataclass
class Missing:
    """A key chart that cannot be drawn for these filters, with what the audience is told instead."""
    title: str
    note: str


def missing_funding_mix(lang, year, centre):
    """What stands in for the funding mix when the centre has no funding figures up to the year (or none at all)."""
    years = sorted({int(y) for y in funding_years(centre.area)})
    title = translate(lang, "funding.chart_mix", year=year if year is not None else "–", centre=centre.short_name)
    if not years:
        return Missing(title, translate(lang, "present.missing_funding_none", centre=centre.short_name))
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    return Missing(title, translate(lang, "present.missing_funding", year=year, years=span,
                                    centre=centre.short_name))


def missing_ranking(lang, year, indicator, scope):
    """What stands in for the ranking when the indicator has no municipal figures up to the year."""
    return Missing(translate(lang, "disparity.chart_ranking", indicator=name(indicator, lang), year=year,
                             scope=area_name(scope, lang)),
                   translate(lang, "present.missing_ranking", indicator=name(indicator, lang), year=year,
                             first=min(indicator_years(indicator), default="–")))


def as_drawn(built, lang):
    """A key chart as a slide: its title, its source line (the footer adds the date of the data)."""
    return Drawn(built.fig, plain_title(built.fig), source_line(built.sources, lang), built.sources, lang,
                 built.name, built.table)


def key_charts(lang, year, indicator, scope, area, centre):
    """The key chart of every page for these filters and centre, in page order (funding mix, national subsidy,
    jobseekers' trend, disparity ranking), as slides; with no year chosen (None) each shows its own latest year. A
    chart the filters leave without figures is a Missing in its place, never silently left out."""
    mix = funding_mix(lang, funding_year(year, centre.area), centre)
    ranking = disparity_ranking(lang, year, indicator, scope, area, centre)
    return [as_drawn(mix, lang) if mix else missing_funding_mix(lang, year, centre),
            as_drawn(national_subsidy(lang, year)[0], lang), as_drawn(jobseekers(lang, year, centre), lang),
            as_drawn(ranking, lang) if ranking else missing_ranking(lang, year, indicator, scope)]


def titled_focus(lang, centre):
    """The centre's focus areas (id, title in the UI language)."""
    focus = query("focus_areas", centre=centre.id)
    return focus.assign(title=focus[f"title_{lang}"])[["id", "title"]]


def action_plan_progress(lang, centre):
    """The centre's actions per focus area stacked by status (late ones apart, as of today); None without a plan."""
    plan = query("action_plan", centre=centre.id)
    if plan.empty:
        return None
    counted = progress.counts_by_area(plan, titled_focus(lang, centre), date.today())
    names = {s: translate(lang, f"plan.status_{s}") for s in progress.COUNTED}
    fig = status_bars(counted, label="label", statuses=progress.COUNTED, names=names,
                      title=translate(lang, "plan.chart_title", centre=centre.short_name), lang=lang)
    table = counted.drop(columns=["id"]).rename(columns={
        "label": translate(lang, "plan.col_focus_area"), "total": translate(lang, "plan.col_total"), **names})
    return KeyChart(fig, "priorities-action-plan", "centre_own_lists", table)


def page_key_charts(view, lang, year, indicator, scope, area, centre):
    """A page's own key charts (a presentation opened from a link, before the page has drawn anything): the
    Funding page's mix and national subsidy, the Disparity page's ranking, the Priorities page's action plan; other
    pages have none."""
    if view == "priorities":
        built = action_plan_progress(lang, centre)
        return [as_drawn(built, lang)] if built else []
    charts = key_charts(lang, year, indicator, scope, area, centre)
    return {"funding": charts[:2], "disparity": charts[3:]}.get(view, [])
