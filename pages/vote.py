"""Vote: a participant's ballot in a meeting round, reached from the QR code or link on the shared screen."""
import streamlit as st

from locales import translate
from queries.vote_store import StoreBusy
from ui import votes
from ui.shell import enter

enter()
lang = st.session_state["lang"]


def t(key, **values):
    """This page's strings in the UI language."""
    return translate(lang, key, **values)


st.title(t("vote.title"))
try:
    votes.participant_view(lang)
except StoreBusy as busy:
    st.error(t("vote.store_busy", path=str(busy.path)))
