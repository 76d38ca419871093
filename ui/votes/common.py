"""What the vote's screens share: the store, local times, focus-area titles, refusals (and those a form callback
kept) and round labels."""
import functools
from zoneinfo import ZoneInfo

import streamlit as st
from babel.dates import format_datetime

from calc.ballot import round_areas
from domain import DEFAULT_CENTRE
from locales import translate
from queries import vote_store
from ui import fmt
from ui.data import query

LOCAL_ZONE = ZoneInfo("Europe/Helsinki")


@functools.cache
def store_setting():
    """`store` under [meeting] in the secrets file ("duckdb" or a PostgreSQL URL), or None when not set; read once
    per process (parsing the secrets on every ballot showed in the burst's profile; a change needs a restart)."""
    try:
        return st.secrets.get("meeting", {}).get("store")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None


def store():
    """The process-wide vote store: SONET_VOTES_STORE, else [meeting] store, else the DuckDB file."""
    return vote_store.store(vote_store.configured_target(store_setting()))


def local_time(moment, lang, form="short"):
    """A stored UTC time in Finnish local time, formatted for the language."""
    aware = moment.replace(tzinfo=ZoneInfo("UTC"))
    return format_datetime(aware, form, tzinfo=LOCAL_ZONE, locale=fmt.BABEL_LOCALES[lang])


def area_titles(lang, centre=DEFAULT_CENTRE):
    """A centre's focus area id -> its title in the UI language (empty when the centre has loaded no list)."""
    frame = query("focus_areas", centre=centre)
    return dict(zip(frame["id"].astype(int), frame[f"title_{lang}"]))


def round_titles(vote_round, lang, titles=None):
    """The focus areas a round offers, id -> title, from its centre's list (`titles` when the caller has them);
    an area taken off the list since the round opened keeps its number and says so."""
    titles = area_titles(lang, vote_round.get("centre") or DEFAULT_CENTRE) if titles is None else titles
    return {a: titles.get(a, translate(lang, "vote.area_removed")) for a in round_areas(vote_round.get("areas"))}


def refusal(error, lang):
    """A refused ballot or request, in the user's language (an open question's refusals have their own section,
    calc.question.AnswerRefused)."""
    return translate(lang, f"{getattr(error, 'section', 'vote')}.refused_{error.reason}", **error.values)


def show_kept_refusal(key, lang):
    """The refusal a form callback kept under `key` (a callback runs before the page is drawn), shown once."""
    refused = st.session_state.pop(key, None)
    if refused is not None:
        st.error(refusal(refused, lang))


def round_label(vote_round, lang):
    """'code · opened 12.4.2019 klo 9.05 · n ballots' (the title is shown separately as plain text)."""
    state = "closed" if vote_round["closed_at"] is not None else "open"
    return translate(lang, f"vote.round_label_{state}", code=vote_round["code"], title=vote_round["title"],
                     opened=local_time(vote_round["opened_at"], lang), ballots=vote_round["ballots"])
