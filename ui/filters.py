"""The dashboard's filters: their valid values and defaults, read from the link once and shown in the sidebar."""
import streamlit as st

from calc import ballot
from locales import LANGUAGES, translate
from ui import state
from ui.data import areas_by_code, query

CENTRE, COUNTRY = "SB", "SSS"
CENTRE_REGIONS = ("14", "15", "16")
DEFAULT_INDICATOR = "unemployment_rate"
DEFAULT_AREA = "905"
# The disparity page's second indicator (scatter): distance, the deck's "physical distances" concern.
DEFAULT_VERSUS = "distance_nearest_centre_km"
# The Funding page's what-if (national total EUR, the centre's share %, change to municipal money EUR): in the link
# only when the user set them; absent means "the chosen year's figures".
WHATIF_KEYS = ("wi_total", "wi_share", "wi_municipal")
WHATIF_MAX_EUR = 100_000_000
# The vote page's join code and participant token (set only there): a reload keeps the participant's ballot theirs.
VOTE_KEYS = ("round", "voter")
# Presentation mode (present=1) and its slide number (1-based; absent means the first).
PRESENT_KEYS = ("present", "slide")
URL_KEYS = ("lang", "year", "indicator", "versus", "scope", "area", *WHATIF_KEYS, *VOTE_KEYS, *PRESENT_KEYS)


def default_year():
    """The latest year with the centre's own funding figures: the year the leadership discusses."""
    years = query("table_rows", table="funding")["year"]
    return int(years.max())


def area_name(code, lang):
    """An area's name in the UI language (Swedish names in Swedish)."""
    return areas_by_code()[code][f"name_{lang}"]


def scopes():
    """Areas whose municipalities can be compared: the centre's area, its three regions, the whole country."""
    return [CENTRE, *CENTRE_REGIONS, COUNTRY]


def municipalities():
    """All municipality codes of the 2021 division."""
    areas = query("areas")
    return areas.loc[areas["level"] == "municipality", "code"].tolist()


def read_all():
    """Validate every URL parameter once per session; invalid ones fall back to defaults with a notice."""
    state.language()
    years = [int(y) for y in query("years")["year"]]
    state.url_value("year", years, default_year(), integer=True)
    indicators = query("indicator_list")["indicator"].tolist()
    state.url_value("indicator", indicators, DEFAULT_INDICATOR)
    state.url_value("versus", indicators, DEFAULT_VERSUS)
    state.url_value("scope", scopes(), CENTRE)
    state.url_value("area", municipalities(), DEFAULT_AREA)
    state.url_number("wi_total", 0, WHATIF_MAX_EUR, integer=True)
    state.url_number("wi_share", 0, 100)
    state.url_number("wi_municipal", -WHATIF_MAX_EUR, WHATIF_MAX_EUR, integer=True)
    state.url_parsed("round", ballot.typed_code)
    state.url_parsed("voter", ballot.valid_token)
    state.url_parsed("present", lambda raw: 1 if raw == "1" else None)
    state.url_number("slide", 1, 99, integer=True)
    return years


def sidebar(years):
    """Language and year, the two filters every page shares."""
    lang = st.session_state["lang"]
    names = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
    state.choose("lang", "Kieli · Språk · Language", list(LANGUAGES), names.get, where=st.sidebar)
    lang = st.session_state["lang"]
    state.choose("year", translate(lang, "filters.year"), years, str, where=st.sidebar,
                 help=translate(lang, "filters.year_help"))
    return lang


def show_notices(lang):
    """One warning per URL parameter that was not valid, naming the parameter and the value used instead."""
    for name in state.take_notices():
        if name in WHATIF_KEYS:
            st.warning(translate(lang, "whatif.bad_param", param=name))
        else:
            st.warning(translate(lang, "notice.bad_param", param=name, value=st.session_state[name]))
