"""Priorities: the 11 focus areas, the 7 strategic goals, the annual themes, and the meeting's vote on them."""
import streamlit as st

from queries.vote_store import StoreBusy
from ui import auth, centres
from ui.context import page_context
from ui.data import query
from ui.frame import source_line
from ui.votes import meeting

lang, _, t, centre = page_context()


def numbered(frame):
    """A numbered list of titles in the UI language (plain text, no HTML); where the deck's own words differ from
    the readable title, they follow as a caption."""
    for row in frame.itertuples():
        st.markdown(f"{row.id}. {getattr(row, f'title_{lang}')}")
        if getattr(row, "deck_fi", None) and row.deck_fi != row.title_fi:
            st.caption(t("priorities.deck_words", words=row.deck_fi))


def plan():
    """The approved action plan as presented on the development day: focus areas, goals, annual themes."""
    st.write(t("priorities.intro"))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("priorities.focus_areas"))
        numbered(query("priorities"))
    with right:
        st.subheader(t("priorities.goals"))
        numbered(query("strategy_goals"))
        st.subheader(t("priorities.themes"))
        st.markdown(f"- **2019**: {t('priorities.theme_2019')}\n- **2020**: {t('priorities.theme_2020')}")
    st.caption(source_line("sonet_botnia_deck_2019", lang))
    st.caption(t("priorities.translation_note"))


def projector():
    """The round shown on the projector, if one was asked for and the store answers; None otherwise."""
    try:
        return meeting.projector_round()
    except StoreBusy:
        return None


def page():
    """The page: the plan, the meeting's vote and the past rounds, each in its tab."""
    st.title(t("priorities.title"))
    if centre.id != centres.DEFAULT_CENTRE:
        st.info(t("centre.priorities_other", centre=centre.short_name))
    try:
        live = meeting.open_rounds()
    except StoreBusy as busy:
        live = None
        st.error(t("vote.store_busy", path=str(busy.path)))
    labels = [t("vote.tab_plan"), t("vote.section"), t("vote.past_rounds")]
    plan_tab, vote_tab, past_tab = st.tabs(labels, default=labels[1] if live else labels[0], key="priorities-tab")
    with plan_tab:
        plan()
    if live is not None:
        with vote_tab:
            st.write(t("vote.section_intro"))
            meeting.meeting_section(lang, auth.login_box(lang))
        with past_tab:
            meeting.past_section(lang)


shown = projector()
if shown is not None:
    meeting.projector_view(shown, lang)
else:
    page()
