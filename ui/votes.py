"""The meeting vote on screen: join code, QR code and link, live results, the participant's ballot.

Participants reach the light ballot page <server>/ballot?round=CODE (ui/ballot_page.py: the QR code and link on the
shared screen), or the Vote page at
<server>/vote where they type the code. Their token lives in the session and in the link (?voter=...), so a
reload or a resend replaces their ballot instead of adding one. User-supplied text (round titles, names) is only
ever shown through st.text or inside tables, never as Markdown or HTML.
"""
import functools
import io
import os
import socket
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import pandas as pd
import segno
import streamlit as st
from babel.dates import format_datetime

from charts.votes import borda_bars, priority_matrix
from export.tables import csv_bytes
from locales import translate
from queries import vote_store, vote_tally
from ui import fmt
from ui.data import query
from ui.frame import slug

# Every 2 s, so that the screen shows a ballot within 3 s of its receipt (bench.votes measures the lag).
LIVE_REFRESH_S = 2
LOCAL_ZONE = ZoneInfo("Europe/Helsinki")
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", None}
BABEL = fmt.BABEL_LOCALES


@functools.cache
def store_setting():
    """`store` under [meeting] in the secrets file ("duckdb" or a PostgreSQL URL), or None when not set; read once
    per process (parsing the secrets on every ballot showed in the burst's profile; a change needs a restart)."""
    try:
        return st.secrets.get("meeting", {}).get("store")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None


def store():
    """The process-wide vote store: SONET_VOTES_STORE, else [meeting] store, else the DuckDB file."""
    return vote_store.store(vote_store.configured_target(store_setting()))


def local_time(moment, lang, form="short"):
    """A stored UTC time in Finnish local time, formatted for the language."""
    aware = moment.replace(tzinfo=ZoneInfo("UTC"))
    return format_datetime(aware, form, tzinfo=LOCAL_ZONE, locale=BABEL[lang])


def area_titles(lang):
    """Focus area id -> its title in the UI language."""
    frame = query("priorities")
    return dict(zip(frame["id"].astype(int), frame[f"title_{lang}"]))


def refusal(error, lang):
    """A refused ballot or request, in the user's language."""
    return translate(lang, f"vote.refused_{error.reason}", **error.values)


def lan_address():
    """This machine's address on the local network (no packet is sent; the socket only picks a route)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()


def configured_base():
    """The server's address for phones, when set: SONET_PUBLIC_URL, else [meeting] public_url in secrets."""
    value = os.environ.get("SONET_PUBLIC_URL")
    if not value:
        try:
            value = st.secrets.get("meeting", {}).get("public_url")
        except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
            value = None
    return value.rstrip("/") if value else None


def public_base():
    """(base address phones can reach, whether it was guessed): the configured one, else the one this browser
    used with 'localhost' replaced by the machine's network address."""
    configured = configured_base()
    if configured:
        return configured, False
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    host, port = parts.hostname, parts.port or st.get_option("server.port")
    guessed = host in LOOPBACK
    if guessed:
        host = lan_address() or host
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme or 'http'}://{host}:{port}" + (f"/{prefix}" if prefix else ""), guessed


def ballot_page_path():
    """The light ballot page's path (ui/ballot_page.py), where the QR code and link send phones."""
    from ui.ballot_page import PATH

    return PATH


def join_link(code, lang):
    """The participant's link for a round (the light ballot page), in the shared screen's language."""
    base, _ = public_base()
    params = {"round": code} if lang == "fi" else {"round": code, "lang": lang}
    return f"{base}{ballot_page_path()}?{urlencode(params)}"


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(link):
    """A QR code of the link as PNG bytes, large enough to scan from the back of a meeting room."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=2)
    return buffer.getvalue()


def round_label(rnd, lang):
    """'code · opened 12.4.2019 klo 9.05 · n ballots' (the title is shown separately as plain text)."""
    state = "closed" if rnd["closed_at"] is not None else "open"
    return translate(lang, f"vote.round_label_{state}", code=rnd["code"], title=rnd["title"],
                     opened=local_time(rnd["opened_at"], lang), ballots=rnd["ballots"])


def join_panel(rnd, lang):
    """What the shared screen shows to let people join: the code, the QR code and the link."""
    link = join_link(rnd["code"], lang)
    left, right = st.columns([2, 1])
    with left:
        st.metric(translate(lang, "vote.join_code"), rnd["code"])
        st.write(translate(lang, "vote.join_how"))
        st.code(link, language=None)
        base, guessed = public_base()
        if guessed:
            st.caption(translate(lang, "vote.link_guessed", base=base))
    with right:
        st.image(qr_png(link), caption=translate(lang, "vote.qr_caption"), width=260)


def results_table(summary, lang):
    """The results as shown and exported: one row per area with translated headers."""
    titles = area_titles(lang)
    table = summary["table"].round({"importance": 2, "feasibility": 2})
    table.insert(2, "title", [titles[a] for a in table["area"]])
    names = {c: translate(lang, f"vote.col_{c}") for c in table.columns}
    return table.rename(columns=names)


def show_table(frame, lang, decimals):
    """A results table with its means in the UI language's format, right-aligned, a dash where nobody rated."""
    aligned = {column: st.column_config.TextColumn(alignment="right") for column in decimals}
    st.dataframe(fmt.as_text(frame, lang, decimals), hide_index=True, column_config=aligned)


