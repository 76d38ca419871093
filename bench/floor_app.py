"""The bench's floor: the dashboard's own shell (ui/shell.py: link filters, sidebar, navigation, link written back)
around a page that draws one line of text (bench/floor_page.py).

`python -m bench` measures every page's rerun as a multiple of this one's, in the same run, so its targets hold on a
slow machine as on a fast one. Only the bench runs this entry point (AppTest, `streamlit run bench/floor_app.py`);
dashboard.py never lists the floor page, so no user sees it.
"""
from pathlib import Path

import streamlit as st

from ui.shell import run

FLOOR_PAGE = Path(__file__).resolve().with_name("floor_page.py")

run(extra_pages=[st.Page(FLOOR_PAGE, title="Floor")])
