"""Priorities: the 11 focus areas of the action plan, the 7 strategic goals and the annual themes."""
import streamlit as st

from ui.data import query
from ui.frame import source_line
from ui.i18n import translate

lang = st.session_state["lang"]


def t(key, **values):
    """This page's strings in the UI language."""
    return translate(lang, key, **values)


def numbered(frame):
    """A numbered list of titles in the UI language (plain text, no HTML)."""
    for row in frame.itertuples():
        st.markdown(f"{row.id}. {getattr(row, f'title_{lang}')}")


st.title(t("priorities.title"))
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
