"""`python -m bench.slides`: time to build a 6-chart PowerPoint deck with a warm exporter (target < 10 s).

The charts are the Overview deck's key charts on the real data plus the disparity ranking for one region and for
the whole country (309 bars), so the deck holds 6 slides of the kinds a user exports.
"""
import statistics
import sys
import time

from export import images
from ui import centres, keycharts, slides

TARGET_S = 10.0
LANG, YEAR, INDICATOR, AREA = "fi", 2019, "unemployment_rate", "905"
CENTRE = centres.centre(centres.DEFAULT_CENTRE, LANG)


def six_charts():
    """The 4 key charts plus the ranking for region 14 and for the whole country."""
    charts = keycharts.key_charts(LANG, YEAR, INDICATOR, CENTRE.area, AREA, CENTRE)
    for scope in ("14", "SSS"):
        ranking = keycharts.disparity_ranking(LANG, YEAR, INDICATOR, scope, AREA, CENTRE)
        charts.append(keycharts.as_drawn(ranking, LANG))
    return charts


def measure(repeat=3):
    """Warm the exporter with one image, then build the deck `repeat` times; returns the times in seconds."""
    charts = six_charts()
    assert len(charts) == 6, len(charts)
    lines = slides.filter_lines(LANG, YEAR, INDICATOR, CENTRE.area)
    started = time.perf_counter()
    slides.slide_image(charts[0].fig)
    warm = time.perf_counter() - started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        deck = slides.deck_bytes(charts, LANG, lines, CENTRE)
        times.append(time.perf_counter() - started)
    return warm, times, len(deck)


def main():
    """Print the warm-up, the median and max deck time and the verdict against the target."""
    if images.chromium_path() is None:
        print("Chromium missing: apt-get install -y chromium")
        return 1
    warm, times, size = measure()
    print(f"exporter warm-up (first image): {warm:.2f} s")
    print(f"6-chart deck, warm exporter: median {statistics.median(times):.2f} s, max {max(times):.2f} s "
          f"over {len(times)} builds; {size / 1e6:.1f} MB; target < {TARGET_S:.0f} s")
    return 0 if max(times) < TARGET_S else 2


if __name__ == "__main__":
    sys.exit(main())
