"""The phone's side of an open question on the light ballot page (/ballot?round=CODE&question=ID): answers sent,
edited and up-voted with the ballot's participant token, plain text, refusals in the user's language, nothing on
the page for a hidden answer. Driven over HTTP by Starlette's test client, on both store backends."""
import html
import re
import signal

import httpx
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from browser_helpers import Server
from calc import question
from locales import LANGUAGES, translate
from queries import vote_store
from ui import ballot_page
from ui.votes import common
from vote_helpers import page_store, phones_until_acknowledged

QUESTION = "Mikä on alueemme sosiaalipalvelujen suurin haaste?"


@pytest.fixture
def store(vote_target, monkeypatch):
    """The page's store (SONET_VOTES_STORE) on each backend, released afterwards."""
    yield from page_store("SONET_VOTES_STORE", vote_target, monkeypatch)


def phone():
    """A phone's browser: keeps the page's cookies between requests."""
    return TestClient(Starlette(routes=ballot_page.ROUTES))


def text_of(page):
    """The page's visible text: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def join(client, code, lang="fi"):
    """Open the round's ballot page as a phone does; the participant token the server issued."""
    return client.get("/ballot", params={"round": code, "lang": lang}).headers["x-voter"]


def post(client, code, token, qid, lang="fi", **fields):
    """A question form as the phone sends it; the response not followed (303 when stored)."""
    return client.post("/ballot", data={"round": code, "voter": token, "lang": lang, "question": qid, **fields},
                       follow_redirects=False)


def answered(asked, lang, text):
    """A phone that joined the asked round in `lang` and sent `text` as its answer: (client, token)."""
    code, qid = asked
    client = phone()
    token = join(client, code, lang)
    post(client, code, token, qid, lang, action="answer", text=text)
    return client, token


@pytest.fixture
def asked(store):
    """An open round with an open question."""
    code = store.open_round("Kehittämispäivä 29.1.2019")
    return code, store.open_question(code, QUESTION)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ballot_page_links_the_open_question_and_its_page_takes_answers(store, asked, lang):
    """The ballot page lists the open question with a link; the question's page has the answer box in the page's
    language, limited to MAX_ANSWER characters, and no script."""
    code, qid = asked
    client = phone()
    ballot = client.get("/ballot", params={"round": code, "lang": lang})
    assert QUESTION in text_of(ballot.text) and translate(lang, "question.phone_answer") in text_of(ballot.text)
    link = re.search(r'href="([^"]*question=[^"]+)"', ballot.text).group(1)
    page = client.get(html.unescape(link))
    assert page.status_code == 200 and page.headers["x-voter"] == ballot.headers["x-voter"]
    assert f'maxlength="{question.MAX_ANSWER}"' in page.text and "<script" not in page.text
    assert translate(lang, "question.phone_send") in page.text and QUESTION in text_of(page.text)
    other = next(other for other in LANGUAGES if other != lang)
    assert f'question={qid}' in re.search(rf'<a href="([^"]*)" lang="{other}"', page.text).group(1)


def test_two_answers_sent_one_edited_and_another_participants_upvoted(store, asked):
    """A phone sends two answers (each acknowledged after commit, a reload sends nothing again), edits one, and
    up-votes another participant's answer once; the store holds exactly that."""
    code, qid = asked
    anna, ben = phone(), phone()
    anna_token, ben_token = join(anna, code), join(ben, code)
    stored = post(ben, code, ben_token, qid, action="answer", text="Pitkät välimatkat")
    assert stored.status_code == 303 and stored.headers["x-ballot"] == "redirect"
    first = post(anna, code, anna_token, qid, action="answer", text="Henkilöstöpula")
    second = post(anna, code, anna_token, qid, action="answer", text="Digitalisaatio")
    shown = anna.get(second.headers["location"])
    answers = {a["text"]: a for a in store.answers(code, qid)}
    when = common.local_time(answers["Digitalisaatio"]["sent_at"], "fi", "medium")
    assert translate("fi", "question.phone_sent", time=when) in text_of(shown.text)
    anna.get(first.headers["location"])
    assert len(store.answers(code, qid)) == 3
    edit = post(anna, code, anna_token, qid, action="edit", answer=answers["Digitalisaatio"]["id"],
                text="Digitalisaatio ja etäpalvelut")
    assert edit.status_code == 303
    ben_answer = answers["Pitkät välimatkat"]["id"]
    assert post(anna, code, anna_token, qid, action="upvote", answer=ben_answer).status_code == 303
    again = anna.get(post(anna, code, anna_token, qid, action="upvote", answer=ben_answer).headers["location"])
    assert translate("fi", "question.phone_upvote_again") in text_of(again.text)
    assert sorted(a["text"] for a in store.answers(code, qid) if a["token"] == anna_token) == [
        "Digitalisaatio ja etäpalvelut", "Henkilöstöpula"]
    assert [(u["answer_id"], u["token"]) for u in store.upvotes(code, qid)] == [(ben_answer, anna_token)]
    page = text_of(anna.get("/ballot", params={"round": code, "question": qid}).text)
    assert translate("fi", "question.upvotes", count=1) in page and translate("fi", "question.phone_upvoted") in page


