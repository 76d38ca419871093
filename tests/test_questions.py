"""Open questions in a meeting round: the store's rules on both backends (answers, edits, up-votes, hiding, merging,
50 participants at once) and the grouping arithmetic by hand (calc/question.py)."""
import itertools
from datetime import datetime, timedelta

import pytest

from calc import ballot as rules
from calc import question
from calc.ballot import BallotRefused
from calc.question import AnswerRefused, groups, record
from locales import LANGUAGES, translate
from ui.votes.common import refusal
from vote_helpers import released_together

CLIENTS = itertools.count()


def issued(store, code):
    """A token the store issued for the round to a client of its own, as a phone gets one."""
    return store.issue_token(code, (rules.new_token(), f"q-test-{next(CLIENTS)}"))


@pytest.fixture
def asked(store):
    """An open round with an open question: (store, round code, question id)."""
    code = store.open_round("Kehittämispäivä 29.1.2019")
    return store, code, store.open_question(code, "Mikä on alueemme sosiaalipalvelujen suurin haaste?")


def refused(call):
    """The reason a call was refused with."""
    with pytest.raises(BallotRefused) as error:
        call()
    return error.value.reason


# --- the store: answers, edits, limits ---------------------------------------------------------------------------

def test_answers_are_stored_as_typed_and_edited_only_by_their_sender(asked):
    """Two answers from one participant, plain text kept literally (markup is text, control characters go); the
    sender edits one, another participant cannot."""
    store, code, qid = asked
    anna, ben = issued(store, code), issued(store, code)
    first = store.send_answer(code, qid, anna, "  Henkilöstöpula <b>ja</b> **rekrytointi**\n")
    second = store.send_answer(code, qid, anna, "Pitkät\tvälimatkat")
    assert (first.text, first.revision, second.text) == ("Henkilöstöpula <b>ja</b> **rekrytointi**", 1,
                                                          "Pitkätvälimatkat")
    edited = store.send_answer(code, qid, anna, "Pitkät välimatkat", answer_id=second.id)
    assert (edited.id, edited.revision, edited.sent_at) == (second.id, 2, second.sent_at)
    assert refused(lambda: store.send_answer(code, qid, ben, "Minun", answer_id=second.id)) == "not_your_answer"
    stored = {a["id"]: (a["text"], a["token"], a["revision"]) for a in store.answers(code, qid)}
    assert stored == {first.id: ("Henkilöstöpula <b>ja</b> **rekrytointi**", anna, 1),
                      second.id: ("Pitkät välimatkat", anna, 2)}
    assert store.question(code, qid)["answers"] == 2


def test_bad_answers_are_refused_and_nothing_changes(asked):
    """Empty, too long, a token the store never issued, a token of another round, too many answers."""
    store, code, qid = asked
    token = issued(store, code)
    other_round = store.open_round("Toinen")
    assert refused(lambda: store.send_answer(code, qid, token, " \n ")) == "answer_empty"
    assert refused(lambda: store.send_answer(code, qid, token, "x" * (question.MAX_ANSWER + 1))) == "answer_long"
    assert store.send_answer(code, qid, token, "x" * question.MAX_ANSWER).text == "x" * question.MAX_ANSWER
    assert refused(lambda: store.send_answer(code, qid, rules.new_token(), "Keksitty")) == "token_unknown"
    assert refused(lambda: store.send_answer(code, qid, issued(store, other_round), "Väärä")) == "token_unknown"
    assert refused(lambda: store.send_answer(code, qid, "<script>", "x")) == "token"
    for i in range(question.MAX_ANSWERS - 1):
        store.send_answer(code, qid, token, f"Idea {i}")
    assert refused(lambda: store.send_answer(code, qid, token, "Yksi liikaa")) == "too_many_answers"
    assert len(store.answers(code, qid)) == question.MAX_ANSWERS


