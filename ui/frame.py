"""The frame around every chart: the figure with a meaningful PNG name, its source line and its data as CSV."""
import re

import streamlit as st

from ui.data import query
from ui.i18n import translate

LICENCE_CODES = ("public_document", "sonet_botnia")


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


def csv_bytes(frame, lang):
    """CSV as the user's spreadsheet expects it: ';' and decimal commas in Finnish and Swedish."""
    if lang == "en":
        return frame.to_csv(index=False).encode("utf-8-sig")
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def slug(text):
    """A file-name-safe version of a label."""
    return re.sub(r"[^0-9A-Za-z_-]+", "-", text).strip("-").lower()[:60]


def chart(fig, *, name, sources, data, lang, key=None, **select):
    """Draw a figure with its source line and a CSV download of exactly the numbers drawn.

    `select` (on_select, selection_mode) is passed to st.plotly_chart; its selection event is returned.
    """
    config = {"displaylogo": False,
              "toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"sonet-botnia-{slug(name)}-{lang}"}}
    event = st.plotly_chart(fig, config=config, key=key, theme=None, **select)
    st.caption(source_line(sources, lang))
    st.download_button(translate(lang, "common.download_csv"), csv_bytes(data, lang),
                       file_name=f"sonet-botnia-{slug(name)}-{lang}.csv", mime="text/csv",
                       key=f"csv-{key or slug(name)}")
    return event
