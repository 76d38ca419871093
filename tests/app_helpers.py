"""What the AppTest tests share: the dashboard run with URL parameters on a given page (a cold cache), with
secrets, and a button found by its label; the pages and the Overview figures several test files check."""
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT

NBSP = "\u00a0"
PAGES = ["overview", "funding", "priorities", "disparity", "profile", "data"]
def by_language(labels, nordic, english):
    """Expected figures keyed by each language's label: Finnish and Swedish write numbers alike (`nordic`)."""
    values = {"fi": nordic, "sv": nordic, "en": english}
    return {lang: dict(zip(names, values[lang], strict=True)) for lang, names in labels.items()}


# The Overview's 2019 headline figures as each language writes them (the deck's year).
EXPECTED = by_language(
    {"fi": ["Rahoitus yhteensä 2019", "Valtionavustus", "Kuntarahoitus", "Osuus valtionavustuksista",
            "Väestö 31.12.2019", "Työttömyysaste 2017", "Työttömät työnhakijat, joulukuu 2019",
            "Työttömät työnhakijat, keskiarvo 2019"],
     "sv": ["Finansiering totalt 2019", "Statsunderstöd", "Kommunal finansiering", "Andel av statsunderstödet",
            "Befolkning 31.12.2019", "Arbetslöshetsgrad 2017", "Arbetslösa arbetssökande, december 2019",
            "Arbetslösa arbetssökande, medeltal 2019"],
     "en": ["Total funding 2019", "State subsidy", "Municipal funding", "Share of national subsidy",
            "Population 31 Dec 2019", "Unemployment rate 2017", "Unemployed jobseekers, December 2019",
            "Unemployed jobseekers, mean 2019"]},
    [f"362{NBSP}671{NBSP}€", f"241{NBSP}551{NBSP}€", f"121{NBSP}120{NBSP}€", f"8,19{NBSP}%", f"437{NBSP}288",
     f"8,6{NBSP}%", f"7,4{NBSP}%", f"6,6{NBSP}%"],
    ["€362,671", "€241,551", "€121,120", "8.19%", "437,288", "8.6%", "7.4%", "6.6%"],
)


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
