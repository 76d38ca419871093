"""'Download slides': a PowerPoint deck of the charts shown (on the Overview: the key chart of every page).

The deck is built only when the button is clicked (Streamlit's deferred download), from figures and filter values
captured during the run, so a rerun pays nothing for it and the callback needs no script context.
"""
from datetime import date
from functools import partial

import plotly.graph_objects as go
import streamlit as st
from babel.dates import format_date

from charts.disparity import map_for_canvas
from export import images
from locales import translate
from ui import centres, fmt
from ui.filters import SHOWN_YEAR, area_name
from ui.indicators import name
from ui.keycharts import Missing, key_charts
from ui.votes.questions import deck_parts as question_deck_parts

IMAGE = (1280, 720, 2.5)
# Chart type on a slide: 13 px on screen is ~7 pt on a slide; 20 px is ~11 pt, legible from the back of a room.
SLIDE_FONT = 20
# A ranking cut to its ends (the whole country's 309 as 15 lowest, 15 highest and the chosen one) has ~33 rows of
# ~20 px on a slide: names in 14 px type.
RANKING_FONT = 14
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def filter_lines(lang, year, indicator=None, scope=None):
    """The title slide's lines: today's date and the filters used, in the UI language."""
    today = format_date(date.today(), format="long", locale=fmt.BABEL_LOCALES[lang])
    lines = [translate(lang, "slides.made_on", date=today),
             translate(lang, "slides.filter_year", year=year) if year is not None
             else translate(lang, "slides.filter_latest")]
    if indicator is not None:
        lines.append(translate(lang, "slides.filter_indicator", indicator=name(indicator, lang)))
    if scope is not None:
        lines.append(translate(lang, "slides.filter_scope", scope=area_name(scope, lang)))
    return lines


def slide_image(fig):
    """The chart as a 16:9 PNG without its own title (the slide's title says it, larger). Drawn on a 1280 x 720
    canvas at scale 2.5: 3200 x 1800 pixels whose labels stay legible on a projector. Fonts a chart sets itself
    (the ranking's many municipality names) keep their size, so no name is skipped; row labels wrapped for a
    narrow screen column go on one line, which the slide's width allows and its row height needs."""
    bare = go.Figure(map_for_canvas(fig, IMAGE[0], IMAGE[1])).update_layout(title_text="", margin={"t": 30},
                                                                           font_size=SLIDE_FONT)
    ticks = fig.layout.yaxis.ticktext if "yaxis" in fig.layout else None
    if ticks:
        bare.update_yaxes(ticktext=[text.replace("<br>", " ") for text in ticks])
    return images.png(bare, width=IMAGE[0], height=IMAGE[1], scale=IMAGE[2])


def slide_parts(chart, lang):
    """(title, PNG, footer) of a drawn chart's slide. A ranking drawn as its two ends (charts.basic.ranked_bars)
    gets larger type, and the footer says how many rows it has and where the rest is."""
    meta = chart.fig.layout.meta or {}
    if not meta.get("ends"):
        return chart.title, slide_image(chart.fig), chart.footer
    note = translate(lang, "slides.ranking_ends", keep=meta["ends"], rows=meta["rows"])
    fig = go.Figure(chart.fig).update_yaxes(tickfont_size=RANKING_FONT)
    return chart.title, slide_image(fig), f"{note} · {chart.footer}"


def deck_bytes(charts, lang, lines, centre, extra=()):
    """The .pptx: a title slide with the centre's name and `lines`, then one slide per drawn chart, then the
    slides `extra` makes when called (the Priorities page's open questions, read from the store at the click)."""
    from export import deck  # here, not at the top: python-pptx costs every page run ~55 ms before any click

    slides = [deck.ChartSlide(*slide_parts(c, lang)) for c in charts] + [make() for make in extra]
    return deck.build(translate(lang, "slides.deck_title", centre=centre.short_name), lines, slides)


def overview_deck(lang, year, indicator, scope, area, centre):
    """The key chart of every page for these filters and centre, as .pptx bytes; a chart the filters leave without
    figures is named on the title slide with the reason, not left out silently."""
    charts = key_charts(lang, year, indicator, scope, area, centre)
    missing = [translate(lang, "slides.missing", title=c.title, note=c.note) for c in charts if isinstance(c, Missing)]
    return deck_bytes([c for c in charts if not isinstance(c, Missing)], lang,
                      filter_lines(lang, year, indicator, scope) + missing, centre)


def download_button(lang, view, charts):
    """The sidebar's slide download for this view, or how to install Chromium when static export cannot work."""
    where = st.sidebar
    if images.chromium_path() is None:
        where.info(translate(lang, "slides.no_chromium"), icon=":material/info:")
        return
    year = st.session_state.get("year") if view == "overview" else st.session_state.get(SHOWN_YEAR)
    centre = centres.chosen(lang)
    extra = question_deck_parts(lang) if view == "priorities" else []
    if view == "overview":
        indicator, scope, area = (st.session_state[k] for k in ("indicator", "scope", "area"))
        data = partial(overview_deck, lang, year, indicator, scope, area, centre)
        help_text = translate(lang, "slides.help_overview")
    elif charts or extra:
        lines = filter_lines(lang, year, *(
            (st.session_state["indicator"], st.session_state["scope"]) if view == "disparity" else ()))
        data = partial(deck_bytes, charts, lang, lines, centre, extra)
        help_text = translate(lang, "slides.help_page", count=len(charts) + len(extra))
    else:
        return
    where.download_button(translate(lang, "slides.download"), data,
                          file_name=f"{centre.slug}-{view}-{year or 'latest'}-{lang}.pptx", mime=PPTX,
                          key="slides-download",
                          on_click="ignore", icon=":material/slideshow:", help=help_text)