def test_a_closed_question_or_round_takes_no_answers_edits_or_upvotes(store):
    """Closing the question (or its round) keeps every answer and refuses new ones, edits and up-votes."""
    code = store.open_round("Kierros")
    qid = store.open_question(code, "Kysymys")
    anna, ben = issued(store, code), issued(store, code)
    sent = store.send_answer(code, qid, anna, "Ennen sulkemista")
    assert refused(lambda: store.send_answer(code, "nosuchq1", anna, "x")) == "question_unknown"
    store.close_question(code, qid)
    assert refused(lambda: store.send_answer(code, qid, anna, "Myöhässä")) == "question_closed"
    assert refused(lambda: store.send_answer(code, qid, anna, "Muutos", answer_id=sent.id)) == "question_closed"
    assert refused(lambda: store.upvote(code, sent.id, ben)) == "question_closed"
    other = store.open_question(code, "Toinen kysymys")
    store.close_round(code)
    assert refused(lambda: store.send_answer(code, other, anna, "Suljettu kierros")) == "closed"
    assert refused(lambda: store.open_question(code, "Kolmas")) == "closed"
    assert [a["text"] for a in store.answers(code, qid)] == ["Ennen sulkemista"]


def test_questions_are_plain_text_and_checked(store):
    """A question needs text and has a length limit; its text is kept as typed."""
    code = store.open_round("Kierros")
    assert refused(lambda: store.open_question(code, "  ")) == "question_missing"
    assert refused(lambda: store.open_question(code, "?" * (question.MAX_QUESTION + 1))) == "question_long"
    qid = store.open_question(code, "Mikä <i>on</i> [haaste](http://x)?")
    assert [(q["id"], q["text"], q["answers"]) for q in store.questions(code)] == [
        (qid, "Mikä <i>on</i> [haaste](http://x)?", 0)]


# --- up-votes, hiding, merging in the store ----------------------------------------------------------------------

def test_upvotes_count_once_per_participant_and_never_their_own(asked):
    """An up-vote twice counts once; one's own answer cannot be up-voted; a hidden answer cannot be up-voted."""
    store, code, qid = asked
    anna, ben, cecilia = (issued(store, code) for _ in range(3))
    a = store.send_answer(code, qid, anna, "Henkilöstöpula")
    assert store.upvote(code, a.id, ben) is True and store.upvote(code, a.id, ben) is False
    assert refused(lambda: store.upvote(code, a.id, anna)) == "own_answer"
    assert refused(lambda: store.upvote(code, a.id, rules.new_token())) == "token_unknown"
    store.hide_answer(code, a.id)
    assert refused(lambda: store.upvote(code, a.id, cecilia)) == "answer_unknown"
    assert [(u["answer_id"], u["token"]) for u in store.upvotes(code, qid)] == [(a.id, ben)]


def test_a_hidden_answer_leaves_the_screen_and_stays_in_the_record_marked_hidden(asked):
    """Hidden: out of the groups the shared screen shows, in the record (the CSV's rows) with hidden = True;
    shown again on request."""
    store, code, qid = asked
    anna, ben = issued(store, code), issued(store, code)
    kept = store.send_answer(code, qid, anna, "Henkilöstöpula")
    rude = store.send_answer(code, qid, ben, "Asiaton kommentti")
    store.upvote(code, rude.id, anna)
    store.hide_answer(code, rude.id)
    answers, upvotes = store.answers(code, qid), store.upvotes(code, qid)
    assert [g.text for g in groups(answers, upvotes)] == ["Henkilöstöpula"]
    rows = {r["text"]: r for r in record(answers, upvotes)}
    assert rows["Asiaton kommentti"]["hidden"] is True and rows["Asiaton kommentti"]["upvotes"] == 1
    assert rows["Asiaton kommentti"]["group_upvotes"] is None and rows["Henkilöstöpula"]["hidden"] is False
    store.hide_answer(code, rude.id, hidden=False)
    assert [g.text for g in groups(store.answers(code, qid), upvotes)] == ["Asiaton kommentti", "Henkilöstöpula"]
    assert kept.id in {a["id"] for a in store.answers(code, qid)}


