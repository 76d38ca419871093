"""A centre's action plan: the checked upload (refusals naming the row, decimal commas), late marking, the linked
indicator's latest value against the raw files, and the Priorities and Overview pages in fi, sv and en.

The actions below are SYNTHETIC TEST ROWS written into a temporary copy of data/ only; the dates are relative to
today, so "late" stays late whenever the suite runs."""
import csv
import json
from datetime import timedelta

import pytest

from app_helpers import new_app
from bad_uploads import one_problem_texts
from calc import action_plan as progress
from datacopy import app_data_copy, snapshot
from ingest.problems import Rejected
from locales import LANGUAGES, translate
from plan_helpers import HEADER, LONG_AGO, PLAN, TODAY, upload
from rawdata import centre_municipalities, rows
from ui import centres, frame


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of data/ that the app reads; caches cleared around it."""
    monkeypatch.setenv("SONET_VOTES_DB", str(tmp_path / "votes.duckdb"))
    yield from app_data_copy(tmp_path / "data", monkeypatch)


def page(name, lang):
    """A page of the app on the data copy, in a language."""
    at = new_app({"lang": lang}, name, timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(folder):
    """The built action plan, read with the csv module."""
    with (folder / "action_plan.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_plan_is_stored_with_iso_dates_status_codes_and_a_decimal_comma_target(data_dir):
    """Finnish dates and status words become ISO dates and codes; '6,5' is 6.5 and '440 000' 440000."""
    upload(data_dir, PLAN)
    got = {r["id"]: r for r in stored(data_dir)}
    assert got["2"]["status"] == "ongoing" and got["2"]["start"] == LONG_AGO.isoformat()
    assert (got["2"]["target_value"], got["2"]["target_year"]) == ("440000", "2030")
    assert [got["4"][c] for c in ("indicator", "target_value", "target_year")] == ["jobseekers_pct", "6.5", "2027"]


GOOD_ROW = {"centre": "sonet_botnia", "id": "9", "focus_area": "1", "action": "A", "owner": "johtaja",
            "start": "1.1.2025", "due": "2.2.2025", "status": "done", "indicator": "", "target_value": "",
            "target_year": ""}


def plan_line(**changes):
    """A line of a plan file (HEADER's columns): a good row with `changes`."""
    return ";".join({**GOOD_ROW, **changes}.values())


@pytest.mark.parametrize("changes, column, key", [
    ({"focus_area": "12"}, "focus_area", "unknown_focus_area"),
    ({"start": "1.3.2025"}, "due", "due_before_start"),
    ({"status": "finished"}, "status", "unknown_status"),
    ({"indicator": "populaatio", "target_value": "5", "target_year": "2030"}, "indicator", "unknown_indicator"),
    ({"owner": "anna.a@example.fi"}, "owner", "owner_personal"),
    ({"indicator": "population", "target_year": "2030"}, "target_value", "target_incomplete"),
    ({"centre": "yta_pohjois_suomi"}, "focus_area", "unknown_focus_area"),
    ({"id": "1"}, "id", "duplicate"),
])
def test_a_bad_plan_is_refused_naming_the_row_and_nothing_changes(data_dir, changes, column, key):
    """Row 3 of the file is bad: the refusal names file, row 3 and the column in every language; nothing stored
    changes (the plan saved before stays)."""
    upload(data_dir, PLAN)
    before = snapshot(data_dir)
    content = HEADER + plan_line(id="1", action="Hyvä rivi") + "\n" + plan_line(**changes) + "\n"
    with pytest.raises(Rejected) as refused:
        upload(data_dir, content, file="paivitys.csv")
    one_problem_texts(refused.value, "paivitys.csv", 3, column, key)
    assert snapshot(data_dir) == before


def test_late_means_due_before_today_and_not_done_or_dropped():
    """Due yesterday and planned or ongoing: late; due today, or done or dropped: not."""
    yesterday = TODAY - timedelta(days=1)
    assert progress.is_late(yesterday, "planned", TODAY) and progress.is_late(yesterday, "ongoing", TODAY)
    assert not progress.is_late(TODAY, "planned", TODAY)
    assert not progress.is_late(yesterday, "done", TODAY) and not progress.is_late(yesterday, "dropped", TODAY)
    rows_ = [{"due": yesterday, "status": "planned"}, {"due": yesterday, "status": "done"},
             {"due": TODAY, "status": "ongoing"}]
    assert progress.counts(rows_, TODAY) == {"done": 1, "ongoing": 1, "planned": 0, "late": 1, "dropped": 0}


def test_a_target_is_reached_in_the_indicators_better_direction():
    """Lower is better: at or below the target; higher: at or above; neutral or missing: no verdict."""
    assert progress.target_reached(6.5, 6.5, "lower") and not progress.target_reached(6.6, 6.5, "lower")
    assert progress.target_reached(80, 75, "higher") and not progress.target_reached(74.9, 75, "higher")
    assert progress.target_reached(5, 6, "neutral") is None and progress.target_reached(None, 6, "lower") is None


def raw_population_2025():
    """SONet BOTNIA's 40 municipalities' population at the end of 2025, summed from the raw Statistics Finland file."""
    members = set(centre_municipalities())
    return sum(int(r["vakiluku_2025"]) for r in rows("statfi/vakiluku_2025_kunnat.csv") if r["kunta_code"] in members)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_priorities_shows_each_areas_actions_late_marked_and_the_indicator_against_its_target(data_dir, lang):
    """Focus area 7's three actions with their statuses (the overdue planned one 'late'), the linked population's
    latest figure (2025, the sum of the raw file's 40 municipalities) against the target, and the progress chart."""
    upload(data_dir, PLAN)
    at = page("priorities", lang)
    tables = [d.value for d in at.dataframe if translate(lang, "plan.col_action") in d.value.columns]
    area7 = next(t for t in tables if "Testitoimenpide valmis" in set(t[translate(lang, "plan.col_action")]))
    status = dict(zip(area7[translate(lang, "plan.col_action")], area7[translate(lang, "plan.col_status")]))
    assert status == {"Testitoimenpide valmis": translate(lang, "plan.status_done"),
                      "Testitoimenpide käynnissä": translate(lang, "plan.status_ongoing"),
                      "Testitoimenpide myöhässä": translate(lang, "plan.status_late")}
    linked = dict(zip(area7[translate(lang, "plan.col_action")], area7[translate(lang, "plan.col_indicator")]))
    total = raw_population_2025()
    shown = f"{total:,}" if lang == "en" else f"{total:,}".replace(",", "\u00a0")
    assert f"{shown} (2025)" in linked["Testitoimenpide käynnissä"]
    target = translate(lang, "plan.target", value="440\u00a0000" if lang != "en" else "440,000", year=2030)
    assert linked["Testitoimenpide käynnissä"].endswith(target)  # population is neutral: no verdict
    assert linked["Testitoimenpide valmis"] == ""
    late_means = translate(lang, "plan.late_means", today=centres.day(TODAY.isoformat(), lang))
    assert late_means in [c.value for c in at.caption]
    specs = [json.loads(f.proto.spec) for f in at.get("plotly_chart")]
    title = translate(lang, "plan.chart_title", centre="SONet BOTNIA")
    chart = next(s for s in specs if s["layout"]["title"]["text"].replace("<br>", " ") == title)
    assert [t["name"] for t in chart["data"]] == [translate(lang, f"plan.status_{s}") for s in progress.COUNTED]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_gives_one_line_per_focus_area(data_dir, lang):
    """'7. <title>: 3 actions (1 done, 1 ongoing, 1 late)' and the dropped one of focus area 3."""
    upload(data_dir, PLAN)
    at = page("overview", lang)
    with (data_dir / "raw" / "sonet_botnia" / "priorities.csv").open(encoding="utf-8") as handle:
        titles = {r["id"]: r[f"title_{lang}"] for r in csv.DictReader(handle)}
    parts = ", ".join(translate(lang, f"plan.count_{s}", n=1) for s in ("done", "ongoing", "late"))
    expected = [f"3. {titles['3']}: " + translate(lang, "plan.summary", n=1,
                                                    parts=translate(lang, "plan.count_dropped", n=1)),
                f"7. {titles['7']}: " + translate(lang, "plan.summary", n=3, parts=parts)]
    assert [t.value for t in at.text if t.value in expected] == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_plan_says_how_to_add_one(data_dir, lang):
    """No plan loaded: both pages say how to add one through the Data page."""
    for name in ("overview", "priorities"):
        at = page(name, lang)
        notes = [i.value for i in at.info if translate(lang, "tables.action_plan") in i.value]
        assert len(notes) == 1 and translate(lang, "upload.title") in notes[0]


def test_the_plan_is_in_the_priorities_slides_and_presentation_mode(data_dir):
    """The Priorities page notes its progress chart for its slides; presentation mode started there shows it after
    the title slide, and a presentation opened from a link (?present=priorities) builds the same chart."""
    upload(data_dir, PLAN)
    at = page("priorities", "sv")
    title = translate("sv", "plan.chart_title", centre="SONet BOTNIA")
    assert [d.title for d in at.session_state[frame.DRAWN]] == [title]
    at.button(key="present-start").click().run()
    at.button(key="present-next").click().run()
    assert not at.exception and at.query_params["present"] == "priorities"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == title
    fresh = new_app({"lang": "sv", "present": "priorities", "slide": "2"}, timeout=60, cold=True).run()
    assert not fresh.exception
    spec = json.loads(fresh.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == title
