"""A round's open questions on the shared screen: the facilitator opens, closes, hides and merges; everyone sees the
answers arrive, most up-voted first, with the CSV of every answer (hidden ones marked) and a slide per question.

Answers are what participants typed: shown only through st.text, tables, selectboxes and plain slide text, never as
Markdown or HTML. A hidden answer is never drawn here (calc.question.groups leaves it out); it is only in the CSV.
"""
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from calc import question as rules
from export.tables import csv_bytes
from locales import translate
from queries import vote_store
from ui.frame import slug
from ui.votes.common import local_time, show_kept_refusal, store, store_setting

# The shared screen refreshes as often as the vote's results (ui/votes/results.py).
LIVE_REFRESH_S = 2
# Answers drawn on the shared screen and on a slide; the rest are counted ("… more answers: n") and in the CSV.
SCREEN_ANSWERS = 30
SLIDE_ANSWERS = 10
SHOWN_QUESTION = "shown_question"
PROJECTOR_QUESTION = "projector_question"
# Where a callback keeps a refusal for the next run to show.
REFUSED = "_question_refused"
ANSWERS_CSS = """<style>
.st-key-question-on-screen [data-testid="stText"], .st-key-question-past [data-testid="stText"],
.st-key-projector-question [data-testid="stText"] {
  font-size: 1.6rem; font-weight: 700; line-height: 1.3; }
[class*="st-key-answer-"] [data-testid="stText"] { font-size: 1.15rem; line-height: 1.35; }
[class*="st-key-answer-"] [class*="st-key-votes-"] [data-testid="stText"] { font-size: 1.6rem; font-weight: 700;
  color: #0072B2; min-width: 3.2rem; text-align: right; }
[class*="st-key-answer-"] [class*="st-key-merged-"] [data-testid="stText"] { font-size: .95rem; color: #52606D; }
.st-key-projector-answers [class*="st-key-answer-"] [data-testid="stText"] { font-size: 1.6rem; }
.st-key-projector-answers [class*="st-key-answer-"] [class*="st-key-votes-"] [data-testid="stText"] {
  font-size: 2.2rem; }
</style>"""


def _open_question(code):
    """Form callback: open the question typed in the form; it becomes the one on screen, or the refusal is kept."""
    try:
        st.session_state[SHOWN_QUESTION] = store().open_question(code, st.session_state.get(f"question-text-{code}"))
    except rules.BallotRefused as error:
        st.session_state[REFUSED] = error


def open_question_form(code, lang):
    """The facilitator's form to open a question in the round on screen."""
    with st.form(f"open-question-{code}", clear_on_submit=True):
        st.text_input(translate(lang, "question.text"), max_chars=rules.MAX_QUESTION, key=f"question-text-{code}",
                      placeholder=translate(lang, "question.example"))
        st.form_submit_button(translate(lang, "question.open"), on_click=_open_question, args=(code,))
    show_kept_refusal(REFUSED, lang)


def question_label(found, lang):
    """'<question> (open, answers: 4)': a question as its selectbox option (plain text)."""
    state = "closed" if found["closed_at"] is not None else "open"
    return translate(lang, f"question.label_{state}", text=found["text"], answers=found["answers"])


def choose_question(questions, lang, key):
    """A selectbox over the round's questions (newest first); the choice stays in the session under `key`."""
    by_id = {q["id"]: q for q in questions}
    if st.session_state.get(key) not in by_id:
        st.session_state[key] = questions[0]["id"]
    chosen = st.selectbox(translate(lang, "question.choose"), list(by_id), key=key,
                          format_func=lambda q: question_label(by_id[q], lang))
    return by_id[chosen]


def _call(action, *args):
    """Button callback: a facilitator's write; a refusal is kept to be shown in the user's language."""
    try:
        action(*args)
    except rules.BallotRefused as error:
        st.session_state[REFUSED] = error


def show_on_projector(code, question_id):
    """Button callback: the projector view of the round, with this question's answers beside the join code."""
    st.session_state["projector"], st.session_state[PROJECTOR_QUESTION] = code, question_id


