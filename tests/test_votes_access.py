"""Who may put a ballot in (issue 16: any script could mint tokens, 40 counted ballots in 2 s). A ballot needs a
token the store issued for its round; new tokens are limited per client; a round can take ballots only with
one-time participant codes; the shared screen counts tokens issued beside ballots received. Both backends."""
import pytest

from queries import vote_store
from queries.vote_store import BallotRefused
from vote_helpers import first_layout_file

PHONE = ("phone-session", "192.168.1.20")


def refused(call, *args):
    """The reason a store call was refused with."""
    with pytest.raises(BallotRefused) as error:
        call(*args)
    return error.value.reason


def test_a_made_up_token_is_not_counted(store):
    """Forty well-formed tokens the server never issued: forty refusals, no ballot."""
    code = store.open_round("Round")
    reasons = {refused(store.submit, code, vote_store.new_token(), [1, 2, 3]) for _ in range(40)}
    assert reasons == {"token_unknown"} and store.round(code)["ballots"] == 0


def test_an_issued_token_votes_and_can_resend(store):
    """The phone's token takes its ballot and replaces it when sent again; the round counts one of each."""
    code = store.open_round("Round")
    token = store.issue_token(code, PHONE)
    store.submit(code, token, [3, 1])
    assert store.submit(code, token, [4]).revision == 2
    assert (store.round(code)["tokens"], store.round(code)["ballots"]) == (1, 1)


def test_a_token_of_another_round_is_refused(store):
    """A token is for its own round only."""
    first, second = store.open_round("First"), store.open_round("Second")
    token = store.issue_token(first, PHONE)
    assert refused(store.submit, second, token, [1]) == "token_unknown"


def test_one_client_gets_a_few_tokens_and_no_more(store):
    """A script in one session mints three tokens; the fourth is refused, while another phone still gets one."""
    code = store.open_round("Round")
    tokens = [store.issue_token(code, PHONE) for _ in range(vote_store.TOKENS_PER_CLIENT)]
    assert len(set(tokens)) == vote_store.TOKENS_PER_CLIENT
    assert refused(store.issue_token, code, PHONE) == "too_many_tokens"
    assert store.issue_token(code, ("other-phone", "192.168.1.20"))


def test_one_address_gets_a_meetings_worth_of_tokens_a_minute(store):
    """Sixty new sessions from one address in a minute get tokens, the 61st is refused; another address is not."""
    code = store.open_round("Round")
    for n in range(vote_store.TOKENS_PER_ADDRESS_MINUTE):
        store.issue_token(code, (f"session-{n}", "10.0.0.9"))
    assert refused(store.issue_token, code, ("session-x", "10.0.0.9")) == "too_many_tokens"
    assert store.issue_token(code, ("session-x", "10.0.0.10"))
    assert store.round(code)["tokens"] == vote_store.TOKENS_PER_ADDRESS_MINUTE + 1


def test_a_codes_round_takes_ballots_only_with_an_unused_code(store):
    """Participant codes: no open tokens; a code gives one token (typed in lower case with spaces too); a used
    code is refused on another phone; a made-up code is refused."""
    code = store.open_round("Round", "codes", 5)
    codes = [r["code"] for r in store.participant_codes(code)]
    assert len(set(codes)) == 5 and all(len(c) == vote_store.PARTICIPANT_CODE_LENGTH for c in codes)
    assert refused(store.issue_token, code, PHONE) == "code_needed"
    token = store.redeem(code, f" {codes[0][:3].lower()} {codes[0][3:]} ", PHONE)
    store.submit(code, token, [2, 5])
    assert store.submit(code, token, [5, 2]).revision == 2
    assert refused(store.redeem, code, codes[0], ("other-phone", "192.168.1.21")) == "participant_code_used"
    assert refused(store.redeem, code, "ZZZZZZ", PHONE) == "participant_code_unknown"
    assert [r["used"] for r in store.participant_codes(code)].count(True) == 1
    assert (store.round(code)["tokens"], store.round(code)["ballots"]) == (1, 1)


def test_guessing_codes_is_cut_short(store):
    """Ten wrong codes from one phone, then even a right one is refused for that phone."""
    code = store.open_round("Round", "codes", 3)
    for _ in range(vote_store.CODE_TRIES):
        assert refused(store.redeem, code, "ZZZZZZ", PHONE) == "participant_code_unknown"
    good = store.participant_codes(code)[0]["code"]
    assert refused(store.redeem, code, good, PHONE) == "too_many_code_tries"
    assert store.redeem(code, good, ("facilitator-helped", "192.168.1.22"))


@pytest.mark.parametrize("access, codes, reason", [("secret", 0, "access"), ("codes", 0, "codes_count"),
                                                   ("codes", 201, "codes_count"), ("codes", True, "codes_count")])
def test_bad_round_settings_are_refused(store, access, codes, reason):
    """The mode is open or codes, and a codes round has 1-200 codes."""
    assert refused(store.open_round, "Round", access, codes) == reason


