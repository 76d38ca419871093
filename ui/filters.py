"""The dashboard's filters: their valid values and defaults, read from the link once and shown in the sidebar."""
import streamlit as st

from domain import COUNTRY
from locales import LANGUAGES, translate
from ui import centres, state
from ui.data import areas_by_code, derived, query
from ui.indicators import year_up_to

DEFAULT_INDICATOR = "jobseekers_pct"
# The highlighted municipality when the centre has no area (the Swedish-language centre): Vaasa.
DEFAULT_AREA = "905"
# The disparity page's second indicator (scatter): distance, the deck's "physical distances" concern.
DEFAULT_VERSUS = "distance_nearest_centre_km"
# The Funding page's what-if (national total EUR, the centre's share %, change to municipal money EUR): in the link
# only when the user set them; absent means "the chosen year's figures".
WHATIF_KEYS = ("wi_total", "wi_share", "wi_municipal")
WHATIF_MAX_EUR = 100_000_000
# Presentation mode (present=<the view it was started from>; present=1, of older links, is the Overview) and its
# slide number (1-based; absent means the first).
PRESENT_KEYS = ("present", "slide")
URL_KEYS = ("lang", "centre", "year", "indicator", "versus", "scope", "area", *WHATIF_KEYS, *PRESENT_KEYS)


SHOWN_YEAR = "_shown_year"


@derived
def division_year():
    """The municipal division every figure is carried to, as the build recorded it (the areas table's period);
    looked up once per data version, not on every rerun of the four pages that say it."""
    catalog = query("catalog").set_index("name")
    return int(catalog.loc["areas", "period"])


def area_name(code, lang):
    """An area's name in the UI language (Swedish names in Swedish)."""
    return areas_by_code()[code][f"name_{lang}"]


def scopes():
    """Areas whose municipalities can be compared: the chosen centre's area, its regions or wellbeing services
    counties, the whole country (only the country for the Swedish-language centre, which has no area)."""
    centre = centres.chosen("fi")
    return [centre.area, *centre.parts, COUNTRY] if centre.area else [COUNTRY]


def scope_codes(scope):
    """The municipality codes of the scope (an area code of any level, or the whole country), as the ranking,
    dispersion and pair queries define it (the scope_municipalities view)."""
    return query("scope_municipalities", scope=scope)["area_code"].tolist()


def latest_year():
    """The latest year with any figure."""
    return int(query("years")["year"].max())


def default_area():
    """The municipality a page starts on: the chosen centre's most populous one at the end of the latest year
    (Vaasa for SONet BOTNIA); Vaasa when the centre has no area."""
    codes = centres.municipalities_of(centres.chosen("fi").area)
    if not codes:
        return DEFAULT_AREA
    people = query("value_at", indicator="population", areas=codes, year=latest_year())
    return people.sort_values(["value", "area_code"], ascending=[False, True])["area_code"].iloc[0]


def centre_changed():
    """After the picker: a highlighted municipality outside the new centre's area moves to its largest one (the
    scope falls back to the centre's area on the next run, as every invalid filter does)."""
    inside = centres.municipalities_of(centres.chosen("fi").area)
    if inside and st.session_state.get("area") not in inside:
        st.session_state["area"] = default_area()


def switch_centre(centre_id):
    """on_click: every page to another centre (as if picked in the sidebar)."""
    st.session_state["centre"] = centre_id
    centre_changed()


def municipalities():
    """All municipality codes of the 2021 division."""
    areas = query("areas")
    return areas.loc[areas["level"] == "municipality", "code"].tolist()


@derived
def municipality_choices(lang):
    """The municipality pickers' options: every municipality code sorted by its name in `lang`, and code -> name
    (shared: read them only); sorted once per language and data version, not on every rerun."""
    names = {code: row[f"name_{lang}"] for code, row in areas_by_code().items()}
    return tuple(sorted(municipalities(), key=names.get)), names