def question_section(vote_round, lang, editor, live=True):
    """The round's open questions under its vote: open one (editors), choose one, its live answers and, for an
    open round, its projector view; the editor's close, hide and merge. A past round's (live=False) are shown
    to read, under a choice of their own."""
    code = vote_round["code"]
    st.subheader(translate(lang, "question.section"))
    st.caption(translate(lang, "question.intro"))
    if editor:
        open_question_form(code, lang)
    questions = store().questions(code)
    if not questions:
        st.info(translate(lang, "question.none"))
        return
    found = choose_question(questions, lang, SHOWN_QUESTION if live else "past_question")
    st.container(key="question-on-screen" if live else "question-past").text(found["text"])
    row = st.container(horizontal=True, key=f"question-buttons-{found['id']}")
    if live:
        row.button(translate(lang, "vote.projector"), icon=":material/tv:", key=f"question-projector-{found['id']}",
                   on_click=show_on_projector, args=(code, found["id"]))
    if editor and found["closed_at"] is None:
        row.button(translate(lang, "question.close"), key=f"question-close-{found['id']}",
                   on_click=_call, args=(store().close_question, code, found["id"]))
    live_answers(code, found["id"], lang)
    if editor:
        moderation(code, found["id"], lang)


def answer_card(group, lang, key):
    """One group on the shared screen: its up-votes large on the left, the answer and those merged with it."""
    card = st.container(border=True, horizontal=True, vertical_alignment="center", key=f"answer-{key}-{group.id}")
    card.container(key=f"votes-{key}-{group.id}", width="content").text(f"▲ {group.upvotes}")
    words = card.container()
    words.text(group.text)
    if group.members:
        words.container(key=f"merged-{key}-{group.id}").text(
            translate(lang, "question.merged", answers="; ".join(group.members)))


def answer_cards(code, question_id, lang, key):
    """The visible answers, most up-voted first (SCREEN_ANSWERS of them, the rest counted), or how to answer."""
    found = store().question(code, question_id)
    if found is None:
        return
    if found["closed_at"] is not None:
        st.info(translate(lang, "question.closed_note"))
    shown = rules.groups(store().answers(code, question_id), store().upvotes(code, question_id))
    st.html(ANSWERS_CSS)
    st.metric(translate(lang, "question.answers"), sum(1 + len(g.members) for g in shown))
    if not shown:
        st.info(translate(lang, "question.no_answers"))
        return
    for group in shown[:SCREEN_ANSWERS]:
        answer_card(group, lang, key)
    if len(shown) > SCREEN_ANSWERS:
        st.text(translate(lang, "question.slide_more", count=len(shown) - SCREEN_ANSWERS))


def record_table(code, question_id, lang):
    """Every answer in the order sent, hidden ones included and marked: the CSV's table."""
    rows = rules.record(store().answers(code, question_id), store().upvotes(code, question_id))
    yes = translate(lang, "common.yes")
    table = pd.DataFrame({
        translate(lang, "question.col_id"): [r["id"] for r in rows],
        translate(lang, "question.col_answer"): [r["text"] for r in rows],
        translate(lang, "question.col_upvotes"): [r["upvotes"] for r in rows],
        translate(lang, "question.col_group"): [r["group"] or "" for r in rows],
        translate(lang, "question.col_group_upvotes"): pd.array([r["group_upvotes"] for r in rows], dtype="Int64"),
        translate(lang, "question.col_merged_into"): [r["merged_into"] or "" for r in rows],
        translate(lang, "question.col_hidden"): [yes if r["hidden"] else "" for r in rows],
        translate(lang, "question.col_sent"): [local_time(r["sent_at"], lang) for r in rows],
        translate(lang, "question.col_versions"): [r["revision"] for r in rows]})
    return table, rows


def source_caption(code, rows, lang):
    """What the answers are and when: round, counts, the rule for a group's up-votes, the latest answer's time."""
    latest = max((r["sent_at"] for r in rows), default=None)
    return translate(lang, "question.source", code=code, answers=len(rows), hidden=sum(r["hidden"] for r in rows),
                     time=local_time(latest, lang) if latest else "–")


@st.fragment(run_every=LIVE_REFRESH_S)
def live_answers(code, question_id, lang):
    """The question's answers on the Priorities page, refreshed every few seconds, with the CSV of every answer."""
    answer_cards(code, question_id, lang, key="live")
    table, rows = record_table(code, question_id, lang)
    st.caption(source_caption(code, rows, lang))
    st.download_button(translate(lang, "common.download_csv"), csv_bytes(table, lang),
                       file_name=f"sonet-botnia-question-{slug(code)}-{slug(question_id)}-{lang}.csv",
                       mime="text/csv", key=f"question-csv-{question_id}", on_click="ignore")


def answer_option(answer, lang):
    """An answer as a selectbox option (plain text): its text; a hidden one by its id only, so that its words
    are nowhere on the shared screen (the CSV has them)."""
    return f"({translate(lang, 'question.hidden_mark')}) {answer['id']}" if answer["hidden"] else answer["text"]


