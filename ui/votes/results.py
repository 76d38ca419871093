"""A round's results on the shared screen: ballots so far, agreement, Borda ranking, rating matrix and the CSV;
live while the round is open, and a table of the closed rounds."""
import pandas as pd
import streamlit as st

from calc import vote_tally
from calc.ballot import round_areas
from charts.votes import borda_bars, priority_matrix
from export.tables import csv_bytes
from locales import translate
from ui import fmt
from ui.frame import plotly_config, slug
from ui.votes.common import local_time, round_titles, store

# Every 2 s, so that the screen shows a ballot within 3 s of its receipt (bench.votes measures the lag).
LIVE_REFRESH_S = 2


def tallied(code, lang):
    """(the round's focus areas id -> title, its ballots, their summary over exactly the round's areas)."""
    vote_round = store().round(code) or {}
    ballots = store().ballots(code)
    return round_titles(vote_round, lang), ballots, vote_tally.summary(ballots, round_areas(vote_round.get("areas")))


def results_table(summary, titles, lang):
    """The results as shown and exported: one row per area with translated headers."""
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


def borda_chart(summary, titles, lang, key):
    """Borda points per area, leaders highlighted, with the top-5 count on each bar."""
    data = summary["table"].copy()
    data["label"] = [f"{a}. {titles[a]}" for a in data["area"]]
    data["text"] = [translate(lang, "vote.bar_text", points=p, top5=n) for p, n in zip(data["points"], data["top5"])]
    data["hover"] = [f"{a}. {titles[a]}" for a in data["area"]]
    fig = borda_bars(data, label="label", value="points", text="text", hover="hover",
                     title=translate(lang, "vote.chart_borda"), x_title=translate(lang, "vote.points"), lang=lang)
    st.plotly_chart(fig, key=key, theme=None, config=plotly_config(lang))


def matrix_chart(summary, titles, lang, key):
    """Mean importance against mean feasibility for the areas somebody rated; says so when nobody did."""
    data = summary["table"].dropna(subset=["importance", "feasibility"]).copy()
    if data.empty:
        st.info(translate(lang, "vote.no_ratings"))
        return
    data["label"] = data["area"].astype(str)
    data["name"] = [titles[a] for a in data["area"]]
    data["hover"] = [translate(lang, "vote.matrix_hover", area=a, title=titles[a], importance=fmt.number(i, lang, 1),
                               feasibility=fmt.number(f, lang, 1), n=n)
                     for a, i, f, n in zip(data["area"], data["importance"], data["feasibility"], data["top5"])]
    fig = priority_matrix(data, x="feasibility", y="importance", label="label", hover="hover", size="top5",
                          title=translate(lang, "vote.chart_matrix"), x_title=translate(lang, "vote.feasibility"),
                          y_title=translate(lang, "vote.importance"), lang=lang, names="name")
    st.plotly_chart(fig, key=key, theme=None, config=plotly_config(lang))


def participants_line(ballots, lang):
    """Who has voted: the names given (as plain text) and how many stayed anonymous."""
    names = sorted(b["name"] for b in ballots if b["name"])
    anonymous = sum(1 for b in ballots if not b["name"])
    st.text(translate(lang, "vote.participants", names=", ".join(names) or "–", anonymous=anonymous))


def figures(code, summary, lang):
    """The round's four figures in a row: ballots, participants who opened the ballot, leader(s), agreement."""
    cols = st.columns(4)
    cols[0].metric(translate(lang, "vote.ballots"), summary["ballots"])
    cols[1].metric(translate(lang, "vote.tokens"), (store().round(code) or {}).get("tokens", 0),
                   help=translate(lang, "vote.tokens_help"))
    leader = ", ".join(f"{a}." for a in summary["leaders"]) or "–"
    cols[2].metric(translate(lang, "vote.leader"), leader)
    w = summary["w"]
    cols[3].metric(translate(lang, "vote.agreement"), "–" if w is None else fmt.number(w, lang, 2))


def results(code, lang, key, closed=False):
    """The results of a round: ballots so far, agreement, Borda ranking, rating matrix and the CSV; a closed
    round's are final, and one closed without ballots says so instead of promising results."""
    titles, ballots, summary = tallied(code, lang)
    figures(code, summary, lang)
    if not ballots:
        st.info(translate(lang, "vote.no_ballots_closed" if closed else "vote.no_ballots"))
        return
    for area in summary["leaders"]:
        st.text(f"{area}. {titles[area]}")
    st.write(agreement_text(summary, lang))
    borda_chart(summary, titles, lang, key=f"{key}-borda")
    st.caption(translate(lang, "vote.borda_note"))
    matrix_chart(summary, titles, lang, key=f"{key}-matrix")
    participants_line(ballots, lang)
    table = results_table(summary, titles, lang)
    show_table(table, lang, {translate(lang, f"vote.col_{c}"): 2 for c in ("importance", "feasibility")})
    stamp = local_time(max(b["submitted_at"] for b in ballots), lang)
    st.caption(translate(lang, "vote.source", code=code, ballots=summary["ballots"], time=stamp))
    st.download_button(translate(lang, "common.download_csv"), csv_bytes(table, lang),
                       file_name=f"sonet-botnia-vote-{slug(code)}-{lang}.csv", mime="text/csv",
                       key=f"{key}-csv", on_click="ignore")


@st.fragment(run_every=LIVE_REFRESH_S)
def live_results(code, lang):
    """Results that refresh themselves every few seconds while the round is open."""
    vote_round = store().round(code)
    closed = bool(vote_round and vote_round["closed_at"] is not None)
    if closed:
        st.info(translate(lang, "vote.closed_note", time=local_time(vote_round["closed_at"], lang)))
    results(code, lang, key=f"live-{code}", closed=closed)


def past_table(rounds, lang):
    """One row per closed round: when, title, ballots, leading areas and agreement."""
    rows = []
    for vote_round in rounds:
        summary = vote_tally.summary(store().ballots(vote_round["code"]), round_areas(vote_round["areas"]))
        rows.append({translate(lang, "vote.col_opened"): local_time(vote_round["opened_at"], lang),
                     translate(lang, "vote.col_round"): vote_round["title"],
                     translate(lang, "vote.col_code"): vote_round["code"],
                     translate(lang, "vote.ballots"): summary["ballots"],
                     translate(lang, "vote.leader"): ", ".join(str(a) for a in summary["leaders"]) or "–",
                     translate(lang, "vote.agreement"): summary["w"]})
    show_table(pd.DataFrame(rows), lang, {translate(lang, "vote.agreement"): 2})


@st.fragment(run_every=LIVE_REFRESH_S)
def projector_results(code, lang):
    """The shared screen's results beside the join code: the four figures and the Borda ranking, refreshed like
    the live results; a round closed meanwhile says so."""
    vote_round = store().round(code)
    if vote_round and vote_round["closed_at"] is not None:
        st.info(translate(lang, "vote.closed_note", time=local_time(vote_round["closed_at"], lang)))
    titles, ballots, summary = tallied(code, lang)
    figures(code, summary, lang)
    if not ballots:
        st.info(translate(lang, "vote.no_ballots"))
        return
    borda_chart(summary, titles, lang, key=f"projector-{code}-borda")
