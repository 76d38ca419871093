"""Meeting votes: Borda and Kendall's W by hand, the store's rules, concurrency, editor login, pages (a killed server:
tests/test_vote_servers.py)."""
import itertools
import math

import pytest

from app_helpers import PASSWORD, button, editor_page, editor_with_round, log_in, open_app_page, open_round
from calc import ballot as rules
from calc.ballot import BallotRefused
from calc.vote_tally import agreement, kendall_w, ranks, results, summary
from conftest import DATA
from locales import LANGUAGES, translate
from queries import vote_store
from queries.vote_store import StoreBusy
from ui import auth
from vote_helpers import own_vote_file, released_together


def ballot(*areas, importance=None, feasibility=None):
    """A ballot as the store returns it, for the tally functions."""
    none = [None] * len(areas)
    return {"areas": list(areas), "importance": importance or none, "feasibility": feasibility or none,
            "name": None}


@pytest.fixture(autouse=True)
def own_votes(tmp_path, monkeypatch):
    """Each test's pages and default store use a vote file of their own."""
    yield from own_vote_file(tmp_path / "default-votes.duckdb", monkeypatch)


# --- Borda, top-5 counts and Kendall's W against hand-computed cases -------------------------------------------

def test_borda_points_and_top5_counts_by_hand():
    """[1,2,3,4,5], [2,1,3,6,7], [2,3]: area 2 gets 4+5+5 = 14, area 3 3+3+4 = 10, area 1 5+4 = 9, ..."""
    table = results([ballot(1, 2, 3, 4, 5), ballot(2, 1, 3, 6, 7), ballot(2, 3)]).set_index("area")
    assert table["points"].to_dict() == {1: 9, 2: 14, 3: 10, 4: 2, 5: 1, 6: 2, 7: 1, 8: 0, 9: 0, 10: 0, 11: 0}
    assert table["top5"].to_dict() == {1: 2, 2: 3, 3: 3, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 0, 10: 0, 11: 0}
    assert table["first"].to_dict() == {1: 1, 2: 2, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 0}
    assert table["rank"].to_dict() == {2: 1, 3: 2, 1: 3, 4: 4, 6: 4, 5: 6, 7: 6, 8: 8, 9: 8, 10: 8, 11: 8}
    assert list(results([ballot(1, 2, 3, 4, 5), ballot(2, 1, 3, 6, 7), ballot(2, 3)])["area"][:3]) == [2, 3, 1]


def test_unanimous_ballots_give_w_1():
    """Three identical top-5 ballots agree completely."""
    assert kendall_w([ranks([4, 8, 1, 11, 2])] * 3) == pytest.approx(1.0)


def test_ranks_tie_the_areas_left_out():
    """Chosen areas get 1..k; those left out share the mean of the remaining ranks: 8.5 for six, 7 for nine."""
    assert ranks([3, 1]) == [2.0, 7.0, 1.0] + [7.0] * 8
    assert ranks([1, 2, 3, 4, 5]) == [1.0, 2.0, 3.0, 4.0, 5.0] + [8.5] * 6


def test_w_of_mixed_cases_by_hand():
    """By hand, m = 11, n = 2, each ballot one tie of six (T = 6^3 - 6 = 210), denominator 4*1320 - 2*2*210 = 4440.

    Same five in reverse order: rank sums 6,6,6,6,6 and 17 x 6 around a mean of 12: S = 5*36 + 6*25 = 330,
    W = 12*330/4440. Disjoint fives [1..5] and [6..10]: sums 9.5..13.5 twice and 17: S = 2*11.25 + 25 = 47.5,
    W = 12*47.5/4440. Without ties (3 raters, 4 items): sums 4, 6, 8, 12: S = 35, W = 12*35/(9*60).
    """
    assert kendall_w([ranks([1, 2, 3, 4, 5]), ranks([5, 4, 3, 2, 1])]) == pytest.approx(3960 / 4440)
    assert kendall_w([ranks([1, 2, 3, 4, 5]), ranks([6, 7, 8, 9, 10])]) == pytest.approx(570 / 4440)
    assert kendall_w([[1, 2, 3, 4], [2, 1, 3, 4], [1, 3, 2, 4]]) == pytest.approx(420 / 540)


