"""`python -m bench.funding_whatif`: rerun time of the Funding page after a what-if change (AppTest, shipped data).

Each run sets a new national total, so the scenario (and its figure) is recomputed every time; the first five
runs warm the caches and are not counted.
"""
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.reruns import line, timed_reruns

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def main():
    """Print the median, p95 and max of the reruns in milliseconds."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"], at.query_params["year"] = "fi", "2019"
    at.run()
    at.switch_page("app_pages/funding.py").run()

    def new_total(at, i):
        at.number_input(key="_widget_wi_total").set_value(2_750_000 + 1_000 * i)
    print(line("funding what-if rerun (target 150 ms)", timed_reruns(at, new_total, RUNS, "the page")))


if __name__ == "__main__":
    main()
