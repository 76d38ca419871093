"""Each centre's own lists: its focus areas (what a meeting round votes on) and its action plan.

SONet BOTNIA's 11 focus areas are its 2019 deck's (raw/sonet_botnia/priorities.csv); every other centre's list is
what its editors uploaded on the Data page (raw/updates/focus_areas.csv, columns centre, id, title_fi, title_sv,
title_en). The build joins them into data/focus_areas.csv and stops, naming file, row and column, at a list row
that names an unknown centre or SONet BOTNIA (whose list is the deck's), repeats an id or leaves a title empty. The
upload checks the same before anything is written (ingest/upload_check.py), with the messages in the UI language.

An action plan (raw/updates/action_plan.csv, uploaded the same way) has one row per action: its centre, its number,
the focus area (an id of that centre's list), the action, its owner (a role), start and due dates, status (planned,
ongoing, done, dropped) and optionally an indicator of indicator_meta with a target value and year. The build
stops at a row whose focus area is not in its centre's list, whose due date is before its start, whose status or
indicator is unknown, or whose owner is an e-mail address or a phone number.
"""
import re
from datetime import date

import pandas as pd

from calc.ballot import MAX_AREA_ID
from domain import DEFAULT_CENTRE, FOCUS_FILE, PLAN_FILE
from ingest.errors import SourceError
from ingest.readers import read_csv

FOCUS_COLUMNS = ["centre", "id", "title_fi", "title_sv", "title_en"]
TITLES = ("title_fi", "title_sv", "title_en")


def check_focus_rows(path, frame, centre_ids):
    """The first bad row of an uploaded focus-area list stops the build."""
    seen = set()
    for i, rec in enumerate(frame.itertuples(index=False), start=2):
        if rec.centre not in centre_ids or rec.centre == DEFAULT_CENTRE:
            raise SourceError(path, f"unknown centre {rec.centre!r} (SONet BOTNIA's list is the deck's)", row=i,
                              column="centre")
        if not (rec.id.isascii() and rec.id.isdigit() and 1 <= int(rec.id) <= MAX_AREA_ID):
            raise SourceError(path, f"id {rec.id!r} is not a whole number 1–{MAX_AREA_ID}", row=i, column="id")
        if (rec.centre, int(rec.id)) in seen:
            raise SourceError(path, f"id {rec.id} of {rec.centre} given twice", row=i, column="id")
        seen.add((rec.centre, int(rec.id)))
        for column in TITLES:
            if not getattr(rec, column).strip():
                raise SourceError(path, "empty value", row=i, column=column)


def build_focus_areas(raw, priorities, centres):
    """One row per centre and focus area: the deck's 11 for SONet BOTNIA, then the uploaded lists."""
    deck = priorities.assign(centre=DEFAULT_CENTRE)[["centre", "id", *TITLES, "deck_fi"]]
    path = raw / FOCUS_FILE
    if not path.exists():
        return deck.reset_index(drop=True)
    frame = read_csv(path, FOCUS_COLUMNS)[FOCUS_COLUMNS]
    check_focus_rows(path, frame, set(centres["centre_id"]))
    uploaded = frame.assign(id=frame["id"].astype(int), deck_fi="")
    both = pd.concat([deck, uploaded], ignore_index=True)
    return both.sort_values(["centre", "id"], kind="stable").reset_index(drop=True)


# An action plan (raw/updates/action_plan.csv): one row per action of a centre. `id` numbers the centre's actions;
# the indicator and its target are optional, but come together.
PLAN_COLUMNS = ["centre", "id", "focus_area", "action", "owner", "start", "due", "status", "indicator",
                "target_value", "target_year"]
