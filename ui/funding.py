"""The centre's funding mix of a year, shared by the Overview and the Funding page."""
import streamlit as st

from charts.basic import bars
from ui import fmt
from ui.data import query
from ui.filters import CENTRE
from ui.frame import chart
from ui.i18n import translate


def mix_table(year, lang):
    """Funding by source with translated labels and formatted amounts; empty when the year has no figures."""
    data = query("funding_by_source", year=year, centre=CENTRE)
    data["label"] = [translate(lang, f"funding_source.{s}") for s in data["source"]]
    data["text"] = [f"{fmt.eur(a, lang)} ({fmt.pct(p, lang)})" for a, p in zip(data["amount_eur"], data["share_pct"])]
    return data


def mix_chart(year, lang, key):
    """Draw the funding mix with its source and CSV; returns the data (empty if the year has none)."""
    data = mix_table(year, lang)
    if data.empty:
        st.info(translate(lang, "overview.no_funding", year=year))
        return data
    title = translate(lang, "funding.chart_mix", year=year)
    fig = bars(data, "amount_eur", "label", "text", title, translate(lang, "units.eur"), lang)
    table = data[["label", "amount_eur", "share_pct"]].rename(columns={
        "label": translate(lang, "columns.source_category"), "amount_eur": translate(lang, "columns.amount_eur"),
        "share_pct": translate(lang, "columns.share_pct")})
    chart(fig, name=f"funding-mix-{year}", sources="sonet_botnia_deck_2019", data=table, lang=lang, key=key)
    return data
