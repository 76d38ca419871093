"""The frame around every chart: the figure with a meaningful PNG name, its source line and its data as CSV and
Excel; each drawn chart is also noted for this run, so the page's slides can be built from exactly what was shown."""
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from babel.dates import format_date

from export.tables import csv_bytes, rounded, xlsx_bytes
from locales import translate
from ui import centres, fmt
from ui.data import derived, sources_by_id

LICENCE_CODES = ("public_document", "sonet_botnia", "centre_own")
DRAWN = "_drawn_charts"
# Plotly's own English toolbar and notice strings -> our locale keys. Passed inline as the chart's `locales`
# config, so the toolbar speaks the UI language with no locale file fetched from a CDN.
TOOLBAR = {"Autoscale": "toolbar.autoscale", "Box Select": "toolbar.box_select",
           "Compare data on hover": "toolbar.compare", "Download plot": "toolbar.download",
           "Download plot as a PNG": "toolbar.download_png", "Lasso Select": "toolbar.lasso", "Pan": "toolbar.pan",
           "Reset": "toolbar.reset", "Reset axes": "toolbar.reset_axes", "Reset view": "toolbar.reset_view",
           "Reset views": "toolbar.reset_views", "Show closest data on hover": "toolbar.closest",
           "Toggle show closest data on hover": "toolbar.toggle_closest", "Toggle Spike Lines": "toolbar.spikes",
           "Zoom": "toolbar.zoom", "Zoom in": "toolbar.zoom_in", "Zoom out": "toolbar.zoom_out",
           "Double-click to zoom back out": "toolbar.zoom_back",
           "Preparing image - this may take a few seconds": "toolbar.preparing",
           "Image download succeeded": "toolbar.saved"}


@dataclass
class KeyChart:
    """A built chart with what the frame needs: file name (page, indicator, year), source ids, the drawn numbers."""
    fig: object
    name: str
    sources: str
    table: pd.DataFrame


@dataclass
class Drawn:
    """A chart as drawn in this run: what a slide needs (figure, title, source line) and its file-name stem.

    The footer's date is looked up only when a slide is made, so drawing a chart costs no extra look-up."""
    fig: object
    title: str
    source: str
    sources: str
    lang: str
    name: str
    table: pd.DataFrame

    @property
    def footer(self):
        """The slide footer: the source line, the years of the figures drawn and the sources' release date."""
        parts = [self.source]
        years = data_years(self.table, self.lang)
        if years:
            parts.append(translate(self.lang, "slides.data_years", years=years))
        when = data_date(self.sources, self.lang)
        if when:
            parts.append(translate(self.lang, "slides.data_date", date=when))
        return " · ".join(parts)


def data_years(table, lang):
    """'2007–2024' or '2019': the years in the drawn numbers' year column; None when the table has none."""
    column = translate(lang, "columns.year")
    if column not in table.columns:
        return None
    years = sorted({int(y) for y in pd.to_numeric(table[column], errors="coerce").dropna()})
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def plotly_config(lang, filename=None):
    """Plotly's config for a chart in the UI language: toolbar texts from our locale files, no Plotly logo and,
    given a file name, the PNG it saves."""
    dictionary = {english: translate(lang, key) for english, key in TOOLBAR.items()}
    config = {"displaylogo": False, "locale": lang, "locales": {lang: {"dictionary": dictionary}}}
    if filename:
        config["toImageButtonOptions"] = {"format": "png", "scale": 2, "filename": filename}
    return config


# Streamlit adds its own full-screen button to Plotly's toolbar with a fixed English title that no Plotly locale
# reaches; CSS gives its tooltip the UI language's words instead.
STREAMLIT_BUTTONS = {"Fullscreen": "toolbar.fullscreen", "Close fullscreen": "toolbar.close_fullscreen"}


def toolbar_css(lang):
    """Page CSS: Streamlit's full-screen button's tooltip in the UI language; on a phone no toolbar over the
    titles (a tap on a chart would show it above the title text, and a phone has no use for a PNG download)."""
    rules = [f'.js-plotly-plot .plotly .modebar-btn[data-title="{english}"]::after '
             f'{{ content: "{translate(lang, key)}" !important; }}' for english, key in STREAMLIT_BUTTONS.items()]
    rules.append("@media (max-width: 640px) { .js-plotly-plot .plotly .modebar-container { display: none; } }")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


# The registry's producer column names each producer in Finnish and English; shown in the UI language instead.
PRODUCERS = {"Tilastokeskus / Statistics Finland": "producers.statfi",
             "Maanmittauslaitos / National Land Survey of Finland": "producers.nls",
             "Valtiovarainministeriö / Ministry of Finance": "producers.finance",
             "Valtioneuvosto / Finnish Government": "producers.government", "SONet BOTNIA": "producers.sonet_botnia",
             "Osaamiskeskukset / The competence centres": "producers.centres",
             "SONet BOTNIA dashboard (derived from NLS borders)": "producers.dashboard",
             "Terveyden ja hyvinvoinnin laitos (THL) / Finnish Institute for Health and Welfare": "producers.thl",
             "Työ- ja elinkeinoministeriö (TEM) / Ministry of Economic Affairs and Employment, StatFin":
                 "producers.employment_ministry"}


def producer_label(producer, lang):
    """A source's producer in the UI language. One not yet translated keeps one language of its 'Finnish /
    English' pair (English in English, Finnish otherwise), never both."""
    if producer in PRODUCERS:
        return translate(lang, PRODUCERS[producer])
    finnish, _, english = producer.partition(" / ")
    return english if lang == "en" and english else finnish


def licence_label(licence, lang):
    """A licence as the user reads it: codes such as 'public_document' translated, 'CC BY 4.0' as is."""
    parts = [translate(lang, f"licences.{p}") if p in LICENCE_CODES else p for p in licence.split("; ")]
    return "; ".join(parts)


