"""The meeting vote per centre: a round belongs to a centre and offers that centre's focus areas; a centre without a
list is told how to add one; a list comes in through the Data page's checked upload.

The focus-area titles uploaded here (LIST) are SYNTHETIC TEST TEXT written into a temporary copy of data/ only."""
import csv
import html
import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from app_helpers import editor_page, log_in, open_round
from bad_uploads import one_problem_texts
from calc.ballot import BallotRefused
from datacopy import app_data_copy, snapshot
from ingest import upload_history, upload_plan
from ingest.problems import Rejected
from ingest.upload_check import Context, check
from locales import LANGUAGES, translate
from queries import vote_store
from ui import ballot_page
from vote_helpers import first_layout_file, page_store

CENTRE = "yta_pohjois_suomi"
LIST = ("centre;id;title_fi;title_sv;title_en\n"
        f"{CENTRE};1;Testipainopiste yksi;Testprioritering ett;Test focus area one\n"
        f"{CENTRE};2;Testipainopiste kaksi;Testprioritering två;Test focus area two\n"
        f"{CENTRE};4;Testipainopiste neljä;Testprioritering fyra;Test focus area four\n")


@pytest.fixture
def votes(tmp_path, monkeypatch):
    """The pages' vote store: a DuckDB file of this test's own."""
    yield from page_store("SONET_VOTES_DB", tmp_path / "votes.duckdb", monkeypatch)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ that the app reads and writes; caches cleared around it."""
    yield from app_data_copy(tmp_path / "data", monkeypatch)


def upload_list(folder, content, mode="merge"):
    """Check, plan and save a focus-area list as the Data page does."""
    checked = check("focus_areas", "painopisteet.csv", content.encode("utf-8"), Context.load(folder))
    return upload_history.apply(upload_plan.plan(checked, folder, mode), folder, "test editor")


def test_a_round_opened_for_a_2025_centre_is_not_listed_under_sonet_botnia(store):
    """On both backends: the round is the centre's, offers its areas only, and SONet BOTNIA's list never shows it."""
    botnia = store.open_round("SONet BOTNIA")
    other = store.open_round("Pohjois-Suomi", centre=CENTRE, areas=[1, 2, 4])
    assert [r["code"] for r in store.rounds()] == [botnia]
    assert [r["code"] for r in store.rounds("sonet_botnia")] == [botnia]
    assert [(r["code"], r["areas"]) for r in store.rounds(CENTRE)] == [(other, [1, 2, 4])]
    token = store.issue_token(other, ("phone", "10.0.0.2"))
    with pytest.raises(BallotRefused) as refused:
        store.submit(other, token, [4, 3])
    assert refused.value.reason == "area_range" and refused.value.values["numbers"] == "1, 2, 4"
    assert store.submit(other, token, [4, 1]).areas == (4, 1)
    assert store.round(other)["ballots"] == 1 and store.round(botnia)["ballots"] == 0


def test_rounds_of_a_store_from_before_centres_belong_to_sonet_botnia(tmp_path):
    """A vote file whose rounds have no centre: they are SONet BOTNIA's, on the deck's 11 areas."""
    path = first_layout_file(tmp_path / "old.duckdb", "INSERT INTO vote_rounds VALUES ('ABCD', 'Old', now(), NULL)")
    store = vote_store.store(path)
    try:
        assert [r["code"] for r in store.rounds("sonet_botnia")] == ["ABCD"] and store.rounds(CENTRE) == []
        token = store.issue_token("ABCD", ("phone", "10.0.0.2"))
        assert store.submit("ABCD", token, [11, 1]).areas == (11, 1)
    finally:
        vote_store.forget(path)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_centre_without_a_list_says_how_to_add_one(votes, lang):
    """No focus areas, no vote form: the page says how to add the list through the Data page."""
    at = editor_page({"lang": lang, "centre": CENTRE})
    assert not at.exception
    expected = [i.value for i in at.info if translate(lang, "tables.focus_areas") in i.value]
    assert len(expected) == 1
    assert all(column in expected[0] for column in ("centre", "id", "title_fi", "title_sv", "title_en"))
    assert translate(lang, "nav.data") in expected[0] and translate(lang, "upload.title") in expected[0]
    assert not at.tabs and "round-title" not in [t.key for t in at.text_input]


def test_an_uploaded_list_becomes_the_centres_ballot(votes, data_dir):
    """Upload a list for a 2025 centre; the editor opens a round on it and the phones' ballot offers exactly it."""
    upload_list(data_dir, LIST)
    at = editor_page({"lang": "en", "centre": CENTRE})
    assert not at.exception
    shown = [t.value for t in at.text]
    assert {"1. Test focus area one", "2. Test focus area two", "4. Test focus area four"} <= set(shown)
    log_in(at)
    code = open_round(at, "Pohjois-Suomi 2025")
    assert votes.round(code)["centre"] == CENTRE and votes.round(code)["areas"] == [1, 2, 4]
    assert [r["code"] for r in votes.rounds()] == []
    page = TestClient(Starlette(routes=ballot_page.ROUTES)).get("/ballot", params={"round": code, "lang": "sv"})
    options = re.findall(r'<option value="(\d+)">\1\. ([^<]*)</option>', page.text)
    with (data_dir / "raw" / "updates" / "focus_areas.csv").open(encoding="utf-8") as handle:
        raw = [(r["id"], r["title_sv"]) for r in csv.DictReader(handle) if r["centre"] == CENTRE]
    assert [(a, html.unescape(t)) for a, t in options[:3]] == raw


