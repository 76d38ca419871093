"""Priorities: the chosen centre's focus areas (SONet BOTNIA's 11 with its 7 strategic goals and annual themes),
and the meeting's vote on them; a centre without a list of its own is told how to add one."""
import streamlit as st

from queries.vote_store import StoreBusy
from ui import action_plan, auth, centres
from ui.context import page_context
from ui.data import query
from ui.frame import source_line
from ui.votes import meeting

lang, t, centre = page_context()


def numbered(frame):
    """A numbered list of titles in the UI language (plain text, no HTML); where the deck's own words differ from
    the readable title, they follow as a caption."""
    for row in frame.itertuples():
        st.markdown(f"{row.id}. {getattr(row, f'title_{lang}')}")
        if getattr(row, "deck_fi", None) and row.deck_fi != row.title_fi:
            st.caption(t("priorities.deck_words", words=row.deck_fi))


def deck_plan(focus):
    """SONet BOTNIA's approved action plan as presented on the development day: focus areas, goals, themes."""
    st.write(t("priorities.intro"))
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("priorities.focus_areas"))
        numbered(focus)
    with right:
        st.subheader(t("priorities.goals"))
        numbered(query("strategy_goals"))
        st.subheader(t("priorities.themes"))
        st.markdown(f"- **2019**: {t('priorities.theme_2019')}\n- **2020**: {t('priorities.theme_2020')}")
    st.caption(source_line("sonet_botnia_deck_2019", lang))
    st.caption(t("priorities.translation_note"))


def plan(focus):
    """The centre's focus areas: the deck's plan for SONet BOTNIA, the uploaded list for any other centre (its
    titles as plain text: an editor typed them)."""
    if centre.id == centres.DEFAULT_CENTRE:
        deck_plan(focus)
        return
    st.write(t("priorities.intro_centre", centre=centre.short_name, count=len(focus)))
    st.subheader(t("priorities.focus_areas"))
    for row in focus.itertuples():
        st.text(f"{row.id}. {getattr(row, f'title_{lang}')}")
    st.caption(source_line("centre_own_lists", lang))


def no_list():
    """What a centre without its own focus areas sees: how an editor adds the list on the Data page."""
    st.info(t("priorities.no_list", centre=centre.short_name, table=t("tables.focus_areas")))


def projector():
    """The round shown on the projector, if one was asked for and the store answers; None otherwise."""
    try:
        return meeting.projector_round()
    except StoreBusy:
        return None


def page():
    """The page: the plan, its actions and progress, the meeting's vote and the past rounds, each in its tab."""
    st.title(t("priorities.title"))
    focus = query("focus_areas", centre=centre.id)
    if focus.empty:
        no_list()
        return
    try:
        live = meeting.open_rounds(centre.id)
    except StoreBusy as busy:
        live = None
        st.error(t("vote.store_busy", path=str(busy.path)))
    labels = [t("vote.tab_plan"), t("plan.tab"), t("vote.section"), t("vote.past_rounds")]
    plan_tab, progress_tab, vote_tab, past_tab = st.tabs(labels, default=labels[2] if live else labels[0],
                                                         key="priorities-tab")
    with plan_tab:
        plan(focus)
    with progress_tab:
        action_plan.section(lang, centre)
    if live is not None:
        with vote_tab:
            st.write(t("vote.section_intro"))
            meeting.meeting_section(lang, auth.login_box(lang), centre.id, focus["id"].astype(int).tolist())
        with past_tab:
            meeting.past_section(lang, centre.id)


shown = projector()
if shown is not None:
    meeting.projector_view(shown, lang)
else:
    page()
