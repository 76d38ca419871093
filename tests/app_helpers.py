"""What the AppTest tests share: the dashboard run with URL parameters on a given page, with
secrets, and a button found by its label; an editor logged in on the Priorities page with a round opened; the pages
and the Overview figures several test files check."""
import os

import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from ui import auth

NBSP = "\u00a0"
PAGES = ["overview", "funding", "priorities", "disparity", "profile", "data"]
# The editor's password in the secrets these tests give the app.
PASSWORD = "correct horse battery staple"
# The data folder the cached query results were read from.
QUERIED_FROM = {}


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


def new_app(params=None, page=None, secrets=None, timeout=30, cold=False):
    """The dashboard with URL parameters and secrets, on `page`, not yet run: the first run is the page's own, as
    when a shared link opens it. Cached query results are kept while the app reads the folder they were read from
    (a test on a data copy of its own clears every cache in its fixture); `cold` clears them anyway."""
    folder = os.environ.get("SONET_DATA_DIR")
    if cold or QUERIED_FROM.get("folder") != folder:
        st.cache_data.clear()
        QUERIED_FROM["folder"] = folder
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if page and page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    return at


def open_app(params=None, page=None):
    """Run the dashboard with URL parameters on `page` (the Overview if none)."""
    return new_app(params, page).run()


def open_app_page(params, page, secrets=None):
    """The app on a page, with optional secrets (AppTest equivalent of .streamlit/secrets.toml)."""
    return new_app(params, page, secrets).run()


def button(at, label):
    """The button with this label."""
    return next(b for b in at.button if b.label == label)


def editor_page(params):
    """The Priorities page with an editor in secrets, not logged in; the login throttle starts afresh."""
    auth.THROTTLE.reset()
    return open_app_page(params, "priorities", {"editors": {"password_hash": auth.hash_password(PASSWORD)}})


def log_in(at):
    """Log in through the page's form with the editor's password."""
    at.text_input(key="editor-password").input(PASSWORD)
    button(at, "Log in").click().run()


def open_round(at, title):
    """Open a round through the logged-in editor's form; its join code."""
    at.text_input(key="round-title").input(title)
    button(at, "Open the round").click().run()
    return at.session_state["shown_round"]


def editor_with_round(title, params=None):
    """An editor's Priorities page (English unless `params` say otherwise) with a freshly opened round: (at, code)."""
    at = editor_page(params or {"lang": "en"})
    log_in(at)
    return at, open_round(at, title)