@derived
def source_line(source_ids, lang):
    """'Lähde: <title> (<licence>); ...' for ';'-separated source ids, from the source registry; made once per
    sources, language and data version (a registry row's look-up costs more than the rest of a caption)."""
    registry = sources_by_id()
    parts = []
    for source_id in dict.fromkeys(source_ids.split(";")):
        row = registry.loc[source_id]
        parts.append(f"{row[f'title_{lang}']} ({licence_label(row['licence'], lang)})")
    return translate(lang, "common.source", sources="; ".join(parts))


def data_date(source_ids, lang):
    """The sources' release: the latest 'updated' date of the chart's sources (from the registry, never a file's
    modification time) in the UI language; None if unknown."""
    registry = sources_by_id()
    dates = []
    for source_id in dict.fromkeys(source_ids.split(";")):
        try:
            dates.append(date.fromisoformat(str(registry.loc[source_id, "updated"])[:10]))
        except ValueError:
            continue
    return format_date(max(dates), format="long", locale=fmt.BABEL_LOCALES[lang]) if dates else None


def years_text(data, lang, years=None):
    """The years a table covers: its year column's first–last, else `years` as given; None when unknown."""
    column = translate(lang, "columns.year")
    if column in data.columns and data[column].notna().any():
        first, last = int(data[column].astype(int).min()), int(data[column].astype(int).max())
        return str(first) if first == last else f"{first}–{last}"
    return None if years is None else str(years)


def about_rows(title, source_ids, lang, unit=None, years=None):
    """What travels with a downloaded table, as (label, value) pairs: title, source, licence, unit, data years and
    the date of the data, each in the UI language."""
    registry = sources_by_id()
    ids = list(dict.fromkeys(source_ids.split(";")))
    licences = dict.fromkeys(licence_label(registry.loc[i, "licence"], lang) for i in ids)
    rows = [("export.about_title", title),
            ("export.about_source", "; ".join(registry.loc[i, f"title_{lang}"] for i in ids)),
            ("export.about_licence", "; ".join(licences)),
            ("export.about_unit", unit or translate(lang, "export.unit_in_headers")),
            ("export.about_years", years),
            ("export.about_updated", data_date(source_ids, lang)),
            ("export.about_url", " ".join(registry.loc[i, "url"] for i in ids if pd.notna(registry.loc[i, "url"])))]
    return [(translate(lang, key), value) for key, value in rows if value]


def plain_title(fig):
    """The figure's title without Plotly's <br>/<b> markup, for a slide title."""
    text = fig.layout.title.text or ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def slug(text):
    """A file-name-safe version of a label."""
    return re.sub(r"[^0-9A-Za-z_-]+", "-", text).strip("-").lower()[:100]


def file_stem(name, lang):
    """'<centre>-<name>-<lang>' (e.g. 'sonet-botnia-overview-...-fi'): the name of every file saved from a chart
    (PNG, CSV, Excel), led by the chosen centre so files of two centres never share a name (its id alone: the
    whole Centre, with its period in words, costs a Babel date format per chart and rerun)."""
    return f"{centres.slug_of(centres.chosen_id())}-{slug(name)}-{lang}"


def reset():
    """Start this run's list of drawn charts (the shell calls it before the page runs)."""
    st.session_state[DRAWN] = []


def drawn():
    """The charts drawn so far in this run, in page order."""
    return list(st.session_state.get(DRAWN, []))


def _about(data, title, sources, lang):
    """The facts a download carries, from the table's description (export.tables.described) and the registry."""
    description = data.attrs
    return about_rows(title, sources, lang, description.get("unit"), years_text(data, lang, description.get("years")))


def csv_file(data, title, sources, lang):
    """The CSV of a chart's table: rounded as its description says (other decimals to 2), the facts above it."""
    return csv_bytes(rounded(data, data.attrs.get("decimals") or {}), lang, _about(data, title, sources, lang))


def xlsx_file(data, title, sources, lang):
    """The Excel file of a chart's table: a sheet named by the chart, the facts on a second sheet."""
    return xlsx_bytes(rounded(data, data.attrs.get("decimals") or {}), title, _about(data, title, sources, lang),
                      translate(lang, "export.about_sheet"))


def downloads(data, *, title, sources, lang, stem, key):
    """CSV and Excel buttons for `data`, each file built only when clicked."""
    row = st.container(horizontal=True, key=f"dl-{key}")
    row.download_button(translate(lang, "common.download_csv"), lambda: csv_file(data, title, sources, lang),
                        file_name=f"{stem}.csv", mime="text/csv", key=f"csv-{key}", on_click="ignore")
    row.download_button(translate(lang, "export.download_xlsx"), lambda: xlsx_file(data, title, sources, lang),
                        file_name=f"{stem}.xlsx", key=f"xlsx-{key}", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def chart(fig, *, name, sources, data, lang, key=None, **select):
    """Draw a figure with its source line and CSV/Excel downloads of exactly the numbers drawn.

    `name` carries page, indicator and the years of the data (it names the PNG, CSV and Excel files). The files
    are built only when clicked (deferred), so a rerun pays nothing for them (see `downloads`). `select`
    (on_select, selection_mode) is passed to st.plotly_chart; its selection event is returned.
    """
    stem = file_stem(name, lang)
    event = st.plotly_chart(fig, config=plotly_config(lang, stem), key=key, theme=None, **select)
    line = source_line(sources, lang)
    st.caption(line)
    st.session_state.setdefault(DRAWN, []).append(Drawn(fig, plain_title(fig), line, sources, lang, name, data))
    downloads(data, title=plain_title(fig), sources=sources, lang=lang, stem=stem, key=key or slug(name))
    return event
