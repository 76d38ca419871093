"""Municipality profile: every indicator of one municipality beside its region, the centre's area and the country,
where it stands among all municipalities, how each indicator has moved, and what sets it apart from the country.
What it shows is built once per municipality, centre and language (ui/profile.py, ui/keycharts.py)."""
import streamlit as st

from ui import keycharts, state
from ui.context import page_context
from ui.filters import area_name, division_year, municipality_choices
from ui.frame import chart
from ui.profile import centre_area, compared, profile, series_labels

lang, t, centre = page_context()


def pick():
    """A searchable municipality list, sorted by name in the UI language."""
    codes, names = municipality_choices(lang)
    return state.choose("area", t("filters.municipality"), codes, names.get)


def differences(text):
    """The sentence naming what sets the municipality apart, or a note that nothing does."""
    if text is None:
        st.info(t("profile.differs_none"))
        return
    st.markdown(text)
    st.caption(t("profile.differs_note"))


def standing_chart(built):
    """Every indicator: the municipality, its region, the centre's area and the country within the municipal range."""
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="pr-standing")
    st.caption(t("profile.standing_note"))
    st.caption(t("common.division", year=division_year()))


def trend_chart(code):
    """Every indicator with more than one year: the municipality and its comparison areas over time."""
    built = keycharts.profile_trends(lang, code, tuple(compared(code, centre).items()),
                                     tuple(series_labels(code, centre, lang).items()))
    chart(built.fig, name=built.name, sources=built.sources, data=built.table, lang=lang, key="pr-trends")


st.title(t("profile.title"))
if not centre.area:
    st.info(t("centre.no_area", centre=centre.short_name))
chosen = pick()
shown = profile(lang, chosen, centre)
if centre_area(chosen, centre):
    st.subheader(t("profile.latest", area=area_name(chosen, lang),
                   centre_area=area_name(centre_area(chosen, centre), lang)))
else:
    st.subheader(t("profile.latest_no_centre", area=area_name(chosen, lang)))
if shown.empty:
    st.info(t("profile.no_data"))
else:
    differences(shown.differences)
    standing_chart(shown.standing)
    trend_chart(chosen)
    st.dataframe(shown.table, hide_index=True, width="stretch")
    st.caption(t("profile.table_note"))
