"""The frame every view runs in: page config, URL-bound filters, the shared sidebar and navigation.

The views live in app_pages/, not pages/: a pages/ folder beside the entry point switches on Streamlit's legacy
automatic routing, which on a fresh server ran a deep-linked page file alone, outside this shell.
"""
from pathlib import Path

import streamlit as st

from locales import translate
from ui import centres, filters, frame, present, slides, state

ROOT = Path(__file__).resolve().parent.parent
ICON = ROOT / "assets" / "favicon.png"
VIEWS = (
    ("overview", "nav.overview", ":material/dashboard:"),
    ("funding", "nav.funding", ":material/euro:"),
    ("priorities", "nav.priorities", ":material/checklist:"),
    ("disparity", "nav.disparity", ":material/map:"),
    ("profile", "nav.profile", ":material/location_city:"),
    ("data", "nav.data", ":material/table:"),
)


def pages(lang):
    """The views as st.Page objects; the file name is the URL path (app_pages/funding.py -> /funding). The paths
    are absolute, so the shell runs the same under another entry point (the bench's floor, bench/floor_app.py)."""
    return [st.Page(ROOT / "app_pages" / f"{view}.py", title=translate(lang, key), icon=icon, url_path=view,
                    default=view == "overview") for view, key, icon in VIEWS]


def presented(view):
    """The view presentation mode shows: the one in the link, or the Overview for a name that is no view."""
    return view if view in {name for name, _, _ in VIEWS} else "overview"


def run(extra_pages=()):
    """Page config, filters from the link, sidebar, navigation; then the chosen view; then the link updated.

    `extra_pages` join the views in the navigation: only the bench's floor page (bench/floor_app.py) uses it."""
    st.set_page_config(page_title="SONet BOTNIA", page_icon=str(ICON), layout="wide")
    years = filters.read_all()
    presenting = st.session_state.get("present") is not None
    # In presentation mode nothing goes into the sidebar, so Streamlit draws none (the CSS hides it as well).
    lang = st.session_state["lang"] if presenting else filters.sidebar(years)
    page = st.navigation([*pages(lang), *extra_pages], position="hidden" if presenting else "sidebar")
    st.html(present.PRINT_CSS + frame.toolbar_css(lang))
    frame.reset()
    if presenting:
        present.show(lang, presented(st.session_state["present"]))
    else:
        present.toggle(lang, page.url_path or "overview")
        st.sidebar.caption(translate(lang, "app.sidebar_note", centre=centres.chosen(lang).title))
        filters.show_notices(lang)
        page.run()
        slides.download_button(lang, page.url_path or "overview", frame.drawn())
    state.sync_url(filters.URL_KEYS)