def test_ballots_from_before_tokens_were_issued_still_count_and_can_be_resent(tmp_path):
    """A vote file of the earlier layout: its ballots keep counting and their senders can still replace them."""
    token = vote_store.new_token()
    path = first_layout_file(
        tmp_path / "old.duckdb",
        "CREATE TABLE vote_ballots (round_code VARCHAR NOT NULL, token VARCHAR NOT NULL, name VARCHAR,"
        " areas INTEGER[] NOT NULL, importance INTEGER[] NOT NULL, feasibility INTEGER[] NOT NULL,"
        " submitted_at TIMESTAMP NOT NULL, revision INTEGER NOT NULL, PRIMARY KEY (round_code, token))",
        "INSERT INTO vote_rounds VALUES ('ABCD', 'Old', now(), NULL)",
        ("INSERT INTO vote_ballots VALUES ('ABCD', ?, NULL, [1, 2], [NULL, NULL], [NULL, NULL], now(), 1)", [token]))
    store = vote_store.store(path)
    try:
        assert store.round("ABCD")["access"] == "open" and store.round("ABCD")["ballots"] == 1
        assert store.submit("ABCD", token, [2, 1]).revision == 2
    finally:
        vote_store.forget(path)


# --- pages --------------------------------------------------------------------------------------------------------

def test_facilitator_opens_a_codes_round_and_a_phone_votes_with_a_code(monkeypatch, tmp_path):
    """The editor picks participant codes; the screen lists them and counts tokens beside ballots; a phone types
    a code, votes, and the counts move; the same code on another phone is refused."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from app_helpers import button, editor_page, log_in
    from ui import ballot_page

    monkeypatch.setenv("SONET_VOTES_DB", str(tmp_path / "votes.duckdb"))
    monkeypatch.delenv("SONET_VOTES_STORE", raising=False)
    at = editor_page({"lang": "en"})
    log_in(at)
    at.text_input(key="round-title").input("Kehittämispäivä")
    at.radio(key="round-access").set_value("codes")
    at.number_input(key="round-codes").set_value(12)
    button(at, "Open the round").click().run()
    assert not at.exception
    code = at.session_state["shown_round"]
    shown = at.dataframe[0].value
    assert len(shown) == 12 and set(shown["Used"]) == {"free"}
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Tokens issued"], metrics["Ballots"]) == ("0", "0")

    first = shown["Participant code"][0]
    phone = TestClient(Starlette(routes=ballot_page.ROUTES))
    assert 'name="pcode"' in phone.get("/ballot", params={"round": code, "lang": "en"}).text
    token = phone.get("/ballot", params={"round": code, "pcode": first.lower(), "lang": "en"}).headers["x-voter"]
    sent = phone.post("/ballot", data={"round": code, "voter": token, "lang": "en", "place1": "6", "place2": "2"})
    assert sent.headers["x-ballot"] == "stored" and "Received" in sent.text
    other = TestClient(Starlette(routes=ballot_page.ROUTES))
    again = other.get("/ballot", params={"round": code, "pcode": first, "lang": "en"})
    assert "That participant code has already been used. Ask the facilitator for another one." in again.text
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Tokens issued"], metrics["Ballots"]) == ("1", "1")
    assert list(at.dataframe[0].value["Used"]).count("used") == 1


def test_a_script_posting_to_the_ballot_page_counts_nothing(vote_target, monkeypatch):
    """The probe's script: forty POSTs to /ballot with made-up tokens and no cookie, none counted; a phone that
    opens the page first gets its token and its ballot counts."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from ui import ballot_page

    monkeypatch.setenv("SONET_VOTES_STORE", str(vote_target))
    store = vote_store.store(vote_target)
    try:
        code = store.open_round("Round")
        script = TestClient(Starlette(routes=ballot_page.ROUTES))
        outcomes = {script.post("/ballot", data={"round": code, "voter": vote_store.new_token(), "place1": "3"},
                                cookies={}).headers["x-ballot"] for _ in range(40)}
        assert outcomes == {"refused"} and store.round(code)["ballots"] == 0
        phone = TestClient(Starlette(routes=ballot_page.ROUTES))
        token = phone.get("/ballot", params={"round": code}).headers["x-voter"]
        assert phone.post("/ballot", data={"round": code, "voter": token, "place1": "3"}).headers["x-ballot"] == \
            "stored"
        assert (store.round(code)["tokens"], store.round(code)["ballots"]) == (1, 1)
    finally:
        vote_store.forget(vote_target)


def test_the_ballot_page_asks_for_a_participant_code(vote_target, monkeypatch):
    """A codes round on /ballot: the code box first, the ballot once a code is given, a used code refused."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from locales import translate
    from ui import ballot_page

    monkeypatch.setenv("SONET_VOTES_STORE", str(vote_target))
    store = vote_store.store(vote_target)
    try:
        code = store.open_round("Round", "codes", 2)
        first = store.participant_codes(code)[0]["code"]
        phone = TestClient(Starlette(routes=ballot_page.ROUTES))
        page = phone.get("/ballot", params={"round": code, "lang": "en"})
        assert 'name="pcode"' in page.text and "x-voter" not in page.headers
        token = phone.get("/ballot", params={"round": code, "pcode": first, "lang": "en"}).headers["x-voter"]
        assert phone.post("/ballot", data={"round": code, "voter": token, "place1": "8"}).headers["x-ballot"] == \
            "stored"
        other = TestClient(Starlette(routes=ballot_page.ROUTES))
        again = other.get("/ballot", params={"round": code, "pcode": first, "lang": "en"})
        assert translate("en", "vote.refused_participant_code_used") in again.text
        assert store.round(code)["ballots"] == 1
    finally:
        vote_store.forget(vote_target)