def test_merged_answers_combine_upvotes_without_counting_anyone_twice(asked):
    """B merged into A: the group's up-votes are the participants who up-voted A or B, one who up-voted both
    counted once; a participant who up-voted B cannot up-vote the group again; taken apart, each has its own."""
    store, code, qid = asked
    anna, ben, *voters = (issued(store, code) for _ in range(5))
    a = store.send_answer(code, qid, anna, "Henkilöstöpula")
    b = store.send_answer(code, qid, ben, "Työvoimapula")
    for token in voters[:2]:
        store.upvote(code, a.id, token)
    for token in voters[1:]:
        store.upvote(code, b.id, token)
    store.merge_answers(code, a.id, b.id)
    (group,) = groups(store.answers(code, qid), store.upvotes(code, qid))
    assert (group.text, group.members, group.upvotes) == ("Henkilöstöpula", ("Työvoimapula",), 3)
    assert store.upvote(code, a.id, voters[2]) is False
    assert refused(lambda: store.merge_answers(code, b.id, a.id)) == "merge_self"
    store.unmerge_answer(code, b.id)
    assert sorted(g.upvotes for g in groups(store.answers(code, qid), store.upvotes(code, qid))) == [2, 2]


def test_merging_a_group_into_another_moves_its_members_and_other_questions_stay_apart(asked):
    """C merged into B, then B into A: one group of three; an answer to another question cannot join it."""
    store, code, qid = asked
    tokens = [issued(store, code) for _ in range(4)]
    a, b, c = (store.send_answer(code, qid, t, text) for t, text in zip(tokens, ("A", "B", "C")))
    store.merge_answers(code, b.id, c.id)
    store.merge_answers(code, a.id, b.id)
    assert {x["id"]: x["merged_into"] for x in store.answers(code, qid)} == {a.id: None, b.id: a.id, c.id: a.id}
    other = store.open_question(code, "Toinen")
    d = store.send_answer(code, other, tokens[3], "D")
    assert refused(lambda: store.merge_answers(code, a.id, d.id)) == "merge_other_question"
    assert refused(lambda: store.hide_answer(code, "nosuchan")) == "answer_unknown"


# --- 50 participants at once --------------------------------------------------------------------------------------