@st.fragment
def moderation(code, question_id, lang):
    """The facilitator's hide, show again, merge and separate, over every answer (hidden ones included)."""
    with st.expander(translate(lang, "question.moderate")):
        st.caption(translate(lang, "question.moderate_help"))
        answers = {a["id"]: a for a in store().answers(code, question_id)}
        if not answers:
            return
        picked = st.selectbox(translate(lang, "question.answer_pick"), list(answers), key=f"moderate-{question_id}",
                              format_func=lambda a: answer_option(answers[a], lang))
        answer = answers[picked]
        row = st.container(horizontal=True)
        hidden = bool(answer["hidden"])
        row.button(translate(lang, "question.unhide" if hidden else "question.hide"), key=f"hide-{picked}",
                   on_click=_call, args=(store().hide_answer, code, picked, not hidden))
        if answer["merged_into"]:
            row.button(translate(lang, "question.unmerge"), key=f"unmerge-{picked}",
                       on_click=_call, args=(store().unmerge_answer, code, picked))
        others = [a for a in answers if a != picked and (answers[a]["merged_into"] or a) != picked]
        if others:
            into = st.selectbox(translate(lang, "question.merge_into"), others, key=f"merge-into-{question_id}",
                                format_func=lambda a: answer_option(answers[a], lang))
            st.button(translate(lang, "question.merge"), key=f"merge-{picked}",
                      on_click=_call, args=(store().merge_answers, code, into, picked))
        show_kept_refusal(REFUSED, lang)


@st.fragment(run_every=LIVE_REFRESH_S)
def projector_answers(code, question_id, lang):
    """The projector view's side for a question: the question and its answers in large type, refreshed."""
    found = store().question(code, question_id)
    if found is None:
        return
    with st.container(key="projector-answers"):
        st.container(key="projector-question").text(found["text"])
        answer_cards(code, question_id, lang, key="projector")


@dataclass
class QuestionSlide:
    """A question as a slide of presentation mode: its answers drawn live from the store when shown."""
    code: str
    question_id: str
    title: str


def chosen_rounds():
    """The rounds the Priorities page has on screen (the open round, the past round), as far as they exist."""
    codes = [st.session_state.get(key) for key in ("shown_round", "past_round")]
    return [code for i, code in enumerate(codes) if code and code not in codes[:i]]


def slide_questions():
    """The questions of the rounds on the page, oldest first (the order they were asked in), as (code, question)."""
    try:
        held = store()
        return [(code, q) for code in chosen_rounds() for q in reversed(held.questions(code))]
    except vote_store.StoreBusy:
        return []


def present_slides():
    """Presentation mode's slides of the Priorities page's open questions."""
    return [QuestionSlide(code, q["id"], q["text"]) for code, q in slide_questions()]


def present_slide(shown, lang):
    """A question's slide in presentation mode: the question and its answers, live."""
    projector_answers(shown.code, shown.question_id, lang)


def deck_lines(groups, lang):
    """A slide's lines: the SLIDE_ANSWERS most up-voted groups, each with its up-votes; the rest counted."""
    lines = [f"▲ {g.upvotes}   {g.text}" + (f"  ({translate(lang, 'question.merged', answers='; '.join(g.members))})"
                                             if g.members else "") for g in groups[:SLIDE_ANSWERS]]
    if len(groups) > SLIDE_ANSWERS:
        lines.append(translate(lang, "question.slide_more", count=len(groups) - SLIDE_ANSWERS))
    return lines


def deck_slide(target, code, question_id, lang):
    """A question's slide for the deck, read from the store when the deck is built (the click, not the run)."""
    from export.deck import TextSlide  # here, not at the top: python-pptx costs every page run (ui/slides.py)

    held = vote_store.store(target)
    found = held.question(code, question_id)
    answers, upvotes = held.answers(code, question_id), held.upvotes(code, question_id)
    shown = rules.groups(answers, upvotes)
    latest = max((a["sent_at"] for a in answers), default=None)
    footer = translate(lang, "question.slide_footer", code=code, answers=sum(1 + len(g.members) for g in shown),
                       time=local_time(latest, lang) if latest else "–")
    return TextSlide(found["text"], deck_lines(shown, lang) or [f"{translate(lang, 'question.answers')}: 0"], footer)


def deck_parts(lang):
    """The page's question slides as callables the deck calls when it is built."""
    target = vote_store.configured_target(store_setting())
    return [partial(deck_slide, target, code, q["id"], lang) for code, q in slide_questions()]
