"""Each centre's own lists: its focus areas (what a meeting round votes on).

SONet BOTNIA's 11 focus areas are its 2019 deck's (raw/sonet_botnia/priorities.csv); every other centre's list is
what its editors uploaded on the Data page (raw/updates/focus_areas.csv, columns centre, id, title_fi, title_sv,
title_en). The build joins them into data/focus_areas.csv and stops, naming file, row and column, at a list row
that names an unknown centre or SONet BOTNIA (whose list is the deck's), repeats an id or leaves a title empty. The
upload checks the same before anything is written (ingest/upload_check.py), with the messages in the UI language.
"""
import pandas as pd

from calc.ballot import MAX_AREA_ID
from domain import DEFAULT_CENTRE, FOCUS_FILE
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
