"""What the AppTest tests share: the dashboard run with URL parameters on a given page (a cold cache), with
secrets, and a button found by its label; the pages and the Overview figures several test files check."""
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT

NBSP = "\u00a0"
PAGES = ["overview", "funding", "priorities", "disparity", "profile", "data"]
# The Overview's 2019 headline figures as each language writes them (the deck's year).
EXPECTED = {
    "fi": {"Rahoitus yhteensä 2019": f"362{NBSP}671{NBSP}€", "Valtionavustus": f"241{NBSP}551{NBSP}€",
           "Kuntarahoitus": f"121{NBSP}120{NBSP}€", "Osuus valtionavustuksista": f"8,19{NBSP}%",
           "Väestö 31.12.2019": f"437{NBSP}288", "Työttömyysaste 2017": f"8,6{NBSP}%",
           "Työttömät työnhakijat, joulukuu 2019": f"7,4{NBSP}%",
           "Työttömät työnhakijat, keskiarvo 2019": f"6,6{NBSP}%"},
    "sv": {"Finansiering totalt 2019": f"362{NBSP}671{NBSP}€", "Statsunderstöd": f"241{NBSP}551{NBSP}€",
           "Kommunal finansiering": f"121{NBSP}120{NBSP}€", "Andel av statsunderstödet": f"8,19{NBSP}%",
           "Befolkning 31.12.2019": f"437{NBSP}288", "Arbetslöshetsgrad 2017": f"8,6{NBSP}%",
           "Arbetslösa arbetssökande, december 2019": f"7,4{NBSP}%",
           "Arbetslösa arbetssökande, medeltal 2019": f"6,6{NBSP}%"},
    "en": {"Total funding 2019": "€362,671", "State subsidy": "€241,551", "Municipal funding": "€121,120",
           "Share of national subsidy": "8.19%", "Population 31 Dec 2019": "437,288",
           "Unemployment rate 2017": "8.6%", "Unemployed jobseekers, December 2019": "7.4%",
           "Unemployed jobseekers, mean 2019": "6.6%"},
}


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
