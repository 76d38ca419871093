"""Vote: a participant's ballot in a meeting round, reached from the QR code or link on the shared screen."""
import streamlit as st

from queries.vote_store import StoreBusy
from ui.context import page_context
from ui.votes import phone

lang, _, t = page_context()

st.title(t("vote.title"))
try:
    phone.participant_view(lang)
except StoreBusy as busy:
    st.error(t("vote.store_busy", path=str(busy.path)))
