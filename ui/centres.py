"""The competence centre a user looks at: every page's area is that centre's area (SONet BOTNIA's by default).

A centre of 2002-30.6.2025 has its regions as parts; a centre of 1.7.2025 (one cooperation area) has its wellbeing
services counties. The Swedish-language centre has no area: its `area` is empty and pages say area figures do not
apply to it.
"""
from datetime import date
from typing import NamedTuple

import streamlit as st
from babel.dates import format_date

from domain import DEFAULT_CENTRE
from ui import fmt
from ui.data import areas_by_code, query

# The level and the areas.csv column of the areas making up a centre's area, by the level of its own area row.
PART_LEVEL = {"centre": ("region", "centre_code"), "yta": ("hva", "yta_code")}
# A day as the region writes it: 30.6.2025 in Finnish and Swedish, 30 Jun 2025 in English.
DAY_FORMAT = {"fi": "d.M.y", "sv": "d.M.y", "en": "d MMM y"}


class Centre(NamedTuple):
    """What a page needs of the chosen centre: id, area code ('' when none), names, the area's parts, period."""

    id: str
    area: str
    short_name: str
    name: str
    area_name: str
    parts: tuple
    period: str

    @property
    def title(self):
        """'SONet BOTNIA – <its official name>', or the name alone for a centre named after its area."""
        return self.name if self.short_name in (self.name, self.area_name) else f"{self.short_name} – {self.name}"

    @property
    def slug(self):
        """The centre in file names: 'sonet-botnia', 'yta-pohjois-suomi'."""
        return slug_of(self.id)

    @property
    def part_column(self):
        """The areas.csv column that names a municipality's part of this centre's area (region or county)."""
        level = areas_by_code()[self.parts[0]]["level"] if self.parts else "region"
        return f"{level}_code"


@st.cache_resource(show_spinner=False, ttl=3600)
def centres_by_id():
    """centre id -> centre_list row as a dict, in the list's order (oldest period first)."""
    return {row["centre_id"]: row for row in query("centre_list").to_dict("records")}


def centre_ids():
    """The ids a link's ?centre= may name, the default first, then the centres of 1.7.2025, then the earlier ones."""
    ids = list(centres_by_id())
    running = [c for c in ids if not isinstance(centres_by_id()[c]["last_day"], str)]
    return [DEFAULT_CENTRE, *running, *(c for c in ids if c not in running and c != DEFAULT_CENTRE)]


def day(iso, lang):
    """An ISO date as the UI language writes it."""
    return format_date(date.fromisoformat(iso), format=DAY_FORMAT[lang], locale=fmt.BABEL_LOCALES[lang])


def period_text(first, last, lang):
    """'2002–30.6.2025' or '1.7.2025–': a period starting on 1 January is given by its year."""
    start = first[:4] if first.endswith("-01-01") else day(first, lang)
    return f"{start}–{day(last, lang) if isinstance(last, str) and last else ''}"


def parts_of(area):
    """The regions (regional centres) or wellbeing services counties (cooperation areas) making up `area`."""
    areas = areas_by_code()
    if not area or area not in areas:
        return ()
    level, column = PART_LEVEL[areas[area]["level"]]
    return tuple(code for code, row in areas.items() if row["level"] == level and row.get(column) == area)


def area_of(row):
    """A centre_list row's area code, '' for the Swedish-language centre."""
    return row["area_code"] if isinstance(row["area_code"], str) else ""


def short_name(row, lang):
    """A centre's short name: its own (SONet BOTNIA, Poske ...), or for a cooperation-area centre, which has
    none, the cooperation area's name in the UI language."""
    area = areas_by_code().get(area_of(row))
    return area[f"name_{lang}"] if area and area["level"] == "yta" else row["short_name"]


def centre(centre_id, lang):
    """The Centre of `centre_id` in the UI language."""
    row = centres_by_id()[centre_id]
    area = area_of(row)
    area_name = areas_by_code()[area][f"name_{lang}"] if area else ""
    return Centre(centre_id, area, short_name(row, lang), row[f"name_{lang}"], area_name, parts_of(area),
                  period_text(row["first_day"], row["last_day"], lang))


def label(centre_id, lang):
    """The picker's text for a centre: short name and period, e.g. 'SONet BOTNIA (2002–30.6.2025)'."""
    row = centres_by_id()[centre_id]
    return f"{short_name(row, lang)} ({period_text(row['first_day'], row['last_day'], lang)})"


def slug_of(centre_id):
    """A centre id as file names carry it (Centre.slug)."""
    return centre_id.replace("_", "-")


def chosen_id():
    """The id of the centre the sidebar (or the link) chose."""
    return st.session_state.get("centre") or DEFAULT_CENTRE


def chosen(lang):
    """The centre the sidebar (or the link) chose."""
    return centre(chosen_id(), lang)


def municipalities_of(area):
    """The municipality codes of a centre's area (none for the Swedish-language centre)."""
    return [code for code, row in areas_by_code().items()
            if area and row["level"] == "municipality" and area in (row["centre_code"], row["yta_code"])]


def successor(region):
    """The centre from 1.7.2025 whose cooperation area holds region `region` (None if none does)."""
    yta = areas_by_code()[region].get("yta_code")
    return next((c for c, row in centres_by_id().items() if yta and area_of(row) == yta), None)