def test_own_answers_cannot_be_upvoted_and_a_refusal_keeps_what_was_typed(store, asked):
    """No up-vote button on one's own answer (and the store refuses it); a too long answer is refused in the
    user's language naming the limit, with the text still in the box; nothing is stored."""
    code, qid = asked
    client, token = answered(asked, "sv", "Eget svar")
    own = store.answers(code, qid)[0]["id"]
    page = client.get("/ballot", params={"round": code, "question": qid, "lang": "sv"}).text
    assert f'name="answer" value="{own}"' not in page.split(translate("sv", "question.phone_others"))[1]
    refused = post(client, code, token, qid, "sv", action="upvote", answer=own)
    assert refused.headers["x-ballot"] == "refused"
    assert translate("sv", "question.refused_own_answer") in text_of(refused.text)
    long_text = "å" * (question.MAX_ANSWER + 1)
    too_long = post(client, code, token, qid, "sv", action="answer", text=long_text)
    assert translate("sv", "question.refused_answer_long", limit=question.MAX_ANSWER) in text_of(too_long.text)
    assert f'value="{long_text}"' in too_long.text and len(store.answers(code, qid)) == 1


def test_answers_are_shown_as_plain_text_and_a_hidden_answer_not_at_all(store, asked):
    """Markup in an answer is shown as its characters on another phone; a hidden answer is on no other phone."""
    code, qid = asked
    writer, reader = phone(), phone()
    token = join(writer, code)
    post(writer, code, token, qid, action="answer", text='<img src=x onerror=alert(1)> **lihavoitu**')
    post(writer, code, token, qid, action="answer", text="Piilotettava kommentti")
    join(reader, code)
    page = reader.get("/ballot", params={"round": code, "question": qid}).text
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; **lihavoitu**" in page
    hidden = next(a["id"] for a in store.answers(code, qid) if a["text"] == "Piilotettava kommentti")
    store.hide_answer(code, hidden)
    page = reader.get("/ballot", params={"round": code, "question": qid}).text
    assert "Piilotettava kommentti" not in page and hidden not in page


def test_a_closed_question_says_so_and_takes_nothing(store, asked):
    """After the close: no answer box, no up-vote buttons, the note in the user's language; a late POST refused."""
    code, qid = asked
    client, token = answered(asked, "en", "Before the close")
    store.close_question(code, qid)
    page = client.get("/ballot", params={"round": code, "question": qid, "lang": "en"})
    assert translate("en", "question.closed_note") in text_of(page.text) and "<form" not in page.text
    late = post(client, code, token, qid, "en", action="answer", text="Too late")
    assert late.headers["x-ballot"] == "refused" and [a["text"] for a in store.answers(code, qid)] == [
        "Before the close"]
    ballot = client.get("/ballot", params={"round": code, "lang": "en"})
    assert translate("en", "question.phone_answer") not in ballot.text


def test_a_made_up_token_or_question_is_refused(store, asked):
    """A token the server never issued, or a question id that is not the round's: refused, nothing stored."""
    code, qid = asked
    client = phone()
    join(client, code)
    made_up = post(client, code, "A" * 22, qid, action="answer", text="Keksitty")
    assert made_up.headers["x-ballot"] == "refused" and store.answers(code, qid) == []
    token = join(client, code)
    unknown = client.get("/ballot", params={"round": code, "question": "nosuchq1", "voter": token})
    assert translate("fi", "question.refused_question_unknown") in text_of(unknown.text)


def answering_phone(url, code, qid, phone_no, acked, stop):
    """One participant after another from this thread: join, send answers up to the limit; an answer counts as
    acknowledged only when the 303 of its commit came back. Ends when the server stops answering."""
    while not stop.is_set():
        try:
            with httpx.Client(base_url=url, timeout=30) as client:
                token = client.get("/ballot", params={"round": code}).headers["x-voter"]
                for n in range(question.MAX_ANSWERS):
                    text = f"Puhelin {phone_no}, vastaus {n}"
                    sent = client.post("/ballot", data={"round": code, "voter": token, "question": qid,
                                                        "action": "answer", "text": text})
                    if sent.status_code == 303:
                        acked.append((token, text))
        except httpx.TransportError:
            return


def test_every_acknowledged_answer_survives_a_server_killed_while_phones_answer(vote_target, tmp_path, monkeypatch):
    """Eight phones keep answering through a running app server; after 40 acknowledged answers it gets SIGKILL.
    Every acknowledged answer is in the store afterwards, as sent (on PostgreSQL and on the DuckDB file)."""
    target = vote_store.store(vote_target)
    code = target.open_round("Kaatumistesti")
    qid = target.open_question(code, QUESTION)
    vote_store.forget(vote_target)
    monkeypatch.setenv("SONET_VOTES_STORE", str(vote_target))
    monkeypatch.setenv("SONET_TOKENS_PER_MINUTE", "100000")  # every phone here comes from 127.0.0.1
    server = Server(tmp_path)
    server.start()
    acked = []
    with phones_until_acknowledged(lambda i, stop: answering_phone(server.url, code, qid, i, acked, stop), acked,
                                   server.proc, server.stop):
        server.kill()
    assert server.proc.returncode == -signal.SIGKILL
    stored = {(a["token"], a["text"]) for a in vote_store.store(vote_target).answers(code, qid)}
    vote_store.forget(vote_target)
    lost = [pair for pair in acked if pair not in stored]
    assert not lost, f"{len(lost)} of {len(acked)} acknowledged answers lost, e.g. {lost[:3]}"
