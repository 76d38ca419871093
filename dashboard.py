"""Entry point: page config, URL-bound filters, shared sidebar and navigation over the six views."""
from pathlib import Path

import streamlit as st

from ui import filters, state
from ui.i18n import translate

ICON = Path(__file__).resolve().parent / "assets" / "favicon.png"
st.set_page_config(page_title="SONet BOTNIA", page_icon=str(ICON), layout="wide")

years = filters.read_all()
lang = filters.sidebar(years)
t = lambda key: translate(lang, key)  # noqa: E731 - a short alias keeps the page list readable

pages = [
    st.Page("pages/overview_page.py", title=t("nav.overview"), icon=":material/dashboard:", url_path="overview",
            default=True),
    st.Page("pages/funding_page.py", title=t("nav.funding"), icon=":material/euro:", url_path="funding"),
    st.Page("pages/priorities_page.py", title=t("nav.priorities"), icon=":material/checklist:", url_path="priorities"),
    st.Page("pages/vote_page.py", title=t("nav.vote"), icon=":material/how_to_vote:", url_path="vote"),
    st.Page("pages/disparity_page.py", title=t("nav.disparity"), icon=":material/map:", url_path="disparity"),
    st.Page("pages/profile_page.py", title=t("nav.profile"), icon=":material/location_city:", url_path="profile"),
    st.Page("pages/sources_page.py", title=t("nav.data"), icon=":material/table:", url_path="data"),
]
page = st.navigation(pages)
st.sidebar.caption(t("app.sidebar_note"))
filters.show_notices(lang)
page.run()
state.sync_url(filters.URL_KEYS)
