"""Filters bound to the URL: read once per session from the query string, validated, written back every run.

A bad value in the link falls back to the default and leaves a notice for the page, never a traceback.
"""
import re

import streamlit as st

from calc.numbers import parse_number
from locales import DEFAULT_LANGUAGE, LANGUAGES, translate
from ui import fmt

NOTICES = "_url_notices"
# Link values are ASCII: "²".isdigit() and float("١٢") are true and 12, but no link of ours holds them.
INTEGER = re.compile(r"-?[0-9]{1,15}")
DECIMAL = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,15})?")


def _read(name, parse, default):
    """The parsed URL value of `name`, or `default` with a notice when the value is not valid."""
    raw = st.query_params.get(name)
    if raw is None:
        return default
    value = parse(raw)
    if value is None:
        st.session_state.setdefault(NOTICES, []).append(name)
        return default
    return value


def _int_in(options):
    """A parser accepting only whole numbers found in `options`."""
    def parse(raw):
        text = raw.strip(" ")
        return int(text) if INTEGER.fullmatch(text) and int(text) in options else None
    return parse


def _member(options):
    """A parser accepting only one of `options`."""
    return lambda raw: raw if raw in options else None


def url_value(name, options, default, integer=False):
    """The session's current value for a URL-bound filter, read from the link on first use."""
    if name not in st.session_state:
        parse = _int_in(options) if integer else _member(options)
        st.session_state[name] = _read(name, parse, default)
    if st.session_state[name] not in options:
        st.session_state[name] = default
    return st.session_state[name]


def _number_in(low, high, integer):
    """A parser accepting a whole number (or, unless `integer`, a decimal with '.' or ',') within [low, high]."""
    def parse(raw):
        text = raw.strip(" ")
        if not (INTEGER if integer else DECIMAL).fullmatch(text):
            return None
        value = int(text) if integer else float(text.replace(",", "."))
        return value if low <= value <= high else None
    return parse


def url_number(name, low, high, integer=False):
    """A numeric setting from the link, read once per session; absent or invalid means None ("the default").

    None is never written back to the link, so a setting whose default follows the data stays out of it.
    """
    if name not in st.session_state:
        st.session_state[name] = _read(name, _number_in(low, high, integer), None)
    return st.session_state[name]


def _invalid_key(name):
    """Where a typed text that is not a valid number waits, so the user sees and corrects it."""
    return f"_invalid_{name}"


def forget_typing(names):
    """Drop texts waiting to be corrected (a preset or a reset replaces them with a value)."""
    for name in names:
        st.session_state.pop(_invalid_key(name), None)


def typed_number(name, label, default, *, lang, low, high, decimals, where=st, **kwargs):
    """A number typed as text in the UI language ('10,5', '2 950 000' in fi/sv), its value kept under `name`.

    The field shows the value in the UI language's format. Text that is not a number, or lies outside
    [low, high], leaves the value unchanged, stays in the field and gets a message under it. Choosing the default
    (`default`, which may follow the data) again clears `name`, so it stays out of the link. Returns the value.
    """
    widget_key, invalid = f"_widget_{name}", _invalid_key(name)
    current = st.session_state.get(name)
    value = default if current is None else current
    if invalid not in st.session_state:
        st.session_state[widget_key] = fmt.number_upto(value, lang, decimals)

    def changed():
        number = parse_number(st.session_state[widget_key], lang)
        if number is None or not low <= number <= high:
            st.session_state[invalid] = "whatif.not_a_number" if number is None else "whatif.out_of_range"
            return
        st.session_state.pop(invalid, None)
        number = round(number, decimals)
        typed = int(number) if decimals == 0 else float(number)
        st.session_state[name] = None if typed == round(default, decimals) else typed

    where.text_input(label, key=widget_key, on_change=changed, **kwargs)
    problem = st.session_state.get(invalid)
    if problem:
        example = fmt.number_upto(value, lang, decimals)
        where.error(translate(lang, problem, field=label, example=example, low=fmt.number(low, lang, decimals),
                              high=fmt.number(high, lang, decimals)), icon=":material/error:")
    return value


def url_parsed(name, parse):
    """A free-form value from the link (e.g. a join code), read once per session through `parse`; None if absent."""
    if name not in st.session_state:
        raw = st.query_params.get(name)
        st.session_state[name] = parse(raw) if raw is not None else None
    return st.session_state[name]


def language():
    """The UI language: from the session, else the link, else Finnish."""
    return url_value("lang", LANGUAGES, DEFAULT_LANGUAGE)


def sync_url(names):
    """Write the named filters to the query string so that the link reproduces the view."""
    wanted = {n: str(st.session_state[n]) for n in names if st.session_state.get(n) is not None}
    for key in list(st.query_params.keys()):
        if key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def take_notices():
    """URL parameters that were not valid, reported once."""
    return st.session_state.pop(NOTICES, [])


def _copy_widget(widget_key, name, after=None):
    """on_change: the user's pick becomes the filter's value before the script reruns (then `after()`, if any)."""
    st.session_state[name] = st.session_state[widget_key]
    if after:
        after()


def choose(name, label, options, format_func, where=st, after=None, **kwargs):
    """A selectbox whose value lives in the session under `name` (and so in the URL).

    `name` is the one source of truth: the widget is seeded from it on every run and copies a user's pick back
    through on_change (then calls `after`, for filters that depend on this one), so the value survives page
    switches and widget-identity changes alike.
    """
    widget_key = f"_widget_{name}"
    st.session_state[widget_key] = st.session_state[name]
    where.selectbox(label, options, key=widget_key, format_func=format_func, on_change=_copy_widget,
                    args=(widget_key, name, after), **kwargs)
    return st.session_state[name]
