"""`python -m bench.disparity`: what the Disparity and Profile pages send and how fast they rerun (AppTest).

Payload: the bytes of each figure's JSON as Streamlit sends it, per scope (the map carries its borders).
Reruns: the Disparity page after an indicator change and the Profile page after a municipality change, at the
shipped data and at the 100x synthetic copy of bench/scale.py (written to a temporary folder, never to data/).
The first five runs warm the caches and are not counted.
"""
import os
import shutil
import sys
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench import scale
from bench.reruns import line, timed_reruns

ROOT = Path(__file__).resolve().parent.parent
RUNS = 25
INDICATORS = ["unemployment_rate", "employment_rate", "education_tertiary_pct", "pensioners_pct",
              "distance_nearest_centre_km"]
AREAS = ["905", "499", "743", "272", "091"]
# The centre with the most municipalities in its area (the Pohjois-Suomi cooperation area's, 67).
LARGEST, LARGEST_AREA = "yta_pohjois_suomi", "YTA5"


def app(page, **params):
    """A fresh AppTest of `page` with the given link parameters."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in {"lang": "fi", "year": "2016", **params}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    if at.exception:
        sys.exit(f"{page} raised: {[e.value for e in at.exception]}")
    return at


def payload():
    """Bytes of every figure on the Disparity page per scope, and on the Profile page."""
    lines = []
    for centre, scope in (("sonet_botnia", "SB"), ("sonet_botnia", "15"), (LARGEST, LARGEST_AREA),
                          ("sonet_botnia", "SSS")):
        at = app("disparity", centre=centre, scope=scope)
        sizes = [len(chart.proto.spec.encode("utf-8")) for chart in at.get("plotly_chart")]
        lines.append(f"disparity scope={scope}: map {sizes[0] / 1024:.0f} KiB, bars {sizes[1] / 1024:.0f} KiB, "
                     f"all {len(sizes)} figures {sum(sizes) / 1024:.0f} KiB")
    at = app("profile", area="499")
    sizes = [len(chart.proto.spec.encode("utf-8")) for chart in at.get("plotly_chart")]
    lines.append(f"profile area=499: {len(sizes)} figures {sum(sizes) / 1024:.0f} KiB")
    return lines


def reruns(page, key, values, **params):
    """Rerun times in seconds after setting the selectbox bound to `key` to each of `values` in turn."""
    def choose(at, i):
        at.selectbox(key=f"_widget_{key}").set_value(values[i % len(values)])
    return timed_reruns(app(page, **params), choose, RUNS, page)


def main():
    """Print the payloads, then the reruns at 1x and 100x."""
    for text in payload():
        print(text)
    for factor in (1, 100):
        folder = scale.scaled_copy(factor)
        os.environ["SONET_DATA_DIR"] = str(folder)
        try:
            print(line(f"{factor}x disparity, indicator change, scope SB",
                       reruns("disparity", "indicator", INDICATORS, scope="SB")))
            print(line(f"{factor}x disparity, indicator change, the largest centre's area ({LARGEST}, 67 "
                       "municipalities)", reruns("disparity", "indicator", INDICATORS, centre=LARGEST,
                                                 scope=LARGEST_AREA)))
            print(line(f"{factor}x profile, municipality change", reruns("profile", "area", AREAS)))
            print(line(f"{factor}x profile, municipality change, {LARGEST}",
                       reruns("profile", "area", AREAS, centre=LARGEST)))
        finally:
            os.environ.pop("SONET_DATA_DIR", None)
            shutil.rmtree(folder, ignore_errors=True)
    print("targets: rerun under 150 ms at 1x and under 400 ms at 100x")


if __name__ == "__main__":
    main()
