"""The light ballot page (/ballot): the same rules as the store, three languages, names as plain text, the token in a
cookie. Driven over HTTP by Starlette's test client against the page's own routes, on both store backends."""
import csv
import html
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from calc import ballot as rules
from conftest import RAW
from locales import LANGUAGES, translate
from ui import ballot_page
from ui.votes import common
from vote_helpers import page_store


@pytest.fixture
def store(vote_target, monkeypatch):
    """The page's store (SONET_VOTES_STORE) on each backend, released afterwards."""
    yield from page_store("SONET_VOTES_STORE", vote_target, monkeypatch)


@pytest.fixture
def client():
    """A phone's browser: keeps the page's cookie between requests."""
    return TestClient(Starlette(routes=ballot_page.ROUTES))


def raw_titles(lang):
    """Focus area id -> title, read straight from the raw CSV (not through the app's query)."""
    with (RAW / "sonet_botnia" / "priorities.csv").open(encoding="utf-8") as handle:
        return {int(row["id"]): row[f"title_{lang}"] for row in csv.DictReader(handle)}


def text_of(page):
    """The page's visible text: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def send(client, code, token, lang="fi", **fields):
    """POST the form as a phone would."""
    return client.post("/ballot", data={"round": code, "voter": token, "lang": lang, **fields})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_offers_the_11_areas_in_each_language(store, client, lang):
    """Five places, each a list of the 11 focus areas titled in the page's language; no script on the page."""
    code = store.open_round("Kehittämispäivä 12.4.2019")
    page = client.get("/ballot", params={"round": code.lower(), "lang": lang})
    assert page.status_code == 200 and page.headers["content-language"] == lang
    for area, title in raw_titles(lang).items():
        assert page.text.count(f'<option value="{area}">{area}. {html.escape(title)}</option>') == 5
    assert translate(lang, "vote.send") in page.text and "<script" not in page.text
    assert "Kehittämispäivä 12.4.2019" in text_of(page.text)


def test_a_ballot_is_stored_and_shown_back_and_a_resend_replaces_it(store, client):
    """The receipt repeats what was committed; the same phone sending again replaces it and counts once."""
    code = store.open_round("Round")
    token = client.get("/ballot", params={"round": code}).headers["x-voter"]
    first = send(client, code, token, place1="3", imp1="5", place2="1", place3="", place4="7", fea4="2",
                 name="  Anna  ")
    assert first.headers["x-ballot"] == "stored"
    stored = store.ballot(code, token)
    assert (stored["areas"], stored["importance"], stored["feasibility"], stored["name"]) == \
        ([3, 1, 7], [5, None, None], [None, None, 2], "Anna")
    titles = raw_titles("fi")
    shown = text_of(first.text)
    assert f"3. {titles[3]}" in shown and f"7. {titles[7]}" in shown and "Nimi: Anna" in shown
    again = client.get("/ballot", params={"round": code})
    assert again.headers["x-voter"] == token and '<option value="3" selected>' in again.text
    second = send(client, code, token, place1="9")
    assert second.headers["x-ballot"] == "stored" and store.round(code)["ballots"] == 1
    assert store.ballot(code, token)["areas"] == [9] and store.ballot(code, token)["revision"] == 2
    when = common.local_time(store.ballot(code, token)["submitted_at"], "fi", "medium")
    assert translate("fi", "vote.received_again", time=when) in text_of(second.text)


@pytest.mark.parametrize("fields, reason, values", [
    ({"place1": "4", "place2": "4"}, "duplicate", {"area": 4}),
    ({}, "empty", {}),
    ({"place1": "12"}, "area_range", {"area": 12, "numbers": "1–11"}),
    ({"place1": "x1"}, "area_range", {"area": "x1", "numbers": "1–11"}),
    ({"place1": "2", "imp1": "6"}, "rating_range", {"rating": 6}),
    ({"place1": "2", "name": "n" * 61}, "name_long", {"limit": 60}),
])
def test_a_bad_ballot_is_refused_in_the_users_language_and_nothing_changes(store, client, fields, reason, values):
    """The refusal names the problem in sv; the earlier ballot stays as it was."""
    code = store.open_round("Round")
    token = client.get("/ballot", params={"round": code}).headers["x-voter"]
    store.submit(code, token, [1, 2, 3])
    answer = send(client, code, token, lang="sv", **fields)
    assert answer.headers["x-ballot"] == "refused"
    assert translate("sv", f"vote.refused_{reason}", **values) in text_of(answer.text)
    assert store.ballot(code, token)["areas"] == [1, 2, 3] and store.round(code)["ballots"] == 1
    if fields.get("place1", "").isdigit() and int(fields["place1"]) <= 11:
        assert f'<option value="{fields["place1"]}" selected>' in answer.text, "the form comes back as sent"


