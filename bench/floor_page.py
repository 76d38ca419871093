"""The floor page (bench only, see bench/floor_app.py): the sidebar's year picker every page has, and one line of
text naming the year, so a year change reruns the shell around the least a page can draw."""
import streamlit as st

from ui.context import page_context
from ui.data import query
from ui.filters import page_year

lang = page_context().lang
st.text(f"floor {page_year(lang, query('years')['year'].tolist())}")