def test_50_participants_answering_and_upvoting_at_once_are_stored_exactly(asked):
    """50 participants send two answers each at once; then all at once up-vote the first answers of the next three
    participants, each up-vote sent twice and one of their own answers tried too. Stored: 100 answers as sent, and
    exactly one up-vote per participant and answer (3 per participant, 3 per first answer), own ones refused."""
    store, code, qid = asked
    tokens = [issued(store, code) for _ in range(50)]
    sent = released_together([lambda t=t, i=i, k=k: store.send_answer(code, qid, t, f"Vastaus {i}.{k}")
                              for i, t in enumerate(tokens) for k in (1, 2)])
    assert not [o for o in sent if isinstance(o, Exception)]
    stored = {a["id"]: (a["token"], a["text"]) for a in store.answers(code, qid)}
    assert stored == {o.id: (tokens[n // 2], f"Vastaus {n // 2}.{n % 2 + 1}") for n, o in enumerate(sent)}
    first = [sent[2 * i].id for i in range(50)]
    targets = [(t, first[(i + step) % 50]) for i, t in enumerate(tokens) for step in (1, 2, 3)]
    calls = [lambda t=t, a=a: store.upvote(code, a, t) for t, a in targets * 2]
    calls += [lambda t=t, i=i: store.upvote(code, first[i], t) for i, t in enumerate(tokens)]
    outcomes = released_together(calls)
    assert sum(o is True for o in outcomes) == 150 and sum(o is False for o in outcomes) == 150
    assert {o.reason for o in outcomes[300:]} == {"own_answer"}
    upvotes = store.upvotes(code, qid)
    assert sorted((u["token"], u["answer_id"]) for u in upvotes) == sorted(targets)
    assert sorted(g.upvotes for g in groups(store.answers(code, qid), upvotes)) == [0] * 50 + [3] * 50


def test_one_participant_sending_at_once_stays_within_the_limit(asked):
    """30 answers from one token at once: exactly MAX_ANSWERS stored, the rest refused (on PostgreSQL the token's
    row is locked, so two sendings cannot both pass the count)."""
    store, code, qid = asked
    token = issued(store, code)
    outcomes = released_together([lambda i=i: store.send_answer(code, qid, token, f"Idea {i}") for i in range(30)])
    assert sum(isinstance(o, AnswerRefused) and o.reason == "too_many_answers" for o in outcomes) == \
        30 - question.MAX_ANSWERS
    assert len(store.answers(code, qid)) == question.MAX_ANSWERS


# --- the grouping arithmetic by hand ------------------------------------------------------------------------------

T0 = datetime(2019, 1, 29, 9, 0)


def answer(id_, token, text, minute, hidden=False, merged_into=None):
    """An answer row as the store returns it."""
    return {"id": id_, "token": token, "text": text, "sent_at": T0 + timedelta(minutes=minute), "revision": 1,
            "hidden": hidden, "merged_into": merged_into}


def votes(*pairs):
    """Up-vote rows from (answer id, token) pairs."""
    return [{"answer_id": a, "token": t} for a, t in pairs]


def test_groups_by_hand():
    """A (up-voted by p, q), B merged into A (up-voted by q, r), C (up-voted by p), D hidden (up-voted by everyone):
    groups A+B with 3 (q once), C with 1; D nowhere on screen. Ties go to the earlier answer."""
    answers = [answer("A", "u1", "Henkilöstöpula", 0), answer("B", "u2", "Työvoimapula", 1, merged_into="A"),
               answer("C", "u3", "Välimatkat", 2), answer("D", "u4", "Asiaton", 3, hidden=True),
               answer("E", "u5", "Digitalisaatio", 4)]
    upvotes = votes(("A", "p"), ("A", "q"), ("B", "q"), ("B", "r"), ("C", "p"),
                    ("D", "p"), ("D", "q"), ("D", "r"), ("D", "s"))
    shown = groups(answers, upvotes)
    assert [(g.text, g.members, g.upvotes) for g in shown] == [
        ("Henkilöstöpula", ("Työvoimapula",), 3), ("Välimatkat", (), 1), ("Digitalisaatio", (), 0)]
    assert shown[0].authors == {"u1", "u2"} and shown[0].voters == {"p", "q", "r"}
    rows = {r["id"]: r for r in record(answers, upvotes)}
    assert [rows[k]["upvotes"] for k in "ABCDE"] == [2, 2, 1, 4, 0]
    assert [rows[k]["group_upvotes"] for k in "ABCDE"] == [3, 3, 1, None, 0]
    assert rows["D"]["hidden"] and rows["B"]["merged_into"] == "A" and rows["B"]["group"] == "A"


def test_a_group_whose_head_is_hidden_shows_under_its_first_visible_member():
    """A hidden with B and C merged into it: the group is shown as B (the earliest visible) with C, and A's
    up-votes are not counted."""
    answers = [answer("A", "u1", "Piilotettu", 0, hidden=True), answer("B", "u2", "Näkyvä", 1, merged_into="A"),
               answer("C", "u3", "Toinen", 2, merged_into="A")]
    shown = groups(answers, votes(("A", "p"), ("B", "q"), ("C", "q"), ("C", "r")))
    assert [(g.id, g.text, g.members, g.upvotes) for g in shown] == [("B", "Näkyvä", ("Toinen",), 2)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_question_refusal_has_a_message(lang):
    """Each reason an answer, up-vote or question can be refused for is explained in every language, with its
    limit where it has one."""
    cases = {"question_missing": {}, "question_long": {"limit": 200}, "answer_empty": {}, "answer_long": {"limit": 200},
             "too_many_answers": {"limit": 10}, "question_unknown": {}, "question_closed": {}, "answer_unknown": {},
             "not_your_answer": {}, "own_answer": {}, "merge_other_question": {}, "merge_self": {}}
    for reason, values in cases.items():
        text = refusal(AnswerRefused(reason, **values), lang)
        assert text == translate(lang, f"question.refused_{reason}", **values)
        assert all(str(v) in text for v in values.values()), (reason, text)
