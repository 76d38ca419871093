"""`python -m bench.funding_whatif`: rerun time of the Funding page after a what-if change (AppTest, shipped data).

Each run sets a new national total, so the scenario (and its figure) is recomputed every time; the first five
runs warm the caches and are not counted.
"""
import statistics
import sys
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
RUNS, WARM_UP = 30, 5


def main():
    """Print the median, p95 and max of the reruns in milliseconds."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"], at.query_params["year"] = "fi", "2019"
    at.run()
    at.switch_page("app_pages/funding.py").run()
    times = []
    for i in range(RUNS):
        at.number_input(key="_widget_wi_total").set_value(2_750_000 + 1_000 * i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    if at.exception:
        sys.exit(f"the page raised: {[e.value for e in at.exception]}")
    ordered = sorted(times[WARM_UP:])
    p95 = ordered[int(round(0.95 * (len(ordered) - 1)))]
    print(f"funding what-if rerun: median {1000 * statistics.median(ordered):.1f} ms, p95 {1000 * p95:.1f} ms, "
          f"max {1000 * ordered[-1]:.1f} ms (n={len(ordered)}; target 150 ms)")


if __name__ == "__main__":
    main()