MAX_ACTION_ID = 9999
# What people write for a status: our codes and the Finnish and Swedish words.
STATUS_ALIASES = {
    "planned": "planned", "suunniteltu": "planned", "suunnitteilla": "planned", "planerad": "planned",
    "ongoing": "ongoing", "käynnissä": "ongoing", "kaynnissa": "ongoing", "pågående": "ongoing",
    "pagaende": "ongoing", "pågår": "ongoing",
    "done": "done", "valmis": "done", "tehty": "done", "klar": "done", "genomförd": "done",
    "dropped": "dropped", "luovuttu": "dropped", "keskeytetty": "dropped", "lopetettu": "dropped",
    "avbruten": "dropped", "struken": "dropped",
}
DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?|(\d{1,2})\.(\d{1,2})\.(\d{4})")
# An owner is a role ("kehittämispäällikkö"), not a person's contact: an e-mail address or a phone number is refused.
PERSONAL = re.compile(r"@|\+?\d[\d\s-]{5,}\d")


def parse_day(text):
    """A date as people write it: 2025-09-01 (also Excel's '2025-09-01 00:00:00') or 1.9.2025; None if not one."""
    found = DAY.fullmatch(str(text).strip())
    if not found:
        return None
    year, month, day = (found.group(1, 2, 3) if found.group(1) else found.group(6, 5, 4))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def status_code(text):
    """Our status code for what was written (case and surrounding spaces do not matter), else the text itself."""
    return STATUS_ALIASES.get(str(text).strip().lower(), str(text).strip())


def looks_personal(text):
    """Whether an owner holds an e-mail address or a phone number (a person's data, not a role)."""
    return PERSONAL.search(str(text)) is not None


def plan_row_problem(rec, focus, indicators):
    """(column, reason) of the first thing wrong with an action plan row (all cells text), or None."""
    if (rec["centre"], rec["focus_area"]) not in focus:
        return "focus_area", f"no focus area {rec['focus_area']!r} in {rec['centre']!r}'s list"
    if not (rec["id"].isdigit() and 1 <= int(rec["id"]) <= MAX_ACTION_ID):
        return "id", f"id {rec['id']!r} is not a whole number 1–{MAX_ACTION_ID}"
    for column in ("action", "owner"):
        if not rec[column].strip():
            return column, "empty value"
    if looks_personal(rec["owner"]):
        return "owner", "an owner is a role, not an e-mail address or a phone number"
    start, due = parse_day(rec["start"]), parse_day(rec["due"])
    if start is None or due is None:
        return ("start" if start is None else "due"), "not a date (YYYY-MM-DD)"
    if due < start:
        return "due", "due before start"
    if rec["status"] not in STATUS_ALIASES.values():
        return "status", f"unknown status {rec['status']!r}"
    linked = [bool(rec[c].strip()) for c in ("indicator", "target_value", "target_year")]
    if any(linked) and not all(linked):
        return "indicator", "an indicator, its target value and target year come together"
    if rec["indicator"] and rec["indicator"] not in indicators:
        return "indicator", f"unknown indicator {rec['indicator']!r}"
    return None


def build_action_plan(raw, focus_areas, indicators):
    """The centres' action plans, checked against their focus-area lists and indicator_meta; empty (with its
    columns) when none has been uploaded."""
    path = raw / PLAN_FILE
    if not path.exists():
        return pd.DataFrame(columns=PLAN_COLUMNS)
    frame = read_csv(path, PLAN_COLUMNS)[PLAN_COLUMNS]
    focus = {(c, str(i)) for c, i in zip(focus_areas["centre"], focus_areas["id"])}
    seen = set()
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        problem = plan_row_problem(rec, focus, set(indicators))
        if problem is None and (rec["centre"], rec["id"]) in seen:
            problem = ("id", f"action {rec['id']} of {rec['centre']} given twice")
        if problem:
            raise SourceError(path, problem[1], row=i, column=problem[0])
        seen.add((rec["centre"], rec["id"]))
    frame["start"] = [parse_day(v).isoformat() for v in frame["start"]]
    frame["due"] = [parse_day(v).isoformat() for v in frame["due"]]
    return frame.sort_values(["centre", "id"], key=lambda s: s.astype(int) if s.name == "id" else s,
                             kind="stable").reset_index(drop=True)