def test_a_closed_round_refuses_and_shows_the_final_ballot(store, client):
    """After closing, a resend is refused and the page shows the ballot that counts; an unknown code is named."""
    code = store.open_round("Round")
    token = client.get("/ballot", params={"round": code, "lang": "en"}).headers["x-voter"]
    send(client, code, token, lang="en", place1="5")
    store.close_round(code)
    refused = send(client, code, token, lang="en", place1="6")
    assert refused.headers["x-ballot"] == "refused" and store.ballot(code, token)["areas"] == [5]
    assert translate("en", "vote.refused_closed", code=code) in text_of(refused.text)
    shown = client.get("/ballot", params={"round": code, "lang": "en"})
    assert translate("en", "vote.your_final") in shown.text and "<form method=\"post\"" not in shown.text
    unknown = client.get("/ballot", params={"round": "zz zz", "lang": "en"})
    assert translate("en", "vote.refused_unknown_round", code="ZZZZ") in text_of(unknown.text)
    assert '<input type="text" id="round" name="round"' in unknown.text, "the code can be typed again"


def test_an_old_vote_page_link_opens_the_ballot_page(store, client):
    """/vote?round=&voter=&lang= (the Streamlit Vote page's links and QR codes) leads to the ballot page with the
    same round, token and language; the participant's ballot there is theirs."""
    code = store.open_round("Round")
    token = store.issue_token(code, ("their-phone", "192.168.1.30"))
    moved = client.get("/vote", params={"round": code, "voter": token, "lang": "sv"}, follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == f"/ballot?round={code}&voter={token}&lang=sv"
    page = client.get("/vote", params={"round": code, "voter": token, "lang": "sv"})
    assert page.headers["x-voter"] == token and page.headers["content-language"] == "sv"
    assert translate("sv", "vote.send") in page.text
    assert client.get("/vote", follow_redirects=False).headers["location"] == "/ballot"


def test_names_and_titles_are_plain_text(store, client):
    """Markup typed as a name or a round title reaches the page escaped, exactly as typed."""
    code = store.open_round("<b>Round</b> & co")
    token = client.get("/ballot", params={"round": code}).headers["x-voter"]
    answer = send(client, code, token, place1="1", name='<img src=x onerror="alert(1)">')
    assert "<img" not in answer.text and "<b>Round" not in answer.text
    assert '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;' in answer.text and "&lt;b&gt;Round&lt;/b&gt; &amp; co" \
        in answer.text
    assert store.ballot(code, token)["name"] == '<img src=x onerror="alert(1)">'


def test_someone_opening_another_participants_link_can_answer_apart(store, client):
    """A link with ?voter= of someone who answered says so; 'not you' gives a new token and a ballot of one's own."""
    code = store.open_round("Round")
    theirs = store.issue_token(code, ("their-phone", "192.168.1.30"))
    store.submit(code, theirs, [1], name="Pekka")
    shown = client.get("/ballot", params={"round": code, "voter": theirs})
    assert translate("fi", "vote.not_me") in shown.text and "new=1" in shown.text
    assert translate("fi", "vote.recorded_name", name="Pekka") in text_of(shown.text)
    mine = client.get("/ballot", params={"round": code, "new": "1"}).headers["x-voter"]
    assert mine != theirs and rules.valid_token(mine)
    send(client, code, mine, place1="2")
    assert store.ballot(code, theirs)["areas"] == [1] and store.ballot(code, mine)["areas"] == [2]
    assert store.round(code)["ballots"] == 2
