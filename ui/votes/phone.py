"""A participant's phone: the join code entry, the ballot and the receipt of what was recorded.

The participant's token is issued by the store (or for a participant code) and lives in the session and in the link
(?voter=...), so a reload or a resend replaces their ballot instead of adding one.
"""
import streamlit as st

from calc import ballot
from locales import translate
from ui import auth
from ui.votes.common import area_titles, local_time, refusal, store


def participant_round():
    """The join code this participant gave (the link's ?round=, read by ui.filters, or typed); None if not yet."""
    return st.session_state.get("round")


def participant_token(rnd, lang):
    """This participant's token for the round: the one in the session or link if the store issued it for this
    round; else a new one (open rounds, rate-limited per client) or the box for a participant code. None until
    there is one (what stands in the way has been shown)."""
    code, token = rnd["code"], st.session_state.get("voter")
    if store().token_known(code, token):
        return token
    if rnd["access"] == "codes":
        participant_code_entry(code, lang)
        return None
    try:
        st.session_state["voter"] = store().issue_token(code, auth.client())
    except ballot.BallotRefused as error:
        st.error(refusal(error, lang))
        return None
    return st.session_state["voter"]


def new_participant():
    """Button callback: forget this token, for someone who opened another participant's link, so the two ballots
    stay apart (a new token, or a participant code, is asked for on the next run; the link follows)."""
    st.session_state["voter"] = None


def _redeem(code):
    """Form callback: exchange the typed participant code for a token, or keep the refusal to show."""
    try:
        st.session_state["voter"] = store().redeem(code, st.session_state.get("participant-code"), auth.client())
    except ballot.BallotRefused as error:
        st.session_state["_redeem_refused"] = error


def participant_code_entry(code, lang):
    """The box for the one-time participant code handed out at the meeting."""
    refused = st.session_state.pop("_redeem_refused", None)
    if refused is not None:
        st.error(refusal(refused, lang))
    with st.form(f"redeem-{code}", clear_on_submit=True):
        st.text_input(translate(lang, "vote.type_participant_code"), max_chars=12, key="participant-code")
        st.form_submit_button(translate(lang, "vote.use_code"), type="primary", on_click=_redeem, args=(code,))


def _join():
    """Form callback: take the typed join code as this participant's round."""
    st.session_state["round"] = ballot.typed_code(st.session_state.get("join-code"))


def code_entry(lang, wrong=None):
    """A box to type the join code shown on the screen; names a code that matched no round."""
    if wrong:
        st.error(translate(lang, "vote.refused_unknown_round", code=wrong))
    with st.form("join"):
        st.text_input(translate(lang, "vote.type_code"), max_chars=8, key="join-code")
        st.form_submit_button(translate(lang, "vote.join"), on_click=_join)


def receipt_view(ballot, lang, replaced, confirm=True):
    """What the store recorded for this participant, read back after the commit."""
    titles = area_titles(lang)
    if confirm:
        key = "vote.received_again" if replaced else "vote.received"
        st.success(translate(lang, key, time=local_time(ballot["submitted_at"], lang, "medium")))
    rows = [{translate(lang, "vote.col_place"): i + 1,
             translate(lang, "vote.col_title"): f"{area}. {titles[area]}",
             translate(lang, "vote.importance"): "–" if imp is None else str(imp),
             translate(lang, "vote.feasibility"): "–" if fea is None else str(fea)}
            for i, (area, imp, fea) in enumerate(zip(ballot["areas"], ballot["importance"], ballot["feasibility"]))]
    st.dataframe(rows, hide_index=True)
    st.text(translate(lang, "vote.recorded_name", name=ballot["name"] or translate(lang, "vote.anonymous")))


def ballot_inputs(code, lang):
    """Name, five ordered places and optional ratings; returns (areas, importance, feasibility, name)."""
    titles = area_titles(lang)
    name = st.text_input(translate(lang, "vote.name"), max_chars=ballot.MAX_NAME, key=f"name-{code}",
                         help=translate(lang, "vote.name_help"))
    areas, importance, feasibility = [], [], []
    for place in range(1, ballot.MAX_CHOICES + 1):
        with st.container(border=True):
            area = st.selectbox(translate(lang, "vote.place", place=place), list(titles), index=None,
                                format_func=lambda a: f"{a}. {titles[a]}", key=f"place-{code}-{place}",
                                placeholder=translate(lang, "vote.choose"))
            if area is None:
                continue
            st.caption(titles[area])
            areas.append(area)
            for label, bucket in (("importance", importance), ("feasibility", feasibility)):
                bucket.append(st.segmented_control(translate(lang, f"vote.{label}_scale"), list(range(1, 6)),
                                                   key=f"{label}-{code}-{place}"))
    return areas, importance, feasibility, name


def ballot_form(rnd, lang):
    """The participant's ballot for an open round; a sent ballot is confirmed with what was recorded."""
    code, token = rnd["code"], participant_token(rnd, lang)
    if token is None:
        return
    sent_key = f"sent-{code}"
    earlier = store().ballot(code, token)
    if earlier is not None and sent_key not in st.session_state:
        st.info(translate(lang, "vote.already_sent", time=local_time(earlier["submitted_at"], lang, "medium")))
        st.text(translate(lang, "vote.recorded_name", name=earlier["name"] or translate(lang, "vote.anonymous")))
        st.button(translate(lang, "vote.not_me"), key=f"not-me-{code}", on_click=new_participant,
                  help=translate(lang, "vote.not_me_help"))
    st.write(translate(lang, "vote.instructions"))
    areas, importance, feasibility, name = ballot_inputs(code, lang)
    if st.button(translate(lang, "vote.send"), type="primary", key=f"send-{code}", width="stretch"):
        try:
            receipt = store().submit(code, token, areas, importance, feasibility, name)
        except ballot.BallotRefused as error:
            st.error(refusal(error, lang))
        else:
            st.session_state[sent_key] = receipt.revision
    if sent_key in st.session_state:
        receipt_view(store().ballot(code, token), lang, st.session_state[sent_key] > 1)


def participant_view(lang):
    """The phone's view: the code entry, or the round's ballot, or the notice that the round is closed."""
    given = participant_round()
    code = ballot.normalise_code(given)
    rnd = store().round(code) if code else None
    if rnd is None:
        code_entry(lang, wrong=given)
        return
    st.text(rnd["title"])
    if rnd["closed_at"] is None:
        ballot_form(rnd, lang)
        return
    st.warning(translate(lang, "vote.refused_closed", code=code))
    token = st.session_state.get("voter")
    earlier = store().ballot(code, token) if token else None
    if earlier is not None:
        st.text(translate(lang, "vote.your_final"))
        receipt_view(earlier, lang, replaced=False, confirm=False)
