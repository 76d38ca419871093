"""The centre's funding rows of a year as the Overview, the Funding page and the slides label them, the Funding
page's figures built once per filter values (ui.data.derived: Babel's formatting, pandas and Plotly's validation
cost the page several times Streamlit's own rerun), and how to add a year (Funding and Data pages)."""
import csv
import io
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from charts.funding import centre_shares, mix_sunburst
from domain import BUDGET_FILE, COUNTRY, FUNDING_FILE, FUNDING_SOURCES
from export.tables import described
from locales import plural, translate
from ui import centres, fmt
from ui.data import derived, query
from ui.frame import KeyChart
from ui.indicators import source_ids

FUNDING = "sonet_botnia_funding"
SOURCES = f"budget_33_60_63;{FUNDING}"
PROPOSAL_ONLY = {"one": "funding.proposal_only_note_one", "other": "funding.proposal_only_note_other"}


def sector_label(level, funder, source, lang):
    """A row's label: a source's or a funder's name, or 'Total', in the UI language."""
    if level == "source":
        return translate(lang, f"funding_source.{source}")
    return translate(lang, f"funding_funder.{funder if level == 'funder' else 'total'}")


def funding_rows(query_name, year, lang, area):
    """The year's funding rows of `query_name` (funding_by_source: one per source; funding_mix: each source, each
    funder and the total) of the centre with area code `area`, with a translated label and an 'amount (share)'
    text; empty when the year has none."""
    data = query(query_name, year=year, centre=area)
    levels = data["level"] if "level" in data else ["source"] * len(data)
    funders = data["funder"] if "funder" in data else [None] * len(data)
    data["label"] = [sector_label(*row, lang) for row in zip(levels, funders, data["source"])]
    data["text"] = [f"{fmt.eur(a, lang)} ({fmt.pct(p, lang)})" for a, p in zip(data["amount_eur"], data["share_pct"])]
    return data


def has_funding(area):
    """Whether the funding table has any row for the centre with area code `area`."""
    return bool(area) and area in set(query("table_rows", table="funding")["centre"])


def no_funding_notice(lang, year, centre):
    """Why the centre's funding of `year` is not shown: no area, no figures of its own at all, or none that year."""
    if not centre.area:
        st.info(translate(lang, "centre.funding_no_area", centre=centre.short_name))
    elif not has_funding(centre.area):
        st.info(translate(lang, "centre.funding_unknown", centre=centre.short_name, code=centre.area))
    else:
        st.info(translate(lang, "overview.no_funding", year=year))


def example_row():
    """The last row of the funding table as it is written in the raw file: a real, current example."""
    table = query("table_rows", table="funding")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerow(table.iloc[-1].tolist())
    return buffer.getvalue(), list(table.columns)


def how_to_add_a_year(lang):
    """Where and how the director adds next year's funding figures, with a real example row, in an expander."""
    example, columns = example_row()
    with st.expander(translate(lang, "funding_howto.heading"), icon=":material/add_chart:"):
        st.markdown(translate(lang, "funding_howto.body", file=f"data/raw/{FUNDING_FILE}",
                              budget_file=f"data/raw/{BUDGET_FILE}", columns=", ".join(f"`{c}`" for c in columns),
                              categories=", ".join(f"`{c}`" for c in FUNDING_SOURCES)))
        st.caption(translate(lang, "funding_howto.example"))
        st.code(example, language="csv")


def years_text(years):
    """'2015, 2020' for a note."""
    return ", ".join(str(y) for y in years)


@derived
def national_notes(lang):
    """The notes under the national subsidy: what the figure types mean, the years without a figure, those with
    a proposal only and those with several kinds of figure."""
    data = query("national_subsidy")
    types = data.groupby("year")["figure_type"].agg(set)
    notes = [translate(lang, "funding.types_note")]
    missing = sorted(set(range(int(data["year"].min()), int(data["year"].max()) + 1)) - set(types.index))
    if missing:
        notes.append(translate(lang, "funding.gap_note", years=years_text(missing)))
    proposal_only = [y for y, kinds in types.items() if kinds == {"proposal"}]
    if proposal_only:
        notes.append(plural(lang, len(proposal_only), PROPOSAL_ONLY, years=years_text(proposal_only)))
    several = [y for y, kinds in types.items() if len(kinds) > 1]
    if several:
        notes.append(translate(lang, "funding.several_types_note", years=years_text(several)))
    return " ".join(notes)


@dataclass
class Built(KeyChart):
    """A built chart and, where the page shows one beside it, its table as text in the UI language."""
    shown: pd.DataFrame | None = None


def mix_table(data, lang, plain):
    """Funder subtotals, their sources (indented) and the total: numbers for the CSV, formatted for the screen."""
    labels = [label if level != "source" else f"– {label}" for level, label in zip(data["level"], data["label"])]
    amounts = data["amount_eur"] if plain else [fmt.eur(v, lang) for v in data["amount_eur"]]
    shares = data["share_pct"].round(2) if plain else [fmt.pct(v, lang) for v in data["share_pct"]]
    return pd.DataFrame({translate(lang, "columns.source_category"): labels,
                         translate(lang, "columns.amount_eur"): list(amounts),
                         translate(lang, "columns.share_pct"): list(shares)})


@derived
def funding_mix(lang, year, centre):
    """The year's funding of the centre as a sunburst (state vs municipal, then their parts) with its table; None
    when the year has no figures."""
    data = funding_rows("funding_mix", year, lang, centre.area)
    if data.empty:
        return None
    fig = mix_sunburst(data, translate(lang, "funding.chart_mix", year=year, centre=centre.short_name), lang)
    return Built(fig, f"funding-mix-{year}", FUNDING, described(mix_table(data, lang, plain=True), years=year),
                 mix_table(data, lang, plain=False))


@derived
def centres_shares(lang, year):
    """Every centre's area's share of Finland's population and land area (the decree's two criteria) and, where
    its funding of the year is known, its actual share of the national subsidy: the bars and the table."""
    t = partial(translate, lang)
    data = query("centre_shares", year=year, country=COUNTRY)
    data["label"] = [centres.label(c, lang) for c in data["centre_id"]]
    measures = {"population_share_pct": t("centre.col_population_share"), "land_share_pct": t("centre.col_land_share")}
    if data["subsidy_share_pct"].notna().any():
        measures["subsidy_share_pct"] = t("centre.col_subsidy_share")
    for column in measures:
        data[f"{column}_text"] = [fmt.pct(v, lang, 2) for v in data[column]]
    drawn = data[data["area_code"].notna()]
    fig = centre_shares(drawn, measures, t("centre.chart_shares", year=year), t("funding.unit_pct"), lang)
    table = data[["label", "population_year", "area_population", *measures]].rename(columns={
        "label": t("centre.col_centre"), "population_year": t("centre.col_population_year"),
        "area_population": t("centre.col_population"), **measures})
    table = described(table, decimals=dict.fromkeys(measures.values(), 2), unit=t("funding.unit_pct"), years=year)
    sources = f"{SOURCES};{source_ids(['population', 'land_area_km2'])};decree_1411_2001"
    shown = table.copy()
    for column in measures.values():
        shown[column] = [fmt.pct(v, lang, 2) for v in shown[column]]
    shown[t("centre.col_population")] = [fmt.number(v, lang) if pd.notna(v) else "–"
                                         for v in shown[t("centre.col_population")]]
    shown[t("centre.col_population_year")] = [str(int(v)) if pd.notna(v) else "–"
                                              for v in shown[t("centre.col_population_year")]]
    return Built(fig, f"funding-centres-{year}", sources, table, shown)
