"""Funding: the national subsidy over the years, the centre's funding mix, its fair share, and a what-if."""
from fractions import Fraction

import pandas as pd
import streamlit as st

from calc.scenario import percent_to_share, scenario
from charts.funding import fair_share, scenario_bars
from domain import COUNTRY
from export.tables import described
from ui import fmt, keycharts, state
from ui.context import page_context
from ui.data import query
from ui.filters import WHATIF_KEYS, WHATIF_MAX_EUR, division_year, page_year
from ui.frame import chart
from ui.funding import (
    SOURCES,
    centres_shares,
    funding_mix,
    has_funding,
    how_to_add_a_year,
    national_notes,
    no_funding_notice,
)

lang, t, centre = page_context()
# The page's years: those with the centre's funding or a national subsidy figure; it opens on the latest funding year.
year = page_year(lang, [*keycharts.funding_years(centre.area), *query("national_subsidy")["year"]],
                 default=keycharts.funding_year(None, centre.area))
BUILDERS = {"fair_share": fair_share, "scenario": scenario_bars}


@st.cache_resource(show_spinner=False, max_entries=128)
def built(name, *args):
    """A figure built once per distinct input: Plotly's validation costs about 20 ms a figure and a rerun must
    stay quick. Shared rather than copied, which is safe because a figure is never changed after it is built."""
    return BUILDERS[name](*args)


def kind(figure_type):
    """A figure type (budget, proposal, final accounts) in the UI language."""
    return t(f"figure_type.{figure_type}")


def national_chart():
    """Budget line 33.60.63, the best known figure per year with the others as detail; years without a figure stay
    empty, with notes on what is known."""
    key_chart, _ = keycharts.national_subsidy(lang, year)
    chart(key_chart.fig, name=key_chart.name, sources=key_chart.sources, data=key_chart.table, lang=lang,
          key="fu-national")
    st.caption(national_notes(lang))


def mix_section():
    """The chosen year's funding as a sunburst (state vs municipal, then their parts) and a table of EUR and shares."""
    st.subheader(t("funding.mix_heading", year=year, centre=centre.short_name))
    mix = funding_mix(lang, year, centre)
    if mix is None:
        no_funding_notice(lang, year, centre)
        return
    left, right = st.columns(2)
    with left:
        chart(mix.fig, name=mix.name, sources=mix.sources, data=mix.table, lang=lang, key="fu-mix")
    with right:
        st.dataframe(mix.shown, hide_index=True, width="stretch")
        references()


def references():
    """Where each of the year's figures comes from (the funding table's own reference per row), so a year the
    centre added later is credited to its own document, not to the 2019 deck."""
    rows = query("funding_by_source", year=year, centre=centre.area)
    with st.expander(t("funding.references")):
        for source, reference in zip(rows["source"], rows["source_ref"]):
            st.text(f"{t(f'funding_source.{source}')}: {reference}")


def fair_share_section():
    """Share of the national subsidy against share of the population, and euros per inhabitant, from the tables."""
    if not has_funding(centre.area):
        return
    st.subheader(t("funding.fair_heading"))
    data = query("funding_fair_share", year=year, centre=centre.area, country=COUNTRY)
    if data.empty:
        no_funding_notice(lang, year, centre)
        return
    row = data.iloc[0]
    if pd.isna(row["national_eur"]) or pd.isna(row["area_population"]):
        st.info(t("funding.no_fair", year=year))
        return
    pop_year = int(row["population_year"])
    cols = st.columns(4)
    cols[0].metric(t("funding.share_national"), fmt.pct(row["share_of_national_pct"], lang, 2),
                   help=t("funding.share_national_help", state=fmt.eur(row["state_eur"], lang),
                          national=fmt.eur(row["national_eur"], lang), kind=kind(row["national_type"]), year=year))
    cols[1].metric(t("funding.share_population"), fmt.pct(row["share_of_population_pct"], lang, 2),
                   help=t("funding.share_population_help", area=fmt.number(row["area_population"], lang),
                          country=fmt.number(row["country_population"], lang), year=pop_year))
    cols[2].metric(t("funding.per_inhabitant"), fmt.eur(row["state_eur_per_inhabitant"], lang, 3))
    cols[2].caption(t("funding.per_inhabitant_country", value=fmt.eur(row["national_eur_per_inhabitant"], lang, 3)))
    cols[3].metric(t("funding.municipal_per_inhabitant"), fmt.eur(row["municipal_eur_per_inhabitant"], lang, 3))
    shares = pd.DataFrame({
        "label": [t("funding.bar_share_national", centre=centre.short_name),
                  t("funding.bar_share_population", area=centre.area_name)],
        "value": [row["share_of_national_pct"], row["share_of_population_pct"]], "kind": ["centre", "country"]})
    shares["text"] = [fmt.pct(v, lang, 2) for v in shares["value"]]
    per_inhabitant = pd.DataFrame({
        "label": [t("funding.bar_state_per_inhabitant", centre=centre.short_name),
                  t("funding.bar_national_per_inhabitant"),
                  t("funding.bar_municipal_per_inhabitant", centre=centre.short_name)],
        "value": [row["state_eur_per_inhabitant"], row["national_eur_per_inhabitant"],
                  row["municipal_eur_per_inhabitant"]], "kind": ["centre", "country", "municipal"]})
    per_inhabitant["text"] = [fmt.eur(v, lang, 3) for v in per_inhabitant["value"]]
    fig = built("fair_share", shares, per_inhabitant, t("funding.chart_fair", year=year, centre=centre.short_name),
                (t("funding.panel_shares"), t("funding.panel_per_inhabitant")), lang)
    table = pd.concat([shares.assign(unit=t("funding.unit_pct"), value=shares["value"].round(2)),
                       per_inhabitant.assign(unit=t("funding.unit_eur_per_inhabitant"),
                                             value=per_inhabitant["value"].round(3))])
    table = table[["label", "value", "unit"]].rename(columns={
        "label": t("funding.col_measure"), "value": t("funding.col_value"), "unit": t("funding.col_unit")})
    table = described(table, decimals={t("funding.col_value"): 3}, unit=t("funding.col_unit"), years=year)
    chart(fig, name=f"funding-fair-share-{year}", sources=f"{SOURCES};{row['population_source']}",
          data=table, lang=lang, key="fu-fair")
    st.caption(t("funding.fair_note", kind=kind(row["national_type"]), year=year, population_year=pop_year,
                 division=division_year()))