@pytest.mark.parametrize("row, column, key, values", [
    ("nowhere;3;A;B;C", "centre", "unknown_centre_id", {"value": "nowhere"}),
    (f"{CENTRE};1;A;B;C", "id", "duplicate", {"fields": "centre, id", "other": 2}),
    (f"{CENTRE};3;;B;C", "title_fi", "missing_value", {}),
    (f"{CENTRE};3;A;B;", "title_en", "missing_value", {}),
    ("sonet_botnia;3;A;B;C", "centre", "deck_list", {"value": "sonet_botnia"}),
    (f"{CENTRE};2,5;A;B;C", "id", "not_ordinal", {"value": "2,5"}),
])
def test_a_bad_list_is_refused_naming_the_row_and_nothing_changes(data_dir, row, column, key, values):
    """Row 3 of the file is bad: the refusal names file, row 3 and the column, and no stored file changes."""
    upload_list(data_dir, LIST)
    before = snapshot(data_dir)
    content = f"centre;id;title_fi;title_sv;title_en\n{CENTRE};1;Yksi;Ett;One\n{row}\n"
    with pytest.raises(Rejected) as refused:
        upload_list(data_dir, content)
    for text in one_problem_texts(refused.value, "painopisteet.csv", 3, column, key).values():
        assert all(str(v) in text for v in values.values())
    assert snapshot(data_dir) == before


def test_replacing_a_list_replaces_only_that_centres(data_dir):
    """'Replace' leaves exactly the file's areas for the centre it names, and the history can put the old back."""
    upload_list(data_dir, LIST)
    upload_list(data_dir, "centre;id;title_fi;title_sv;title_en\nyta_ita_suomi;1;Itä;Öst;East\n")
    upload_list(data_dir, f"centre;id;title_fi;title_sv;title_en\n{CENTRE};7;Seitsemän;Sju;Seven\n", "replace")
    with (data_dir / "focus_areas.csv").open(encoding="utf-8") as handle:
        rows = [(r["centre"], r["id"]) for r in csv.DictReader(handle) if r["centre"] != "sonet_botnia"]
    assert rows == [("yta_ita_suomi", "1"), (CENTRE, "7")]
    entry = upload_history.history("focus_areas", data_dir)[0]
    upload_history.restore("focus_areas", entry["id"], data_dir, "test editor")
    with (data_dir / "focus_areas.csv").open(encoding="utf-8") as handle:
        ids = [r["id"] for r in csv.DictReader(handle) if r["centre"] == CENTRE]
    assert ids == ["1", "2", "4"]