def test_w_needs_two_ballots_and_reads_in_plain_words():
    """One ballot has nothing to agree with; the levels follow W."""
    assert kendall_w([ranks([1, 2, 3])]) is None
    assert agreement(None) == "too_few"
    assert [agreement(w) for w in (0.05, 0.2, 0.4, 0.6, 0.9, 1.0)] == \
        ["none", "weak", "moderate", "strong", "very_strong", "very_strong"]
    result = summary([ballot(1, 2, 3, 4, 5), ballot(6, 7, 8, 9, 10)])
    assert result["agreement"] == "weak" and result["leaders"] == [1, 6]
    for lang in LANGUAGES:
        for level in ("too_few", "none", "weak", "moderate", "strong", "very_strong"):
            assert translate(lang, f"vote.agreement_{level}")


def test_mean_ratings_count_only_given_ratings():
    """Importance 5 and 3 for area 4 -> 4.0 from 2 ratings; a ballot that did not rate does not count."""
    table = results([ballot(4, 1, importance=[5, None], feasibility=[2, None]),
                     ballot(4, importance=[3], feasibility=[4]), ballot(4, 1)]).set_index("area")
    assert table.loc[4, "importance"] == 4.0 and table.loc[4, "importance_n"] == 2
    assert table.loc[4, "feasibility"] == 3.0 and table.loc[4, "feasibility_n"] == 2
    assert math.isnan(table.loc[1, "importance"]) and table.loc[1, "top5"] == 2


def test_the_store_knows_the_11_focus_areas(con):
    """The ids a ballot may use are exactly those of data/priorities.csv."""
    from queries import run
    assert list(run(con, "priorities")["id"]) == list(rules.AREAS)


CLIENTS = itertools.count()


def issued(store, code):
    """A token the store issued for the round to a client of its own, as a phone gets one."""
    return store.issue_token(code, (rules.new_token(), f"test-{next(CLIENTS)}"))


# --- the store: receipts, replacing, refusals --------------------------------------------------------------------

def test_ballot_is_acknowledged_with_what_was_recorded(store):
    """The receipt and the stored ballot hold round, token, order, ratings, name and time."""
    code = store.open_round("Kehittämispäivä 12.4.2019")
    token = issued(store, code)
    receipt = store.submit(code, token, [3, 1, 7], [5, None, 2], [4, None, None], "  Anna  ")
    stored = store.ballot(code, token)
    assert (receipt.areas, receipt.importance, receipt.feasibility, receipt.name) == \
        ((3, 1, 7), (5, None, 2), (4, None, None), "Anna")
    assert stored["areas"] == [3, 1, 7] and stored["importance"] == [5, None, 2] and stored["name"] == "Anna"
    assert stored["submitted_at"] == receipt.submitted_at and receipt.revision == 1
    assert store.round(code)["ballots"] == 1 and store.round(code)["title"] == "Kehittämispäivä 12.4.2019"


def test_resent_ballot_replaces_and_never_counts_twice(store):
    """The same participant sending again changes their ballot; the round still has one ballot from them."""
    code = store.open_round("Round")
    token, other = issued(store, code), issued(store, code)
    store.submit(code, token, [1, 2, 3, 4, 5], name="Pekka")
    store.submit(code, other, [2, 1])
    receipt = store.submit(code, token, [9, 8, 7, 6, 5])
    assert receipt.revision == 2
    ballots = store.ballots(code)
    assert len(ballots) == 2 and store.round(code)["ballots"] == 2
    mine = [b for b in ballots if b["token"] == token][0]
    assert mine["areas"] == [9, 8, 7, 6, 5] and mine["name"] is None
    assert summary(ballots)["table"].set_index("area").loc[9, "points"] == 5


@pytest.mark.parametrize("areas, reason", [
    ([], "empty"),
    ([0, 1], "area_range"),
    ([12], "area_range"),
    ([1, "3"], "area_range"),
    ([True, 2], "area_range"),
    ([4, 2, 4], "duplicate"),
    ([1, 2, 3, 4, 5, 6], "too_many"),
])
def test_bad_ballots_are_refused_and_nothing_changes(store, areas, reason):
    """A refused ballot names its reason, and the participant's earlier ballot stays as it was."""
    code = store.open_round("Round")
    token = issued(store, code)
    store.submit(code, token, [1, 2, 3])
    with pytest.raises(BallotRefused) as refused:
        store.submit(code, token, areas)
    assert refused.value.reason == reason
    assert store.ballot(code, token)["areas"] == [1, 2, 3] and store.round(code)["ballots"] == 1


