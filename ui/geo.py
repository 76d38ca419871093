"""Borders for the map: the shipped GeoJSON files read once per process, and the features of the areas shown."""
import json

import streamlit as st

import queries

MUNICIPALITIES = "geo/municipalities.geojson"
REGIONS = "geo/regions.geojson"


@st.cache_resource(show_spinner=False)
def _collection(file):
    """A border file as parsed GeoJSON, shared read-only by every session (it is never modified)."""
    return json.loads(queries.geo_file(file))


def features(file, codes):
    """The features of `file` whose id is one of `codes`, in the file's order: only what the map draws is sent."""
    wanted = set(codes)
    return [f for f in _collection(file)["features"] if f["id"] in wanted]
