"""The centre's funding rows of a year as the Overview, the Funding page and the slides label them, and how to add
a year (Funding and Data pages)."""
import csv
import io

import streamlit as st

from domain import BUDGET_FILE, FUNDING_FILE, FUNDING_SOURCES
from locales import translate
from ui import fmt
from ui.data import query


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
