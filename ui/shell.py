"""The frame every view runs in: page config, URL-bound filters, the shared sidebar and navigation.

On the first script run after the server starts, Streamlit's legacy `pages/` routing runs the page file a link
names (e.g. /funding) directly, before `st.navigation` has told it about the views. `enter()` at the top of each
page file notices that the shell is not running, runs it (which runs the page inside it) and stops, so that first
visit gets the whole app instead of a bare page or a 'Page not found' dialog.
"""
import threading
from pathlib import Path

import streamlit as st

from locales import translate
from ui import filters, frame, present, slides, state

ROOT = Path(__file__).resolve().parent.parent
ICON = ROOT / "assets" / "favicon.png"
VIEWS = (
    ("overview", "nav.overview", ":material/dashboard:"),
    ("funding", "nav.funding", ":material/euro:"),
    ("priorities", "nav.priorities", ":material/checklist:"),
    ("vote", "nav.vote", ":material/how_to_vote:"),
    ("disparity", "nav.disparity", ":material/map:"),
    ("profile", "nav.profile", ":material/location_city:"),
    ("data", "nav.data", ":material/table:"),
)
_running = threading.local()


def pages(lang):
    """The views as st.Page objects; the file name is the URL path (pages/funding.py -> /funding)."""
    return [st.Page(f"pages/{view}.py", title=translate(lang, key), icon=icon, url_path=view,
                    default=view == "overview") for view, key, icon in VIEWS]


def run():
    """Page config, filters from the link, sidebar, navigation; then the chosen view; then the link updated."""
    _running.active = True
    try:
        st.set_page_config(page_title="SONet BOTNIA", page_icon=str(ICON), layout="wide")
        years = filters.read_all()
        presenting = st.session_state.get("present") == 1
        # In presentation mode nothing goes into the sidebar, so Streamlit draws none (the CSS hides it as well).
        lang = st.session_state["lang"] if presenting else filters.sidebar(years)
        page = st.navigation(pages(lang), position="hidden" if presenting else "sidebar")
        st.html(present.PRINT_CSS)
        frame.reset()
        if presenting:
            present.show(lang)
        else:
            present.toggle(lang)
            st.sidebar.caption(translate(lang, "app.sidebar_note"))
            filters.show_notices(lang)
            page.run()
            slides.download_button(lang, page.url_path or "overview", frame.drawn())
        state.sync_url(filters.URL_KEYS)
    finally:
        _running.active = False


def enter():
    """Called first by every page file: run the shell around this page if Streamlit started the page alone."""
    if getattr(_running, "active", False):
        return
    run()
    st.stop()