def read_all():
    """Validate every URL parameter once per session; invalid ones fall back to defaults with a notice."""
    state.language()
    years = [int(y) for y in query("years")["year"]]
    state.url_value("year", years, None, integer=True)
    indicators = query("indicator_list")["indicator"].tolist()
    state.url_value("indicator", indicators, DEFAULT_INDICATOR)
    state.url_value("versus", indicators, DEFAULT_VERSUS)
    state.url_value("centre", centres.centre_ids(), centres.DEFAULT_CENTRE)
    state.url_value("scope", scopes(), scopes()[0])
    state.url_value("area", municipalities(), default_area())
    state.url_number("wi_total", 0, WHATIF_MAX_EUR, integer=True)
    state.url_number("wi_share", 0, 100)
    state.url_number("wi_municipal", -WHATIF_MAX_EUR, WHATIF_MAX_EUR, integer=True)
    state.url_parsed("present", presented_view)
    state.url_number("slide", 1, 99, integer=True)
    return years


def sidebar(years):
    """The language and the competence centre, the filters every page shares (a page with years adds its own
    picker, `page_year`)."""
    names = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
    state.choose("lang", "Kieli · Språk · Language", list(LANGUAGES), names.get, where=st.sidebar)
    lang = st.session_state["lang"]
    state.choose("centre", translate(lang, "centre.picker"), centres.centre_ids(), lambda c: centres.label(c, lang),
                 where=st.sidebar, help=translate(lang, "centre.picker_help"), after=centre_changed)
    st.session_state[SHOWN_YEAR] = None
    return st.session_state["lang"]


def page_year(lang, years, default=None, note="common.year_fallback"):
    """The year this page shows, with its picker in the sidebar.

    With no year chosen (none in the link) it is `default`, else the latest year the page has figures for. A chosen
    year the page has no figures for gives the latest earlier one, said in a note; never a later one (then None,
    also said). The picker lists the page's years with figures, and the chosen year marked when it has none.
    """
    have = sorted({int(y) for y in years}, reverse=True)
    chosen = st.session_state.get("year")
    if chosen is None:
        shown = default if default in have else (have[0] if have else None)
    else:
        shown = year_up_to(have, chosen)
    options = sorted(set(have) | ({chosen} if chosen is not None else set()), reverse=True)
    widget_key = "_widget_year"
    st.session_state[widget_key] = chosen if chosen is not None else shown

    def picked():
        st.session_state["year"] = st.session_state[widget_key]

    def label(year):
        return str(year) if year in have else translate(lang, "filters.year_without_figures", year=year)

    if options:
        st.sidebar.selectbox(translate(lang, "filters.year"), options, key=widget_key, format_func=label,
                             on_change=picked, help=translate(lang, "filters.year_help"))
    if chosen is not None and shown != chosen:
        st.info(translate(lang, note, year=chosen, shown=shown) if shown is not None
                else translate(lang, "common.year_none_before", year=chosen))
    st.session_state[SHOWN_YEAR] = shown
    return shown


def show_notices(lang):
    """One warning per URL parameter that was not valid, naming the parameter and the value used instead."""
    for name in state.take_notices():
        if name in WHATIF_KEYS:
            st.warning(translate(lang, "whatif.bad_param", param=name))
        elif st.session_state.get(name) is None:
            st.warning(translate(lang, "notice.bad_param_latest", param=name))
        else:
            value = centres.label(st.session_state[name], lang) if name == "centre" else st.session_state[name]
            st.warning(translate(lang, "notice.bad_param", param=name, value=value))


def presented_view(raw):
    """The view presentation mode shows, from the link: a view's name, '1' for the Overview, else None (not
    presenting). An unknown name is left to ui.present, which shows the Overview's charts for it."""
    if raw == "1":
        return "overview"
    return raw if raw and raw.isascii() and raw.isalpha() and len(raw) <= 20 else None