def set_total(amount, default):
    """A preset button: put a national figure into the what-if (None when it is the chosen year's own)."""
    st.session_state["wi_total"] = None if amount == default else amount
    state.forget_typing(["wi_total"])


def reset_whatif():
    """Back to the actual figures: forget every what-if setting (and so drop it from the link)."""
    for key in WHATIF_KEYS:
        st.session_state[key] = None
    state.forget_typing(WHATIF_KEYS)


def presets(default_total):
    """One button per national figure of the chosen year and the next year that has one."""
    data = query("national_presets", year=year)
    if data.empty:
        return
    st.caption(t("whatif.presets"))
    row_of_buttons = st.container(horizontal=True)
    for row in data.itertuples():
        label = t("whatif.preset", year=row.year, kind=kind(row.figure_type), amount=fmt.eur(row.amount_eur, lang))
        row_of_buttons.button(label, key=f"wi-preset-{row.year}-{row.figure_type}", on_click=set_total,
                              args=(int(row.amount_eur), default_total))
    row_of_buttons.button(t("whatif.reset"), key="wi-reset", on_click=reset_whatif, icon=":material/undo:")


def delta(value, suffix=""):
    """A metric's change in euros with its sign ('+1 000 €', '-16 376 €'); no change is '±0 €', grey, no arrow."""
    if value == 0:
        return {"delta": "±" + fmt.eur(0, lang), "delta_color": "off", "delta_arrow": "off"}
    return {"delta": ("+" if value > 0 else "") + fmt.eur(value, lang) + suffix}


def whatif_section():
    """A scenario from the national total, the centre's share and a change to municipal money; never actual data."""
    if not has_funding(centre.area):
        return
    base = query("whatif_base", year=year, centre=centre.area)
    st.subheader(t("whatif.heading"))
    if base.empty:
        st.info(t("whatif.no_base"))
        return
    b = base.iloc[0]
    base_year, actual_state, actual_municipal = int(b["base_year"]), int(b["state_eur"]), int(b["municipal_eur"])
    if pd.isna(b["base_national_eur"]):
        st.info(t("whatif.no_share", year=base_year))
        return
    known = not pd.isna(b["year_national_eur"])
    default_total = int(b["year_national_eur"] if known else b["base_national_eur"])
    default_kind, default_year = (b["year_national_type"], year) if known else (b["base_national_type"], base_year)
    change = st.session_state.get("wi_municipal")
    if change is not None and change < -actual_municipal:
        st.warning(t("whatif.bad_municipal"))
        st.session_state["wi_municipal"] = None
    with st.container(border=True):
        st.info(t("whatif.label"), icon=":material/science:")
        if base_year != year:
            st.caption(t("whatif.base_note", base_year=base_year, year=year))
        presets(default_total)
        total, share, share_text, change = whatif_settings(b, default_total, default_kind, default_year)
        result = scenario(total, share, actual_state, actual_municipal, change)
        whatif_results(result, total, share, share_text, base_year, actual_state, actual_municipal)


