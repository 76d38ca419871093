"""The frame around every chart: the figure with a meaningful PNG name, its source line and its data as CSV and
Excel; each drawn chart is also noted for this run, so the page's slides can be built from exactly what was shown."""
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from babel.dates import format_date

from export.tables import csv_bytes, xlsx_bytes
from locales import translate
from ui.data import query

LICENCE_CODES = ("public_document", "sonet_botnia")
DRAWN = "_drawn_charts"


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


def licence_label(licence, lang):
    """A licence as the user reads it: codes such as 'public_document' translated, 'CC BY 4.0' as is."""
    parts = [translate(lang, f"licences.{p}") if p in LICENCE_CODES else p for p in licence.split("; ")]
    return "; ".join(parts)


def source_line(source_ids, lang):
    """'Lähde: <title> (<licence>); ...' for ';'-separated source ids, from the source registry."""
    registry = query("sources").set_index("source_id")
    parts = []
    for source_id in dict.fromkeys(source_ids.split(";")):
        row = registry.loc[source_id]
        parts.append(f"{row[f'title_{lang}']} ({licence_label(row['licence'], lang)})")
    return translate(lang, "common.source", sources="; ".join(parts))


def data_date(source_ids, lang):
    """The sources' release: the latest 'updated' date of the chart's sources (from the registry, never a file's
    modification time) in the UI language; None if unknown."""
    registry = query("sources").set_index("source_id")
    dates = []
    for source_id in dict.fromkeys(source_ids.split(";")):
        try:
            dates.append(date.fromisoformat(str(registry.loc[source_id, "updated"])[:10]))
        except ValueError:
            continue
    return format_date(max(dates), format="long", locale=lang) if dates else None


def plain_title(fig):
    """The figure's title without Plotly's <br>/<b> markup, for a slide title."""
    text = fig.layout.title.text or ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def slug(text):
    """A file-name-safe version of a label."""
    return re.sub(r"[^0-9A-Za-z_-]+", "-", text).strip("-").lower()[:100]


def file_stem(name, lang):
    """'sonet-botnia-<name>-<lang>': the name of every file saved from a chart (PNG, CSV, Excel)."""
    return f"sonet-botnia-{slug(name)}-{lang}"


def reset():
    """Start this run's list of drawn charts (the shell calls it before the page runs)."""
    st.session_state[DRAWN] = []


def drawn():
    """The charts drawn so far in this run, in page order."""
    return list(st.session_state.get(DRAWN, []))


def chart(fig, *, name, sources, data, lang, key=None, **select):
    """Draw a figure with its source line and CSV/Excel downloads of exactly the numbers drawn.

    `name` carries page, indicator and year (it names the PNG, CSV and Excel files). The files are built only when
    clicked (deferred), so a rerun pays nothing for them. `select` (on_select, selection_mode) is passed to
    st.plotly_chart; its selection event is returned.
    """
    stem = file_stem(name, lang)
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": stem}}
    event = st.plotly_chart(fig, config=config, key=key, theme=None, **select)
    line = source_line(sources, lang)
    st.caption(line)
    st.session_state.setdefault(DRAWN, []).append(Drawn(fig, plain_title(fig), line, sources, lang, name, data))
    row = st.container(horizontal=True, key=f"dl-{key or slug(name)}")
    row.download_button(translate(lang, "common.download_csv"), lambda: csv_bytes(data, lang),
                        file_name=f"{stem}.csv", mime="text/csv", key=f"csv-{key or slug(name)}",
                        on_click="ignore")
    row.download_button(translate(lang, "export.download_xlsx"), lambda: xlsx_bytes(data),
                        file_name=f"{stem}.xlsx", key=f"xlsx-{key or slug(name)}", on_click="ignore",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return event