def agreement_text(summary, lang):
    """Kendall's W in plain words."""
    level = translate(lang, f"vote.agreement_{summary['agreement']}")
    if summary["w"] is None:
        return level
    return translate(lang, "vote.agreement_reading", w=fmt.number(summary["w"], lang, 2), level=level)


def borda_chart(summary, lang, key):
    """Borda points per area, leaders highlighted, with the top-5 count on each bar."""
    titles = area_titles(lang)
    data = summary["table"].copy()
    data["label"] = [f"{a}." for a in data["area"]]
    data["text"] = [translate(lang, "vote.bar_text", points=p, top5=n) for p, n in zip(data["points"], data["top5"])]
    data["hover"] = [f"{a}. {titles[a]}" for a in data["area"]]
    fig = borda_bars(data, "label", "points", "text", "hover", translate(lang, "vote.chart_borda"),
                     translate(lang, "vote.points"), lang)
    st.plotly_chart(fig, key=key, theme=None, config={"displaylogo": False})


def matrix_chart(summary, lang, key):
    """Mean importance against mean feasibility for the areas somebody rated; says so when nobody did."""
    titles = area_titles(lang)
    data = summary["table"].dropna(subset=["importance", "feasibility"]).copy()
    if data.empty:
        st.info(translate(lang, "vote.no_ratings"))
        return
    data["label"] = data["area"].astype(str)
    data["hover"] = [translate(lang, "vote.matrix_hover", area=a, title=titles[a], importance=fmt.number(i, lang, 1),
                               feasibility=fmt.number(f, lang, 1), n=n)
                     for a, i, f, n in zip(data["area"], data["importance"], data["feasibility"], data["top5"])]
    fig = priority_matrix(data, "feasibility", "importance", "label", "hover", "top5",
                          translate(lang, "vote.chart_matrix"), translate(lang, "vote.feasibility"),
                          translate(lang, "vote.importance"), lang)
    st.plotly_chart(fig, key=key, theme=None, config={"displaylogo": False})


def participants_line(ballots, lang):
    """Who has voted: the names given (as plain text) and how many stayed anonymous."""
    names = sorted(b["name"] for b in ballots if b["name"])
    anonymous = sum(1 for b in ballots if not b["name"])
    st.text(translate(lang, "vote.participants", names=", ".join(names) or "–", anonymous=anonymous))


def results(code, lang, key):
    """The results of a round: ballots so far, agreement, Borda ranking, rating matrix and the CSV."""
    ballots = store().ballots(code)
    summary = vote_tally.summary(ballots)
    titles = area_titles(lang)
    cols = st.columns(3)
    cols[0].metric(translate(lang, "vote.ballots"), summary["ballots"])
    leader = ", ".join(f"{a}." for a in summary["leaders"]) or "–"
    cols[1].metric(translate(lang, "vote.leader"), leader)
    w = summary["w"]
    cols[2].metric(translate(lang, "vote.agreement"), "–" if w is None else fmt.number(w, lang, 2))
    if not ballots:
        st.info(translate(lang, "vote.no_ballots"))
        return
    for area in summary["leaders"]:
        st.text(f"{area}. {titles[area]}")
    st.write(agreement_text(summary, lang))
    borda_chart(summary, lang, key=f"{key}-borda")
    st.caption(translate(lang, "vote.borda_note"))
    matrix_chart(summary, lang, key=f"{key}-matrix")
    participants_line(ballots, lang)
    table = results_table(summary, lang)
    show_table(table, lang, {translate(lang, f"vote.col_{c}"): 2 for c in ("importance", "feasibility")})
    stamp = local_time(max(b["submitted_at"] for b in ballots), lang)
    st.caption(translate(lang, "vote.source", code=code, ballots=summary["ballots"], time=stamp))
    st.download_button(translate(lang, "common.download_csv"), csv_bytes(table, lang),
                       file_name=f"sonet-botnia-vote-{slug(code)}-{lang}.csv", mime="text/csv",
                       key=f"{key}-csv", on_click="ignore")