def whatif_settings(base, default_total, default_kind, default_year):
    """The three inputs, bound to the link: national total, the centre's share and the municipal change.

    Returns the total, the share as an exact fraction with how to print it, and the change. An untouched share is
    the last known one exactly (241,551 / 2,950,000), never its rounded percentage.
    """
    actual_state, actual_municipal = int(base["state_eur"]), int(base["municipal_eur"])
    national, base_year = int(base["base_national_eur"]), int(base["base_year"])
    last_share = Fraction(actual_state, national)
    cols = st.columns(3)
    total = state.typed_number(
        "wi_total", t("whatif.total"), default_total, lang=lang, low=0, high=WHATIF_MAX_EUR, decimals=0,
        where=cols[0],
        help=t("whatif.total_help", amount=fmt.eur(default_total, lang), kind=kind(default_kind), year=default_year))
    share_pct = state.typed_number(
        "wi_share", t("whatif.share"), float(last_share * 100), lang=lang, low=0, high=100, decimals=3,
        where=cols[1],
        help=t("whatif.share_help", state=fmt.eur(actual_state, lang), national=fmt.eur(national, lang),
               year=base_year, share=fmt.pct(float(last_share * 100), lang, 3)))
    change = state.typed_number(
        "wi_municipal", t("whatif.municipal"), 0, lang=lang, low=-actual_municipal, high=WHATIF_MAX_EUR,
        decimals=0, where=cols[2],
        help=t("whatif.municipal_help", year=base_year, amount=fmt.eur(actual_municipal, lang)))
    if st.session_state.get("wi_share") is None:
        return total, last_share, f"{fmt.eur(actual_state, lang)} / {fmt.eur(national, lang)}", change
    share = percent_to_share(share_pct)
    return total, share, fmt.pct(float(share * 100), lang, 3), change


def whatif_results(result, total, share, share_text, base_year, actual_state, actual_municipal):
    """The scenario's funding with its change against the actual year, the arithmetic and the mix as a chart."""
    vs = t("whatif.vs_actual", year=base_year)
    cols = st.columns(4)
    cols[0].metric(t("whatif.state_result"), fmt.eur(result.state_eur, lang), delta_description=vs,
                   **delta(result.state_change_eur))
    cols[1].metric(t("whatif.municipal_result"), fmt.eur(result.municipal_eur, lang), delta_description=vs,
                   **delta(result.municipal_change_eur))
    pct = result.total_change_pct
    change_pct = "" if pct is None else f" ({'+' if pct > 0 else ''}{fmt.pct(pct, lang)})"
    cols[2].metric(t("whatif.total_result"), fmt.eur(result.total_eur, lang), delta_description=vs,
                   **delta(result.total_change_eur, change_pct))
    cols[3].metric(t("whatif.state_share_result"), fmt.pct(result.state_share_pct, lang))
    cols[3].caption(t("whatif.municipal_share", share=fmt.pct(result.municipal_share_pct, lang)))
    exact = Fraction(total) * share
    st.caption(t("whatif.formula", total=fmt.eur(total, lang), share=share_text,
                 exact=fmt.eur(float(exact), lang, 2), rounded=fmt.eur(result.state_eur, lang)) + " "
               + t("whatif.rounding"))
    actual_row, scenario_row = t("whatif.actual_row", year=base_year), t("whatif.scenario_row")
    actual_total = actual_state + actual_municipal
    frame = pd.DataFrame({
        "row": [actual_row, actual_row, scenario_row, scenario_row],
        "part": [t("funding_funder.state"), t("funding_funder.municipal")] * 2,
        "amount_eur": [actual_state, actual_municipal, result.state_eur, result.municipal_eur],
        "share_pct": [100 * actual_state / actual_total, 100 * actual_municipal / actual_total,
                      result.state_share_pct, result.municipal_share_pct],
        "scenario": [False, False, True, True]})
    frame["text"] = [f"{fmt.eur(a, lang)} ({fmt.pct(p, lang)})"
                     for a, p in zip(frame["amount_eur"], frame["share_pct"])]
    fig = built("scenario", frame, t("whatif.chart", year=base_year), t("units.eur"), lang)
    table = frame[["row", "part", "amount_eur", "share_pct"]].assign(share_pct=frame["share_pct"].round(2))
    table.columns = [t("funding.col_figure"), t("funding.col_part"), t("columns.amount_eur"), t("columns.share_pct")]
    table = described(table, years=f"{base_year}, {t('whatif.scenario_row')}")
    chart(fig, name=f"funding-scenario-{base_year}", sources=SOURCES, data=table, lang=lang, key="fu-whatif")


def centres_section():
    """Every centre side by side: its area's share of Finland's population and land area (the decree's two
    criteria) and, where its funding of the year is known, its actual share of the national subsidy."""
    st.subheader(t("centre.shares_heading"))
    st.write(t("centre.shares_intro", year=year))
    shares = centres_shares(lang, year)
    chart(shares.fig, name=shares.name, sources=shares.sources, data=shares.table, lang=lang, key="fu-centres")
    st.dataframe(shares.shown, hide_index=True, width="stretch")
    st.caption(t("centre.shares_note", year=year))


st.title(t("funding.title"))
st.write(t("funding.intro"))
st.subheader(t("funding.national_heading"))
national_chart()
mix_section()
fair_share_section()
whatif_section()
if year is not None:
    centres_section()
how_to_add_a_year(lang)
