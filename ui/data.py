"""Cached access to the data layer: one DuckDB connection per process, results cached per query and values."""
import functools

import streamlit as st

import queries
from charts.shared import shared


@st.cache_resource(show_spinner=False)
def connection():
    """The process-wide DuckDB connection (each query still gets its own cursor)."""
    return queries.connect()


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def query(query_name, **params):
    """The result of queries/<name>.sql for these parameter values (a copy is safe to modify)."""
    return queries.run(connection(), query_name, **params)


@st.cache_resource(show_spinner=False, ttl=3600)
def areas_by_code():
    """code -> area row as a dict; shared read-only, so name look-ups cost no DataFrame copy."""
    return {row["code"]: row for row in query("areas").to_dict("records")}


@st.cache_resource(show_spinner=False, ttl=3600)
def indicators_by_code():
    """indicator -> metadata row as a dict; shared read-only like areas_by_code."""
    return {row["indicator"]: row for row in query("indicator_list").to_dict("records")}


@st.cache_resource(show_spinner=False, ttl=3600)
def sources_by_id():
    """The source registry indexed by source id; shared read-only, so every chart's source line costs no copy."""
    return query("sources").set_index("source_id")


_DERIVED = []


def derived(func):
    """Cache a builder of what is computed from query results (a figure, its formatted table), keyed by the
    filter values it takes: built once, shared by every session and never changed after (callers only read it),
    forgotten with the data (clear). Plotly's validation and Babel's formatting of every municipality cost a page
    many times Streamlit's own rerun; a filter value seen before costs a look-up. A built chart's figure becomes a
    charts.shared.SharedFigure, so drawing it again does not deep-copy it either."""
    @functools.wraps(func)
    def build(*args, **kwargs):
        value = func(*args, **kwargs)
        if hasattr(value, "fig"):
            shared(value.fig)
        return value

    cached = st.cache_resource(show_spinner=False, max_entries=256, ttl=3600)(build)
    _DERIVED.append(cached)
    return cached


def forget_built():
    """Forget every figure and table cached with `derived`."""
    for cached in _DERIVED:
        cached.clear()


def clear():
    """Forget cached results, look-ups, built figures and the connection (after new data has been written)."""
    query.clear()
    areas_by_code.clear()
    indicators_by_code.clear()
    sources_by_id.clear()
    forget_built()
    connection.clear()
