"""Open questions on the shared screen (AppTest of the Priorities page): the editor opens a question, answers appear
most up-voted first, a hidden answer is nowhere on the screen and in the CSV marked hidden, merging adds up-votes
without counting anyone twice, presentation mode and the slides carry the question."""
import io
import itertools

import pandas as pd
import pytest
from pptx import Presentation

from app_helpers import button, editor_with_round
from calc import ballot as rules
from export.tables import csv_bytes
from locales import translate
from queries import vote_store
from ui.votes import questions
from vote_helpers import own_vote_file

QUESTION = "What is the biggest challenge for social services in our area?"
CLIENTS = itertools.count()


@pytest.fixture(autouse=True)
def own_votes(tmp_path, monkeypatch):
    """Each test's pages and default store use a vote file of their own."""
    yield from own_vote_file(tmp_path / "questions-votes.duckdb", monkeypatch)


def issued(store, code):
    """A participant token the store issued for the round, as a phone gets one."""
    return store.issue_token(code, (rules.new_token(), f"screen-{next(CLIENTS)}"))


def editor_with_question():
    """An editor's Priorities page (English) with a round and a question opened through the forms: (at, code, id)."""
    at, code = editor_with_round("Development day 29.1.2019")
    at.text_input(key=f"question-text-{code}").input(QUESTION)
    button(at, "Open the question").click().run()
    assert not at.exception
    return at, code, at.session_state["shown_question"]


def everything_shown(at):
    """Every text an element of the page shows: texts, captions, markdown, metrics, selectbox options, tables."""
    shown = [e.value for kind in ("text", "caption", "markdown", "info", "error") for e in at.get(kind)]
    shown += [str(m.value) for m in at.metric] + [o for box in at.selectbox for o in box.options]
    shown += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(shown)


def answers_on_screen(at):
    """The answer cards' texts in screen order, with the up-votes drawn beside each."""
    texts = [t.value for t in at.text]
    return [(int(votes[2:]), answer) for votes, answer in zip(texts, texts[1:]) if votes.startswith("▲ ")]


def test_answers_appear_most_upvoted_first_and_a_hidden_one_never(tmp_path):
    """Three answers, up-voted 1, 3 and 0 times; one with markup shown as typed; the screen lists them 3, 1, 0.
    Hidden, an answer leaves every element of the page (the facilitator's list names it by its id only), and
    stays in the CSV marked hidden with its up-votes."""
    at, code, qid = editor_with_question()
    store = vote_store.store()
    tokens = [issued(store, code) for _ in range(5)]
    a = store.send_answer(code, qid, tokens[0], "Staff shortage **now**")
    b = store.send_answer(code, qid, tokens[1], "Long distances <b>everywhere</b>")
    c = store.send_answer(code, qid, tokens[2], "Rude remark to hide")
    store.upvote(code, a.id, tokens[3])
    for token in tokens[2:5]:
        store.upvote(code, b.id, token)
    at.run()
    assert answers_on_screen(at) == [(3, "Long distances <b>everywhere</b>"), (1, "Staff shortage **now**"),
                                     (0, "Rude remark to hide")]
    at.selectbox(key=f"moderate-{qid}").set_value(c.id).run()
    button(at, "Hide").click().run()
    assert not at.exception and store.answers(code, qid)[2]["hidden"]
    assert answers_on_screen(at) == [(3, "Long distances <b>everywhere</b>"), (1, "Staff shortage **now**")]
    assert "Rude remark" not in everything_shown(at)
    assert f"(hidden) {c.id}" in at.selectbox(key=f"moderate-{qid}").options
    table, _ = questions.record_table(code, qid, "en")
    path = tmp_path / "answers.csv"
    path.write_bytes(csv_bytes(table, "en"))
    saved = pd.read_csv(path, keep_default_na=False).set_index("Answer")
    assert saved.loc["Rude remark to hide", "Hidden"] == "yes" and saved.loc["Rude remark to hide", "Up-votes"] == 0
    assert saved.loc["Long distances <b>everywhere</b>", "Up-votes"] == 3
    assert saved.loc["Staff shortage **now**", "Hidden"] == "" and len(saved) == 3


