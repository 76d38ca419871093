"""Data and sources: every table with its source, licence, period and size, each downloadable as CSV; editors
upload new figures here (ui/upload.py)."""
import streamlit as st

import queries
from export.tables import csv_bytes
from ui import upload
from ui.context import page_context
from ui.data import connection, query, sources_by_id
from ui.frame import licence_label, producer_label
from ui.funding import how_to_add_a_year

lang, t, _ = page_context()


def source_titles(column):
    """A column of ';'-separated source ids -> their titles in the UI language, from the registry every session
    shares (one look-up per id, not a copied and re-indexed query result per row)."""
    titles = sources_by_id()[f"title_{lang}"].to_dict()
    return ["; ".join(titles[i] for i in ids.split(";")) for ids in column]


def catalog_table():
    """The catalogue with translated headers."""
    catalog = query("catalog")
    shown = catalog.assign(
        title=[t(f"tables.{n}") for n in catalog["name"]],
        source=source_titles(catalog["source"]),
        licence=[licence_label(x, lang) for x in catalog["licence"]])
    shown = shown[["title", "name", "source", "licence", "period", "updated", "rows"]]
    shown.columns = [t(f"columns.{c}") for c in ["table", "name", "source", "licence", "period", "updated", "rows"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    return catalog


def freshness():
    """Per indicator: first and last year (and month), source and the source's release date, newest first."""
    data = query("freshness")
    shown = data.assign(source=source_titles(data["source"]), last_month=data["last_month"].fillna(""))
    shown = shown[[f"name_{lang}", "first_year", "last_year", "last_month", "source", "released"]]
    shown.columns = [t(f"columns.{c}") for c in ["indicator", "first_year", "last_year", "last_month", "source",
                                                 "released"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption(t("sources.freshness_note"))


def table_csv(name):
    """A zero-argument builder of one table's CSV, run only when its download is clicked."""
    return lambda: csv_bytes(queries.run(connection(), "table_rows", table=name), lang)


def downloads(catalog):
    """One download per table: CSV for tables (built on click), the GeoJSON we ship for the borders."""
    cols = st.columns(3)
    for i, row in enumerate(catalog.itertuples()):
        label = t("sources.download", table=t(f"tables.{row.name}"))
        if row.file.endswith(".geojson"):
            content, mime = queries.geo_file(row.file), "application/geo+json"
            file_name = f"sonet-botnia-{row.name}.geojson"
        else:
            content = table_csv(row.name)
            file_name, mime = f"sonet-botnia-{row.name}.csv", "text/csv"
        cols[i % 3].download_button(label, content, file_name=file_name, mime=mime, key=f"dl-{row.name}")


def registry():
    """The sources with producer, licence and address."""
    data = query("sources")
    shown = data.assign(licence=[licence_label(x, lang) for x in data["licence"]],
                        producer=[producer_label(x, lang) for x in data["producer"]])
    shown = shown[[f"title_{lang}", "producer", "licence", "url", "updated"]]
    shown.columns = [t(f"columns.{c}") for c in ["source", "producer", "licence", "url", "updated"]]
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={t("columns.url"): st.column_config.LinkColumn()})


st.title(t("sources.title"))
st.write(t("sources.intro"))
catalog = catalog_table()
st.subheader(t("sources.freshness"))
freshness()
st.subheader(t("sources.downloads"))
downloads(catalog)
st.subheader(t("sources.registry"))
registry()
st.caption(t("sources.method_note"))
how_to_add_a_year(lang)
upload.section(lang)
