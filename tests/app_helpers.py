"""What the AppTest tests share: the dashboard run with URL parameters on a given page (a cold cache), with
secrets, and a button found by its label."""
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT

NBSP = "\u00a0"


def open_app(params=None, page=None):
    """Run the dashboard with URL parameters, then switch to `page` if given."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page and page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def open_app_page(params, page, secrets=None):
    """The app on a page, with optional secrets (AppTest equivalent of .streamlit/secrets.toml)."""
    at = open_app(params)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    return at.run()


def button(at, label):
    """The button with this label."""
    return next(b for b in at.button if b.label == label)