def test_merging_on_screen_combines_upvotes_counting_each_participant_once():
    """B (up-voted by p, q) merged into A (up-voted by q, r) through the facilitator's controls: one card with 3
    up-votes and B's words under A's."""
    at, code, qid = editor_with_question()
    store = vote_store.store()
    anna, ben, p, q, r = (issued(store, code) for _ in range(5))
    a = store.send_answer(code, qid, anna, "Staff shortage")
    b = store.send_answer(code, qid, ben, "Lack of workforce")
    for token, answer in ((q, a), (r, a), (p, b), (q, b)):
        store.upvote(code, answer.id, token)
    at.run()
    at.selectbox(key=f"moderate-{qid}").set_value(b.id).run()
    at.selectbox(key=f"merge-into-{qid}").set_value(a.id).run()
    button(at, "Merge").click().run()
    assert not at.exception
    assert answers_on_screen(at) == [(3, "Staff shortage")]
    assert translate("en", "question.merged", answers="Lack of workforce") in [t.value for t in at.text]


def test_a_closed_question_keeps_its_answers_on_screen_and_in_presentation_mode():
    """Closing keeps the answers; presentation mode of the Priorities page ends with the question's slide, its
    answers drawn large and without the hidden one."""
    at, code, qid = editor_with_question()
    store = vote_store.store()
    anna, ben = issued(store, code), issued(store, code)
    store.upvote(code, store.send_answer(code, qid, anna, "Recruitment").id, ben)
    store.hide_answer(code, store.send_answer(code, qid, ben, "Hidden words").id)
    at.run()
    button(at, "Close the question").click().run()
    assert translate("en", "question.closed_note") in [i.value for i in at.info]
    assert answers_on_screen(at) == [(1, "Recruitment")]
    button(at, translate("en", "present.start")).click().run()
    while any(b.label == translate("en", "present.next") and not b.disabled for b in at.button):
        button(at, translate("en", "present.next")).click().run()
    assert not at.exception and QUESTION in [t.value for t in at.text]
    assert answers_on_screen(at) == [(1, "Recruitment")] and "Hidden words" not in everything_shown(at)


def test_the_slide_lists_the_answers_by_upvotes_without_hidden_ones(monkeypatch, tmp_path):
    """The deck's question slide: the question as title, the answers most up-voted first with their up-votes,
    merged words beside their group, no hidden answer; the footer says how many answers and from which round."""
    from export import deck

    store = vote_store.store()
    code = store.open_round("Development day")
    qid = store.open_question(code, QUESTION)
    tokens = [issued(store, code) for _ in range(4)]
    a = store.send_answer(code, qid, tokens[0], "Recruitment")
    b = store.send_answer(code, qid, tokens[1], "Distances")
    c = store.send_answer(code, qid, tokens[2], "Hiring staff")
    store.hide_answer(code, store.send_answer(code, qid, tokens[3], "Hidden words").id)
    for token in tokens[1:]:
        store.upvote(code, a.id, token)
    store.upvote(code, c.id, tokens[3])
    store.upvote(code, b.id, tokens[0])
    store.merge_answers(code, a.id, c.id)
    slide = questions.deck_slide(vote_store.configured_target(), code, qid, "en")
    assert slide.title == QUESTION
    assert slide.lines == ["▲ 3   Recruitment  (Merged with: Hiring staff)", "▲ 1   Distances"]
    assert f"round {code}, answers 3" in slide.footer
    pptx = Presentation(io.BytesIO(deck.build("Deck", ["line"], [slide])))
    words = "\n".join(shape.text_frame.text for shape in pptx.slides[1].shapes if shape.has_text_frame)
    assert "▲ 3   Recruitment" in words and "▲ 1   Distances" in words and "Hidden words" not in words


def test_a_past_rounds_questions_are_shown_beside_a_live_rounds():
    """A closed round with a question and an open round with another: the past round's answers under its results,
    the open round's under its vote, each question chosen on its own (two choices on one page)."""
    at, code, qid = editor_with_question()
    store = vote_store.store()
    store.send_answer(code, qid, issued(store, code), "Old answer")
    store.close_round(code)
    fresh = store.open_round("Second day")
    later = store.open_question(fresh, "What next?")
    store.send_answer(fresh, later, issued(store, fresh), "New answer")
    at.run()
    assert not at.exception and at.session_state["shown_round"] == fresh
    texts = [t.value for t in at.text]
    assert {"What next?", QUESTION, "New answer", "Old answer"} <= set(texts)
    assert at.session_state["shown_question"] == later and at.session_state["past_question"] == qid