def test_ballots_for_closed_or_unknown_rounds_are_refused(store):
    """Closing freezes a round: its ballots stay, a new or resent one is refused."""
    code = store.open_round("Round")
    token = issued(store, code)
    store.submit(code, token, [5, 4])
    closed = store.close_round(code)
    assert closed["closed_at"] is not None and closed["ballots"] == 1
    for who in (token, rules.new_token()):
        with pytest.raises(BallotRefused) as refused:
            store.submit(code, who, [1, 2])
        assert refused.value.reason == "closed"
    assert store.ballot(code, token)["areas"] == [5, 4] and store.round(code)["ballots"] == 1
    with pytest.raises(BallotRefused) as refused:
        store.submit("ZZZZ", rules.new_token(), [1])
    assert refused.value.reason == "unknown_round"


@pytest.mark.parametrize("kwargs, reason", [
    ({"importance": [6, None]}, "rating_range"),
    ({"feasibility": [0, 1]}, "rating_range"),
    ({"importance": [1]}, "ratings_count"),
    ({"name": "x" * 61}, "name_long"),
])
def test_bad_ratings_and_names_are_refused(store, kwargs, reason):
    """Ratings are 1-5 or none, one per chosen area; a name is at most 60 characters."""
    code = store.open_round("Round")
    with pytest.raises(BallotRefused) as refused:
        store.submit(code, issued(store, code), [1, 2], **kwargs)
    assert refused.value.reason == reason and store.round(code)["ballots"] == 0


def test_tokens_and_titles_are_checked(store):
    """A token must look like one the app made; a round needs a title."""
    code = store.open_round("Round")
    for token in ("short", "<script>alert(1)</script>xxxxxx", None):
        with pytest.raises(BallotRefused):
            store.submit(code, token, [1])
    with pytest.raises(BallotRefused) as refused:
        store.open_round("   ")
    assert refused.value.reason == "title_missing"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_refusal_has_a_message(lang):
    """Each reason the store can give is explained in every language, naming the value at fault."""
    cases = {"empty": {}, "too_many": {"count": 6, "limit": 5}, "area_range": {"area": 12, "numbers": "1–11"},
             "duplicate": {"area": 4}, "ratings_count": {"count": 1, "areas": 2}, "rating_range": {"rating": 6},
             "token": {}, "unknown_round": {"code": "ZZZZ"}, "closed": {"code": "K7QM"},
             "title_long": {"limit": 120}, "title_missing": {}, "name_long": {"limit": 60}, "no_areas": {}}
    for reason, values in cases.items():
        text = translate(lang, f"vote.refused_{reason}", **values)
        assert all(str(v) in text for v in values.values()), (reason, text)


def test_join_codes_are_short_and_forgiving(store):
    """A 4-character code without look-alike characters; typed in lower case with spaces it still matches."""
    codes = {store.open_round(f"Round {i}") for i in range(30)}
    assert len(codes) == 30 and all(len(c) == 4 and not set(c) & set("01IOL") for c in codes)
    code = sorted(codes)[0]
    assert rules.normalise_code(f" {code[:2].lower()} {code[2:]} ") == code
    assert rules.normalise_code("AB") is None and rules.typed_code("<b>x</b>") == "BXB"


def test_the_store_is_chosen_by_configuration(monkeypatch, tmp_path):
    """SONET_VOTES_STORE wins over the secrets file's [meeting] store; "duckdb" or nothing means the DuckDB file."""
    url = "postgresql://vote:secret@db.example/votes"
    monkeypatch.delenv("SONET_VOTES_STORE", raising=False)
    assert vote_store.configured_target() == vote_store.store_path() == tmp_path / "default-votes.duckdb"
    assert vote_store.configured_target("duckdb") == vote_store.store_path()
    assert vote_store.configured_target(url) == url
    monkeypatch.setenv("SONET_VOTES_STORE", "duckdb")
    assert vote_store.configured_target(url) == vote_store.store_path()
    assert vote_store.redacted(url) == "postgresql://vote:***@db.example/votes"


def test_an_unreachable_database_is_named_without_its_password(tmp_path):
    """A PostgreSQL server that does not answer is a StoreBusy the pages show, naming the address, not the password."""
    url = f"postgresql://vote:secret@/votes?host={tmp_path}&connect_timeout=1"
    with pytest.raises(StoreBusy) as busy:
        vote_store.PostgresStore(url, wait_s=2)
    assert "secret" not in str(busy.value.path) and "vote:***@" in str(busy.value.path)


# --- concurrency and a crash -------------------------------------------------------------------------------------

