"""Cached access to the data layer: one DuckDB connection per process, results cached per query and values."""
import streamlit as st

import queries


@st.cache_resource(show_spinner=False)
def connection():
    """The process-wide DuckDB connection (each query still gets its own cursor)."""
    return queries.connect()


@st.cache_data(show_spinner=False, max_entries=512, ttl=3600)
def query(query_name, **params):
    """The result of queries/<name>.sql for these parameter values (a copy is safe to modify)."""
    return queries.run(connection(), query_name, **params)


def clear():
    """Forget cached results and the connection (after new data has been written)."""
    query.clear()
    connection.clear()
