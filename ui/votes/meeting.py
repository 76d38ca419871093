"""The Priorities page's meeting: editors open and close rounds, everyone picks a round and watches its results."""
import pandas as pd
import streamlit as st

from calc import ballot
from export.tables import csv_bytes
from locales import translate
from queries import vote_store
from ui.frame import slug
from ui.votes.common import local_time, round_label, show_kept_refusal, store
from ui.votes.join import join_panel, projector_panel
from ui.votes.questions import PROJECTOR_QUESTION, projector_answers, question_section
from ui.votes.results import live_results, past_table, projector_results, results


def _open_round(centre, areas):
    """Form callback: open the round named in the form for the centre on screen, on its focus areas; it becomes
    the one on screen, or the refusal is kept."""
    try:
        st.session_state["shown_round"] = store().open_round(
            st.session_state.get("round-title"), st.session_state.get("round-access", "open"),
            int(st.session_state.get("round-codes") or 0), centre=centre, areas=areas)
    except ballot.BallotRefused as error:
        st.session_state["_open_refused"] = error


def open_round_form(lang, centre, areas):
    """The editor's form to open a round of the centre on its focus areas: its name, and who may vote (anyone with
    the link, or only with a one-time participant code); the new round becomes the one on screen."""
    with st.form("open-round", clear_on_submit=True):
        st.text_input(translate(lang, "vote.round_title"), max_chars=ballot.MAX_TITLE, key="round-title",
                      placeholder=translate(lang, "vote.round_title_example"))
        st.radio(translate(lang, "vote.access"), vote_store.ACCESS, key="round-access",
                 format_func=lambda a: translate(lang, f"vote.access_{a}"))
        st.number_input(translate(lang, "vote.codes_count"), min_value=1, max_value=vote_store.MAX_PARTICIPANT_CODES,
                        value=40, step=1, key="round-codes")
        st.form_submit_button(translate(lang, "vote.open_round"), type="primary", on_click=_open_round,
                              args=(centre, list(areas)))
    show_kept_refusal("_open_refused", lang)


def codes_panel(vote_round, lang):
    """The round's one-time participant codes for the facilitator: shown on request, and as a file to print."""
    rows = store().participant_codes(vote_round["code"])
    table = pd.DataFrame({translate(lang, "vote.col_participant_code"): [r["code"] for r in rows],
                          translate(lang, "vote.col_used"): [
                              translate(lang, "vote.code_used" if r["used"] else "vote.code_free") for r in rows]})
    with st.expander(translate(lang, "vote.participant_codes", count=len(rows),
                               used=sum(1 for r in rows if r["used"]))):
        st.caption(translate(lang, "vote.participant_codes_note"))
        st.dataframe(table, hide_index=True)
        st.download_button(translate(lang, "common.download_csv"), csv_bytes(table, lang),
                           file_name=f"sonet-botnia-codes-{slug(vote_round['code'])}-{lang}.csv", mime="text/csv",
                           key=f"codes-{vote_round['code']}", on_click="ignore")


def close_button(vote_round, lang):
    """The editor's button that closes the round on screen (its results stay)."""
    st.button(translate(lang, "vote.close_round"), key=f"close-{vote_round['code']}",
              on_click=store().close_round, args=(vote_round["code"],))


def choose_round(rounds, key, label, lang):
    """A selectbox over rounds (newest first) whose choice stays in the session under `key`."""
    codes = [r["code"] for r in rounds]
    by_code = {r["code"]: r for r in rounds}
    if st.session_state.get(key) not in codes:
        st.session_state[key] = codes[0]
    chosen = st.selectbox(label, codes, key=key, format_func=lambda c: round_label(by_code[c], lang))
    return by_code[chosen]


def open_rounds(centre):
    """The centre's rounds taking ballots now, newest first."""
    return [r for r in store().rounds(centre) if r["closed_at"] is None]


def meeting_section(lang, editor, centre, areas):
    """The live part of the Priorities page for a centre: open a round on its focus areas (editors), join it,
    watch the results arrive."""
    if editor:
        open_round_form(lang, centre, areas)
    live = open_rounds(centre)
    if not live:
        st.info(translate(lang, "vote.no_open_round"))
        return
    vote_round = choose_round(live, "shown_round", translate(lang, "vote.open_rounds"), lang)
    st.text(vote_round["title"])
    st.button(translate(lang, "vote.projector"), icon=":material/tv:", key="projector-start",
              help=translate(lang, "vote.projector_help"), on_click=show_on_projector, args=(vote_round["code"],))
    join_panel(vote_round, lang)
    if editor:
        if vote_round["access"] == "codes":
            codes_panel(vote_round, lang)
        close_button(vote_round, lang)
    live_results(vote_round["code"], lang)
    question_section(vote_round, lang, editor)


def past_section(lang, centre):
    """Results of the centre's closed rounds, newest first, each in full on request."""
    closed = sorted((r for r in store().rounds(centre) if r["closed_at"] is not None),
                    key=lambda r: (r["closed_at"], r["opened_at"]), reverse=True)
    if not closed:
        st.info(translate(lang, "vote.no_past_rounds"))
        return
    past_table(closed, lang)
    vote_round = choose_round(closed, "past_round", translate(lang, "vote.past_round"), lang)
    st.text(vote_round["title"])
    st.caption(translate(lang, "vote.closed_note", time=local_time(vote_round["closed_at"], lang)))
    results(vote_round["code"], lang, key=f"past-{vote_round['code']}", closed=True)
    question_section(vote_round, lang, editor=False, live=False)


def show_on_projector(code):
    """Button callback: the page shows this round's projector view (its vote, not a question)."""
    st.session_state["projector"], st.session_state[PROJECTOR_QUESTION] = code, None


def leave_projector():
    """Button callback: back to the Priorities page as it was."""
    st.session_state["projector"] = None


def projector_round():
    """The open round the projector view was asked for, or None (none asked, or it is gone)."""
    code = st.session_state.get("projector")
    return store().round(code) if code else None


def projector_view(vote_round, lang):
    """The shared screen at a meeting: the join code and QR code large on the left, the results beside them (or
    the answers to the question it was started from), nothing else on the screen; one button back."""
    left, right = st.columns([2, 3], gap="large")
    with left:
        projector_panel(vote_round, lang)
    with right:
        st.text(vote_round["title"])
        question_id = st.session_state.get(PROJECTOR_QUESTION)
        if question_id:
            projector_answers(vote_round["code"], question_id, lang)
        else:
            projector_results(vote_round["code"], lang)
        st.button(translate(lang, "vote.projector_leave"), icon=":material/close:", key="projector-leave",
                  on_click=leave_projector)