@st.fragment(run_every=LIVE_REFRESH_S)
def live_results(code, lang):
    """Results that refresh themselves every few seconds while the round is open."""
    rnd = store().round(code)
    if rnd and rnd["closed_at"] is not None:
        st.info(translate(lang, "vote.closed_note", time=local_time(rnd["closed_at"], lang)))
    results(code, lang, key=f"live-{code}")


def _open_round():
    """Form callback: open the round named in the form; it becomes the one on screen, or the refusal is kept."""
    try:
        st.session_state["shown_round"] = store().open_round(st.session_state.get("round-title"))
    except vote_store.BallotRefused as error:
        st.session_state["_open_refused"] = error


def open_round_form(lang):
    """The editor's form to open a round; the new round becomes the one on screen."""
    with st.form("open-round", clear_on_submit=True):
        st.text_input(translate(lang, "vote.round_title"), max_chars=vote_store.MAX_TITLE, key="round-title",
                      placeholder=translate(lang, "vote.round_title_example"))
        st.form_submit_button(translate(lang, "vote.open_round"), type="primary", on_click=_open_round)
    refused = st.session_state.pop("_open_refused", None)
    if refused is not None:
        st.error(refusal(refused, lang))


def close_button(rnd, lang):
    """The editor's button that closes the round on screen (its results stay)."""
    st.button(translate(lang, "vote.close_round"), key=f"close-{rnd['code']}",
              on_click=store().close_round, args=(rnd["code"],))


def participant_round():
    """The join code this participant gave (the link's ?round=, read by ui.filters, or typed); None if not yet."""
    return st.session_state.get("round")


def participant_token():
    """This participant's token: the link's ?voter= when it was well formed, else a new one kept in the session."""
    if not st.session_state.get("voter"):
        st.session_state["voter"] = vote_store.new_token()
    return st.session_state["voter"]


def new_participant():
    """Button callback: a fresh token for someone who opened another participant's link, so the two ballots stay
    apart (the link follows: ?voter= is bound to the session)."""
    st.session_state["voter"] = vote_store.new_token()


def _join():
    """Form callback: take the typed join code as this participant's round."""
    st.session_state["round"] = vote_store.typed_code(st.session_state.get("join-code"))


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
    name = st.text_input(translate(lang, "vote.name"), max_chars=vote_store.MAX_NAME, key=f"name-{code}",
                         help=translate(lang, "vote.name_help"))
    areas, importance, feasibility = [], [], []
    for place in range(1, vote_store.MAX_CHOICES + 1):
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
    code, token = rnd["code"], participant_token()
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
        except vote_store.BallotRefused as error:
            st.error(refusal(error, lang))
        else:
            st.session_state[sent_key] = receipt.revision
    if sent_key in st.session_state:
        receipt_view(store().ballot(code, token), lang, st.session_state[sent_key] > 1)


def participant_view(lang):
    """The phone's view: the code entry, or the round's ballot, or the notice that the round is closed."""
    given = participant_round()
    code = vote_store.normalise_code(given)
    rnd = store().round(code) if code else None
    if rnd is None:
        code_entry(lang, wrong=given)
        return
    st.text(rnd["title"])
    if rnd["closed_at"] is None:
        ballot_form(rnd, lang)
        return
    st.warning(translate(lang, "vote.refused_closed", code=code))
    earlier = store().ballot(code, participant_token())
    if earlier is not None:
        st.text(translate(lang, "vote.your_final"))
        receipt_view(earlier, lang, replaced=False, confirm=False)


def choose_round(rounds, key, label, lang):
    """A selectbox over rounds (newest first) whose choice stays in the session under `key`."""
    codes = [r["code"] for r in rounds]
    by_code = {r["code"]: r for r in rounds}
    if st.session_state.get(key) not in codes:
        st.session_state[key] = codes[0]
    chosen = st.selectbox(label, codes, key=key, format_func=lambda c: round_label(by_code[c], lang))
    return by_code[chosen]


def past_table(rounds, lang):
    """One row per closed round: when, title, ballots, leading areas and agreement."""
    rows = []
    for rnd in rounds:
        summary = vote_tally.summary(store().ballots(rnd["code"]))
        rows.append({translate(lang, "vote.col_opened"): local_time(rnd["opened_at"], lang),
                     translate(lang, "vote.col_round"): rnd["title"],
                     translate(lang, "vote.col_code"): rnd["code"],
                     translate(lang, "vote.ballots"): summary["ballots"],
                     translate(lang, "vote.leader"): ", ".join(str(a) for a in summary["leaders"]) or "–",
                     translate(lang, "vote.agreement"): summary["w"]})
    show_table(pd.DataFrame(rows), lang, {translate(lang, "vote.agreement"): 2})


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
