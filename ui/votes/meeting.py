"""The Priorities page's meeting: editors open and close rounds, everyone picks a round and watches its results."""
import streamlit as st

from calc import ballot
from locales import translate
from ui.votes.common import local_time, refusal, round_label, store
from ui.votes.join import join_panel
from ui.votes.results import live_results, past_table, results


def _open_round():
    """Form callback: open the round named in the form; it becomes the one on screen, or the refusal is kept."""
    try:
        st.session_state["shown_round"] = store().open_round(st.session_state.get("round-title"))
    except ballot.BallotRefused as error:
        st.session_state["_open_refused"] = error


def open_round_form(lang):
    """The editor's form to open a round; the new round becomes the one on screen."""
    with st.form("open-round", clear_on_submit=True):
        st.text_input(translate(lang, "vote.round_title"), max_chars=ballot.MAX_TITLE, key="round-title",
                      placeholder=translate(lang, "vote.round_title_example"))
        st.form_submit_button(translate(lang, "vote.open_round"), type="primary", on_click=_open_round)
    refused = st.session_state.pop("_open_refused", None)
    if refused is not None:
        st.error(refusal(refused, lang))


def close_button(rnd, lang):
    """The editor's button that closes the round on screen (its results stay)."""
    st.button(translate(lang, "vote.close_round"), key=f"close-{rnd['code']}",
              on_click=store().close_round, args=(rnd["code"],))


def choose_round(rounds, key, label, lang):
    """A selectbox over rounds (newest first) whose choice stays in the session under `key`."""
    codes = [r["code"] for r in rounds]
    by_code = {r["code"]: r for r in rounds}
    if st.session_state.get(key) not in codes:
        st.session_state[key] = codes[0]
    chosen = st.selectbox(label, codes, key=key, format_func=lambda c: round_label(by_code[c], lang))
    return by_code[chosen]


def open_rounds():
    """The rounds taking ballots now, newest first."""
    return [r for r in store().rounds() if r["closed_at"] is None]


def meeting_section(lang, editor):
    """The live part of the Priorities page: open a round (editors), join it, watch the results arrive."""
    if editor:
        open_round_form(lang)
    live = open_rounds()
    if not live:
        st.info(translate(lang, "vote.no_open_round"))
        return
    rnd = choose_round(live, "shown_round", translate(lang, "vote.open_rounds"), lang)
    st.text(rnd["title"])
    join_panel(rnd, lang)
    if editor:
        close_button(rnd, lang)
    live_results(rnd["code"], lang)


def past_section(lang):
    """Results of the closed rounds, newest first, each in full on request."""
    closed = [r for r in store().rounds() if r["closed_at"] is not None]
    if not closed:
        st.info(translate(lang, "vote.no_past_rounds"))
        return
    past_table(closed, lang)
    rnd = choose_round(closed, "past_round", translate(lang, "vote.past_round"), lang)
    st.text(rnd["title"])
    st.caption(translate(lang, "vote.closed_note", time=local_time(rnd["closed_at"], lang)))
    results(rnd["code"], lang, key=f"past-{rnd['code']}")
