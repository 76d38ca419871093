"""The centre's funding mix of a year (Overview, Funding page, slides), and how to add a year."""
import csv
import io

import streamlit as st

from locales import strings, translate
from ui import fmt
from ui.data import query
from ui.filters import CENTRE

FUNDING_FILE = "data/raw/sonet_botnia/funding.csv"
BUDGET_FILE = "data/raw/budget/budget_33_60_63_observed.csv"


def mix_table(year, lang):
    """Funding by source with translated labels and formatted amounts; empty when the year has no figures."""
    data = query("funding_by_source", year=year, centre=CENTRE)
    data["label"] = [translate(lang, f"funding_source.{s}") for s in data["source"]]
    data["text"] = [f"{fmt.eur(a, lang)} ({fmt.pct(p, lang)})" for a, p in zip(data["amount_eur"], data["share_pct"])]
    return data


def mix_parts(year, lang):
    """Each source, each funder and the total of a year with labels and 'amount (share)' texts, for a sunburst.

    Rows carry sunburst ids: 'total' is the root, a funder ('state', 'municipal') hangs under it, a source under
    its funder. Empty when the year has no figures.
    """
    data = query("funding_mix", year=year, centre=CENTRE)
    data["id"] = [s if lvl == "source" else (f if lvl == "funder" else "total")
                  for lvl, f, s in zip(data["level"], data["funder"], data["source"])]
    data["parent"] = [f if lvl == "source" else ("total" if lvl == "funder" else "")
                      for lvl, f in zip(data["level"], data["funder"])]
    data["label"] = [translate(lang, f"funding_source.{i}") if lvl == "source" else
                     translate(lang, f"funding_funder.{i}") for lvl, i in zip(data["level"], data["id"])]
    data["text"] = [f"{fmt.eur(a, lang)} ({fmt.pct(p, lang)})" for a, p in zip(data["amount_eur"], data["share_pct"])]
    return data


def source_categories(lang):
    """The funding source categories the dashboard can label, i.e. the ones the ingest check accepts."""
    return [key.split(".", 1)[1] for key in strings(lang) if key.startswith("funding_source.")]


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
        st.markdown(translate(lang, "funding_howto.body", file=FUNDING_FILE, budget_file=BUDGET_FILE,
                              columns=", ".join(f"`{c}`" for c in columns),
                              categories=", ".join(f"`{c}`" for c in source_categories(lang))))
        st.caption(translate(lang, "funding_howto.example"))
        st.code(example, language="csv")