def test_50_simultaneous_ballots_all_count_once(store):
    """50 threads released together, each with its own token: exactly 50 ballots, each as sent."""
    code = store.open_round("Concurrent")
    tokens = [issued(store, code) for _ in range(50)]
    outcomes = released_together([lambda i=i: store.submit(code, tokens[i], [i % 11 + 1, (i + 1) % 11 + 1])
                                  for i in range(50)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    ballots = {b["token"]: b["areas"] for b in store.ballots(code)}
    assert len(ballots) == 50 and store.round(code)["ballots"] == 50
    assert all(ballots[t] == [i % 11 + 1, (i + 1) % 11 + 1] for i, t in enumerate(tokens))


def test_refused_ballots_sent_in_a_crowd_leave_the_others_stored(store):
    """40 ballots at once, every fourth with a token the store never issued: those ten are refused, the thirty
    others are stored as sent (DuckDB commits ballots that arrive together in one transaction)."""
    code = store.open_round("Crowd")
    tokens = [rules.new_token() if i % 4 == 0 else issued(store, code) for i in range(40)]
    outcomes = released_together([lambda t=t, i=i: store.submit(code, t, [i % 11 + 1]) for i, t in enumerate(tokens)])
    refused = [i for i, o in enumerate(outcomes) if isinstance(o, BallotRefused)]
    assert refused == list(range(0, 40, 4)) and {outcomes[i].reason for i in refused} == {"token_unknown"}
    stored = {b["token"]: b["areas"] for b in store.ballots(code)}
    assert stored == {t: [i % 11 + 1] for i, t in enumerate(tokens) if i % 4}


def test_a_failing_write_in_a_crowd_fails_alone(store):
    """30 ballot transactions at once, one of which writes a ballot and then fails: its caller gets the error and
    its ballot is not there; the 29 others are stored (a shared transaction that fails is tried one by one)."""
    code = store.open_round("Crowd")
    tokens = [issued(store, code) for _ in range(30)]

    def failing(cursor):
        store._write_ballot(cursor, round_code=code, token=tokens[7], name=None, areas=[1], importance=[None],
                            feasibility=[None], submitted_at=vote_store.now())
        raise RuntimeError("disk on fire")

    calls = [lambda t=t: store.submit(code, t, [2, 3]) for t in tokens]
    calls[7] = lambda: store._ballot_transaction(failing)
    outcomes = released_together(calls)
    assert isinstance(outcomes[7], RuntimeError)
    assert all(o.revision == 1 for i, o in enumerate(outcomes) if i != 7)
    stored = {b["token"]: b["areas"] for b in store.ballots(code)}
    assert stored == {t: [2, 3] for i, t in enumerate(tokens) if i != 7}


def test_50_simultaneous_resends_from_one_participant_leave_one_ballot(store):
    """The same token from 50 threads at once: one ballot, 50 revisions."""
    code = store.open_round("Concurrent")
    token = issued(store, code)
    outcomes = released_together([lambda i=i: store.submit(code, token, [i % 11 + 1]) for i in range(50)])
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    ballots = store.ballots(code)
    assert len(ballots) == 1 and ballots[0]["revision"] == 50


# --- editor login ------------------------------------------------------------------------------------------------

def test_password_hash_accepts_the_right_password_only():
    """scrypt with a random salt: two hashes of one password differ, both verify; a wrong one does not."""
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert auth.verify_password(PASSWORD, first) and auth.verify_password(PASSWORD, second)
    assert not auth.verify_password(PASSWORD + "x", first)
    assert not auth.verify_password(PASSWORD, "plain-text") and not auth.verify_password(PASSWORD, "")


# --- pages -------------------------------------------------------------------------------------------------------

def test_priorities_page_says_how_to_configure_an_editor():
    """Without an editor in secrets the page explains the one command; nobody can open a round."""
    at = open_app_page({"lang": "en"}, "priorities")
    assert not at.exception
    assert any("none is configured" in i.value for i in at.info)
    assert [c.value for c in at.code] == ["python -m ui.auth"]
    assert "Open the round" not in [b.label for b in at.button]


def test_editor_login_refuses_wrong_and_accepts_right_password():
    """The login form checks against the hash in secrets; only then can the editor open a round."""
    at = editor_page({"lang": "en"})
    at.text_input(key="editor-password").input("wrong password")
    button(at, "Log in").click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    assert "Open the round" not in [b.label for b in at.button]
    log_in(at)
    assert not at.exception and not at.error
    assert {"Open the round", "Log out (editor)"} <= {b.label for b in at.button}


def test_editor_opens_a_round_and_the_screen_shows_code_qr_and_results():
    """The shared screen: join code, QR image, link to the ballot page; results follow the ballots."""
    at, code = editor_with_round("**Kehittämispäivä** [x](http://example.org)")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Join code"] == code and metrics["Ballots"] == "0"
    assert any(f"/ballot?round={code}&lang=en" in c.value for c in at.code)
    assert len(at.get("image")) == 1
    assert "**Kehittämispäivä** [x](http://example.org)" in [t.value for t in at.text]
    store = vote_store.store()
    store.submit(code, issued(store, code), [7, 3, 1], [4, None, None], [3, None, None], name="Anna")
    store.submit(code, issued(store, code), [7, 1, 3], [5, None, None], [2, None, None])
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ballots"] == "2" and metrics["Leading"] == "7."
    assert "Named: Anna · anonymous: 1" in [t.value for t in at.text]
    table = at.dataframe[0].value.set_index("No.")
    assert table.loc[7, "Borda points"] == 10 and table.loc[7, "In top 5"] == 2
    assert table.loc[7, "Importance, mean"] == "4.50" and table.loc[7, "Feasibility, mean"] == "2.50"
    assert table.loc[3, "Importance, mean"] == "–" and table.loc[11, "Feasibility, mean"] == "–"
    assert [d.proto.label for d in at.get("download_button")] == ["Download data (CSV)"]
    button(at, "Close the round").click().run()
    assert not at.exception
    assert any("The round was closed" in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Ballots"] == "2"


def test_the_projector_view_shows_the_code_and_qr_large_with_the_results_beside_them():
    """The shared screen's projector view: nothing but the join code (in its large-type container), the QR code,
    the address, and beside them the round's figures and Borda ranking, which follow the ballots; one button
    back to the page."""
    import json

    at, code = editor_with_round("Projector")
    store = vote_store.store()
    store.submit(code, issued(store, code), [7, 3, 1])
    button(at, "Projector view").click().run()
    assert not at.exception and not at.tabs and not at.get("text_input")
    texts = [t.value for t in at.text]
    assert texts[:2] == ["Join code", code] and texts[3] == "Projector"
    assert texts[2].startswith("Scan the QR code with your phone – or open http") and texts[2].endswith(
        "/ballot and type the code.")
    assert len(at.get("image")) == 1 and {m.label: m.value for m in at.metric}["Ballots"] == "1"
    (borda,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert borda["data"][0]["y"][0].startswith("7. ")
    store.submit(code, issued(store, code), [3, 7])
    at.run()
    assert {m.label: m.value for m in at.metric}["Ballots"] == "2"
    button(at, "Back to the page").click().run()
    assert not at.exception and at.tabs and code in [m.value for m in at.metric]


def test_results_name_the_areas_and_separate_ties():
    """The Borda chart's axis names each focus area by its title (not '7.'); the matrix names its points and
    spreads two areas with the same means apart instead of drawing one over the other."""
    import json

    import queries

    at, code = editor_with_round("Ties")
    store = vote_store.store()
    store.submit(code, issued(store, code), [7, 3, 1], [4, 4, None], [3, 3, None])
    at.run()
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    borda, matrix = charts[0]["data"][0], charts[1]["data"]
    titles = {r["id"]: r["title_en"] for r in queries.run(queries.connect(DATA), "priorities").to_dict(
        "records")}
    labels = [label.replace("<br>", " ") for label in borda["y"]]
    assert labels[0].startswith(f"7. {titles[7][:30]}") and not any(label.endswith(".") for label in labels)
    points = list(zip(matrix[0]["x"], matrix[0]["y"]))
    assert len(points) == 2 and points[0] != points[1]  # areas 7 and 3 both rated (4, 3)
    assert all(abs(x - 3) < 0.2 and abs(y - 4) < 0.2 for x, y in points)
    assert {n.split(" ")[0] for n in matrix[1]["text"]} == {titles[7].split(" ")[0], titles[3].split(" ")[0]}
    assert translate("en", "vote.chart_borda") == charts[0]["layout"]["title"]["text"]


def test_past_rounds_open_on_the_newest_and_a_closed_empty_round_says_it_is_closed():
    """Two closed rounds: the list opens on the one closed last (with its final results); the older one, closed
    without ballots, says it was closed without votes, not that results will follow."""
    at, older = editor_with_round("Older, empty")
    button(at, "Close the round").click().run()
    newer = open_round(at, "Newer")
    store = vote_store.store()
    store.submit(newer, issued(store, newer), [5, 1, 11], [None] * 3, [None] * 3)
    button(at, "Close the round").click().run()
    at.session_state["past_round"] = None
    at.run()
    assert at.session_state["past_round"] == newer
    assert translate("en", "vote.no_ballots") not in [i.value for i in at.info]
    at.selectbox(key="past_round").select(older).run()
    infos = [i.value for i in at.info]
    assert translate("en", "vote.no_ballots_closed") in infos and translate("en", "vote.no_ballots") not in infos
